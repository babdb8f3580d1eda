#pragma once
// Read requests (https://streams.spec.whatwg.org/#read-request) and the list a default reader
// keeps of them.
//
// A read request made by script (reader.read()) is just its promise. One made by C++ (a pipe,
// a tee, an async iterator) is a ReadRequest object, reused for every read it makes: no object
// per chunk.

#include "api/streams/value_queue.h"
#include "bind/wrappable.h"

#include <deque>

namespace nano::api::streams {

class ReadRequest : public bind::Wrappable {
public:
    virtual void chunkSteps(v8::Isolate* isolate, v8::Local<v8::Value> chunk) = 0;
    virtual void closeSteps(v8::Isolate* isolate) = 0;
    virtual void errorSteps(v8::Isolate* isolate, v8::Local<v8::Value> e) = 0;
};

class ReadableStreamDefaultReader;

// A C++ read request that reads a stream to its end, one chunk after another (read all bytes, a
// body fed to the WebAssembly compiler): its chunk steps call readNext() for the next chunk.
// Chunks already queued are delivered synchronously by the read, so they are read in a loop
// here, not by recursion. Reading stops once markDone() was called.
class ReadLoopRequest : public ReadRequest {
protected:
    void readNext(v8::Isolate* isolate, ReadableStreamDefaultReader* reader);
    void markDone() { m_done = true; }
    bool isDone() const { return m_done; }

private:
    bool m_reading = false;
    bool m_readAgain = false;
    bool m_done = false;
};

// [[readRequests]]: promises of reader.read() calls and C++ read requests, in order.
class ReadRequestList {
public:
    explicit ReadRequestList(bind::Wrappable* holder)
        : m_values(holder)
    {}
    bool isEmpty() const { return m_native.empty(); }
    size_t size() const { return m_native.size(); }

    bool append(v8::Isolate* isolate, v8::Local<v8::Promise> promise);
    bool append(v8::Isolate* isolate, ReadRequest* request);

    // Removes the first request: its promise (a request of reader.read()) or its object.
    ReadRequest* takeFirst(v8::Isolate* isolate, v8::Local<v8::Promise>& promise);
    // Removes the first request and runs its steps.
    void takeFirstAndRunChunkSteps(v8::Isolate* isolate, v8::Local<v8::Value> chunk);
    void takeFirstAndRunCloseSteps(v8::Isolate* isolate);
    void takeFirstAndRunErrorSteps(v8::Isolate* isolate, v8::Local<v8::Value> e);

private:
    ValueQueue m_values;               // the promise, or the ReadRequest's wrapper
    std::deque<ReadRequest*> m_native; // null for a promise
};

// Runs the steps of a request for reader.read(): resolves its promise with a
// ReadableStreamReadResult.
void resolveReadResult(v8::Isolate* isolate, v8::Local<v8::Promise> promise,
                       v8::Local<v8::Value> value, bool done);

} // namespace nano::api::streams
