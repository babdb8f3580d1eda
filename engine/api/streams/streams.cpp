#include "api/streams/streams.h"

#include "api/streams/queuing_strategy.h"
#include "api/streams/readable_stream.h"
#include "api/streams/transform_stream.h"
#include "api/streams/writable_stream.h"

namespace nano::api::streams {

void installStreams(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    installReadableStream(context, global);
    installWritableStream(context, global);
    installTransformStream(context, global);
    bind::exposeLazily<ByteLengthQueuingStrategy>(context, global);
    bind::exposeLazily<CountQueuingStrategy>(context, global);
}

} // namespace nano::api::streams
