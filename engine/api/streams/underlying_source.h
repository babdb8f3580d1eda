#pragma once
// Underlying sources (https://streams.spec.whatwg.org/#underlying-source-api).
//
// dictionary UnderlyingSource {
//   UnderlyingSourceStartCallback start;
//   UnderlyingSourcePullCallback pull;
//   UnderlyingSourceCancelCallback cancel;
//   ReadableStreamType type;
//   [EnforceRange] unsigned long long autoAllocateChunkSize;
// };
// enum ReadableStreamType { "bytes" };
//
// A C++ producer (a tee, a TransformStream's readable side, ReadableStream.from, later fetch
// bodies and compression) provides the controller's algorithms directly through
// SourceAlgorithms, so no JS function runs per chunk.

#include "bind/convert.h"

#include <optional>
#include <v8.h>

namespace nano::api::streams {

class ReadableStreamController;

enum class ReadableStreamType { Bytes };

struct UnderlyingSource {
    std::optional<bind::EnforceRange<uint64_t>> autoAllocateChunkSize;
    v8::Local<v8::Function> cancel;
    v8::Local<v8::Function> pull;
    v8::Local<v8::Function> start;
    std::optional<ReadableStreamType> type;
};

// The [[pullAlgorithm]] and [[cancelAlgorithm]] of a controller set up by C++. The object
// implementing them is a Wrappable: the controller holds its wrapper.
class SourceAlgorithms {
public:
    virtual v8::Local<v8::Promise> pullAlgorithm(v8::Isolate* isolate,
                                                 ReadableStreamController* controller) = 0;
    virtual v8::Local<v8::Promise> cancelAlgorithm(v8::Isolate* isolate,
                                                   ReadableStreamController* controller,
                                                   v8::Local<v8::Value> reason) = 0;

protected:
    ~SourceAlgorithms() = default;
};

} // namespace nano::api::streams

namespace nano::bind {
template <> struct EnumTraits<api::streams::ReadableStreamType> {
    static constexpr const char* name = "ReadableStreamType";
    static constexpr std::pair<const char*, api::streams::ReadableStreamType> values[] = {
        {"bytes", api::streams::ReadableStreamType::Bytes}};
};
template <> struct DictionaryTraits<api::streams::UnderlyingSource> {
    static constexpr const char* name = "UnderlyingSource";
    static bool read(DictionaryReader& d, api::streams::UnderlyingSource& out)
    {
        return d.get("autoAllocateChunkSize", out.autoAllocateChunkSize) &&
               d.get("cancel", out.cancel) && d.get("pull", out.pull) &&
               d.get("start", out.start) && d.get("type", out.type);
    }
};
} // namespace nano::bind
