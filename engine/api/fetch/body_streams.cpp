#include "api/fetch/body_streams.h"

#include "api/streams/promises.h"
#include "api/streams/read_request.h"
#include "api/streams/readable_byte_stream_controller.h"
#include "api/streams/readable_stream.h"
#include "api/streams/readable_stream_default_controller.h"
#include "api/streams/readable_stream_default_reader.h"
#include "bind/class_builder.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <new>

namespace nano::api::fetch {

using namespace streams;

namespace {
constexpr size_t kChunkSize = 64 * 1024;
} // namespace

v8::Local<v8::Promise> SpansSource::pullAlgorithm(v8::Isolate* isolate,
                                                  ReadableStreamController* controller)
{
    m_pulled = true;
    auto* c = static_cast<ReadableByteStreamController*>(controller);
    skipEmptySpans();
    if (m_index < m_spans.size()) {
        const ByteSpan& span = m_spans[m_index];
        const uint8_t* from = span.data + m_offset;
        const size_t remaining = span.size - m_offset;
        if (ReadableStreamBYOBRequest* request =
                readableByteStreamControllerGetBYOBRequest(isolate, c)) {
            v8::Local<v8::ArrayBufferView> view =
                request->m_view.get(isolate).As<v8::ArrayBufferView>();
            const size_t n = std::min(remaining, view->ByteLength());
            std::memcpy(static_cast<uint8_t*>(view->Buffer()->Data()) + view->ByteOffset(), from,
                        n);
            m_offset += n;
            if (!readableByteStreamControllerRespond(isolate, c, n)) return {};
        } else {
            const size_t n = std::min(remaining, kChunkSize);
            std::unique_ptr<v8::BackingStore> store = v8::ArrayBuffer::NewBackingStore(isolate, n);
            if (!store || (n > 0 && !store->Data())) {
                isolate->ThrowException(v8::Exception::RangeError(
                    bind::name(isolate, "Out of memory reading a body.")));
                return {};
            }
            std::memcpy(store->Data(), from, n);
            m_offset += n;
            v8::Local<v8::ArrayBuffer> buffer =
                v8::ArrayBuffer::New(isolate, std::shared_ptr<v8::BackingStore>(std::move(store)));
            if (!readableByteStreamControllerEnqueue(isolate, c, v8::Uint8Array::New(buffer, 0, n)))
                return {};
        }
        skipEmptySpans();
    }
    if (m_index >= m_spans.size()) {
        m_spans.clear();
        if (!readableByteStreamControllerClose(isolate, c)) return {};
        // A BYOB read still waiting learns of the end.
        if (!c->m_pendingPullIntos.empty() && !readableByteStreamControllerRespond(isolate, c, 0))
            return {};
    }
    return promiseResolvedWithUndefined(isolate->GetCurrentContext());
}

v8::Local<v8::Promise> SpansSource::cancelAlgorithm(v8::Isolate* isolate, ReadableStreamController*,
                                                    v8::Local<v8::Value>)
{
    m_pulled = true;
    m_spans.clear();
    m_index = 0;
    return promiseResolvedWithUndefined(isolate->GetCurrentContext());
}

void SpansSource::skipEmptySpans()
{
    while (m_index < m_spans.size() && m_offset >= m_spans[m_index].size) {
        ++m_index;
        m_offset = 0;
    }
}

namespace {

// https://streams.spec.whatwg.org/#readablestreamdefaultreader-read-all-bytes: one read
// request reads every chunk.
class ReadAllBytes final : public ReadLoopRequest {
    NANO_BIND_CLASS(ReadAllBytes)
public:
    static void define(bind::ClassBuilder<ReadAllBytes>&) {}

    ReadAllBytes(const bind::CallSite& site, BytesSuccess success, BytesFailure failure)
        : m_site(site)
        , m_success(std::move(success))
        , m_failure(std::move(failure))
    {}

