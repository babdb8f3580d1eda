// FetchController's response body source and request body upload, and FetchSessions (the
// run's fetches). The fetch algorithm itself is in fetch_controller.cpp.

#include "api/fetch/fetch_controller.h"

#include "api/fetch/fetch_errors.h"
#include "api/fetch/request.h"
#include "api/fetch/upload_device.h"
#include "api/streams/promises.h"
#include "api/streams/readable_byte_stream_controller.h"
#include "api/streams/readable_stream.h"
#include "api/streams/readable_stream_default_reader.h"
#include "core/fetch_traffic_recorder.h"
#include "core/runtime.h"
#include "net/network_session.h"

namespace nano::api::fetch {

using namespace streams;

namespace {
// The largest chunk a pull enqueues: the transfer holds at most its read buffer anyway.
constexpr qint64 kMaxChunk = net::NetworkSession::kReadBufferBytes;

} // namespace

// ---------------------------------------------------------------------------------------------
// FetchSessions

FetchSessions::FetchSessions() = default;
FetchSessions::~FetchSessions() = default;

FetchSessions& FetchSessions::from(v8::Isolate* isolate)
{
    return core::Runtime::from(isolate)->threadObject<FetchSessions>();
}

net::NetworkSession& FetchSessions::session()
{
    if (!m_session) m_session = std::make_unique<net::NetworkSession>(this);
    return *m_session;
}

void FetchSessions::add(FetchController* fetch)
{
    m_live.insert(fetch);
    if (m_teardownHook) return;
    core::Runtime* runtime = core::Runtime::from(fetch->isolate());
    if (!runtime) return;
    // The end of the run (finished, stopped, failed) and, for fetches made by REPL lines after
    // it, the runtime's destruction: every fetch still going is aborted.
    m_teardownHook = runtime->addTeardownHook([this] {
        m_teardownHook = 0;
        const std::unordered_set<FetchController*> live = m_live;
        for (FetchController* fetch : live)
            if (m_live.count(fetch)) fetch->abortForRunEnd();
        if (m_session) m_session->abortAll();
    });
}

void FetchSessions::remove(FetchController* fetch)
{
    m_live.erase(fetch);
}

// ---------------------------------------------------------------------------------------------
// UploadPump

void UploadPump::read(v8::Isolate* isolate)
{
    if (ReadableStreamDefaultReader* reader = m_reader.get())
        readableStreamDefaultReaderRead(isolate, reader, {}, this);
}

void UploadPump::chunkSteps(v8::Isolate* isolate, v8::Local<v8::Value> chunk)
{
    FetchController* controller = m_controller.get();
    if (!controller) return;
    if (!chunk->IsUint8Array()) {
        controller->uploadFailed(
            isolate, bind::makeError(isolate, "TypeError",
                                     {bind::CallSite::Kind::Function, nullptr, "fetch"},
                                     "The request body stream gave a chunk that is not a "
                                     "Uint8Array."));
        return;
    }
    auto view = chunk.As<v8::Uint8Array>();
    const auto* data = static_cast<const char*>(view->Buffer()->Data()) + view->ByteOffset();
    controller->uploadChunk(isolate, QByteArray(data, static_cast<qsizetype>(view->ByteLength())));
}

void UploadPump::closeSteps(v8::Isolate*)
{
    if (FetchController* controller = m_controller.get()) controller->uploadEnded();
}

void UploadPump::errorSteps(v8::Isolate* isolate, v8::Local<v8::Value> e)
{
    if (FetchController* controller = m_controller.get()) controller->uploadFailed(isolate, e);
}

// ---------------------------------------------------------------------------------------------
// The response body's byte source

bool FetchController::deliverBody(v8::Isolate* isolate)
{
    ReadableByteStreamController* c = byteController();
    if (!c || !m_transfer) return false;
    const qint64 available = m_transfer->bytesAvailable();
    if (available > 0) {
        if (ReadableStreamBYOBRequest* request =
                readableByteStreamControllerGetBYOBRequest(isolate, c)) {
            v8::Local<v8::ArrayBufferView> view =
                request->m_view.get(isolate).As<v8::ArrayBufferView>();
            char* into = static_cast<char*>(view->Buffer()->Data()) + view->ByteOffset();
            const qint64 n = m_transfer->read(
                into, std::min<qint64>(available, static_cast<qint64>(view->ByteLength())));
            if (n <= 0) return false; // Qt had nothing after all: wait for readable()
            if (auto* t = traffic()) t->responseBody(m_trafficId, into, n);
            if (!readableByteStreamControllerRespond(isolate, c, static_cast<uint64_t>(n)))
                return true;
        } else {
            const qint64 size = std::min(available, kMaxChunk);
            std::unique_ptr<v8::BackingStore> store =
                v8::ArrayBuffer::NewBackingStore(isolate, static_cast<size_t>(size));
            if (!store || !store->Data()) {
                networkError(isolate, QStringLiteral("ERR_OUT_OF_MEMORY"),
                             QStringLiteral("no memory for a chunk of the response body"));
                return true;
            }
            char* into = static_cast<char*>(store->Data());
            const qint64 n = m_transfer->read(into, size);
            if (n <= 0) return false;
            if (auto* t = traffic()) t->responseBody(m_trafficId, into, n);
            v8::Local<v8::ArrayBuffer> buffer =
                v8::ArrayBuffer::New(isolate, std::shared_ptr<v8::BackingStore>(std::move(store)));
            if (!readableByteStreamControllerEnqueue(
                    isolate, c, v8::Uint8Array::New(buffer, 0, static_cast<size_t>(n))))
                return true;
        }
        if (!(m_transfer && m_transfer->isComplete() && m_transfer->bytesAvailable() == 0))
            return true;
    }
    if (!m_transfer) return true;
    if (const auto& failure = m_transfer->failure()) {
        const net::NetworkFailure f = *failure;
        networkError(isolate, f.code, f.message);
        return true;
    }
    if (m_transfer->isComplete()) {
        if (auto* t = traffic())
            t->timing(m_trafficId, core::FetchTrafficRecorder::timingOf(m_transfer->timing()));
        recordFinished();
        if (readableByteStreamControllerClose(isolate, c) && !c->m_pendingPullIntos.empty())
            readableByteStreamControllerRespond(isolate, c, 0); // a BYOB read learns of the end
        finish();
        return true;
    }
    return false;
}

v8::Local<v8::Promise> FetchController::pullAlgorithm(v8::Isolate* isolate,
                                                      ReadableStreamController*)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    if (m_phase != Phase::Body || deliverBody(isolate))
        return promiseResolvedWithUndefined(context);
    v8::Local<v8::Promise> promise = newPromise(context);
    m_pullPromise.set(promise);
    if (core::Runtime* runtime = core::Runtime::from(isolate))
        m_pullKeepAlive = runtime->loop().keepAlive();
    // While a read waits for the network, nothing but this object's own cycle (the reader, its
    // stream, the consumer's promise) may reach it: hold it, as a browser's fetch task does,
    // or a GC would collect the read in progress and the run would end under it.
    if (!m_retained) {
        retain();
        m_retained = true;
    }
    return promise;
}

