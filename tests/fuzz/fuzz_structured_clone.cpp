// structuredClone's deserializer (api/structured_clone.h) on corrupt data, with our host objects
// (Blob, File, DOMException, CryptoKey) in reach: StructuredDeserialize of any bytes, with the
// shared data of a real serialization of those objects as the references the bytes may name.
// Property: a failure leaves an exception pending; nothing worse happens.

#include "api/structured_clone.h"
#include "fuzz_runtime.h"
#include "fuzz_support.h"

#include <QFile>
#include <cstdlib>

using namespace nano;

namespace {

fuzz::FuzzRuntime* g_runtime = nullptr;
api::SerializedValue* g_references = nullptr; // the shared data the fuzzed bytes may refer to

const char kSeedValue[] =
    "[new Blob(['abc'], {type: 'text/plain'}), new File([new Uint8Array([1, 2, 3])], 'f.bin'),"
    " new DOMException('m', 'DataCloneError'), new Blob([]), {a: 1, b: [2n, 'x', null]}]";

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    fuzz::FuzzRuntime::ensureApplication();
    g_runtime = new fuzz::FuzzRuntime();
    // Dispose of the isolate before LeakSanitizer's check at exit: what V8 allocated for a live
    // heap is referenced from the heap's own mappings, which LSan does not scan.
    std::atexit([] {
        delete g_references;
        delete g_runtime;
    });
    v8::Isolate* isolate = g_runtime->isolate();
    v8::HandleScope scope(isolate);
    v8::Local<v8::Context> context = g_runtime->runtime().context();
    v8::Context::Scope contextScope(context);
    v8::Local<v8::Value> value =
        v8::Script::Compile(context, v8::String::NewFromUtf8Literal(isolate, kSeedValue))
            .ToLocalChecked()
            ->Run(context)
            .ToLocalChecked();
    g_references = new api::SerializedValue();
    NANO_FUZZ_CHECK(api::structuredSerialize(isolate, value, *g_references),
                    "the seed value does not serialize");
    // NANO_FUZZ_WRITE_SEED=FILE writes that serialization, the seed corpus's first file.
    if (const char* path = std::getenv("NANO_FUZZ_WRITE_SEED")) {
        QFile file(QString::fromLocal8Bit(path));
        NANO_FUZZ_CHECK(file.open(QIODevice::WriteOnly), std::string("cannot write ") + path);
        file.write(reinterpret_cast<const char*>(g_references->bytes.data()),
                   static_cast<qint64>(g_references->bytes.size()));
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    v8::Isolate* isolate = g_runtime->isolate();
    v8::HandleScope scope(isolate);
    v8::Local<v8::Context> context = g_runtime->runtime().context();
    v8::Context::Scope contextScope(context);

    api::SerializedValue input;
    input.bytes.assign(data, data + size);
    for (const auto& shared : g_references->shared)
        input.shared.push_back(shared);
    v8::TryCatch tryCatch(isolate);
    v8::Local<v8::Value> value;
    if (api::structuredDeserialize(isolate, input).ToLocal(&value)) {
        // Touch what came out as a script would: console.log's formatter reads every property.
        v8::Local<v8::String> text;
        if (!value->ToDetailString(context).ToLocal(&text)) return 0; // a getter threw
    } else {
        NANO_FUZZ_CHECK(tryCatch.HasCaught(), "deserialization failed without an exception");
    }
    isolate->PerformMicrotaskCheckpoint();
    return 0;
}
