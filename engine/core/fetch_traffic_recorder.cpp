#include "core/fetch_traffic_recorder.h"

#include "core/runtime.h"
#include "inspect/inspector_feed.h"
#include "net/http_transfer.h"

#include <QDateTime>

namespace nano::core {

FetchTrafficRecorder& FetchTrafficRecorder::from(Runtime& runtime)
{
    FetchTrafficRecorder& recorder = runtime.threadObject<FetchTrafficRecorder>();
    if (!recorder.m_attached) {
        recorder.attach(runtime.inspectorFeed(), runtime.runId());
        // Whatever changed in the last 50 ms reaches the feed before the run's result does.
        runtime.addTeardownHook([&recorder] { recorder.publishPending(); });
    }
    return recorder;
}

FetchTrafficRecorder::FetchTrafficRecorder()
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(kBatchIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &FetchTrafficRecorder::publishPending);
}

FetchTrafficRecorder::~FetchTrafficRecorder() = default;

void FetchTrafficRecorder::publishTo(Sink sink, std::function<bool()> isListening)
{
    m_sink = std::move(sink);
    m_isListening = std::move(isListening);
    m_attached = true;
}

void FetchTrafficRecorder::attach(InspectorFeed* feed, quint64 runId)
{
    m_attached = true;
    if (!feed) return;
    m_sink = [feed, runId](FetchRecords records) {
        feed->publish(fetchTrafficKind(), runId, QVariant::fromValue(std::move(records)));
    };
    m_isListening = [feed] { return feed->isSubscribed(fetchTrafficKind()); };
}

bool FetchTrafficRecorder::isListening() const
{
    return m_isListening && m_isListening();
}

FetchRecord* FetchTrafficRecorder::find(quint64 id, const char* call)
{
    const auto it = m_live.find(id);
    if (it != m_live.end()) return &it->second;
    qWarning("%s:%d: FetchTrafficRecorder::%s for fetch %llu, which is not in flight", __FILE__,
             __LINE__, call, static_cast<unsigned long long>(id));
    return nullptr;
}

void FetchTrafficRecorder::changed(quint64 id)
{
    // Nobody listening: the record stays current for finish, nothing is sent in between.
    if (!isListening()) return;
    m_dirty.insert(id);
    if (!m_timer.isActive()) m_timer.start();
}

quint64 FetchTrafficRecorder::begin(const QString& initiator, const QByteArray& method,
                                    const QString& url, const FetchRecord::Headers& headers)
{
    FetchRecord record;
    record.id = m_nextId++;
    record.initiator = initiator;
    record.method = method;
    record.url = url;
    record.requestHeaders = headers;
    record.wallClockMs = QDateTime::currentMSecsSinceEpoch();
    record.timing.queued = EventLoop::monotonicNowMs();
    const quint64 id = record.id;
    m_live.emplace(id, std::move(record));
    m_dirty.insert(id);
    publishPending();
    return id;
}

// Keeps the preview while someone listens; a chunk that passes unseen spoils it for good.
static void keepPreview(FetchRecord::BodyPreview& preview, const char* data, qint64 size,
                        bool listening)
{
    if (size <= 0) return;
    if (listening) {
        preview.append(data, size);
    } else if (preview.kept == FetchRecord::BodyPreview::Kept::Whole) {
        preview.bytes.clear();
        preview.kept = FetchRecord::BodyPreview::Kept::None;
    }
}

void FetchTrafficRecorder::requestBody(quint64 id, const char* data, qint64 size)
{
    FetchRecord* record = find(id, "requestBody");
    if (!record || size <= 0) return;
    record->requestBodySize += size;
    keepPreview(record->requestBody, data, size, isListening());
    changed(id);
}

