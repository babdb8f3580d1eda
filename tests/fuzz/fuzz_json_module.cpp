// The JSON-module loader (core/module_loader.cpp): `import v from "./x.json" assert { type:
// "json" }` of a file holding the input bytes. Property: the import succeeds exactly when
// JSON.parse accepts the file's text (UTF-8, a leading BOM dropped), and the module's default
// export is that value (compared through JSON.stringify).

#include "core/module_loader.h"
#include "fuzz_runtime.h"
#include "fuzz_support.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QUrl>
#include <cstdlib>

using namespace nano;

namespace {

QTemporaryDir* g_dir = nullptr;
fuzz::FuzzRuntime* g_runtime = nullptr;
int g_count = 0; // each input is a new file: the module map keeps what it loaded

// Every module loaded stays in the runtime's module map; a fresh runtime now and then keeps a
// long run's memory flat.
constexpr int kInputsPerRuntime = 2000;

std::string stringify(v8::Local<v8::Context> context, v8::Local<v8::Value> value)
{
    v8::Local<v8::String> json;
    if (!v8::JSON::Stringify(context, value).ToLocal(&json)) return "<unstringifiable>";
    return *v8::String::Utf8Value(context->GetIsolate(), json);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    fuzz::FuzzRuntime::ensureApplication();
    g_dir = new QTemporaryDir();
    // Dispose of the isolate before LeakSanitizer's check at exit (see fuzz_structured_clone).
    std::atexit([] {
        delete g_runtime;
        delete g_dir;
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (g_count % kInputsPerRuntime == 0) {
        delete g_runtime;
        g_runtime = new fuzz::FuzzRuntime();
    }
    const QString name = QStringLiteral("m%1.json").arg(g_count++);
    const QString path = QDir(g_dir->path()).filePath(name);
    {
        QFile file(path);
        NANO_FUZZ_CHECK(file.open(QIODevice::WriteOnly), "cannot write " + path.toStdString());
        file.write(reinterpret_cast<const char*>(data), static_cast<qint64>(size));
    }

    v8::Isolate* isolate = g_runtime->isolate();
    v8::HandleScope scope(isolate);
    v8::Local<v8::Context> context = g_runtime->runtime().context();
    v8::Context::Scope contextScope(context);

    // What the import must give: JSON.parse of the text as the loader decodes it.
    QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    if (bytes.startsWith("\xEF\xBB\xBF")) bytes.remove(0, 3);
    const QString text = QString::fromUtf8(bytes);
    v8::Local<v8::Value> expected;
    {
        v8::TryCatch tryCatch(isolate);
        v8::Local<v8::String> source;
        if (v8::String::NewFromTwoByte(isolate, reinterpret_cast<const uint16_t*>(text.utf16()),
                                       v8::NewStringType::kNormal, int(text.size()))
                .ToLocal(&source))
            expected = v8::JSON::Parse(context, source).FromMaybe(v8::Local<v8::Value>());
    }

    const QString entryUrl =
        QUrl::fromLocalFile(QDir(g_dir->path()).filePath(QStringLiteral("entry%1.js").arg(g_count)))
            .toString();
    const QString entrySource = QStringLiteral("import v from './%1' assert { type: 'json' };\n"
                                               "globalThis.fuzzResult = v;\n")
                                    .arg(name);
    v8::Local<v8::Object> global = context->Global();
    v8::Local<v8::String> key = v8::String::NewFromUtf8Literal(isolate, "fuzzResult");
    NANO_FUZZ_CHECK(global->Delete(context, key).FromMaybe(false), "cannot reset fuzzResult");

    v8::TryCatch tryCatch(isolate);
    v8::Local<v8::Promise> evaluated;
    const bool ok =
        g_runtime->runtime().modules().evaluateEntry(entryUrl, entrySource).ToLocal(&evaluated);
    isolate->PerformMicrotaskCheckpoint();
    QFile::remove(path);

    if (expected.IsEmpty()) {
        NANO_FUZZ_CHECK(!ok || evaluated->State() == v8::Promise::kRejected,
                        "invalid JSON imported: " + text.toStdString());
        NANO_FUZZ_CHECK(tryCatch.HasCaught() || ok, "a failed import without an exception");
        return 0;
    }
    NANO_FUZZ_CHECK(ok && evaluated->State() == v8::Promise::kFulfilled,
                    "valid JSON not imported: " + text.toStdString());
    v8::Local<v8::Value> actual;
    NANO_FUZZ_CHECK(global->Get(context, key).ToLocal(&actual), "no fuzzResult");
    NANO_FUZZ_CHECK(stringify(context, actual) == stringify(context, expected),
                    "the module's value differs from JSON.parse's");
    return 0;
}