    void start(v8::Isolate* isolate, std::optional<uint64_t> expectedLength)
    {
        // A length that cannot be reserved (a hostile Content-Length, later) only loses the
        // reservation: the buffer then grows as the bytes arrive.
        if (expectedLength && *expectedLength <= m_bytes.max_size()) {
            try {
                m_bytes.reserve(static_cast<size_t>(*expectedLength));
            } catch (const std::bad_alloc&) {
            }
            reportMemory();
        }
        readNext(isolate, m_reader.get());
    }

    void chunkSteps(v8::Isolate* isolate, v8::Local<v8::Value> chunk) override
    {
        if (isDone()) return;
        if (!chunk->IsUint8Array()) {
            v8::Local<v8::Value> keep = m_keep.get(isolate);
            finish();
            m_failure(isolate,
                      bind::makeError(isolate, "TypeError", m_site,
                                      "The body stream gave a chunk that is not a Uint8Array."),
                      keep);
            return;
        }
        auto view = chunk.As<v8::Uint8Array>();
        const size_t n = view->ByteLength();
        if (n > 0) {
            const auto* data =
                static_cast<const uint8_t*>(view->Buffer()->Data()) + view->ByteOffset();
            try {
                if (m_bytes.capacity() - m_bytes.size() < n)
                    m_bytes.reserve(std::max(m_bytes.size() + n, m_bytes.capacity() * 2));
                m_bytes.insert(m_bytes.end(), data, data + n);
            } catch (const std::bad_alloc&) {
                v8::Local<v8::Value> keep = m_keep.get(isolate);
                finish();
                m_failure(isolate,
                          bind::makeError(isolate, "RangeError", m_site,
                                          "Out of memory reading the body."),
                          keep);
                return;
            }
            reportMemory();
        }
        readNext(isolate, m_reader.get());
    }
    void closeSteps(v8::Isolate* isolate) override
    {
        if (isDone()) return;
        std::vector<uint8_t> bytes = std::move(m_bytes);
        v8::Local<v8::Value> keep = m_keep.get(isolate);
        finish();
        m_success(isolate, std::move(bytes), keep);
    }
    void errorSteps(v8::Isolate* isolate, v8::Local<v8::Value> e) override
    {
        if (isDone()) return;
        v8::Local<v8::Value> keep = m_keep.get(isolate);
        finish();
        m_failure(isolate, e, keep);
    }

    bind::Member<ReadableStreamDefaultReader> m_reader{this};
    bind::Member<v8::Value> m_keep{this};

private:
    void finish()
    {
        markDone();
        m_bytes = {};
        m_keep.clear();
        setExternalMemory(ExternalMemoryKind::Bodies, 0);
    }
    void reportMemory()
    {
        // Only when the buffer grew: each report tells V8 of the whole buffer again, and V8
        // answers a large amount of external memory with a GC (one per chunk made
        // arrayBuffer() of a 256 MiB body four times slower than reading it with a reader).
        const auto capacity = static_cast<int64_t>(m_bytes.capacity());
        if (capacity == externalMemory()) return;
        setExternalMemory(ExternalMemoryKind::Bodies, capacity);
    }

    bind::CallSite m_site;
    BytesSuccess m_success;
    BytesFailure m_failure;
    std::vector<uint8_t> m_bytes;
};

// The source of a proxy stream: each pull reads one chunk of the input and enqueues it.
class ProxySource final : public ReadRequest, public SourceAlgorithms {
    NANO_BIND_CLASS(ProxySource)
public:
    static void define(bind::ClassBuilder<ProxySource>&) {}

