// Runtime: the console's input line (REPL), evaluated in the run's context on the live event
// loop, during and after the run.

#include "core/runtime.h"

#include "bind/promise.h"
#include "bind/strings.h"
#include "core/module_loader.h"

#include <QUrl>

namespace nano::core {

void Runtime::evaluateLine(const QString& code, LineResult done)
{
    v8::HandleScope scope(m_isolate);
    v8::Local<v8::Context> context = this->context();
    v8::Context::Scope contextScope(context);
    m_isolate->CancelTerminateExecution();
    m_evaluatingLine = true;
    m_stopAfterTask = false;
    struct LineEnd {
        bool& flag;
        ~LineEnd() { flag = false; }
    } lineEnd{m_evaluatingLine};
    v8::TryCatch tryCatch(m_isolate);
    // Named beside the entry script, so import() in a REPL line resolves like the script's.
    const QString name = QUrl(m_modules->entryUrl())
                             .resolved(QUrl(QStringLiteral("repl")))
                             .toString(QUrl::FullyEncoded);
    v8::Local<v8::String> resourceName;
    if (!bind::newString(m_isolate, name).ToLocal(&resourceName))
        resourceName = bind::name(m_isolate, "repl");
    v8::ScriptOrigin origin(m_isolate, resourceName);
    auto compile = [&](const QString& text) {
        v8::Local<v8::String> source;
        v8::Local<v8::Script> script;
        if (bind::newString(m_isolate, text).ToLocal(&source))
            script = v8::Script::Compile(context, source, &origin).FromMaybe(script);
        return script;
    };
    v8::Local<v8::Script> script = compile(code);
    bool awaited = false;
    if (script.IsEmpty() && tryCatch.HasCaught() && tryCatch.CanContinue() &&
        code.contains(QLatin1String("await"))) {
        // Top-level await in a line, as Node's REPL allows: the line runs in an async function
        // (as an expression whose value is shown, else as statements) and its answer waits.
        v8::TryCatch retry(m_isolate);
        for (const QString& wrapped : {QStringLiteral("(async () => (\n%1\n))()").arg(code),
                                       QStringLiteral("(async () => {\n%1\n})()").arg(code)}) {
            retry.Reset();
            if (!(script = compile(wrapped)).IsEmpty()) {
                awaited = true;
                tryCatch.Reset();
                break;
            }
        }
    }
    v8::Local<v8::Value> result;
    if (!script.IsEmpty() && script->Run(context).ToLocal(&result)) {
        m_isolate->PerformMicrotaskCheckpoint();
        m_pendingRejections.clear(); // a REPL line's rejections are not the run's
        if (!awaited || !result->IsPromise()) {
            done(formatValue(context, result), false);
            return;
        }
        auto shared = std::make_shared<LineResult>(std::move(done));
        const bool chained = bind::react(
            context, result.As<v8::Promise>(),
            [this, shared](v8::Isolate*, v8::Local<v8::Value> value) {
                (*shared)(formatValue(this->context(), value), false);
            },
            [this, shared](v8::Isolate*, v8::Local<v8::Value> reason) {
                v8::Local<v8::Context> ctx = this->context();
                (*shared)(formatErrorReport(ctx, reason, locationOfError(ctx, reason),
                                            QStringLiteral("Uncaught"), m_hooks.formatValue),
                          true);
            });
        if (!chained) (*shared)(QStringLiteral("The line could not be evaluated."), true);
        m_isolate->PerformMicrotaskCheckpoint(); // settled already: answer now
        return;
    }
    if (!tryCatch.HasCaught()) {
        done(QStringLiteral("The line could not be evaluated."), true);
        return;
    }
    if (!tryCatch.CanContinue()) {
        m_isolate->CancelTerminateExecution();
        done(QStringLiteral("Evaluation was stopped."), true);
        return;
    }
    done(formatErrorReport(context, tryCatch.Exception(), locationOf(context, tryCatch.Message()),
                           QStringLiteral("Uncaught"), m_hooks.formatValue),
         true);
}

QString Runtime::formatValue(v8::Local<v8::Context> context, v8::Local<v8::Value> value)
{
    return m_hooks.formatValue ? QString::fromStdString(m_hooks.formatValue(context, value))
                               : QString();
}

} // namespace nano::core
