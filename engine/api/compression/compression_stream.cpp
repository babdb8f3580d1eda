#include "api/compression/compression_stream.h"

#include "api/compression/decompression_stream.h"
#include "api/streams/readable_stream.h"
#include "api/streams/writable_stream.h"

namespace nano::api::compression {

// https://compression.spec.whatwg.org/#dom-compressionstream-compressionstream, steps 2-5 (step 1,
// the format, is the enumeration's conversion).
void CompressionStream::constructed(bind::CallContext& cx)
{
    if (!setUp(cx.isolate(), "CompressionStream")) cx.setFailed();
}

void CompressionStream::define(bind::ClassBuilder<CompressionStream>& c)
{
    c.constructor<&CompressionStream::construct>()
        .readonlyAttribute<&CompressionStream::readable>("readable")
        .readonlyAttribute<&CompressionStream::writable>("writable");
}

void installCompressionStreams(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    bind::exposeLazily<CompressionStream>(context, global);
    bind::exposeLazily<DecompressionStream>(context, global);
}

} // namespace nano::api::compression
