#include "api/compression/decompression_stream.h"

#include "api/streams/readable_stream.h"
#include "api/streams/writable_stream.h"

namespace nano::api::compression {

// https://compression.spec.whatwg.org/#dom-decompressionstream-decompressionstream, steps 2-5 (step
// 1, the format, is the enumeration's conversion).
void DecompressionStream::constructed(bind::CallContext& cx)
{
    if (!setUp(cx.isolate(), "DecompressionStream")) cx.setFailed();
}

void DecompressionStream::define(bind::ClassBuilder<DecompressionStream>& c)
{
    c.constructor<&DecompressionStream::construct>()
        .readonlyAttribute<&DecompressionStream::readable>("readable")
        .readonlyAttribute<&DecompressionStream::writable>("writable");
}

} // namespace nano::api::compression
