#include "core/huge_page_mapping.h"

#include <cstdint>
#include <sys/mman.h>
#include <unistd.h>

namespace nano::core {

// Over-maps by one huge page and trims both ends on page boundaries, so what remains is
// `length` rounded up to whole pages, which munmap(data, length) frees (munmap rounds the
// length up itself).
void* mapHugePageAligned(size_t length)
{
    constexpr size_t align = kHugePageSize;
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

} // namespace nano::core
