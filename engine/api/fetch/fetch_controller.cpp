#include "api/fetch/fetch_controller.h"

#include "api/blob_url_store.h"
#include "api/events/abort_signal.h"
#include "api/fetch/data_url.h"
#include "api/fetch/fetch_errors.h"
#include "api/fetch/request.h"
#include "api/fetch/response.h"
#include "api/fetch/upload_device.h"
#include "api/streams/promises.h"
#include "api/streams/readable_byte_stream_controller.h"
#include "api/streams/readable_stream.h"
#include "api/streams/readable_stream_default_reader.h"
#include "api/url/url_parser.h"
#include "core/fetch_traffic_recorder.h"
#include "core/runtime.h"
#include "net/network_session.h"

#include <QDebug>
#include <algorithm>
#include <charconv>
#include <cstring>

namespace nano::api::fetch {

using namespace streams;

namespace {

// https://fetch.spec.whatwg.org/#redirect-status
bool isRedirectStatus(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// https://fetch.spec.whatwg.org/#null-body-status
bool isNullBodyStatus(int status)
{
    return status == 101 || status == 103 || status == 204 || status == 205 || status == 304;
}

// A header list as Qt sends it: one header per name (values combined, as "get" does), the
// name's first casing kept.
net::RawHeaders toRawHeaders(const HeaderList& list)
{
    net::RawHeaders out;
    for (const Header& header : list.headers()) {
        const bool seen = std::any_of(out.begin(), out.end(), [&](const auto& pair) {
            return equalsIgnoringAsciiCase(pair.first.toStdString(), header.name);
        });
        if (seen) continue;
        out.append({QByteArray::fromStdString(header.name),
                    QByteArray::fromStdString(*list.get(header.name))});
    }
    return out;
}

// The name of the first header Qt received that is not a header (a name that is not a token,
// a value with NUL, CR or LF), or nullopt. Qt 6.4 keeps such bytes; RFC 9110 says a recipient
// must reject them or replace them with SP, and the Headers of a Response may hold neither.
// https://www.rfc-editor.org/rfc/rfc9110#section-5.5
std::optional<QByteArray> firstInvalidHeader(const net::RawHeaders& raw)
{
    for (const auto& [name, value] : raw) {
        if (!isHeaderName(name.toStdString())) return name;
        const bool cookie = equalsIgnoringAsciiCase(name.toStdString(), "set-cookie");
        for (const QByteArray& part : cookie ? value.split('\n') : QList<QByteArray>{value})
            if (!isHeaderValue(part.toStdString())) return name;
    }
    return std::nullopt;
}

// A response's header list from what Qt received. Qt joins repeated Set-Cookie headers with
// newlines (other repeats with ", "): they are split again so getSetCookie() sees each.
HeaderList toHeaderList(const net::RawHeaders& raw)
{
    HeaderList list;
    for (const auto& [name, value] : raw) {
        if (equalsIgnoringAsciiCase(name.toStdString(), "set-cookie")) {
            for (const QByteArray& cookie : value.split('\n'))
                list.append({name.toStdString(), cookie.toStdString()});
            continue;
        }
        list.append({name.toStdString(), value.toStdString()});
    }
    return list;
}

std::optional<uint64_t> contentLength(const HeaderList& headers)
{
    // A decoded body (gzip, br, ...) is not the length the server announced.
    if (headers.contains("Content-Encoding")) return std::nullopt;
    const std::optional<std::string> value = headers.get("Content-Length");
    if (!value) return std::nullopt;
    uint64_t length = 0;
    const char* end = value->data() + value->size();
    auto [ptr, ec] = std::from_chars(value->data(), end, length);
    if (ec != std::errc() || ptr != end) return std::nullopt;
    return length;
}

QString urlForMessage(const std::string& url)
{
    return QString::fromStdString(url);
}

} // namespace

// ---------------------------------------------------------------------------------------------
// FetchController

FetchController::FetchController() = default;

FetchController::~FetchController()
{
    // Collected with its response unread (or, at teardown, with the runtime): the transfer is
    // destroyed with this object, which aborts it and gives the connection back.
    if (m_trafficId && m_traffic) {
        if (m_transfer && m_transfer->isComplete())
            m_traffic->finishDone(m_trafficId);
        else
            m_traffic->finishAborted(m_trafficId,
                                     QStringLiteral("the response was garbage-collected unread"));
    }
    if (m_sessions) m_sessions->remove(this);
}

void FetchController::start(v8::Isolate* isolate, Request* requestObject,
                            core::AsyncOperation promise, const QString& initiator)
{
    auto* fetch = bind::create<FetchController>(isolate);
    if (!fetch) {
        promise.reject(isolate, v8::Undefined(isolate)); // V8 is out of memory: an exception
        return;                                          // is pending for the caller too
    }
    fetch->m_promise = std::move(promise);
    fetch->m_requestObject.set(requestObject);
    fetch->m_method = requestObject->method().value;
    fetch->m_urlList = requestObject->urlList();
    fetch->m_headers = requestObject->headerList();
    fetch->m_redirectMode = requestObject->redirect();
    fetch->m_credentials = requestObject->credentials();
    fetch->retain();
    fetch->m_retained = true;

    // The request body: its bytes (shared), or a reader of its stream.
    Body& body = requestObject->body();
    if (!body.isNull()) {
        if (std::optional<ByteSpans> spans = body.takeSourceBytes(isolate)) {
            fetch->m_bodySource = std::move(*spans);
        } else if (ReadableStream* stream = body.stream(isolate)) {
            ReadableStreamDefaultReader* reader =
                acquireReadableStreamDefaultReader(isolate, stream);
            auto* pump = reader ? bind::create<UploadPump>(isolate) : nullptr;
            if (!pump) {
                fetch->finish();
                return; // an exception is pending
            }
            pump->m_reader.set(reader);
            pump->m_controller.set(fetch);
            fetch->m_upload.set(pump);
            fetch->m_streamBody = true;
        }
    }

    // https://fetch.spec.whatwg.org/#fetching step 12: a default Accept.
    if (!fetch->m_headers.contains("Accept")) fetch->m_headers.append({"Accept", "*/*"});

    core::Runtime* runtime = core::Runtime::from(isolate);
    FetchSessions& sessions = FetchSessions::from(isolate);
    fetch->m_sessions = &sessions;
    sessions.add(fetch);
    core::FetchTrafficRecorder& traffic = core::FetchTrafficRecorder::from(*runtime);
    fetch->m_traffic = &traffic;
    fetch->m_trafficId =
        traffic.begin(initiator, QByteArray::fromStdString(fetch->m_method),
                      urlForMessage(fetch->m_urlList.back()), toRawHeaders(fetch->m_headers));

    // Step 11: the signal's abort steps.
    AbortSignal* signal = requestObject->signal();
    fetch->m_abortAlgorithm = signal->addAlgorithm(
        [fetch, isolate] {
            AbortSignal* s = fetch->m_requestObject->signal();
            fetch->abortFetch(isolate, s->reasonValue(isolate));
        },
        std::weak_ptr<const void>(fetch->m_token));

    fetch->mainFetch(isolate);
}

// https://fetch.spec.whatwg.org/#concept-main-fetch
void FetchController::mainFetch(v8::Isolate* isolate)
{
    std::optional<url::UrlRecord> url = url::parse(m_urlList.back());
    const std::string scheme = url ? std::string(url->scheme()) : std::string();
    if (scheme == "http" || scheme == "https") {
        checkNetworkPermission(isolate, QString::fromStdString(url->origin()));
        return;
    }
    // The other schemes answer from a task of their own ("queue a fetch task"), so that an
    // abort right after fetch() still wins, as it does for a network request.
    queueFetchTask([this, isolate, scheme] {
        if (m_phase != Phase::Request) return;
        if (scheme == "data") {
            schemeFetchData(isolate);
        } else if (scheme == "blob") {
            schemeFetchBlob(isolate);
        } else if (scheme == "about") {
            networkError(isolate, QStringLiteral("ERR_UNSUPPORTED_SCHEME"),
                         QStringLiteral("'%1' is not fetched: an about: URL is a network error")
                             .arg(urlForMessage(m_urlList.back())));
        } else {
            networkError(isolate, QStringLiteral("ERR_UNSUPPORTED_SCHEME"),
                         QStringLiteral("the URL scheme '%1:' is not supported by fetch (only "
                                        "http:, https:, data: and blob:)")
                             .arg(QString::fromStdString(scheme)));
        }
    });
}

// Not a spec step: the run's network permissions (core/network_permissions.h), checked before
// every HTTP(S) request and every redirect hop, since HTTP-redirect fetch runs main fetch again.
void FetchController::checkNetworkPermission(v8::Isolate* isolate, const QString& origin)
{
    core::NetworkPermissions& permissions = core::Runtime::from(isolate)->permissions();
    auto deny = [this, isolate, origin] {
        if (m_phase != Phase::Request) return;
        networkError(isolate, QStringLiteral("ERR_NETWORK_PERMISSION"),
                     core::Runtime::from(isolate)->permissions().deniedMessage(origin));
    };
    switch (permissions.check(origin)) {
    case core::NetworkPermissions::Decision::Allowed: httpNetworkFetch(); return;
    case core::NetworkPermissions::Decision::Denied:
        // From a task, as the other schemes answer: an abort right after fetch() still wins.
        queueFetchTask(deny);
        return;
    case core::NetworkPermissions::Decision::Ask:
        // The request waits for the answer; the fetch (retained until it settles) may be
        // aborted meanwhile, and the token tells whether it still exists.
        permissions.ask(origin, [this, token = std::weak_ptr<int>(m_token), deny](bool allowed) {
            if (token.expired() || m_phase != Phase::Request) return;
            if (allowed)
                httpNetworkFetch();
            else
                deny();
        });
        return;
    }
}

// https://fetch.spec.whatwg.org/#concept-scheme-fetch, "data"
void FetchController::schemeFetchData(v8::Isolate* isolate)
{
    std::optional<url::UrlRecord> url = url::parse(m_urlList.back());
    std::optional<DataUrl> dataUrl = url ? processDataUrl(*url) : std::nullopt;
    if (!dataUrl) {
        networkError(isolate, QStringLiteral("ERR_INVALID_URL"),
                     QStringLiteral("the data: URL has no ',' or its base64 body is not valid"));
        return;
    }
    HeaderList headers;
    headers.append({"Content-Type", dataUrl->mimeType.serialize()});
    const size_t size = dataUrl->body.size();
    ByteSpan span = ByteSpan::fromString(std::move(dataUrl->body));
    if (auto* t = traffic()) {
        t->responseHead(m_trafficId, 200, "OK", {}, {}, toRawHeaders(headers));
        t->responseBody(m_trafficId, reinterpret_cast<const char*>(span.data),
                        static_cast<qint64>(size));
    }
    Response* response = Response::create(isolate, Response::Type::Basic, 200, "OK",
                                          std::move(headers), m_urlList, nullptr, size);
    if (!response) return; // V8 could not allocate: the task reports it
    response->body().setSource({std::move(span)});
    recordFinished();
    processResponse(isolate, response);
    finish();
}

// https://fetch.spec.whatwg.org/#concept-scheme-fetch, "blob"
void FetchController::schemeFetchBlob(v8::Isolate* isolate)
{
    // Steps 1-4: the entry is looked up now (the spec resolves it when the URL is parsed).
    std::optional<url::UrlRecord> url = url::parse(m_urlList.back());
    const BlobUrlEntry* entry =
        url ? BlobUrlStore::from(isolate).resolve(std::string(url->hrefWithoutFragment()))
            : nullptr;
    if (m_method != "GET" || !entry) {
        networkError(isolate, QStringLiteral("ERR_INVALID_URL"),
                     m_method != "GET"
                         ? QStringLiteral("a blob: URL can only be fetched with GET")
                         : QStringLiteral("%1 is not in the blob URL store (revoked, or made by "
                                          "another run)")
                               .arg(urlForMessage(m_urlList.back())));
        return;
    }
    // Step 6 (a Range header is not looked at: the whole blob is the body).
    HeaderList headers;
    headers.append({"Content-Length", std::to_string(entry->size)});
    headers.append({"Content-Type", entry->type});
    ByteSpan span{entry->storage, entry->storage ? entry->storage->data() + entry->offset : nullptr,
                  entry->size};
    if (auto* t = traffic()) {
        t->responseHead(m_trafficId, 200, "OK", {}, {}, toRawHeaders(headers));
        t->responseBody(m_trafficId, reinterpret_cast<const char*>(span.data),
                        static_cast<qint64>(span.size));
    }
    Response* response = Response::create(isolate, Response::Type::Basic, 200, "OK",
                                          std::move(headers), m_urlList, nullptr, entry->size);
    if (!response) return;
    response->body().setSource({std::move(span)});
    recordFinished();
    processResponse(isolate, response);
    finish();
}

// https://fetch.spec.whatwg.org/#concept-http-network-fetch
void FetchController::httpNetworkFetch()
{
    net::HttpRequest request;
    request.method = QByteArray::fromStdString(m_method);
    request.url = QUrl(QString::fromStdString(m_urlList.back()), QUrl::StrictMode);
    request.headers = toRawHeaders(m_headers);
    request.useCookies = m_credentials == RequestCredentials::Include;
    // https://fetch.spec.whatwg.org/#concept-http-network-or-cache-fetch steps 8.9-8.12.
    const bool hasUserAgent = m_headers.contains("User-Agent");
    if (!hasUserAgent)
        request.headers.append({QByteArray("User-Agent"), QByteArray("nanojs/" NANO_VERSION)});
    if (m_bodySource) {
        const uint64_t length = totalSize(*m_bodySource);
        request.headers.append(
            {QByteArray("Content-Length"), QByteArray::number(qulonglong(length))});
        request.stream = std::make_unique<SpansDevice>(*m_bodySource);
    } else if (m_streamBody) {
        auto device = std::make_unique<StreamUploadDevice>();
        m_uploadDevice = device.get();
        request.stream = std::move(device);
    } else if (m_method == "POST" || m_method == "PUT") {
        request.headers.append({QByteArray("Content-Length"), QByteArray("0")});
    }

    m_transfer = m_sessions->session().start(std::move(request));
    net::HttpTransfer* transfer = m_transfer.get();
    // Every connection has the transfer as its context: none outlives this object (the reply
    // and its upload device may, until Qt deletes them).
    if (m_uploadDevice) {
        QObject::connect(m_uploadDevice, &StreamUploadDevice::wantsData, transfer,
                         [this] { scheduleUploadRead(); });
        scheduleUploadRead();
    }
    QObject::connect(transfer, &net::HttpTransfer::headReceived, transfer,
                     [this] { scheduleUpdate(); });
    QObject::connect(transfer, &net::HttpTransfer::readable, transfer,
                     [this] { scheduleUpdate(); });
    QObject::connect(transfer, &net::HttpTransfer::finished, transfer,
                     [this] { scheduleUpdate(); });
    QObject::connect(
        transfer, &net::HttpTransfer::uploadProgress, transfer, [this](qint64 sent, qint64) {
            // Spans bodies are told as Qt sends them; a stream's chunks as they
            // come (uploadChunk).
            if (!m_bodySource || sent <= m_uploadReported || !traffic()) return;
            uint64_t start = 0;
            for (const ByteSpan& span : *m_bodySource) {
                const uint64_t end = start + span.size;
                const uint64_t from = std::max<uint64_t>(start, m_uploadReported);
                const uint64_t to = std::min<uint64_t>(end, uint64_t(sent));
                if (from < to)
                    traffic()->requestBody(
                        m_trafficId, reinterpret_cast<const char*>(span.data) + (from - start),
                        static_cast<qint64>(to - from));
                start = end;
            }
            m_uploadReported = sent;
        });
}

bool FetchController::queueFetchTask(std::function<void()> task)
{
    core::Runtime* runtime = core::Runtime::from(isolate());
    if (!runtime) return false;
    runtime->loop().post([token = std::weak_ptr<int>(m_token), task = std::move(task)] {
        if (!token.expired()) task();
    });
    return true;
}

void FetchController::scheduleUpdate()
{
    if (m_updatePosted || m_phase == Phase::Done) return;
    m_updatePosted = queueFetchTask([this] {
        m_updatePosted = false;
        update(isolate());
    });
}

void FetchController::update(v8::Isolate* isolate)
{
    if (!m_transfer) return;
    // What Qt holds for this response (at most the read buffer) is body memory outside the
    // V8 heap: the memory inspector shows it under Bodies.
    if (m_transfer->bytesAvailable() != externalMemory())
        setExternalMemory(ExternalMemoryKind::Bodies, m_transfer->bytesAvailable());
    if (m_phase == Phase::Request) {
        if (m_transfer->head())
            onResponseHead(isolate);
        else if (const auto& failure = m_transfer->failure())
            networkError(isolate, failure->code, failure->message);
        return;
    }
    if (m_phase != Phase::Body) return;
    if (m_nullBody) {
        if (m_transfer->isComplete() || m_transfer->failure()) {
            recordFinished();
            finish();
        }
        return;
    }
    // A failure errors the body at once, read or not; bytes wait for a pull.
    if (m_transfer->failure() || !m_pullPromise.isEmpty()) {
        if (deliverBody(isolate)) settlePull(isolate);
    }
}

void FetchController::onResponseHead(v8::Isolate* isolate)
{
    const net::ResponseHead& head = *m_transfer->head();
    if (const std::optional<QByteArray> invalid = firstInvalidHeader(head.headers)) {
        networkError(
            isolate, QStringLiteral("ERR_HTTP_PROTOCOL"),
            QStringLiteral("the response from %1 has an invalid header '%2' (a name "
                           "that is not a token, or a value with NUL, CR or LF)")
                .arg(urlForMessage(m_urlList.back()), QString::fromLatin1(invalid->left(64))));
        return;
    }
    if (isRedirectStatus(head.status)) {
        switch (m_redirectMode) {
        case RequestRedirect::Error:
            networkError(isolate, QStringLiteral("ERR_REDIRECT"),
                         QStringLiteral("the response to %1 is a redirect (%2) and the request's "
                                        "redirect mode is 'error'")
                             .arg(urlForMessage(m_urlList.back()))
                             .arg(head.status));
            return;
        case RequestRedirect::Manual: {
            // https://fetch.spec.whatwg.org/#concept-filtered-response-opaque-redirect
            if (auto* t = traffic()) {
                t->responseHead(m_trafficId, head.status, head.statusText, head.httpVersion, {},
                                head.headers);
                t->timing(m_trafficId, core::FetchTrafficRecorder::timingOf(m_transfer->timing()));
            }
            Response* response = Response::create(isolate, Response::Type::OpaqueRedirect, 0, {},
                                                  {}, m_urlList, nullptr, std::nullopt);
            if (!response) return;
            recordFinished();
            processResponse(isolate, response);
            finish();
            return;
        }
        case RequestRedirect::Follow:
            switch (httpRedirectFetch(isolate)) {
            case Redirect::Followed:
            case Redirect::Failed: return;
            case Redirect::NotARedirect: break; // no Location: the response itself
            }
        }
    }

    HeaderList headers = toHeaderList(head.headers);
    if (auto* t = traffic()) {
        t->responseHead(m_trafficId, head.status, head.statusText, head.httpVersion, {},
                        head.headers);
        t->timing(m_trafficId, core::FetchTrafficRecorder::timingOf(m_transfer->timing()));
    }
    // https://fetch.spec.whatwg.org/#concept-main-fetch step 22.
    m_nullBody = m_method == "HEAD" || isNullBodyStatus(head.status);
    const std::optional<uint64_t> length = contentLength(headers);
    ReadableStream* stream = nullptr;
    if (!m_nullBody) {
        stream = createReadableByteStream(isolate, this, this);
        if (!stream) return;
        stream->m_inspection.label =
            QStringLiteral("fetch %1").arg(urlForMessage(m_urlList.back()));
        m_bodyStream.set(stream);
    }
    Response* response = Response::create(
        isolate, Response::Type::Basic, static_cast<uint16_t>(head.status),
        head.statusText.toStdString(), std::move(headers), m_urlList, stream, length);
    if (!response) return;
    m_phase = Phase::Body;
    processResponse(isolate, response);
    if (m_nullBody) {
        update(isolate); // it may have finished already
        return;
    }
    // From now on the response's body stream holds this object.
    if (m_retained) {
        m_retained = false;
        release();
    }
    if (m_transfer && m_transfer->failure()) update(isolate);
}

// https://fetch.spec.whatwg.org/#concept-http-redirect-fetch
FetchController::Redirect FetchController::httpRedirectFetch(v8::Isolate* isolate)
{
    const net::ResponseHead& head = *m_transfer->head();
    const std::string& current = m_urlList.back();
    // Step 2: https://fetch.spec.whatwg.org/#concept-response-location-url
    const HeaderList headers = toHeaderList(head.headers);
    const std::optional<std::string> location = headers.get("Location");
    // Step 3.
    if (!location) return Redirect::NotARedirect;
    std::optional<url::UrlRecord> currentUrl = url::parse(current);
    std::optional<url::UrlRecord> locationUrl =
        currentUrl ? url::parse(*location, &*currentUrl) : std::nullopt;
    // Step 4.
    if (!locationUrl) {
        networkError(isolate, QStringLiteral("ERR_INVALID_REDIRECT"),
                     QStringLiteral("the redirect from %1 has a Location that is not a URL: '%2'")
                         .arg(urlForMessage(current), QString::fromStdString(*location)));
        return Redirect::Failed;
    }
    if (!locationUrl->fragment() && currentUrl->fragment())
        locationUrl->setHash(*currentUrl->fragment());
    // Step 5.
    if (locationUrl->scheme() != "http" && locationUrl->scheme() != "https") {
        networkError(isolate, QStringLiteral("ERR_INVALID_REDIRECT"),
                     QStringLiteral("%1 redirects to '%2', which is not an HTTP(S) URL")
                         .arg(urlForMessage(current),
                              QString::fromStdString(std::string(locationUrl->href()))));
        return Redirect::Failed;
    }
    // Steps 6-7.
    if (m_redirectCount == 20) {
        networkError(isolate, QStringLiteral("ERR_TOO_MANY_REDIRECTS"),
                     QStringLiteral("the request was redirected more than 20 times (last: %1)")
                         .arg(urlForMessage(current)));
        return Redirect::Failed;
    }
    ++m_redirectCount;
    // Step 8 (the request's mode is "cors" for a URL given as a string).
    const bool crossOrigin = currentUrl->origin() != locationUrl->origin();
    if (m_requestObject->mode() == RequestMode::Cors && locationUrl->includesCredentials() &&
        crossOrigin) {
        networkError(isolate, QStringLiteral("ERR_INVALID_REDIRECT"),
                     QStringLiteral("%1 redirects to a URL with credentials in another origin")
                         .arg(urlForMessage(current)));
        return Redirect::Failed;
    }
    // Step 11.
    if (head.status != 303 && m_streamBody) {
        networkError(isolate, QStringLiteral("ERR_STREAM_BODY_REDIRECT"),
                     QStringLiteral("%1 answered %2, but a ReadableStream body cannot be sent "
                                    "again to follow it")
                         .arg(urlForMessage(current))
                         .arg(head.status));
        return Redirect::Failed;
    }
    const QByteArray hopMethod = QByteArray::fromStdString(m_method);
    // Step 12.
    if (((head.status == 301 || head.status == 302) && m_method == "POST") ||
        (head.status == 303 && m_method != "GET" && m_method != "HEAD")) {
        m_method = "GET";
        m_bodySource.reset();
        m_streamBody = false;
        m_upload.clear();
        for (const char* name :
             {"Content-Encoding", "Content-Language", "Content-Location", "Content-Type"})
            m_headers.remove(name);
    }
    // Step 13.
    if (crossOrigin) m_headers.remove("Authorization");
    // Step 19, and the traffic's hop.
    if (auto* t = traffic()) {
        FetchRecord::RedirectHop hop;
        hop.url = urlForMessage(current);
        hop.method = hopMethod;
        hop.status = head.status;
        hop.statusText = head.statusText;
        hop.httpVersion = head.httpVersion;
        hop.headers = head.headers;
        hop.timing = core::FetchTrafficRecorder::timingOf(m_transfer->timing());
        t->redirect(m_trafficId, hop, QString::fromStdString(std::string(locationUrl->href())));
    }
    m_urlList.emplace_back(locationUrl->href());
    m_transfer.reset(); // its body is not wanted: a connection still reading it is closed
    m_uploadDevice.clear();
    // Step 21.
    mainFetch(isolate);
    return Redirect::Followed;
}

void FetchController::processResponse(v8::Isolate* isolate, Response* response)
{
    m_promise.resolve(isolate, response->wrapper());
}

void FetchController::networkError(v8::Isolate* isolate, const QString& code,
                                   const QString& message)
{
    if (m_phase == Phase::Done) return;
    if (auto* t = traffic()) {
        if (m_transfer)
            t->timing(m_trafficId, core::FetchTrafficRecorder::timingOf(m_transfer->timing()));
        t->finishFailed(m_trafficId, code, message);
        m_trafficId = 0;
    }
    v8::Local<v8::Value> error = fetchFailedError(isolate, code, message);
    if (m_phase == Phase::Request) {
        m_promise.reject(isolate, error);
    } else if (ReadableByteStreamController* c = byteController()) {
        readableByteStreamControllerError(isolate, c, error);
        settlePull(isolate);
    }
    finish();
}

// https://fetch.spec.whatwg.org/#abort-fetch
void FetchController::abortFetch(v8::Isolate* isolate, v8::Local<v8::Value> error)
{
    if (m_phase == Phase::Done) return;
    m_abortAlgorithm = 0; // it is running: the signal drops it
    if (auto* t = traffic()) {
        t->finishAborted(m_trafficId, QStringLiteral("the request's signal was aborted"));
        m_trafficId = 0;
    }
    // Step 1.
    if (m_phase == Phase::Request) m_promise.reject(isolate, error);
    // Step 2: the request body, if it is still being read, is cancelled.
    if (UploadPump* pump = m_upload.get()) {
        if (ReadableStreamDefaultReader* reader = pump->m_reader.get()) {
            ReadableStream* stream = reader->m_stream.get();
            if (stream && stream->m_state == ReadableStream::State::Readable) {
                v8::Local<v8::Promise> cancelled = readableStreamCancel(isolate, stream, error);
                if (!cancelled.IsEmpty()) setPromiseIsHandled(cancelled);
            }
        }
    }
    // Steps 3-5: the response body errors.
    if (ReadableByteStreamController* c = byteController())
        readableByteStreamControllerError(isolate, c, error);
    settlePull(isolate);
    finish();
}

void FetchController::abortForRunEnd()
{
    if (m_phase == Phase::Done) return;
    if (auto* t = traffic()) {
        if (m_transfer && m_transfer->isComplete() && m_phase == Phase::Body)
            t->finishDone(m_trafficId);
        else
            t->finishAborted(m_trafficId, QStringLiteral("the run ended"));
        m_trafficId = 0;
    }
    // No script runs at the end of a run: the promise and the body are left as they are.
    finish();
}

void FetchController::recordFinished()
{
    if (auto* t = traffic()) {
        t->finishDone(m_trafficId);
        m_trafficId = 0;
    }
}

void FetchController::finish()
{
    m_phase = Phase::Done;
    if (m_abortAlgorithm) {
        if (Request* request = m_requestObject.get())
            request->signal()->removeAlgorithm(m_abortAlgorithm);
        m_abortAlgorithm = 0;
    }
    if (m_sessions) m_sessions->remove(this);
    m_transfer.reset();
    setExternalMemory(ExternalMemoryKind::Bodies, 0);
    m_uploadDevice.clear();
    m_pullKeepAlive.reset();
    m_promise = {};
    if (m_retained) {
        m_retained = false;
        release();
    }
}

core::FetchTrafficRecorder* FetchController::traffic() const
{
    return m_trafficId ? m_traffic.data() : nullptr;
}

} // namespace nano::api::fetch
