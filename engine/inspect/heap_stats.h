#pragma once
// A sample of the engine's memory (value type): V8's heap statistics plus what our own objects
// report holding outside the V8 heap (fetch bodies, stream queues, crypto buffers).

#include "external_memory.h"

#include <QMetaType>
#include <QString>
#include <QVector>

namespace nano {

struct HeapSpaceStats {
    QString name;
    quint64 size = 0;
    quint64 used = 0;
    quint64 available = 0;
    quint64 physical = 0;
};

struct HeapStats {
    quint64 runId = 0;
    double elapsedMs = 0; // since the run started (monotonic)
    quint64 usedHeap = 0; // bytes
    quint64 totalHeap = 0;
    quint64 heapLimit = 0;
    quint64 externalMemory = 0;   // V8's count of external memory (array buffers, ours)
    quint64 hostObjectMemory = 0; // the part our own objects report (every kind but ArrayBuffers)
    ExternalMemoryByKind externalByKind{}; // what our objects and the allocator hold, per kind

    quint64 external(ExternalMemoryKind kind) const { return externalByKind[size_t(kind)]; }
    quint64 mallocedMemory = 0;
    QVector<HeapSpaceStats> spaces;
};

} // namespace nano

Q_DECLARE_METATYPE(nano::HeapStats)
