#include "api/webassembly_streaming.h"

#include "api/fetch/header_list.h"
#include "api/fetch/response.h"
#include "api/streams/read_request.h"
#include "api/streams/readable_stream.h"
#include "api/streams/readable_stream_default_reader.h"
#include "bind/class_builder.h"
#include "bind/errors.h"

#include <memory>
#include <string_view>

namespace nano::api {

namespace {

using fetch::Response;

const bind::CallSite kSite{bind::CallSite::Kind::StaticMethod, "WebAssembly", "compileStreaming"};

// Reads a body stream chunk by chunk into V8's streaming compiler. Retained from the first
// read to the end (Finish or Abort), so nothing it waits for is collected meanwhile.
class WasmBodyFeed final : public streams::ReadLoopRequest {
    NANO_BIND_CLASS(WasmBodyFeed)
public:
    static void define(bind::ClassBuilder<WasmBodyFeed>&) {}

    explicit WasmBodyFeed(std::shared_ptr<v8::WasmStreaming> streaming)
        : m_streaming(std::move(streaming))
    {}

    void start(v8::Isolate* isolate, streams::ReadableStreamDefaultReader* reader)
    {
        m_reader.set(reader);
        retain();
        readNext(isolate, reader);
    }

    void chunkSteps(v8::Isolate* isolate, v8::Local<v8::Value> chunk) override
    {
        if (isDone()) return;
        if (!chunk->IsUint8Array()) {
            v8::Local<v8::Value> error =
                bind::makeError(isolate, "TypeError", kSite,
                                "The response body gave a chunk that is not a Uint8Array.");
            // The rest of the body is not wanted any more.
            if (auto* stream = m_reader->m_stream.get()) {
                v8::Local<v8::Promise> cancelled =
                    streams::readableStreamCancel(isolate, stream, error);
                if (!cancelled.IsEmpty()) cancelled->MarkAsHandled();
            }
            abort(error);
            return;
        }
        auto view = chunk.As<v8::Uint8Array>();
        if (const size_t n = view->ByteLength())
            m_streaming->OnBytesReceived(
                static_cast<const uint8_t*>(view->Buffer()->Data()) + view->ByteOffset(), n);
        readNext(isolate, m_reader.get());
    }
    void closeSteps(v8::Isolate*) override
    {
        if (isDone()) return;
        m_streaming->Finish();
        end();
    }
    void errorSteps(v8::Isolate*, v8::Local<v8::Value> e) override { abort(e); }

    bind::Member<streams::ReadableStreamDefaultReader> m_reader{this};

private:
    void abort(v8::Local<v8::Value> e)
    {
        if (isDone()) return;
        m_streaming->Abort(e);
        end();
    }
    void end()
    {
        markDone();
        m_streaming.reset();
        release();
    }

    std::shared_ptr<v8::WasmStreaming> m_streaming;
};

void rejectWith(v8::Isolate* isolate, v8::WasmStreaming& streaming, const char* message)
{
    streaming.Abort(bind::makeError(isolate, "TypeError", kSite, message));
}

// Steps 2.2-2.5: the Content-Type, without surrounding tabs and spaces, is `application/wasm`
// (byte-case-insensitively, with no parameters).
bool hasWasmMimeType(const Response& response)
{
    std::optional<std::string> mimeType = response.headerList().get("Content-Type");
    return mimeType &&
           fetch::equalsIgnoringAsciiCase(fetch::trimHttpTabOrSpace(*mimeType), "application/wasm");
}

// https://webassembly.github.io/spec/web-api/#compile-a-potential-webassembly-response, step 2
// (V8 has resolved the argument to `info[0]` and settles the promise it returned).
void compilePotentialWebAssemblyResponse(const v8::FunctionCallbackInfo<v8::Value>& info)
{
    v8::Isolate* isolate = info.GetIsolate();
    v8::HandleScope scope(isolate);
    std::shared_ptr<v8::WasmStreaming> streaming = v8::WasmStreaming::Unpack(isolate, info.Data());
    // Step 2.1 (the IDL conversion to Response).
    Response* response = bind::unwrap<Response>(isolate, info[0]);
    if (!response)
        return rejectWith(isolate, *streaming,
                          "The argument is not a Response or a promise "
                          "of one.");
    // Steps 2.2-2.5.
    if (!hasWasmMimeType(*response))
        return rejectWith(isolate, *streaming,
                          "The response's Content-Type is not 'application/wasm'.");
    // Step 2.6: CORS-same-origin is any type but opaque ones.
    if (response->type() == Response::Type::Opaque ||
        response->type() == Response::Type::OpaqueRedirect)
        return rejectWith(isolate, *streaming, "The response is opaque.");
    // Step 2.7.
    if (!response->ok())
        return rejectWith(isolate, *streaming,
                          ("The response's status is " + std::to_string(response->status()) +
                           ", not an ok status (200-299).")
                              .c_str());
    // Step 2.8: consume the body, as it arrives.
    fetch::Body& body = response->body();
    if (body.unusable())
        return rejectWith(isolate, *streaming, "The response body is already used.");
    const std::string url = response->url();
    streaming->SetUrl(url.data(), url.size());
    if (body.isNull()) {
        streaming->Finish(); // no bytes: V8 rejects with its CompileError
        return;
    }
    v8::TryCatch tryCatch(isolate);
    streams::ReadableStream* stream = body.stream(isolate);
    streams::ReadableStreamDefaultReader* reader =
        stream ? streams::acquireReadableStreamDefaultReader(isolate, stream) : nullptr;
    auto* feed = reader ? bind::create<WasmBodyFeed>(isolate, streaming) : nullptr;
    if (!feed) {
        if (!tryCatch.CanContinue()) return;
        streaming->Abort(tryCatch.HasCaught() ? tryCatch.Exception() : v8::MaybeLocal<v8::Value>());
        return;
    }
    feed->start(isolate, reader);
}

} // namespace

void setUpWebAssemblyStreaming(v8::Isolate* isolate)
{
    isolate->SetWasmStreamingCallback(&compilePotentialWebAssemblyResponse);
}

} // namespace nano::api
