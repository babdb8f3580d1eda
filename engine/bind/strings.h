#pragma once
// String conversions between V8 and C++ used throughout the binding layer. UTF-8 std::string is
// the engine's USVString (lone surrogates become U+FFFD on the way in); QString/std::u16string
// keep exact UTF-16 (DOMString).

#include <QString>
#include <string>
#include <string_view>
#include <v8.h>

namespace nano::bind {

// A JS string from UTF-8. Strings longer than V8's limit come back as an empty handle.
v8::MaybeLocal<v8::String> newString(v8::Isolate* isolate, std::string_view utf8);
v8::MaybeLocal<v8::String> newString(v8::Isolate* isolate, std::u16string_view utf16);
v8::MaybeLocal<v8::String> newString(v8::Isolate* isolate, const QString& text);
// For short internal names (property keys, class names) that cannot exceed V8's limits.
v8::Local<v8::String> name(v8::Isolate* isolate, std::string_view ascii);

// USVString semantics: lone surrogates are replaced with U+FFFD.
std::string toUtf8(v8::Isolate* isolate, v8::Local<v8::String> value);
std::u16string toUtf16(v8::Isolate* isolate, v8::Local<v8::String> value);
QString toQString(v8::Isolate* isolate, v8::Local<v8::String> value);

} // namespace nano::bind
