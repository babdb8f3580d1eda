#pragma once
// ReadableStreamDefaultTee (https://streams.spec.whatwg.org/#abstract-opdef-readablestreamdefaulttee).
//
// Each branch is a ReadableStream with its own controller and queue. The tee reads the source
// whenever either branch pulls, and enqueues every chunk into both branches (the same chunk
// object: cloneForBranch2 is false for ReadableStream.prototype.tee). A branch that is read
// slowly, or not at all, keeps what it has not read in its own queue: memory grows with that
// backlog until the branch is read or cancelled. Cancelling one branch leaves the other
// working; cancelling both cancels the source with both reasons.

#include <utility>
#include <v8.h>

namespace nano::api::streams {

class ReadableStream;

// The two branches, or {null, null} with an exception pending (the stream was locked).
std::pair<ReadableStream*, ReadableStream*> readableStreamDefaultTee(v8::Isolate* isolate,
                                                                     ReadableStream* stream);

// Names both branches for the stream inspector and links them to their source.
void labelTeeBranches(ReadableStream* source, ReadableStream* branch1, ReadableStream* branch2);

// https://streams.spec.whatwg.org/#abstract-opdef-readablebytestreamtee: each branch a byte
// stream with its own copy of every chunk.
std::pair<ReadableStream*, ReadableStream*> readableByteStreamTee(v8::Isolate* isolate,
                                                                  ReadableStream* stream);

} // namespace nano::api::streams
