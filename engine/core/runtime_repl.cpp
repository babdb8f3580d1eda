// Runtime: the console's input line (REPL), evaluated in the run's context on the live event
// loop, during and after the run.

#include "core/runtime.h"

#include "bind/promise.h"
#include "bind/strings.h"
#include "core/module_loader.h"
#include "core/repl_line.h"

#include <QRegularExpression>
#include <QUrl>
#include <algorithm>

namespace nano::core {

namespace {
// The frame of the function that evaluated the line inside the module: its location is past
// the module's last line, which no editor shows.
QString withoutScopeFrame(QString report)
{
    static const QRegularExpression frame(QStringLiteral("\\n\\s*at %1 \\([^\\n]*\\)")
                                              .arg(QLatin1String(ModuleLoader::replScopeName())));
    return report.remove(frame);
}
} // namespace

// A line runs where a user expects it to: after a module run, inside the module (direct eval
// in the function ModuleLoader appends to the entry), so that its top-level let, const, class
// and function bindings are visible; after a classic script, as a classic script in the same
// context, which sees the script's top-level lexical bindings in the context's script scope.
// A declaration must outlive its line, which an eval's (strict: its own scope) does not: a
// line declaring one name ("const n = items.length") evaluates its value in the module and
// declares the name as a classic script; other declarations (destructuring, several names)
// run as a classic script and see globals only. See engine/README.md, "The REPL".
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
    const v8::Local<v8::Function> moduleScope = m_modules->replScope();
    // In the module: the eval'd text is named like a classic line (its stack frames and errors
    // say "repl", not the module's last line).
    auto inModule = [&](const QString& text) {
        v8::Local<v8::Value> result, argument;
        if (!bind::newString(m_isolate, text + QStringLiteral("\n//# sourceURL=") + name)
                 .ToLocal(&argument))
            return v8::MaybeLocal<v8::Value>();
        return moduleScope->Call(context, v8::Undefined(m_isolate), 1, &argument);
    };

