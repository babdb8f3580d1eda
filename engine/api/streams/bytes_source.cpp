#include "api/streams/bytes_source.h"

#include "api/streams/promises.h"
#include "api/streams/readable_byte_stream_controller.h"
#include "api/streams/readable_byte_stream_internal.h"
#include "api/streams/readable_stream.h"

#include <algorithm>
#include <cstring>

namespace nano::api::streams {

namespace {

constexpr size_t kChunkSize = 64 * 1024;

class BytesSource final : public bind::Wrappable, public SourceAlgorithms {
    NANO_BIND_CLASS(BytesSource)
public:
    static void define(bind::ClassBuilder<BytesSource>&) {}

    BytesSource(SharedBytes storage, size_t offset, size_t size)
        : m_storage(std::move(storage))
        , m_position(offset)
        , m_end(offset + size)
    {}

    v8::Local<v8::Promise> pullAlgorithm(v8::Isolate* isolate,
                                         ReadableStreamController* controller) override
    {
        auto* c = static_cast<ReadableByteStreamController*>(controller);
        v8::Local<v8::Context> context = isolate->GetCurrentContext();
        if (m_position < m_end) {
            size_t remaining = m_end - m_position;
            const uint8_t* from = m_storage->data() + m_position;
            if (ReadableStreamBYOBRequest* request =
                    readableByteStreamControllerGetBYOBRequest(isolate, c)) {
                // A BYOB read: fill the reader's own buffer.
                v8::Local<v8::ArrayBufferView> view =
                    request->m_view.get(isolate).As<v8::ArrayBufferView>();
                size_t n = std::min(remaining, view->ByteLength());
                std::memcpy(static_cast<uint8_t*>(view->Buffer()->Data()) + view->ByteOffset(),
                            from, n);
                m_position += n;
                if (!readableByteStreamControllerRespond(isolate, c, n)) return {};
            } else {
                size_t n = std::min(remaining, kChunkSize);
                v8::Local<v8::ArrayBuffer> buffer = byte_stream_detail::allocateArrayBuffer(isolate, n);
                if (buffer.IsEmpty()) return {}; // a RangeError: the stream errors with it
                std::memcpy(buffer->Data(), from, n);
                m_position += n;
                if (!readableByteStreamControllerEnqueue(isolate, c,
                                                         v8::Uint8Array::New(buffer, 0, n)))
                    return {};
            }
        }
        if (m_position >= m_end) {
            m_storage.reset();
            if (!readableByteStreamControllerClose(isolate, c)) return {};
            // A BYOB read still waiting learns of the end.
            if (!c->m_pendingPullIntos.empty() &&
                !readableByteStreamControllerRespond(isolate, c, 0))
                return {};
        }
        return promiseResolvedWithUndefined(context);
    }

    v8::Local<v8::Promise> cancelAlgorithm(v8::Isolate* isolate, ReadableStreamController*,
                                           v8::Local<v8::Value>) override
    {
        m_storage.reset();
        return promiseResolvedWithUndefined(isolate->GetCurrentContext());
    }

private:
    SharedBytes m_storage;
    size_t m_position;
    size_t m_end;
};

} // namespace

ReadableStream* createReadableStreamFromBytes(v8::Isolate* isolate, SharedBytes storage,
                                              size_t offset, size_t size, const QString& label)
{
    auto* source = bind::create<BytesSource>(isolate, std::move(storage), offset, size);
    if (!source) return nullptr;
    ReadableStream* stream = createReadableByteStream(isolate, source, source);
    if (!stream) return nullptr;
    stream->m_inspection.label = label;
    return stream;
}

} // namespace nano::api::streams