void FetchTrafficRecorder::redirect(quint64 id, const FetchRecord::RedirectHop& hop,
                                    const QString& nextUrl)
{
    FetchRecord* record = find(id, "redirect");
    if (!record) return;
    record->redirects.push_back(hop);
    record->url = nextUrl;
    record->status = 0;
    record->statusText.clear();
    record->httpVersion.clear();
    record->responseHeaders.clear();
    record->timing = FetchRecord::Timing{};
    record->timing.queued = EventLoop::monotonicNowMs(); // the next hop's request starts now
    changed(id);
}

void FetchTrafficRecorder::responseHead(quint64 id, int status, const QByteArray& statusText,
                                        const QByteArray& httpVersion, const QString& remoteAddress,
                                        const FetchRecord::Headers& headers)
{
    FetchRecord* record = find(id, "responseHead");
    if (!record) return;
    record->status = status;
    record->statusText = statusText;
    record->httpVersion = httpVersion;
    record->remoteAddress = remoteAddress;
    record->responseHeaders = headers;
    changed(id);
}

void FetchTrafficRecorder::responseBody(quint64 id, const char* data, qint64 size)
{
    FetchRecord* record = find(id, "responseBody");
    if (!record || size <= 0) return;
    record->responseBodySize += size;
    keepPreview(record->responseBody, data, size, isListening());
    changed(id);
}

void FetchTrafficRecorder::timing(quint64 id, const FetchRecord::Timing& timing)
{
    FetchRecord* record = find(id, "timing");
    if (!record) return;
    const double queued = record->timing.queued;
    record->timing = timing;
    if (timing.queued == 0) record->timing.queued = queued;
    changed(id);
}

void FetchTrafficRecorder::finishDone(quint64 id)
{
    finish(id, FetchRecord::State::Done, QString(), QString());
}

void FetchTrafficRecorder::finishFailed(quint64 id, const QString& code, const QString& message)
{
    finish(id, FetchRecord::State::Failed, code, message);
}

void FetchTrafficRecorder::finishAborted(quint64 id, const QString& reason)
{
    finish(id, FetchRecord::State::Aborted, QString(), reason);
}

void FetchTrafficRecorder::finish(quint64 id, FetchRecord::State state, const QString& code,
                                  const QString& message)
{
    FetchRecord* record = find(id, "finish");
    if (!record) return;
    record->state = state;
    record->failureCode = code;
    record->failureMessage = message;
    if (record->timing.end == 0) record->timing.end = EventLoop::monotonicNowMs();
    m_dirty.insert(id);
    publishPending(); // forgets the finished record
}

FetchRecord::Timing FetchTrafficRecorder::timingOf(const net::TransferTiming& transfer)
{
    FetchRecord::Timing timing;
    timing.queued = transfer.queued;
    timing.connectStart = transfer.connectStart;
    if (transfer.connectStart > 0)
        timing.connectEnd = transfer.tlsDone > 0 ? transfer.tlsDone : transfer.requestSent;
    timing.tlsEnd = transfer.tlsDone;
    timing.requestSent = transfer.requestSent;
    timing.firstByte = transfer.firstByte;
    timing.end = transfer.end;
    return timing;
}

FetchRecords FetchTrafficRecorder::inFlight() const
{
    FetchRecords out;
    for (const auto& [id, record] : m_live)
        out.push_back(record);
    return out;
}

void FetchTrafficRecorder::publishPending()
{
    m_timer.stop();
    if (m_dirty.empty()) return;
    FetchRecords records;
    records.reserve(qsizetype(m_dirty.size()));
    for (const quint64 id : m_dirty) {
        const auto it = m_live.find(id);
        if (it == m_live.end()) continue;
        records.push_back(it->second);
        if (it->second.state != FetchRecord::State::InFlight) m_live.erase(it);
    }
    m_dirty.clear();
    publish(std::move(records));
}

void FetchTrafficRecorder::publish(FetchRecords records)
{
    if (m_sink && !records.isEmpty()) m_sink(std::move(records));
}

} // namespace nano::core
