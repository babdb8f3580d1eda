#include "api/streams/stream_inspection.h"

#include "bind/strings.h"

#include <QFileInfo>

namespace nano::api::streams {

QString callSiteLabel(v8::Isolate* isolate)
{
    v8::HandleScope scope(isolate);
    v8::Local<v8::StackTrace> trace = v8::StackTrace::CurrentStackTrace(
        isolate, 1, static_cast<v8::StackTrace::StackTraceOptions>(v8::StackTrace::kScriptName |
                                                                   v8::StackTrace::kLineNumber));
    if (trace.IsEmpty() || trace->GetFrameCount() == 0) return {};
    v8::Local<v8::StackFrame> frame = trace->GetFrame(isolate, 0);
    v8::Local<v8::String> script = frame->GetScriptName();
    QString name = script.IsEmpty() ? QStringLiteral("<anonymous>")
                                    : QFileInfo(bind::toQString(isolate, script)).fileName();
    return name + QLatin1Char(':') + QString::number(frame->GetLineNumber());
}

} // namespace nano::api::streams
