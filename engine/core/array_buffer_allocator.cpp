#include "core/array_buffer_allocator.h"

#include <cstdlib>
#include <sys/mman.h>

namespace nano::core {

// Buffers at or above the threshold are mappings of their own whatever their origin, so Free()
// can tell them apart by length alone (V8 frees with the length it allocated).

void* ArrayBufferAllocator::Allocate(size_t length)
{
    if (length < kPopulateThreshold)
        return std::calloc(length ? length : 1, 1);
    void* data = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return data == MAP_FAILED ? nullptr : data; // anonymous memory is zero-filled
}

void* ArrayBufferAllocator::AllocateUninitialized(size_t length)
{
    if (length < kPopulateThreshold)
        return std::malloc(length ? length : 1);
    void* data = mmap(nullptr, length, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    return data == MAP_FAILED ? nullptr : data;
}

void ArrayBufferAllocator::Free(void* data, size_t length)
{
    if (length < kPopulateThreshold)
        std::free(data);
    else if (data)
        munmap(data, length);
}

} // namespace nano::core
