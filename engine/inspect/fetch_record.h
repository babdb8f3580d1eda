#pragma once
// What the network inspector knows of one fetch() at one moment: the request as sent, each
// redirect hop, the response head, how much body went each way with a bounded preview, the
// timing phases and how it ended. A value type that crosses threads: the engine's
// FetchTrafficRecorder (core/fetch_traffic_recorder.h) fills it in as the fetch goes on and
// publishes the records that changed as one FetchRecords list under fetchTrafficKind(); the
// HAR writer and reader (har.h) turn records into a HAR 1.2 log and back.

#include "inspector_event.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QVector>

namespace nano {

struct FetchRecord {
    // Header lists as on the wire: ordered (name, value) byte strings, duplicates kept.
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    // The first bytes of a body, bounded so a 1 GiB download costs the inspector 1 MiB.
    struct BodyPreview {
        static constexpr qint64 kLimit = qint64(1) << 20;
        enum class Kept {
            Whole, // bytes is the whole body (so far, while in flight)
            Head,  // bytes is its first kLimit bytes; the rest was not kept
            None,  // nothing was kept: nobody was listening when it passed
        };
        QByteArray bytes;
        Kept kept = Kept::Whole;

        // Appends what of `chunk` fits under kLimit (Whole turns into Head past it).
        void append(const char* data, qint64 size);
        bool operator==(const BodyPreview& other) const
        {
            return kept == other.kept && bytes == other.bytes;
        }
    };

    // Timestamps on the engine's steady clock (core::EventLoop::monotonicNowMs, as
    // net::TransferTiming); 0: did not happen (a reused connection has no connect or TLS
    // phase, a failed fetch no first byte).
    struct Timing {
        double queued = 0;       // the request was made (fetch() was called, or the hop began)
        double connectStart = 0; // socket connecting (after the lookup)
        double connectEnd = 0;   // connected, TLS included
        double tlsStart = 0;
        double tlsEnd = 0;
        double requestSent = 0; // the request (head and body) has left
        double firstByte = 0;   // the response head arrived
        double end = 0;         // the body is complete, or the fetch failed or was aborted

        bool operator==(const Timing& o) const
        {
            return queued == o.queued && connectStart == o.connectStart &&
                   connectEnd == o.connectEnd && tlsStart == o.tlsStart && tlsEnd == o.tlsEnd &&
                   requestSent == o.requestSent && firstByte == o.firstByte && end == o.end;
        }
    };

    // One redirect fetch followed: the request it made and the 3xx response it got.
    struct RedirectHop {
        QString url;       // the URL requested in this hop
        QByteArray method; // its method (a 303 turns the next one into GET)
        int status = 0;    // 301, 302, 303, 307, 308
        QByteArray statusText;
        QByteArray httpVersion; // "1.1", "2"
        Headers headers;        // the redirect response's headers (Location among them)
        Timing timing;          // of this hop's exchange

        bool operator==(const RedirectHop& o) const
        {
            return url == o.url && method == o.method && status == o.status &&
                   statusText == o.statusText && httpVersion == o.httpVersion &&
                   headers == o.headers && timing == o.timing;
        }
    };

    enum class State { InFlight, Done, Failed, Aborted };

    quint64 id = 0;    // unique within a run, from 1
    QString initiator; // the script location that called fetch(): "file:///a.js:12"
    QByteArray method;
    QString url; // the URL of the last request (after redirects)
    Headers requestHeaders;
    qint64 requestBodySize = 0; // bytes of request body sent so far
    BodyPreview requestBody;
    QVector<RedirectHop> redirects;
    // The final response; status 0 until its head arrives.
    int status = 0;
    QByteArray statusText;
    QByteArray httpVersion; // "1.1", "2"
    QString remoteAddress;  // the server's IP address, when known
    Headers responseHeaders;
    qint64 responseBodySize = 0; // decoded body bytes received so far
    BodyPreview responseBody;
    // When fetch() was called, in ms since the Unix epoch: the wall-clock time of the first
    // hop's timing.queued (the HAR's startedDateTime; later hops start as much later as their
    // queued stamps say).
    qint64 wallClockMs = 0;
    Timing timing; // of the last (or only) exchange
    State state = State::InFlight;
    QString failureCode;    // Failed: the cause's code (net::NetworkFailure: "ECONNREFUSED")
    QString failureMessage; // Failed: what happened; Aborted: the abort reason, as text

    bool operator==(const FetchRecord& o) const;
    bool operator!=(const FetchRecord& o) const { return !(*this == o); }
};

using FetchRecords = QVector<FetchRecord>;

// The inspector kind of fetch traffic: each event's value is the FetchRecords that changed
// since the last event (whole records, not deltas), ordered by id.
int fetchTrafficKind();

QString stateName(FetchRecord::State state); // "in-flight", "done", "failed", "aborted"

} // namespace nano

Q_DECLARE_METATYPE(nano::FetchRecord)
Q_DECLARE_METATYPE(nano::FetchRecords)
