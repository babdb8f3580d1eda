#pragma once
// A runtime for engine unit tests: a real isolate and context with the given installers, but no
// controller and no thread, so a test can evaluate short scripts and inspect the results.

#include "bind/strings.h"
#include "core/platform.h"
#include "core/runtime.h"

#include <QString>
#include <memory>

namespace nano::test {

class TestRuntime {
public:
    explicit TestRuntime(std::vector<core::Installer> installers)
        : TestRuntime(optionsWith(std::move(installers)))
    {}
    explicit TestRuntime(const core::RuntimeOptions& options)
    {
        core::Platform::initialize();
        m_runtime = std::make_unique<core::Runtime>(m_host, options, 1, RunRequest());
    }

    core::Runtime& runtime() { return *m_runtime; }
    v8::Isolate* isolate() const { return m_runtime->isolate(); }

    // Evaluates `code` as a classic script and performs a microtask checkpoint. Returns
    // String(result), or "throws Name: message" for an exception.
    QString eval(const char* code)
    {
        v8::Isolate* isolate = m_runtime->isolate();
        v8::HandleScope scope(isolate);
        v8::Local<v8::Context> context = m_runtime->context();
        v8::Context::Scope contextScope(context);
        v8::TryCatch tryCatch(isolate);
        v8::Local<v8::Script> script;
        v8::Local<v8::Value> result;
        if (v8::Script::Compile(context, bind::name(isolate, code)).ToLocal(&script) &&
            script->Run(context).ToLocal(&result)) {
            isolate->PerformMicrotaskCheckpoint();
            return QString::fromUtf8(*v8::String::Utf8Value(isolate, result));
        }
        QString out = QStringLiteral("throws");
        v8::Local<v8::Value> exception = tryCatch.Exception();
        v8::Local<v8::Value> name, message;
        if (!exception.IsEmpty() && exception->IsObject() &&
            exception.As<v8::Object>()->Get(context, bind::name(isolate, "name")).ToLocal(&name) &&
            exception.As<v8::Object>()
                ->Get(context, bind::name(isolate, "message"))
                .ToLocal(&message)) {
            out += QStringLiteral(" ") + QString::fromUtf8(*v8::String::Utf8Value(isolate, name)) +
                   QStringLiteral(": ") +
                   QString::fromUtf8(*v8::String::Utf8Value(isolate, message));
        }
        return out;
    }

private:
    static core::RuntimeOptions optionsWith(std::vector<core::Installer> installers)
    {
        core::RuntimeOptions options;
        options.installers = std::move(installers);
        return options;
    }

    class NullHost final : public core::RuntimeHost {
    public:
        void onConsoleMessage(ConsoleMessage&&) override {}
        void onRunFinished(const RunResult&) override {}
    };

    NullHost m_host;
    std::unique_ptr<core::Runtime> m_runtime;
};

} // namespace nano::test
