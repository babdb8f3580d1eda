#pragma once
// nanojs --trace-streams: subscribes to the stream inspector's feed and prints every snapshot
// to stderr, one JSON object per stream per snapshot (inspect/stream_snapshot.h toJson: the
// snapshot's event id and clocks, then the stream), so the feed is usable without the window.

#include <QByteArray>

namespace nano {
class Controller;
struct InspectorBatch;
} // namespace nano

namespace nano::cli {

// The lines for the stream snapshots in `batch` (other kinds are skipped), each ending in \n.
QByteArray streamTraceLines(const InspectorBatch& batch);

// Before the run starts; lines leave as the batches arrive (about every 50 ms).
void traceStreams(Controller& controller);

} // namespace nano::cli
