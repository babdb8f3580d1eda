#pragma once
// The abstract operations of ReadableByteStreamController shared by its two files
// (readable_byte_stream_controller.cpp: the queue, enqueue, close, error, pull;
// readable_byte_stream_pull_into.cpp: pull-into descriptors, BYOB requests, read-into
// requests). Private to engine/api/streams.

#include "api/streams/readable_byte_stream_controller.h"

#include <vector>

namespace nano::api::streams::byte_stream_detail {

using Controller = ReadableByteStreamController;
using Descriptor = ReadableByteStreamController::PullIntoDescriptor;
using ViewType = ReadableByteStreamController::ViewType;

extern const char* const kClass;
void throwTypeError(v8::Isolate* isolate, const char* member, const char* message);
size_t elementSizeOf(ViewType type);
ViewType viewTypeOf(v8::Local<v8::ArrayBufferView> view);
// Construct(viewConstructor, « buffer, byteOffset, length »).
v8::Local<v8::Value> constructView(ViewType type, v8::Local<v8::ArrayBuffer> buffer, size_t offset,
                                   size_t length);
// Construct(%ArrayBuffer%, « length »), zero-filled: empty with a RangeError pending when the
// memory is not available (V8's own allocation would end the process instead).
v8::Local<v8::ArrayBuffer> allocateArrayBuffer(v8::Isolate* isolate, size_t length);
// https://webidl.spec.whatwg.org/#arraybuffer-transfer: empty with a TypeError pending.
v8::Local<v8::ArrayBuffer> transfer(v8::Isolate* isolate, v8::Local<v8::Value> buffer);
ReadableStream* streamOf(Controller* c);

// A descriptor with its buffer, taken off the pending list.
struct Filled {
    Descriptor descriptor;
    v8::Local<v8::Value> buffer;
};

void callPullIfNeeded(v8::Isolate* isolate, Controller* c);
void invalidateBYOBRequest(Controller* c);
Filled shiftPendingPullInto(v8::Isolate* isolate, Controller* c);
// These two error the controller and return false, with the exception pending, when the clone
// cannot be allocated.
bool enqueueClonedChunkToQueue(v8::Isolate* isolate, Controller* c, v8::Local<v8::Value> buffer,
                               size_t byteOffset, size_t byteLength);
bool enqueueDetachedPullIntoToQueue(v8::Isolate* isolate, Controller* c);
v8::Local<v8::Value> convertPullIntoDescriptor(v8::Isolate* isolate, const Filled& filled);
void commitPullIntoDescriptor(v8::Isolate* isolate, ReadableStream* stream, const Filled& filled);
void fillHeadPullIntoDescriptor(Controller* c, size_t size, Descriptor& d);
bool fillPullIntoDescriptorFromQueue(v8::Isolate* isolate, Controller* c, Descriptor& d,
                                     v8::Local<v8::Value> descriptorBuffer);
void handleQueueDrain(v8::Isolate* isolate, Controller* c);
std::vector<Filled> processPullIntoDescriptorsUsingQueue(v8::Isolate* isolate, Controller* c);

} // namespace nano::api::streams::byte_stream_detail
