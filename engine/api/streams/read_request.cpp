#include "api/streams/read_request.h"

#include "api/streams/promises.h"
#include "api/streams/readable_stream_default_reader.h"
#include "bind/async_iterable.h"

namespace nano::api::streams {

void ReadLoopRequest::readNext(v8::Isolate* isolate, ReadableStreamDefaultReader* reader)
{
    if (m_reading) {
        m_readAgain = true; // asked from inside the read below: its loop reads again
        return;
    }
    m_reading = true;
    do {
        m_readAgain = false;
        if (m_done || !reader) break;
        readableStreamDefaultReaderRead(isolate, reader, {}, this);
    } while (m_readAgain);
    m_reading = false;
}

bool ReadRequestList::append(v8::Isolate* isolate, v8::Local<v8::Promise> promise)
{
    if (!m_values.push(isolate, promise)) return false;
    m_native.push_back(nullptr);
    return true;
}

bool ReadRequestList::append(v8::Isolate* isolate, ReadRequest* request)
{
    if (!m_values.push(isolate, request->wrapper())) return false;
    m_native.push_back(request);
    return true;
}

ReadRequest* ReadRequestList::takeFirst(v8::Isolate* isolate, v8::Local<v8::Promise>& promise)
{
    v8::Local<v8::Value> held = m_values.take(isolate);
    ReadRequest* request = m_native.front();
    m_native.pop_front();
    if (!request) promise = held.As<v8::Promise>();
    return request;
}

void ReadRequestList::takeFirstAndRunChunkSteps(v8::Isolate* isolate, v8::Local<v8::Value> chunk)
{
    v8::Local<v8::Value> held = m_values.take(isolate); // keeps the request alive meanwhile
    ReadRequest* request = m_native.front();
    m_native.pop_front();
    if (request)
        request->chunkSteps(isolate, chunk);
    else
        resolveReadResult(isolate, held.As<v8::Promise>(), chunk, false);
}

void ReadRequestList::takeFirstAndRunCloseSteps(v8::Isolate* isolate)
{
    v8::Local<v8::Value> held = m_values.take(isolate);
    ReadRequest* request = m_native.front();
    m_native.pop_front();
    if (request)
        request->closeSteps(isolate);
    else
        resolveReadResult(isolate, held.As<v8::Promise>(), v8::Undefined(isolate), true);
}

void ReadRequestList::takeFirstAndRunErrorSteps(v8::Isolate* isolate, v8::Local<v8::Value> e)
{
    v8::Local<v8::Value> held = m_values.take(isolate);
    ReadRequest* request = m_native.front();
    m_native.pop_front();
    if (request)
        request->errorSteps(isolate, e);
    else
        rejectPromise(isolate->GetCurrentContext(), held.As<v8::Promise>(), e);
}

void resolveReadResult(v8::Isolate* isolate, v8::Local<v8::Promise> promise,
                       v8::Local<v8::Value> value, bool done)
{
    resolvePromise(isolate->GetCurrentContext(), promise, bind::iterResult(isolate, value, done));
}

} // namespace nano::api::streams
