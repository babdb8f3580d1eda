#pragma once
// One fetch in progress (https://fetch.spec.whatwg.org/#fetch-controller and the fetch it
// controls): main fetch, scheme fetch, HTTP-redirect fetch and HTTP-network fetch over
// engine/net, and the response body's underlying byte source.
//
// Life: fetch() makes it and it holds itself (retain) until the response is there or the fetch
// failed; then the response's body stream holds it (it is the stream's source), so a response
// nobody references any more is collected with it and its transfer is aborted (the connection
// goes back). While a read of the body waits for bytes, it holds itself again and keeps the
// run alive (the read's own objects are a cycle nothing else may reach); an unread body does
// not hold the run open, and the end of the run (or Stop) aborts it (see FetchSessions).
//
// Backpressure: the body stream is a byte stream with a high-water mark of 0, so it pulls only
// when a read waits; a pull takes what the transfer holds (at most its bounded read buffer) and
// nothing more is read from the socket until the next pull. No JS function runs per chunk.
//
// Qt signals (head, readable, finished, upload progress) never run V8 code directly: they post
// one task (coalesced) that looks at the transfer's state.

#include "api/fetch/byte_span.h"
#include "api/fetch/header_list.h"
#include "api/fetch/request_init.h"
#include "api/streams/read_request.h"
#include "api/streams/underlying_source.h"
#include "bind/class_builder.h"
#include "core/async_operation.h"

#include <QPointer>
#include <QString>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_set>

namespace nano::core {
class FetchTrafficRecorder;
}
namespace nano::net {
class HttpTransfer;
class NetworkSession;
} // namespace nano::net

namespace nano::api::streams {
class ReadableByteStreamController;
class ReadableStream;
class ReadableStreamDefaultReader;
} // namespace nano::api::streams

namespace nano::api::fetch {

class FetchSessions;
class Request;
class Response;
class StreamUploadDevice;
class UploadPump;

class FetchController final : public bind::Wrappable, public streams::SourceAlgorithms {
    NANO_BIND_CLASS(FetchController)
public:
    FetchController();
    ~FetchController() override;
    static void define(bind::ClassBuilder<FetchController>&) {}

    // https://fetch.spec.whatwg.org/#fetch-method steps 9-12 for `requestObject` (wrapped,
    // signal not aborted): `promise` settles with the response or the failure. `initiator` is
    // the script location of the call (file:line).
    static void start(v8::Isolate* isolate, Request* requestObject, core::AsyncOperation promise,
                      const QString& initiator);

    // The response body's byte source.
    v8::Local<v8::Promise> pullAlgorithm(v8::Isolate* isolate,
                                         streams::ReadableStreamController* controller) override;
    v8::Local<v8::Promise> cancelAlgorithm(v8::Isolate* isolate,
                                           streams::ReadableStreamController* controller,
                                           v8::Local<v8::Value> reason) override;

    // The run ends (or Stop): aborts the transfer, the traffic record says why.
    void abortForRunEnd();

    // From the request body's reader (UploadPump).
    void uploadChunk(v8::Isolate* isolate, QByteArray bytes);
    void uploadEnded();
    void uploadFailed(v8::Isolate* isolate, v8::Local<v8::Value> error);

    // GC-visible references.
    bind::Member<Request> m_requestObject{this};
    bind::Member<streams::ReadableStream> m_bodyStream{this};
    bind::Member<v8::Promise> m_pullPromise{this};
    bind::Member<UploadPump> m_upload{this};

private:
    enum class Phase { Request, Body, Done };

    // https://fetch.spec.whatwg.org/#concept-main-fetch (what applies without documents)
    void mainFetch(v8::Isolate* isolate);
    // https://fetch.spec.whatwg.org/#concept-scheme-fetch for data: URLs.
    void schemeFetchData(v8::Isolate* isolate);
    // The same for blob: URLs (the run's blob URL store).
    void schemeFetchBlob(v8::Isolate* isolate);
    // https://fetch.spec.whatwg.org/#concept-http-network-fetch
    void httpNetworkFetch();
    // The run's network permission for `origin`: the request goes on, fails as a network
    // error whose cause names the origin and the flag that grants it, or waits for the
    // embedder's answer.
    void checkNetworkPermission(v8::Isolate* isolate, const QString& origin);
    // The response head arrived: a redirect is followed (or refused), else the response goes
    // to the script.
    void onResponseHead(v8::Isolate* isolate);
    // https://fetch.spec.whatwg.org/#concept-http-redirect-fetch; false when it failed (the
    // fetch is then over) or there is nothing to follow.
    enum class Redirect { Followed, Failed, NotARedirect };
    Redirect httpRedirectFetch(v8::Isolate* isolate);
    // The response is ready for the script (the fetch method's processResponse).
    void processResponse(v8::Isolate* isolate, Response* response);
    // A network error: rejects the fetch() promise with TypeError("fetch failed") whose cause
    // says `code` and `message`, or errors the body being read.
    void networkError(v8::Isolate* isolate, const QString& code, const QString& message);
    // https://fetch.spec.whatwg.org/#abort-fetch with the signal's reason.
    void abortFetch(v8::Isolate* isolate, v8::Local<v8::Value> reason);

