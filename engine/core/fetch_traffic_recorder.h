#pragma once
// The fetch traffic producer: one per runtime, on the engine thread. fetch() tells it what
// happens to each request, and it keeps a FetchRecord (inspect/fetch_record.h) per fetch in
// flight and publishes the records that changed through the inspector feed as one
// FetchRecords event under fetchTrafficKind():
//
//   FetchTrafficRecorder& traffic = FetchTrafficRecorder::from(*Runtime::from(isolate));
//   const quint64 id = traffic.begin(initiator, method, url, headers);
//   traffic.requestBody(id, chunk.constData(), chunk.size());      // as the upload goes
//   traffic.redirect(id, hop, nextUrl);                             // each hop followed
//   traffic.responseHead(id, status, statusText, "1.1", ip, headers);
//   traffic.responseBody(id, data, size);                           // as the body arrives
//   traffic.timing(id, FetchTrafficRecorder::timingOf(transfer.timing(), queuedAt));
//   traffic.finishDone(id);  // or finishFailed(id, code, message) / finishAborted(id, reason)
//
// Updates are coalesced: a record that changed is published at most every kBatchIntervalMs
// (no event per chunk), except begin and finish, which publish at once (with every other
// pending change) so that a short request is seen. While nobody subscribed to
// fetchTrafficKind() it stays cheap: no previews are copied and only begin and finish are
// published (a preview then says Kept::None). `nanojs --har` subscribes, so it gets the bodies.
// A call with an unknown or finished id is a bug in fetch: logged, ignored.

#include "inspect/fetch_record.h"

#include <QObject>
#include <QTimer>
#include <functional>
#include <map>
#include <set>

namespace nano {
class InspectorFeed;
}
namespace nano::net {
struct TransferTiming;
}

namespace nano::core {

class Runtime;

class FetchTrafficRecorder final : public QObject {
    Q_OBJECT
public:
    static constexpr int kBatchIntervalMs = 50;

    // The recorder of a run (made on first use, destroyed with the runtime).
    static FetchTrafficRecorder& from(Runtime& runtime);

    // Runtime::threadObject makes it; from() attaches it to the run's feed. A recorder with no
    // feed keeps its records and publishes nothing (tests use publishTo instead).
    FetchTrafficRecorder();
    ~FetchTrafficRecorder() override;
    Q_DISABLE_COPY_MOVE(FetchTrafficRecorder)

    // Where events go: a function (for tests), or a feed with its run id.
    using Sink = std::function<void(FetchRecords)>;
    void publishTo(Sink sink, std::function<bool()> isListening);
    void attach(InspectorFeed* feed, quint64 runId);
    // Someone subscribed to fetchTrafficKind(): previews are kept, progress is published.
    bool isListening() const;

    // A new fetch: returns its id (1, 2, 3 ... within the run). Published at once.
    quint64 begin(const QString& initiator, const QByteArray& method, const QString& url,
                  const FetchRecord::Headers& requestHeaders);
    // `size` more bytes of request body have been sent.
    void requestBody(quint64 id, const char* data, qint64 size);
    // fetch follows a redirect: the hop is recorded, the record's URL becomes nextUrl and its
    // response head and timing are cleared for the next hop (queued: now).
    void redirect(quint64 id, const FetchRecord::RedirectHop& hop, const QString& nextUrl);
    void responseHead(quint64 id, int status, const QByteArray& statusText,
                      const QByteArray& httpVersion, const QString& remoteAddress,
                      const FetchRecord::Headers& headers);
    // `size` more decoded bytes of response body have arrived.
    void responseBody(quint64 id, const char* data, qint64 size);
    // The current exchange's phases (each call replaces them; a `queued` of 0 keeps the one
    // before: begin()'s, or the hop's when fetch passes its transport's).
    void timing(quint64 id, const FetchRecord::Timing& timing);
    // The end of a fetch, published at once; the record is then forgotten.
    void finishDone(quint64 id);
    void finishFailed(quint64 id, const QString& code, const QString& message);
    void finishAborted(quint64 id, const QString& reason);

    // The transport's timing in the record's terms. Qt reports neither the moment a socket
    // is connected nor the TLS handshake's start: the connect phase ends when TLS is done (or
    // when the request leaves), and the TLS phase stays unknown (HAR "ssl": -1).
    static FetchRecord::Timing timingOf(const net::TransferTiming& transfer);

    // The records in flight (for a view that opens late).
    FetchRecords inFlight() const;
    // Publishes the pending changes now (the end of a run).
    void publishPending();

private:
    FetchRecord* find(quint64 id, const char* call);
    void changed(quint64 id);
    void finish(quint64 id, FetchRecord::State state, const QString& code, const QString& message);
    void publish(FetchRecords records);

    std::map<quint64, FetchRecord> m_live; // in flight, by id
    std::set<quint64> m_dirty;             // ids changed since the last event
    quint64 m_nextId = 1;
    QTimer m_timer;
    Sink m_sink;
    std::function<bool()> m_isListening;
    bool m_attached = false;
};

} // namespace nano::core
