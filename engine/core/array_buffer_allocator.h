#pragma once
// The ArrayBuffer allocator of every isolate. Buffers of 2 MiB and more are mappings of their
// own, 2 MiB-aligned and advised as transparent huge pages: the kernel then provides them in
// 2 MiB faults instead of one fault per 4 KiB page, which dominates the cost of big copies on
// virtual machines (a 64 MiB clone: ~8-15 ms instead of ~45 ms with 4 KiB pages and
// MAP_POPULATE; memory the VM's host never backed yet costs ~150 ms either way).
// They stay lazily mapped, so `new ArrayBuffer(1 << 30)` that is barely touched commits only
// the 2 MiB pages it touches. Buffers of 16 KiB to 1 MiB are slots in 2 MiB slabs
// (core/array_buffer_slabs.h); smaller ones come from malloc.

#include "core/array_buffer_slabs.h"
#include "core/huge_page_mapping.h"

#include <atomic>
#include <v8.h>

namespace nano::core {

class ArrayBufferAllocator final : public v8::ArrayBuffer::Allocator {
public:
    void* Allocate(size_t length) override;
    void* AllocateUninitialized(size_t length) override;
    // Thread-safe: V8 frees backing stores from its sweeper threads too.
    void Free(void* data, size_t length) override;

    // Whether a buffer of `length` bytes can be mapped now. For callers of V8 functions that
    // abort the process when allocation fails (ArrayBuffer::NewBackingStore), so they can
    // report an error instead. Two system calls: the probe mapping is never touched.
    static bool canAllocate(size_t length);

    // Bytes of the backing stores allocated here and not freed yet (the memory inspector's
    // "ArrayBuffers"). Any thread.
    size_t allocatedBytes() const { return m_allocated.load(std::memory_order_relaxed); }

    // At and above this length a buffer is a mapping of its own (see Free()).
    static constexpr size_t kMappingThreshold = kHugePageSize;

private:
    void* counted(void* data, size_t length);

    ArrayBufferSlabs m_slabs;
    std::atomic<size_t> m_allocated{0};
};

} // namespace nano::core