    // Moves what the transfer holds into the body stream; true if the pending pull can settle.
    bool deliverBody(v8::Isolate* isolate);
    void settlePull(v8::Isolate* isolate);
    // Ends the fetch: drops the transfer and the signal's algorithm, lets go of the run.
    void finish();
    void recordFinished();

    // Posts update() once (Qt signals call this).
    // https://fetch.spec.whatwg.org/#queue-a-fetch-task: `task` runs from the event loop unless
    // this controller is gone by then. False when there is no loop (the runtime is going).
    bool queueFetchTask(std::function<void()> task);
    void scheduleUpdate();
    void update(v8::Isolate* isolate);
    void scheduleUploadRead();
    // The body stream's controller while the stream is readable, else null.
    streams::ReadableByteStreamController* byteController() const;
    core::FetchTrafficRecorder* traffic() const;

    // The spec's request, as fetch changes it across redirects.
    std::string m_method;
    std::vector<std::string> m_urlList;
    HeaderList m_headers;
    std::optional<ByteSpans> m_bodySource; // a body with bytes
    bool m_streamBody = false;             // a ReadableStream body (not resendable)
    RequestRedirect m_redirectMode = RequestRedirect::Follow;
    RequestCredentials m_credentials = RequestCredentials::SameOrigin;
    int m_redirectCount = 0;

    Phase m_phase = Phase::Request;
    core::AsyncOperation m_promise; // the fetch() promise (p)
    core::EventLoop::KeepAlive m_pullKeepAlive;
    std::unique_ptr<net::HttpTransfer> m_transfer;
    QPointer<StreamUploadDevice> m_uploadDevice;
    qint64 m_uploadReported = 0; // request body bytes told to the traffic recorder
    bool m_uploadReadPending = false;
    bool m_nullBody = false; // HEAD, 204, 304, ...: the body is null
    bool m_updatePosted = false;
    bool m_retained = false;
    uint64_t m_abortAlgorithm = 0;
    quint64 m_trafficId = 0;
    QPointer<core::FetchTrafficRecorder> m_traffic;
    QPointer<FetchSessions> m_sessions;
    // Expires with this object: posted tasks and the signal's algorithm check it.
    std::shared_ptr<int> m_token = std::make_shared<int>(0);
};

// A request body's reader for a ReadableStream body: reads one chunk whenever the upload
// device wants more.
class UploadPump final : public streams::ReadRequest {
    NANO_BIND_CLASS(UploadPump)
public:
    static void define(bind::ClassBuilder<UploadPump>&) {}
    void read(v8::Isolate* isolate);
    void chunkSteps(v8::Isolate* isolate, v8::Local<v8::Value> chunk) override;
    void closeSteps(v8::Isolate* isolate) override;
    void errorSteps(v8::Isolate* isolate, v8::Local<v8::Value> e) override;

    bind::Member<streams::ReadableStreamDefaultReader> m_reader{this};
    bind::Member<FetchController> m_controller{this};
};

// The fetches of one runtime (a thread object): its NetworkSession, and what the end of a run
// aborts. A teardown hook is registered while fetches exist (and again for REPL fetches).
class FetchSessions final : public QObject {
    Q_OBJECT
public:
    FetchSessions();
    ~FetchSessions() override;
    static FetchSessions& from(v8::Isolate* isolate);
    net::NetworkSession& session();
    void add(FetchController* fetch);
    void remove(FetchController* fetch);

private:
    std::unique_ptr<net::NetworkSession> m_session;
    std::unordered_set<FetchController*> m_live;
    uint64_t m_teardownHook = 0;
};

} // namespace nano::api::fetch
