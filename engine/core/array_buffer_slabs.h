#pragma once
// Mid-sized ArrayBuffer backing stores (16 KiB to 1 MiB, the size of stream and network
// chunks) as slots in 2 MiB slabs, one slot size per slab.
//
// Why not calloc: the engine thread allocates from a glibc arena other than the main one,
// whose trimmed memory calloc cannot tell from dirty memory, so a stream of 64 KiB chunks paid
// a memset plus a 4 KiB page fault per page of every chunk (perf: over half of tee_slow's
// time). A slab is a huge-page-aligned mapping: a slot never handed out is still zero and
// needs no memset, and the slab faults in 2 MiB at a time. A reused slot is cleared only for a
// zeroed allocation.
//
// Allocation happens on isolate threads, freeing also on V8's sweeper threads: one mutex.

#include "core/huge_page_mapping.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

// GCC's and clang's ways of saying AddressSanitizer is on.
#if defined(__SANITIZE_ADDRESS__)
#define NANO_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NANO_ADDRESS_SANITIZER 1
#endif
#endif

namespace nano::core {

class ArrayBufferSlabs {
public:
    static constexpr size_t kSlabSize = kHugePageSize; // one huge page
    static constexpr size_t kMinLength = 16u << 10;
    static constexpr size_t kMaxLength = 1u << 20;

    static bool serves(size_t length)
    {
#if defined(NANO_ADDRESS_SANITIZER)
        // AddressSanitizer sees an overrun only between malloc'd blocks, not between slots.
        (void)length;
        return false;
#else
        return length >= kMinLength && length <= kMaxLength;
#endif
    }
    // The slot size for `length`: four sizes per doubling, so at most 25% of a slot is slack.
    static size_t slotSize(size_t length);

    ArrayBufferSlabs() = default;
    ArrayBufferSlabs(const ArrayBufferSlabs&) = delete;
    ArrayBufferSlabs& operator=(const ArrayBufferSlabs&) = delete;
    ~ArrayBufferSlabs();

    // A slot for `length` bytes (serves(length) must hold), zero-filled when `zeroed`; null when
    // no slab can be mapped.
    void* allocate(size_t length, bool zeroed);
    // Gives back a slot from allocate() with the same length.
    void free(void* data, size_t length);

    // Slabs mapped now, the retained empty ones included (tests).
    size_t slabCount() const;

private:
    struct Slab {
        char* base = nullptr;
        size_t slotSize = 0;
        uint32_t capacity = 0;
        uint32_t used = 0;              // slots handed out now
        uint32_t fresh = 0;             // slots from here on were never handed out: still zero
        std::vector<uint32_t> returned; // slots given back since: dirty
        size_t roomIndex = SIZE_MAX;    // position in its class's `withRoom`, or SIZE_MAX
    };
    // One class per slot size. At most one empty slab is kept per class, its pages given back
    // to the kernel, so a class that fills and empties on every GC does not remap each time.
    struct SizeClass {
        std::vector<Slab*> withRoom;
        Slab* spare = nullptr;
    };
    static constexpr size_t kClassCount = 25; // 16 KiB and four sizes per doubling to 1 MiB

    static size_t classIndex(size_t slotSize);
    Slab* mapSlab(size_t slotSize);
    void unmapSlab(Slab* slab);
    static void addRoom(SizeClass& sizeClass, Slab* slab);
    static void removeRoom(SizeClass& sizeClass, Slab* slab);

    mutable std::mutex m_mutex;
    std::array<SizeClass, kClassCount> m_classes;
    std::unordered_map<uintptr_t, std::unique_ptr<Slab>> m_slabs; // by base address
};

} // namespace nano::core
