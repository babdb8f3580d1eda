#include "core/error_report.h"

#include "bind/strings.h"

namespace nano::core {

ErrorLocation locationOf(v8::Local<v8::Context> context, v8::Local<v8::Message> message)
{
    ErrorLocation location;
    if (message.IsEmpty()) return location;
    v8::Isolate* isolate = context->GetIsolate();
    v8::Local<v8::Value> resource = message->GetScriptResourceName();
    if (!resource.IsEmpty() && resource->IsString())
        location.url = bind::toQString(isolate, resource.As<v8::String>());
    location.line = message->GetLineNumber(context).FromMaybe(0);
    location.column = message->GetStartColumn(context).FromMaybe(-1) + 1;
    v8::Local<v8::String> sourceLine;
    if (message->GetSourceLine(context).ToLocal(&sourceLine))
        location.sourceLine = bind::toQString(isolate, sourceLine);
    location.caretStart = message->GetStartColumn(context).FromMaybe(0);
    location.caretEnd = message->GetEndColumn(context).FromMaybe(location.caretStart + 1);
    return location;
}

ErrorLocation locationOfError(v8::Local<v8::Context> context, v8::Local<v8::Value> error)
{
    if (!error->IsNativeError()) return {};
    return locationOf(context, v8::Exception::CreateMessage(context->GetIsolate(), error));
}

QString formatErrorReport(v8::Local<v8::Context> context, v8::Local<v8::Value> exception,
                          const ErrorLocation& location, const QString& label,
                          const ValueFormatter& formatValue)
{
    QString report;
    if (location.line > 0) {
        report += location.url + QLatin1Char(':') + QString::number(location.line) +
                  QLatin1Char(':') + QString::number(location.column) + QLatin1Char('\n');
        // Long minified lines: show the part around the error only.
        QString source = location.sourceLine;
        int start = location.caretStart, end = std::max(location.caretEnd, start + 1);
        constexpr int kWindow = 160;
        if (source.size() > kWindow * 2 && start > kWindow) {
            const int cut = start - kWindow / 2;
            source = QStringLiteral("...") + source.mid(cut, kWindow * 2);
            start = start - cut + 3;
            end = end - cut + 3;
        } else if (source.size() > kWindow * 2) {
            source = source.left(kWindow * 2) + QStringLiteral("...");
        }
        end = std::min<int>(end, std::max<int>(source.size(), start + 1));
        QString caretLine;
        for (int i = 0; i < start && i < source.size(); ++i)
            caretLine += source.at(i) == QLatin1Char('\t') ? QLatin1Char('\t') : QLatin1Char(' ');
        caretLine += QString(std::max(1, end - start), QLatin1Char('^'));
        report += source + QLatin1Char('\n') + caretLine + QLatin1Char('\n');
    }
    std::string text;
    if (formatValue) {
        text = formatValue(context, exception);
    } else {
        v8::Local<v8::String> s;
        if (exception->ToString(context).ToLocal(&s)) text = bind::toUtf8(context->GetIsolate(), s);
    }
    if (!label.isEmpty()) report += label + QLatin1Char(' ');
    report += QString::fromStdString(text);
    return report;
}

} // namespace nano::core
