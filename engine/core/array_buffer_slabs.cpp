#include "core/array_buffer_slabs.h"

#include <cassert>
#include <cstring>
#include <sys/mman.h>

namespace nano::core {

namespace {

// The number of bits needed for `value` (> 0).
unsigned bitWidth(size_t value)
{
    return 64u - static_cast<unsigned>(__builtin_clzll(static_cast<unsigned long long>(value)));
}

} // namespace

size_t ArrayBufferSlabs::slotSize(size_t length)
{
    // 2^(p-1) < length <= 2^p: round up to a quarter of 2^(p-1).
    const unsigned p = bitWidth(length - 1);
    const size_t step = size_t(1) << (p - 3);
    return (length + step - 1) / step * step;
}

size_t ArrayBufferSlabs::classIndex(size_t slotSize)
{
    // 16 KiB is class 0; then 20, 24, 28, 32 KiB are 1..4 and so on, four per doubling.
    const unsigned p = bitWidth(slotSize - 1);
    const size_t step = size_t(1) << (p - 3);
    const int quarter = static_cast<int>(slotSize / step) - 4; // 1..4 above 2^(p-1)
    return static_cast<size_t>((static_cast<int>(p) - 15) * 4 + quarter);
}

ArrayBufferSlabs::~ArrayBufferSlabs()
{
    // A slab with a slot still handed out stays mapped: a leaked buffer must not become a
    // dangling one.
    for (auto& [base, slab] : m_slabs) {
        if (slab->used == 0) munmap(slab->base, kSlabSize);
    }
}

ArrayBufferSlabs::Slab* ArrayBufferSlabs::mapSlab(size_t slotSize)
{
    void* base = mapHugePageAligned(kSlabSize);
    if (!base) return nullptr;
    auto slab = std::make_unique<Slab>();
    slab->base = static_cast<char*>(base);
    slab->slotSize = slotSize;
    slab->capacity = static_cast<uint32_t>(kSlabSize / slotSize);
    Slab* raw = slab.get();
    m_slabs.emplace(reinterpret_cast<uintptr_t>(base), std::move(slab));
    return raw;
}

void ArrayBufferSlabs::unmapSlab(Slab* slab)
{
    munmap(slab->base, kSlabSize);
    m_slabs.erase(reinterpret_cast<uintptr_t>(slab->base));
}

void ArrayBufferSlabs::addRoom(SizeClass& sizeClass, Slab* slab)
{
    slab->roomIndex = sizeClass.withRoom.size();
    sizeClass.withRoom.push_back(slab);
}

void ArrayBufferSlabs::removeRoom(SizeClass& sizeClass, Slab* slab)
{
    Slab* last = sizeClass.withRoom.back();
    sizeClass.withRoom[slab->roomIndex] = last;
    last->roomIndex = slab->roomIndex;
    sizeClass.withRoom.pop_back();
    slab->roomIndex = SIZE_MAX;
}

void* ArrayBufferSlabs::allocate(size_t length, bool zeroed)
{
    assert(serves(length));
    const size_t slot = slotSize(length);
    char* data = nullptr;
    bool dirty = false;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        SizeClass& sizeClass = m_classes[classIndex(slot)];
        Slab* slab = nullptr;
        if (!sizeClass.withRoom.empty()) {
            slab = sizeClass.withRoom.back();
        } else {
            slab = sizeClass.spare ? sizeClass.spare : mapSlab(slot);
            sizeClass.spare = nullptr;
            if (!slab) return nullptr;
            addRoom(sizeClass, slab);
        }
        uint32_t index;
        if (!slab->returned.empty()) {
            index = slab->returned.back();
            slab->returned.pop_back();
            dirty = true;
        } else {
            index = slab->fresh++;
        }
        if (++slab->used == slab->capacity) removeRoom(sizeClass, slab);
        data = slab->base + size_t(index) * slot;
    }
    // Only the first `length` bytes are ever visible; a later, longer buffer in this slot
    // clears its own length again.
    if (dirty && zeroed) std::memset(data, 0, length);
    return data;
}

void ArrayBufferSlabs::free(void* data, size_t length)
{
    assert(serves(length));
    const size_t slot = slotSize(length);
    const uintptr_t base = reinterpret_cast<uintptr_t>(data) & ~(uintptr_t(kSlabSize) - 1);
    std::lock_guard<std::mutex> lock(m_mutex);
    auto found = m_slabs.find(base);
    assert(found != m_slabs.end() && found->second->slotSize == slot);
    if (found == m_slabs.end()) return; // not ours: leaking beats freeing the wrong memory
    Slab* slab = found->second.get();
    SizeClass& sizeClass = m_classes[classIndex(slot)];
    if (slab->used == slab->capacity) addRoom(sizeClass, slab);
    slab->returned.push_back(
        static_cast<uint32_t>((static_cast<char*>(data) - slab->base) / slab->slotSize));
    if (--slab->used > 0) return;
    removeRoom(sizeClass, slab);
    if (sizeClass.spare) {
        unmapSlab(slab);
        return;
    }
    // Kept for the next allocation of this class, its pages given back: all zero again.
    madvise(slab->base, kSlabSize, MADV_DONTNEED);
    slab->returned.clear();
    slab->fresh = 0;
    sizeClass.spare = slab;
}

size_t ArrayBufferSlabs::slabCount() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_slabs.size();
}

} // namespace nano::core
