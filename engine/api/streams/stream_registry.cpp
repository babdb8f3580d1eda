#include "api/streams/stream_registry.h"

#include "core/inspector_producers.h"
#include "core/runtime.h"

#include <mutex>

namespace nano::api::streams {

struct StreamRegistration::Streams {
    std::map<quint64, StreamRegistry::Describe> live; // ordered by id
    quint64 nextId = 1;
};

StreamRegistration::StreamRegistration(std::weak_ptr<Streams> streams, quint64 id)
    : m_streams(std::move(streams))
    , m_id(id)
{}

StreamRegistration::StreamRegistration(StreamRegistration&& other) noexcept
    : m_streams(std::move(other.m_streams))
    , m_id(std::exchange(other.m_id, 0))
{}

StreamRegistration& StreamRegistration::operator=(StreamRegistration&& other) noexcept
{
    if (this != &other) {
        reset();
        m_streams = std::move(other.m_streams);
        m_id = std::exchange(other.m_id, 0);
    }
    return *this;
}

void StreamRegistration::reset()
{
    if (const std::shared_ptr<Streams> streams = m_streams.lock()) streams->live.erase(m_id);
    m_streams.reset();
    m_id = 0;
}

StreamRegistry::StreamRegistry()
    : m_streams(std::make_shared<StreamRegistration::Streams>())
{}

StreamRegistry::~StreamRegistry() = default;

StreamRegistry& StreamRegistry::from(core::Runtime& runtime)
{
    return runtime.threadObject<StreamRegistry>();
}

StreamRegistry& StreamRegistry::from(v8::Isolate* isolate)
{
    return from(*core::Runtime::from(isolate));
}

StreamRegistration StreamRegistry::add(Describe describe)
{
    const quint64 id = m_streams->nextId++;
    m_streams->live.emplace(id, std::move(describe));
    return StreamRegistration(m_streams, id);
}

size_t StreamRegistry::size() const
{
    return m_streams->live.size();
}

StreamSnapshots StreamRegistry::describeAll() const
{
    StreamSnapshots out;
    out.reserve(qsizetype(m_streams->live.size()));
    // A copy of the callbacks: one that drops a registration (it should not) cannot
    // invalidate the iteration.
    const std::map<quint64, Describe> live = m_streams->live;
    for (const auto& [id, describe] : live) {
        StreamSnapshot snapshot;
        if (describe && !describe(snapshot)) continue;
        snapshot.id = id;
        out.push_back(std::move(snapshot));
    }
    return out;
}

bool StreamRegistry::takeSnapshot(StreamSnapshots* out)
{
    *out = describeAll();
    const bool empty = out->isEmpty();
    const bool publish = !empty || !m_lastWasEmpty;
    m_lastWasEmpty = empty;
    return publish;
}

void installStreamInspector(v8::Local<v8::Context>, v8::Local<v8::Object>)
{
    static std::once_flag once;
    std::call_once(once, [] {
        core::InspectorProducer producer;
        producer.kind = streamSnapshotKind();
        producer.snapshot = [](core::Runtime& run) {
            StreamSnapshots snapshots;
            if (StreamRegistry::from(run).takeSnapshot(&snapshots))
                run.publishInspectorEvent(streamSnapshotKind(), QVariant::fromValue(snapshots));
        };
        core::addInspectorProducer(std::move(producer));
    });
}

} // namespace nano::api::streams
