// Runtime: reporting uncaught exceptions (error reports on the console and in the run's
// result) and V8's error-level messages.

#include "core/runtime.h"

#include "core/error_report.h"

namespace nano::core {

void Runtime::reportException(v8::Local<v8::Value> exception, v8::Local<v8::Message> message,
                              ReportKind kind)
{
    v8::Local<v8::Context> context = this->context();
    ErrorLocation location =
        message.IsEmpty() ? locationOfError(context, exception) : locationOf(context, message);
    // https://html.spec.whatwg.org/#report-an-exception: an "error" event first; a listener
    // that cancels it handles the error.
    if (kind != ReportKind::UncaughtInPromise && m_hooks.dispatchError) {
        v8::TryCatch tryCatch(m_isolate);
        if (m_hooks.dispatchError(context, exception, location)) return;
    }
    QString label;
    if (kind == ReportKind::Uncaught || kind == ReportKind::UncaughtInCallback)
        label = QStringLiteral("Uncaught");
    else if (kind == ReportKind::UncaughtInPromise)
        label = QStringLiteral("Uncaught (in promise)");
    const QString text =
        formatErrorReport(context, exception, location, label, m_hooks.formatValue);

    ConsoleMessage out;
    out.level = ConsoleMessage::Level::Error;
    out.kind = kind == ReportKind::Reported ? ConsoleMessage::Kind::Reported
                                            : ConsoleMessage::Kind::Uncaught;
    out.text = text;
    out.sourceUrl = location.url;
    out.line = location.line;
    out.column = location.column;
    emitConsole(std::move(out));

    if (kind == ReportKind::Reported) return;
    if (m_failure.errorText.isEmpty()) {
        m_failure.errorText = text;
        m_failure.errorUrl = location.url;
        m_failure.errorLine = location.line;
        m_failure.errorColumn = location.column;
    }
    if (kind == ReportKind::UncaughtInCallback && (m_inMacrotask || m_finished))
        m_stopAfterTask = !m_finished; // a REPL line's listener error is only reported
    else
        requestStop(StopReason::Fatal); // no further callbacks run
}

void Runtime::onMessage(v8::Local<v8::Message> message, v8::Local<v8::Value> error)
{
    // Reached only for exceptions no TryCatch caught: those thrown by microtask callbacks
    // (queueMicrotask). They are uncaught exceptions of the run.
    v8::Isolate* isolate = message->GetIsolate();
    Runtime* self = from(isolate);
    if (!self || self->m_finished || self->m_stopReason.load() != StopReason::None) return;
    self->reportException(error, message, ReportKind::Uncaught);
}

} // namespace nano::core
