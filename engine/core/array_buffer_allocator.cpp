#include "core/array_buffer_allocator.h"

#include <cstdint>
#include <cstdlib>
#include <sys/mman.h>
#include <unistd.h>

namespace nano::core {

namespace {

// A fresh anonymous mapping of `length` bytes (zero-filled) starting on a huge page boundary,
// where THP in `madvise` mode can back it with 2 MiB pages. Over-maps by one huge page and
// trims both ends on page boundaries, so what remains is `length` rounded up to whole pages,
// which munmap(data, length) frees (munmap rounds the length up itself).
void* mapHugePageAligned(size_t length)
{
    constexpr size_t align = ArrayBufferAllocator::kHugePageSize;
    static const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    if (length > SIZE_MAX - align - page) return nullptr;
    const size_t mapped = (length + page - 1) / page * page;
    void* raw =
        mmap(nullptr, mapped + align, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return nullptr;
    const uintptr_t start = reinterpret_cast<uintptr_t>(raw);
    const uintptr_t aligned = (start + align - 1) & ~(uintptr_t(align) - 1);
    const size_t head = aligned - start;
    // Both cuts are page-aligned (mmap returns whole pages), so they cannot fail with EINVAL.
    if (head) munmap(raw, head);
    munmap(reinterpret_cast<void*>(aligned + mapped), align - head); // align - head > 0
    void* data = reinterpret_cast<void*>(aligned);
    // Only a hint: without THP the mapping works with 4 KiB pages.
    madvise(data, length, MADV_HUGEPAGE);
    return data;
}

} // namespace

// Free() tells the two kinds apart by length alone: V8 frees with the length it allocated.

void* ArrayBufferAllocator::counted(void* data, size_t length)
{
    if (data) m_allocated.fetch_add(length, std::memory_order_relaxed);
    return data;
}

void* ArrayBufferAllocator::Allocate(size_t length)
{
    if (length < kMappingThreshold) return counted(std::calloc(length ? length : 1, 1), length);
    return counted(mapHugePageAligned(length), length); // anonymous memory is zero-filled
}

void* ArrayBufferAllocator::AllocateUninitialized(size_t length)
{
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
    if (data) m_allocated.fetch_sub(length, std::memory_order_relaxed);
    if (length < kMappingThreshold)
        std::free(data);
    else if (data)
        munmap(data, length);
}

} // namespace nano::core
