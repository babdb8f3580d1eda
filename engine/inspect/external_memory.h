#pragma once
// The kinds of memory our objects hold outside the V8 heap, as heap statistics report them and
// the memory inspector names them. Plain C++: the binding layer tags its reports with it.

#include <array>
#include <cstdint>

namespace nano {

enum class ExternalMemoryKind {
    ArrayBuffers,  // backing stores from the ArrayBuffer allocator (V8 reports those itself)
    Blobs,         // Blob and File bytes; bytes that slices and clones share count once
    CryptoBuffers, // key material of CryptoKeys
    Bodies,        // fetch request and response bodies
    StreamQueues,  // chunks queued in streams
};

constexpr int kExternalMemoryKindCount = int(ExternalMemoryKind::StreamQueues) + 1;

// Bytes per kind, indexed by ExternalMemoryKind.
using ExternalMemoryByKind = std::array<uint64_t, kExternalMemoryKindCount>;

} // namespace nano