    v8::Local<v8::Promise> pullAlgorithm(v8::Isolate* isolate, ReadableStreamController*) override
    {
        v8::Local<v8::Context> context = isolate->GetCurrentContext();
        v8::Local<v8::Promise> promise = newPromise(context);
        m_pullPromise.set(promise);
        readableStreamDefaultReaderRead(isolate, m_reader.get(), {}, this);
        return promise;
    }
    v8::Local<v8::Promise> cancelAlgorithm(v8::Isolate* isolate, ReadableStreamController*,
                                           v8::Local<v8::Value> reason) override
    {
        v8::Local<v8::Promise> result =
            readableStreamCancel(isolate, m_reader->m_stream.get(), reason);
        return result.IsEmpty() ? promiseResolvedWithUndefined(isolate->GetCurrentContext())
                                : result;
    }
    void chunkSteps(v8::Isolate* isolate, v8::Local<v8::Value> chunk) override
    {
        readableStreamDefaultControllerEnqueue(isolate, controller(), chunk);
        settlePull(isolate);
    }
    void closeSteps(v8::Isolate* isolate) override
    {
        readableStreamDefaultControllerClose(isolate, controller());
        settlePull(isolate);
    }
    void errorSteps(v8::Isolate* isolate, v8::Local<v8::Value> e) override
    {
        readableStreamDefaultControllerError(isolate, controller(), e);
        settlePull(isolate);
    }

    bind::Member<ReadableStreamDefaultReader> m_reader{this};
    bind::Member<ReadableStream> m_output{this};
    bind::Member<v8::Promise> m_pullPromise{this};

private:
    ReadableStreamDefaultController* controller() { return m_output->defaultController(); }
    void settlePull(v8::Isolate* isolate)
    {
        v8::Local<v8::Promise> promise = m_pullPromise.get(isolate);
        m_pullPromise.clear();
        if (!promise.IsEmpty())
            resolvePromise(isolate->GetCurrentContext(), promise, v8::Undefined(isolate));
    }
};

} // namespace

ReadableStream* createReadableStreamFromSpans(v8::Isolate* isolate, ByteSpans spans,
                                              const QString& label, SpansSource** source)
{
    auto* s = bind::create<SpansSource>(isolate, std::move(spans));
    if (!s) return nullptr;
    ReadableStream* stream = createReadableByteStream(isolate, s, s);
    if (!stream) return nullptr;
    stream->m_inspection.label = label;
    if (source) *source = s;
    return stream;
}

std::optional<ByteSpans> spansIfUnread(const SpansSource* source)
{
    if (!source || !source->unread()) return std::nullopt;
    return source->spans();
}

bool readAllBytes(v8::Isolate* isolate, ReadableStream* stream,
                  std::optional<uint64_t> expectedLength, const bind::CallSite& site,
                  BytesSuccess success, BytesFailure failure, v8::Local<v8::Value> keep)
{
    ReadableStreamDefaultReader* reader = acquireReadableStreamDefaultReader(isolate, stream);
    if (!reader) return false;
    auto* request =
        bind::create<ReadAllBytes>(isolate, site, std::move(success), std::move(failure));
    if (!request) return false;
    request->m_reader.set(reader);
    request->m_keep.set(keep);
    request->start(isolate, expectedLength);
    return true;
}

ReadableStream* createProxyStream(v8::Isolate* isolate, ReadableStream* input)
{
    ReadableStreamDefaultReader* reader = acquireReadableStreamDefaultReader(isolate, input);
    if (!reader) return nullptr;
    auto* source = bind::create<ProxySource>(isolate);
    if (!source) return nullptr;
    source->m_reader.set(reader);
    ReadableStream* output = createReadableStream(isolate, source, source, 0);
    if (!output) return nullptr;
    source->m_output.set(output);
    output->m_inspection.label = QStringLiteral("proxy of #%1").arg(input->m_inspection.id());
    input->m_disturbed = true;
    return output;
}

void markStreamConsumed(v8::Isolate* isolate, ReadableStream* stream)
{
    if (isReadableStreamLocked(stream)) return;
    if (!acquireReadableStreamDefaultReader(isolate, stream)) return;
    v8::Local<v8::Promise> cancelled =
        readableStreamCancel(isolate, stream, v8::Undefined(isolate));
    if (!cancelled.IsEmpty()) setPromiseIsHandled(cancelled);
}

} // namespace nano::api::fetch
