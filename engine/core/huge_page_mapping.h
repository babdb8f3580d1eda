#pragma once
// Anonymous memory on transparent-huge-page boundaries, for the ArrayBuffer allocator and its
// slabs: with THP in `madvise` mode (Debian's default) the kernel provides such a mapping in
// 2 MiB faults instead of one fault per 4 KiB page.

#include <cstddef>

namespace nano::core {

constexpr size_t kHugePageSize = 2u << 20;

// A fresh, zero-filled mapping of `length` bytes starting on a huge page boundary, or null.
// munmap(data, length) frees it.
void* mapHugePageAligned(size_t length);

} // namespace nano::core
