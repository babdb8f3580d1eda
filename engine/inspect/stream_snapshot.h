#pragma once
// What the stream inspector shows of one stream at one moment: the spec's own model
// (https://streams.spec.whatwg.org/: state, locked, the queue with sizes, desiredSize,
// high-water mark) plus what the engine counts (chunks and bytes passed, pending reads and
// writes) and the links between streams (tee branches, pipes, the two sides of a transform).
// A value type that crosses threads: streams fill it in on the engine thread (their describe
// callback, api/streams/stream_registry.h), the feed carries a StreamSnapshots list per poll
// under the kind streamSnapshotKind(), and `nanojs run --trace-streams` prints it as JSON
// lines (toJson).

#include "inspector_event.h"

#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QVector>
#include <optional>

namespace nano {

struct StreamSnapshot {
    enum class Kind {
        Readable,          // ReadableStream with a default controller
        ReadableBytes,     // ReadableStream with a ReadableByteStreamController
        Writable,          // WritableStream
        TransformReadable, // a TransformStream's readable side
        TransformWritable, // a TransformStream's writable side
    };
    // [[state]] of a ReadableStream ("readable", "closed", "errored") or of a WritableStream
    // (also "erroring"), as the spec names them.
    enum class State { Readable, Closed, Errored, Writable, Erroring };

    quint64 id = 0; // unique within a run, never reused; 0 is "none" in links
    Kind kind = Kind::Readable;
    QString label; // who made it: "script.js:12", "tee branch 2 of #14", "CompressionStream gzip"
    // Where script made it (the constructor, tee() or pipeThrough() call): the script's URL as
    // V8 names it, and its 1-based line. Empty and 0 for a stream made outside script (a fetch
    // body that arrives later).
    QString sourceUrl;
    int line = 0;
    // Errored (or erroring): the stored error as text ("TypeError: boom"), read without running
    // script; empty otherwise.
    QString error;
    State state = State::Readable;
    bool locked = false;
    qint64 queuedChunks = 0;   // [[queue]] length
    double queueTotalSize = 0; // [[queueTotalSize]] (the strategy's sizes; bytes for bytes)
    // The spec's desiredSize getters: none (null) when errored, or erroring for a writable;
    // 0 once closed; may be negative (backpressure).
    std::optional<double> desiredSize;
    double highWaterMark = 0; // [[strategyHWM]]
    quint64 chunksPassed = 0; // read (readable) or written to the sink (writable) so far
    quint64 bytesPassed = 0;  // of those, the bytes of ArrayBuffer/view chunks
    int pendingReads = 0;     // read requests waiting for a chunk
    int pendingWrites = 0;    // write requests not yet processed by the sink

    struct Links {
        quint64 teeParent = 0;       // the stream this one is a tee branch of
        int teeBranch = 0;           // 1 or 2 with teeParent
        quint64 pipeSource = 0;      // piping into this (writable) stream
        quint64 pipeDestination = 0; // this (readable) stream pipes into it
        quint64 transformPair = 0;   // the other side of the same TransformStream
    } links;
};

using StreamSnapshots = QVector<StreamSnapshot>;

// The inspector kind of stream snapshots: one event per poll whose value is the
// StreamSnapshots of every live stream, ordered by id. A poll with no live stream publishes
// nothing, except once right after the last stream was collected (an empty list).
int streamSnapshotKind();

QString kindName(StreamSnapshot::Kind kind);    // "readable", "readable-bytes", "writable",
                                                // "transform-readable", "transform-writable"
QString stateName(StreamSnapshot::State state); // the spec's state strings

// One JSON object per stream ("desiredSize" is null when absent, links with 0 are left out),
// stamped with the event's clocks: what --trace-streams prints, one line each.
QJsonObject toJson(const StreamSnapshot& snapshot, const InspectorEvent& event);

} // namespace nano

Q_DECLARE_METATYPE(nano::StreamSnapshot)
Q_DECLARE_METATYPE(nano::StreamSnapshots)