v8::Local<v8::Promise> FetchController::cancelAlgorithm(v8::Isolate* isolate,
                                                        ReadableStreamController*,
                                                        v8::Local<v8::Value>)
{
    if (m_phase != Phase::Done) {
        if (auto* t = traffic()) {
            t->finishAborted(m_trafficId, QStringLiteral("the response body was cancelled"));
            m_trafficId = 0;
        }
        finish();
    }
    return promiseResolvedWithUndefined(isolate->GetCurrentContext());
}

void FetchController::settlePull(v8::Isolate* isolate)
{
    v8::Local<v8::Promise> promise = m_pullPromise.get(isolate);
    m_pullPromise.clear();
    m_pullKeepAlive.reset();
    if (m_retained && m_phase != Phase::Request && !m_nullBody) {
        m_retained = false;
        release();
    }
    if (!promise.IsEmpty())
        resolvePromise(isolate->GetCurrentContext(), promise, v8::Undefined(isolate));
}

// ---------------------------------------------------------------------------------------------
// The request body's upload

void FetchController::scheduleUploadRead()
{
    if (m_uploadReadPending || m_phase == Phase::Done) return;
    m_uploadReadPending = queueFetchTask([this] {
        m_uploadReadPending = false;
        if (m_phase == Phase::Done || !m_uploadDevice || !m_uploadDevice->wantsMore()) return;
        if (UploadPump* pump = m_upload.get()) {
            m_uploadReadPending = true; // until the chunk (or the end) comes
            pump->read(isolate());
        }
    });
}

void FetchController::uploadChunk(v8::Isolate*, QByteArray bytes)
{
    m_uploadReadPending = false;
    if (auto* t = traffic()) t->requestBody(m_trafficId, bytes.constData(), bytes.size());
    if (!m_uploadDevice) return;
    m_uploadDevice->append(std::move(bytes));
    if (m_uploadDevice && m_uploadDevice->wantsMore()) scheduleUploadRead();
}

void FetchController::uploadEnded()
{
    m_uploadReadPending = false;
    if (m_uploadDevice) m_uploadDevice->finish();
}

void FetchController::uploadFailed(v8::Isolate* isolate, v8::Local<v8::Value> error)
{
    m_uploadReadPending = false;
    if (m_phase == Phase::Done) return;
    if (auto* t = traffic()) {
        t->finishFailed(m_trafficId, QStringLiteral("ERR_REQUEST_BODY"),
                        QStringLiteral("the request body stream errored"));
        m_trafficId = 0;
    }
    if (m_phase == Phase::Request) {
        m_promise.reject(isolate, fetchFailedError(isolate, error));
    } else if (ReadableByteStreamController* c = byteController()) {
        readableByteStreamControllerError(isolate, c, fetchFailedError(isolate, error));
        settlePull(isolate);
    }
    finish();
}

ReadableByteStreamController* FetchController::byteController() const
{
    ReadableStream* stream = m_bodyStream.get();
    if (!stream || stream->m_state != ReadableStream::State::Readable) return nullptr;
    return static_cast<ReadableByteStreamController*>(stream->m_controller.get());
}

} // namespace nano::api::fetch
