#include "core/inspector_producers.h"

#include "core/runtime.h"

#include <mutex>

namespace nano::core {

namespace {
struct ProducerList {
    std::mutex mutex;
    std::vector<InspectorProducer> producers;
};

ProducerList& producerList()
{
    static ProducerList list;
    return list;
}
} // namespace

void addInspectorProducer(InspectorProducer producer)
{
    ProducerList& list = producerList();
    std::lock_guard<std::mutex> lock(list.mutex);
    list.producers.push_back(std::move(producer));
}

InspectorSession::InspectorSession(Runtime& runtime, InspectorFeed* feed)
    : m_feed(feed)
{
    std::vector<InspectorProducer> producers;
    {
        ProducerList& list = producerList();
        std::lock_guard<std::mutex> lock(list.mutex);
        producers = list.producers;
    }
    for (const InspectorProducer& producer : producers) {
        if (producer.attach) producer.attach(runtime);
        if (producer.snapshot && m_feed) {
            m_sources.push_back(m_feed->addSnapshotSource(
                producer.kind, [&runtime, snapshot = producer.snapshot] { snapshot(runtime); },
                producer.snapshotIntervalMs));
        }
    }
}

InspectorSession::~InspectorSession()
{
    for (int source : m_sources)
        m_feed->removeSnapshotSource(source);
}

} // namespace nano::core
