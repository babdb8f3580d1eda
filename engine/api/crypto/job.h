#pragma once
// The threading model of WebCrypto (see README.md). A SubtleCrypto method validates and copies
// its inputs on the engine thread, then schedules a Job: `work` runs on thread-safe inputs and
// fills a JobResult; `finish` runs on the engine thread and settles the promise.
//
// Small jobs are queued and run from a microtask at the end of the current script turn: a lone
// job (`await subtle.sign(...)`) runs right there on the engine thread, which is cheaper than any
// thread hop. A burst (1000 signatures started at once) is shared: pool workers start taking jobs
// from the same queue as soon as it holds more than a few, while the script is still starting
// them, and the engine thread takes the rest from its microtask; results from the pool are settled
// in batches, one macrotask for whatever finished meanwhile. Large jobs (big digests and ciphers,
// RSA key generation, PBKDF2) always run on the pool so timers keep firing; their results come
// back the same way. Every pending job keeps the event loop alive.

#include "api/crypto/key.h"
#include "bind/promise.h"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>

namespace nano::api::crypto {

struct JobResult {
    Status status;
    Bytes bytes;
    bool verified = false;
    NewKey key, key2; // generateKey / deriveKey / importKey results
};

using JobWork = std::function<void(JobResult&)>;
using JobFinish = std::function<void(v8::Isolate*, bind::PromiseResolver&, JobResult&)>;

enum class JobCost : uint8_t { Small, Large };

// Returns the promise of the job (empty with an exception pending if V8 cannot allocate).
v8::Local<v8::Promise> scheduleJob(bind::CallContext& cx, JobCost cost, JobWork work,
                                   JobFinish finish);

// Finishers of operation `op` ("sign"): reject with result.status on failure, else resolve
// with an ArrayBuffer of result.bytes / with result.verified.
JobFinish finishWithBytes(const char* op);
JobFinish finishWithBool(const char* op);
// Rejects with the status's DOMException (or TypeError), its message prefixed with
// "Failed to execute '<op>' on 'SubtleCrypto': "; true if it did.
bool rejectIfFailed(v8::Isolate* isolate, bind::PromiseResolver& resolver, const Status& status,
                    const char* op);

// Moves bytes into a new ArrayBuffer without zero-filling or copying.
v8::Local<v8::ArrayBuffer> newArrayBuffer(v8::Isolate* isolate, Bytes&& bytes);

// A large input copied on the engine thread in chunks while a pool job already consumes it:
// the spec's copy still completes before the method returns, but the work overlaps it instead
// of waiting for it (SHA-256 of 256 MiB: the copy hides behind the hash). The copy uses
// streaming (non-temporal) stores: it is read once, later, by the other thread, and on a busy
// machine the two share one core, so the copy's CPU time is the hash's.
class StreamedInput {
public:
    // `spare`: room after the input, for a job that makes the buffer its output (an AES-GCM tag).
    explicit StreamedInput(size_t size, size_t spare = 0)
    {
        m_bytes.reserve(size + spare);
        m_bytes.resize(size);
    }
    StreamedInput(const StreamedInput&) = delete;
    StreamedInput& operator=(const StreamedInput&) = delete;

    const uint8_t* data() const { return m_bytes.data(); }
    size_t size() const { return m_bytes.size(); }
    // Engine thread: copies `source` (m_size bytes) chunk by chunk, publishing progress.
    void copyFrom(const uint8_t* source);
    // Any thread: blocks until bytes [0, end) have been copied.
    void waitFor(size_t end) const;
    // For a job that transforms the input in place: it may write the bytes it has waited for,
    // and once it has waited for all of them, take the buffer as its output (no second buffer
    // as large to allocate and fault in).
    uint8_t* inPlace() { return m_bytes.data(); }
    Bytes takeBuffer() { return std::move(m_bytes); }

    static constexpr size_t kChunk = 1 << 20;

private:
    Bytes m_bytes;
    std::atomic<size_t> m_ready{0};
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_condition;
};

// Inputs above this size make digests and ciphers Large jobs.
constexpr size_t kLargeInput = 256 * 1024;
// Inputs above this size are copied while the job runs (StreamedInput).
constexpr size_t kStreamedInput = 8 << 20;

} // namespace nano::api::crypto
