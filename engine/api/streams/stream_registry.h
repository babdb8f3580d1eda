#pragma once
// The live streams of one run, for the stream inspector (engine/README.md "The inspector
// feed"). Each stream object (ReadableStream, WritableStream, the two sides of a
// TransformStream) registers when it is created and holds the StreamRegistration it gets
// back; the registration unregisters when it is destroyed, i.e. when the stream's wrapper is
// collected, so a collected stream disappears from the next snapshot:
//
//   m_registration = StreamRegistry::from(isolate).add([this](StreamSnapshot& s) {
//       s.kind = StreamSnapshot::Kind::Readable;
//       s.label = m_label;
//       s.state = ...; s.queuedChunks = m_queue.size(); ...
//       return true;
//   });
//   quint64 id = m_registration.id(); // for the links of other streams (tee, pipes)
//
// The snapshot producer (installStreamInspector, in api/registry.cpp's list) calls every
// describe callback between two tasks, at most every 100 ms and only while someone subscribed
// to streamSnapshotKind(): a callback reads the stream's slots and must not run script.
// Engine thread only.

#include "inspect/stream_snapshot.h"

#include <QObject>
#include <functional>
#include <map>
#include <memory>
#include <v8.h>

namespace nano::core {
class Runtime;
}

namespace nano::api::streams {

class StreamRegistry;

// Move-only; unregisters its stream when destroyed or reset (also after the registry is gone:
// the runtime drops its registry before the wrappers that hold registrations).
class StreamRegistration final {
public:
    StreamRegistration() = default;
    ~StreamRegistration() { reset(); }
    StreamRegistration(StreamRegistration&& other) noexcept;
    StreamRegistration& operator=(StreamRegistration&& other) noexcept;
    StreamRegistration(const StreamRegistration&) = delete;
    StreamRegistration& operator=(const StreamRegistration&) = delete;

    quint64 id() const { return m_id; } // 0: not registered
    void reset();

private:
    friend class StreamRegistry;
    struct Streams;
    StreamRegistration(std::weak_ptr<Streams> streams, quint64 id);

    std::weak_ptr<Streams> m_streams;
    quint64 m_id = 0;
};

class StreamRegistry final : public QObject {
    Q_OBJECT
public:
    // Fills in the snapshot; false leaves the stream out (its wrapper was just collected).
    using Describe = std::function<bool(StreamSnapshot& snapshot)>;

    StreamRegistry();
    ~StreamRegistry() override;
    Q_DISABLE_COPY_MOVE(StreamRegistry)

    // The registry of the run `isolate` belongs to (made on first use, gone with the run).
    static StreamRegistry& from(v8::Isolate* isolate);
    static StreamRegistry& from(core::Runtime& runtime);

    // Registers a stream: a new id (1, 2, 3 ... within the run, never reused) and the callback
    // that describes it. The callback may capture the stream: it is never called after the
    // registration is destroyed.
    [[nodiscard]] StreamRegistration add(Describe describe);
    size_t size() const;

    // Every live stream, ordered by id (the registry sets each snapshot's id).
    StreamSnapshots describeAll() const;
    // What the producer publishes now, if anything: describeAll(), except that a poll with no
    // live stream publishes nothing, unless the previous poll published streams (then one
    // empty list says they are gone).
    bool takeSnapshot(StreamSnapshots* out);

private:
    std::shared_ptr<StreamRegistration::Streams> m_streams;
    bool m_lastWasEmpty = true;
};

// An Installer (core::Installer) with no JS surface: registers the stream snapshot producer
// with the inspector feed, once per process, before the first run's inspector session.
void installStreamInspector(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api::streams
