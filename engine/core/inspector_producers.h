#pragma once
// Producers of inspector events, registered once per process (before the runs that should see
// them), so an API or a test adds a kind of its own without touching Engine or Controller:
//
//   static const int kind = InspectorKinds::add(QStringLiteral("streams"));
//   core::addInspectorProducer({kind, nullptr, [](Runtime& run) {
//       run.publishInspectorEvent(kind, QVariant::fromValue(takeStreamSnapshot(run)));
//   }});
//
// Event producers need no registration: they call Runtime::publishInspectorEvent when
// something happens. Each run attaches the registered producers on the engine thread.

#include "inspect/inspector_feed.h"

#include <functional>
#include <memory>
#include <vector>

namespace nano::core {

class Runtime;

struct InspectorProducer {
    int kind = 0; // from InspectorKinds::add
    // Optional: called once a run's context is ready (engine thread, inside a HandleScope and
    // the context), to set up what the producer publishes from.
    std::function<void(Runtime&)> attach;
    // Optional, for snapshot kinds: publishes a snapshot. Called between two tasks, at most
    // once per snapshotIntervalMs, and only while `kind` has a subscriber.
    std::function<void(Runtime&)> snapshot;
    int snapshotIntervalMs = InspectorFeed::kDefaultSnapshotIntervalMs;
};

// Thread-safe; affects runs that start afterwards.
void addInspectorProducer(InspectorProducer producer);

// The producers attached to one run: created by the Runtime once its context is ready, and
// destroyed before its isolate, which removes their snapshot sources from the feed.
class InspectorSession final {
public:
    InspectorSession(Runtime& runtime, InspectorFeed* feed);
    ~InspectorSession();
    InspectorSession(const InspectorSession&) = delete;
    InspectorSession& operator=(const InspectorSession&) = delete;

private:
    InspectorFeed* m_feed;
    std::vector<int> m_sources;
};

} // namespace nano::core
