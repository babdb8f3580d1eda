#include "api/registry.h"

#include "api/blob.h"
#include "api/compression/compression_stream.h"
#include "api/console/console.h"
#include "api/crypto/random.h"
#include "api/encoding/base64.h"
#include "api/encoding/text_encoder.h"
#include "api/encoding/text_encoder_stream.h"
#include "api/events/events.h"
#include "api/events/global_scope.h"
#include "api/fetch/fetch.h"
#include "api/fetch/form_data.h"
#include "api/fetch/headers.h"
#include "api/fetch/request.h"
#include "api/fetch/response.h"
#include "api/global_scope.h"
#include "api/location.h"
#include "api/performance.h"
#include "api/streams/stream_registry.h"
#include "api/streams/streams.h"
#include "api/structured_clone.h"
#include "api/timers.h"
#include "api/url/url.h"
#include "api/webassembly.h"
#include "api/webassembly_streaming.h"

namespace nano::api {

std::vector<core::Installer> installers()
{
    return {
        &installGlobalScope, // self, DOMException, reportError, queueMicrotask, navigator, Nano
        &installEvents,      // Event*, EventTarget (also the global scope), Abort*
        &installEncoding,    // TextEncoder, TextDecoder
        &installBase64,      // atob, btoa
        &installBlob,        // Blob, File
        &installConsole,
        &installTimers,
        &installPerformance,
        &installCrypto,
        &installStructuredClone,
        &installURL,
        &installWebAssembly,
        &installLocation,
        &fetch::installHeaders,
        &fetch::installFormData,
        &fetch::installRequest,
        &fetch::installResponse,
        &fetch::installFetch,
        &streams::installStreams, // ReadableStream, WritableStream, TransformStream, ...
        &streams::installStreamInspector, // no JS surface: the stream snapshot producer
        &installEncodingStreams,                 // TextEncoderStream, TextDecoderStream
        &compression::installCompressionStreams, // CompressionStream, DecompressionStream
    };
}

} // namespace nano::api

namespace nano::api {

std::vector<core::IsolateSetup> isolateSetups()
{
    return {&setUpWebAssemblyStreaming}; // WebAssembly.compileStreaming, instantiateStreaming
}

core::GlobalTemplateFactory globalTemplate()
{
    return &globalScopeTemplate; // the global object is an EventTarget
}

} // namespace nano::api
