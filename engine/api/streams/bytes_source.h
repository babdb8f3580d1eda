#pragma once
// A readable byte stream over immutable bytes held in C++ (a Blob's, later a buffered fetch
// body): each pull fills the BYOB reader's buffer when there is one, or enqueues the next chunk
// of at most 64 KiB. The bytes stay shared with their owner; only what is read is copied.

#include <QString>
#include <cstdint>
#include <memory>
#include <v8.h>
#include <vector>

namespace nano::api::streams {

class ReadableStream;

using SharedBytes = std::shared_ptr<const std::vector<uint8_t>>;

// The stream of `size` bytes of `storage` from `offset`; null with an exception pending.
ReadableStream* createReadableStreamFromBytes(v8::Isolate* isolate, SharedBytes storage,
                                              size_t offset, size_t size, const QString& label);

} // namespace nano::api::streams
