#include "core/array_buffer_allocator.h"

#include <cstdlib>
#include <sys/mman.h>

namespace nano::core {

// Free() tells the three kinds apart by length alone: V8 frees with the length it allocated.

void* ArrayBufferAllocator::counted(void* data, size_t length)
{
    if (data) m_allocated.fetch_add(length, std::memory_order_relaxed);
    return data;
}

void* ArrayBufferAllocator::Allocate(size_t length)
{
    if (ArrayBufferSlabs::serves(length)) return counted(m_slabs.allocate(length, true), length);
    if (length < kMappingThreshold) return counted(std::calloc(length ? length : 1, 1), length);
    return counted(mapHugePageAligned(length), length); // anonymous memory is zero-filled
}

void* ArrayBufferAllocator::AllocateUninitialized(size_t length)
{
    if (ArrayBufferSlabs::serves(length)) return counted(m_slabs.allocate(length, false), length);
    if (length < kMappingThreshold) return counted(std::malloc(length ? length : 1), length);
    // No MAP_POPULATE: with huge pages the first writes fault 2 MiB at a time, as fast as
    // populating up front, and an unused tail is never committed.
    return counted(mapHugePageAligned(length), length);
}

bool ArrayBufferAllocator::canAllocate(size_t length)
{
    if (length < kMappingThreshold)
        return true; // malloc failing for these means the process is lost anyway
    void* data = mapHugePageAligned(length);
    if (!data) return false;
    munmap(data, length);
    return true;
}

void ArrayBufferAllocator::Free(void* data, size_t length)
{
    if (!data) return;
    m_allocated.fetch_sub(length, std::memory_order_relaxed);
    if (ArrayBufferSlabs::serves(length))
        m_slabs.free(data, length);
    else if (length < kMappingThreshold)
        std::free(data);
    else
        munmap(data, length);
}

} // namespace nano::core
