#pragma once
// The ArrayBuffer allocator of every isolate. Large buffers that V8 will fill at once
// (AllocateUninitialized: clones, copies, fetch bodies) are mapped with MAP_POPULATE, so the
// kernel provides all their pages in one call instead of one page fault per 4 KiB, which
// dominates the cost of big copies on virtual machines. Zeroed buffers stay lazily mapped:
// `new ArrayBuffer(1 << 30)` that is barely touched must not commit a gigabyte.

#include <v8.h>

namespace nano::core {

class ArrayBufferAllocator final : public v8::ArrayBuffer::Allocator {
public:
    void* Allocate(size_t length) override;
    void* AllocateUninitialized(size_t length) override;
    void Free(void* data, size_t length) override;

    static constexpr size_t kPopulateThreshold = 1u << 20; // 1 MiB
};

} // namespace nano::core
