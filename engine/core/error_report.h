#pragma once
// Formats an exception the way the console shows it:
//
//   file:///home/me/x.js:3:7
//     throw new Error("boom");
//           ^
//   Uncaught Error: boom
//       at file:///home/me/x.js:3:7
//
// The value itself is formatted by the runtime's inspect hook (Node-style util.inspect), so an
// Error shows its stack, extra properties and cause.

#include <QString>
#include <functional>
#include <string>
#include <v8.h>

namespace nano::core {

struct ErrorLocation {
    QString url;
    int line = 0;   // 1-based, 0 when unknown
    int column = 0; // 1-based
    QString sourceLine;
    int caretStart = 0; // 0-based columns in sourceLine
    int caretEnd = 0;
};

using ValueFormatter = std::function<std::string(v8::Local<v8::Context>, v8::Local<v8::Value>)>;

// The location of a message (from a TryCatch or a message listener), or of an Error's creation.
ErrorLocation locationOf(v8::Local<v8::Context> context, v8::Local<v8::Message> message);
ErrorLocation locationOfError(v8::Local<v8::Context> context, v8::Local<v8::Value> error);

// The full report; `label` is "Uncaught", "Uncaught (in promise)" or empty (reportError()).
QString formatErrorReport(v8::Local<v8::Context> context, v8::Local<v8::Value> exception,
                          const ErrorLocation& location, const QString& label,
                          const ValueFormatter& formatValue);

} // namespace nano::core
