// Runtime: the heap limit (enforced after each full GC, with V8's own limit as headroom),
// heap statistics for the memory inspector, and heap snapshots.

#include "core/runtime.h"

#include "bind/isolate_data.h"
#include "core/array_buffer_allocator.h"

#include <QSaveFile>
#include <algorithm>
#include <unistd.h>
#include <v8-profiler.h>

namespace nano::core {

// The limit a script sees (--max-heap-mb, else V8's default for this machine's memory) is
// enforced here, after each full GC; V8's own limit sits at hardHeapLimit(), far enough above
// that any single allocation made below the limit (a Map or array doubling its backing store,
// one long builtin filling an array) still fits, so the run ends with a clean RangeError
// instead of V8's fatal "CALL_AND_RETRY_LAST".
size_t Runtime::heapLimitFor(int maxHeapMb)
{
    if (maxHeapMb > 0) return static_cast<size_t>(maxHeapMb) * 1024 * 1024;
    v8::ResourceConstraints defaults;
    const uint64_t physical = static_cast<uint64_t>(sysconf(_SC_PHYS_PAGES)) *
                              static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
    defaults.ConfigureDefaults(physical, 0);
    return defaults.max_old_generation_size_in_bytes() +
           defaults.max_young_generation_size_in_bytes();
}

size_t Runtime::hardHeapLimit(size_t limit)
{
    return 2 * limit + 64u * 1024 * 1024;
}

void Runtime::onFullGarbageCollection(v8::Isolate* isolate, v8::GCType, v8::GCCallbackFlags,
                                      void* data)
{
    auto* self = static_cast<Runtime*>(data);
    v8::HeapStatistics heap;
    isolate->GetHeapStatistics(&heap);
    if (heap.used_heap_size() <= self->m_heapLimit) return;
    self->stopForOutOfMemory();
}

void Runtime::stopForOutOfMemory()
{
    if (m_finished && !m_evaluatingLine)
        return; // nothing runs: the next REPL line starts with a fresh check
    requestStop(StopReason::OutOfMemory);
    // Also when another stop reason is set already (a REPL line after a failed run): the limit
    // must hold in every case.
    m_isolate->TerminateExecution();
}

size_t Runtime::onNearHeapLimit(void* data, size_t currentLimit, size_t)
{
    // V8's own (hard) limit: reached only when live memory grew past ours inside one builtin
    // that does not check for termination.
    auto* self = static_cast<Runtime*>(data);
    self->stopForOutOfMemory();
    if (self->m_hardLimitRaised)
        return currentLimit; // V8 gives up: core/fatal_error.h ends the process cleanly
    self->m_hardLimitRaised = true;
    // Room for V8 to reach the next point where termination takes effect.
    return currentLimit + std::max<size_t>(currentLimit / 4, 64u * 1024 * 1024);
}

HeapStats Runtime::heapStatistics()
{
    HeapStats stats;
    stats.runId = m_runId;
    stats.elapsedMs = now();
    v8::HeapStatistics heap;
    m_isolate->GetHeapStatistics(&heap);
    stats.usedHeap = heap.used_heap_size();
    stats.totalHeap = heap.total_heap_size();
    stats.heapLimit = m_heapLimit;
    stats.externalMemory = heap.external_memory();
    stats.mallocedMemory = heap.malloced_memory();
    if (bind::IsolateData* data = bind::IsolateData::get(m_isolate)) {
        stats.hostObjectMemory = static_cast<quint64>(std::max<int64_t>(0, data->externalMemory()));
        for (int kind = 0; kind < kExternalMemoryKindCount; ++kind) {
            stats.externalByKind[size_t(kind)] = static_cast<quint64>(
                std::max<int64_t>(0, data->externalMemory(ExternalMemoryKind(kind))));
        }
    }
    stats.externalByKind[size_t(ExternalMemoryKind::ArrayBuffers)] =
        static_cast<ArrayBufferAllocator*>(m_allocator)->allocatedBytes();
    const size_t spaces = m_isolate->NumberOfHeapSpaces();
    for (size_t i = 0; i < spaces; ++i) {
        v8::HeapSpaceStatistics space;
        if (!m_isolate->GetHeapSpaceStatistics(&space, i)) continue;
        stats.spaces.push_back(HeapSpaceStats{
            QString::fromLatin1(space.space_name()), space.space_size(), space.space_used_size(),
            space.space_available_size(), space.physical_space_size()});
    }
    return stats;
}

namespace {
class SnapshotStream final : public v8::OutputStream {
public:
    explicit SnapshotStream(QSaveFile& file)
        : m_file(file)
    {}
    void EndOfStream() override {}
    int GetChunkSize() override { return 1 << 16; }
    WriteResult WriteAsciiChunk(char* data, int size) override
    {
        return m_file.write(data, size) == size ? kContinue : kAbort;
    }

private:
    QSaveFile& m_file;
};
} // namespace

bool Runtime::writeHeapSnapshot(const QString& path, QString& error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        error = file.errorString();
        return false;
    }
    v8::HandleScope scope(m_isolate);
    const v8::HeapSnapshot* snapshot = m_isolate->GetHeapProfiler()->TakeHeapSnapshot();
    if (!snapshot) {
        error = QStringLiteral("V8 could not take a heap snapshot");
        return false;
    }
    SnapshotStream stream(file);
    snapshot->Serialize(&stream, v8::HeapSnapshot::kJSON);
    const_cast<v8::HeapSnapshot*>(snapshot)->Delete();
    if (!file.commit()) {
        error = file.errorString();
        return false;
    }
    return true;
}

} // namespace nano::core