    ReplLineShape shape;
    if (!moduleScope.IsEmpty()) shape = replLineShape(code);
    QString text = code; // what runs: the line, or the line in an async function
    v8::Local<v8::Script> script;
    bool awaited = false;
    bool declaration = false;
    if (shape.kind == ReplLineShape::Kind::Declaration &&
        !compile(QStringLiteral("(%1\n)").arg(shape.expression)).IsEmpty()) {
        // "const n = <expression>": the expression in the module, the name as a classic line.
        text = QStringLiteral("(%1\n)").arg(shape.expression);
        declaration = true;
    } else {
        tryCatch.Reset();
        script = compile(code);
        if (script.IsEmpty() && tryCatch.HasCaught() && tryCatch.CanContinue() &&
            code.contains(QLatin1String("await"))) {
            // Top-level await in a line, as Node's REPL allows: the line runs in an async
            // function (as an expression whose value is shown, else as statements) and its
            // answer waits.
            v8::TryCatch retry(m_isolate);
            for (const QString& wrapped : {QStringLiteral("(async () => (\n%1\n))()").arg(code),
                                           QStringLiteral("(async () => {\n%1\n})()").arg(code)}) {
                retry.Reset();
                if (!(script = compile(wrapped)).IsEmpty()) {
                    awaited = true;
                    text = wrapped;
                    tryCatch.Reset();
                    break;
                }
            }
        }
    }
    // Statements run in the module; a declaration the shape could not split runs as a classic
    // script (also after a classic run, and for a syntax error, which the classic compile
    // reports).
    const bool runInModule =
        declaration || (!script.IsEmpty() && shape.kind == ReplLineShape::Kind::Statements &&
                        !moduleScope.IsEmpty());
    v8::Local<v8::Value> result;
    bool ran = false;
    if (runInModule)
        ran = inModule(text).ToLocal(&result);
    else if (!script.IsEmpty())
        ran = script->Run(context).ToLocal(&result);
    if (ran && declaration) {
        // The value crosses to the classic declaration under a registered symbol that lives
        // for this line only.
        v8::Local<v8::Object> global = context->Global();
        v8::Local<v8::Symbol> slot = v8::Symbol::For(m_isolate, bind::name(m_isolate, "nano.repl"));
        ran = false;
        v8::Local<v8::Script> declare;
        if (global->DefineOwnProperty(context, slot, result, v8::DontEnum).FromMaybe(false) &&
            !(declare = compile(QStringLiteral("%1 %2 = globalThis[Symbol.for('nano.repl')];")
                                    .arg(shape.keyword, shape.name)))
                 .IsEmpty())
            ran = declare->Run(context).ToLocal(&result);
        if (!tryCatch.HasTerminated()) global->Delete(context, slot).FromMaybe(false);
    }
    if (ran) {
        m_isolate->PerformMicrotaskCheckpoint();
        m_pendingRejections.clear(); // a REPL line's rejections are not the run's
        if (!awaited || !result->IsPromise()) {
            done(formatValue(context, result), false);
            return;
        }
        // Answered once: when the promise settles, or by stopAfterRun() when Stop drops what
        // the line waits for (a timer, a host operation).
        auto shared = std::make_shared<LineResult>(std::move(done));
        auto answer = [shared](const QString& text, bool isError) {
            if (!*shared) return;
            const LineResult once = std::move(*shared);
            *shared = nullptr;
            once(text, isError);
        };
        // Held here, not only by the promise's reactions: a promise that nothing else refers
        // to is collected with them, and its line must still answer on Stop.
        m_awaitedLines.erase(std::remove_if(m_awaitedLines.begin(), m_awaitedLines.end(),
                                            [](const std::shared_ptr<LineResult>& line) {
                                                return !*line; // answered
                                            }),
                             m_awaitedLines.end());
        m_awaitedLines.push_back(shared);
        const bool chained = bind::react(
            context, result.As<v8::Promise>(),
            [this, answer](v8::Isolate*, v8::Local<v8::Value> value) {
                answer(formatValue(this->context(), value), false);
            },
            [this, answer](v8::Isolate*, v8::Local<v8::Value> reason) {
                v8::Local<v8::Context> ctx = this->context();
                answer(withoutScopeFrame(
                           formatErrorReport(ctx, reason, locationOfError(ctx, reason),
                                             QStringLiteral("Uncaught"), m_hooks.formatValue)),
                       true);
            });
        if (!chained) answer(QStringLiteral("The line could not be evaluated."), true);
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
    ErrorLocation location = locationOf(context, tryCatch.Message());
    if (location.url.isEmpty() && location.line > 0) location.url = name; // eval'd in the module
    done(withoutScopeFrame(formatErrorReport(context, tryCatch.Exception(), location,
                                             QStringLiteral("Uncaught"), m_hooks.formatValue)),
         true);
}

void Runtime::useLoggedValue(quint64 messageId, int argIndex, LoggedValueUse use, LineResult done)
{
    v8::HandleScope scope(m_isolate);
    v8::Local<v8::Context> context = this->context();
    v8::Context::Scope contextScope(context);
    v8::Local<v8::Value> value;
    if (m_hooks.loggedValue) value = m_hooks.loggedValue(m_isolate, messageId, argIndex);
    if (value.IsEmpty()) {
        done(QStringLiteral("The logged value is no longer available: the console keeps the "
                            "objects of the current run only, and its last 1000."),
             true);
        return;
    }
    // toJSON(), getters and a setter on the global's prototype chain may run: like a REPL line.
    const bool wasEvaluating = m_evaluatingLine;
    m_evaluatingLine = true;
    struct LineEnd {
        bool& flag;
        bool before;
        ~LineEnd() { flag = before; }
    } lineEnd{m_evaluatingLine, wasEvaluating};
    v8::TryCatch tryCatch(m_isolate);
    if (use == LoggedValueUse::Json) {
        // JSON.stringify(value, null, 2): its getters and toJSON() may run, as in DevTools.
        v8::Local<v8::String> json;
        if (v8::JSON::Stringify(context, value, bind::name(m_isolate, "  ")).ToLocal(&json)) {
            m_isolate->PerformMicrotaskCheckpoint();
            // A function (or a toJSON() returning undefined) has no JSON text.
            const QString text = bind::toQString(m_isolate, json);
            if (text.isEmpty() || text == QLatin1String("undefined"))
                done(QStringLiteral("The value has no JSON form (JSON.stringify gives undefined)."),
                     true);
            else
                done(text, false);
            return;
        }
        if (tryCatch.HasTerminated()) {
            if (m_finished) m_isolate->CancelTerminateExecution(); // a stop meant for this only
            done(QStringLiteral("The conversion was stopped."), true);
            return;
        }
        v8::Local<v8::String> reason;
        if (!tryCatch.HasCaught() || !tryCatch.Exception()->ToString(context).ToLocal(&reason))
            reason = bind::name(m_isolate, "The value could not be converted to JSON.");
        done(bind::toQString(m_isolate, reason), true);
        return;
    }
    // DevTools' "Store as global variable": the first tempN the global object does not have.
    v8::Local<v8::Object> global = context->Global();
    for (int n = 1;; ++n) {
        const QString name = QStringLiteral("temp%1").arg(n);
        v8::Local<v8::String> key;
        if (!bind::newString(m_isolate, name).ToLocal(&key)) break;
        const v8::Maybe<bool> taken = global->Has(context, key);
        if (taken.IsNothing()) break;
        if (taken.FromJust()) continue;
        if (global->Set(context, key, value).FromMaybe(false)) {
            done(name, false);
            return;
        }
        break;
    }
    done(QStringLiteral("The value could not be stored as a global variable."), true);
}

QString Runtime::formatValue(v8::Local<v8::Context> context, v8::Local<v8::Value> value)
{
    return m_hooks.formatValue ? QString::fromStdString(m_hooks.formatValue(context, value))
                               : QString();
}

} // namespace nano::core
