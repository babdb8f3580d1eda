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
// The same into caller storage: `prepare(n)` returns room for n bytes (see bind::StringView).
template <class Prepare>
void writeUtf8(v8::Isolate* isolate, v8::Local<v8::String> value, Prepare&& prepare);
std::u16string toUtf16(v8::Isolate* isolate, v8::Local<v8::String> value);
QString toQString(v8::Isolate* isolate, v8::Local<v8::String> value);

template <class Prepare>
void writeUtf8(v8::Isolate* isolate, v8::Local<v8::String> value, Prepare&& prepare)
{
    const int length = value->Length();
    if (value->IsOneByte() && value->ContainsOnlyOneByte()) {
        // Latin-1: ASCII is copied as is; anything else takes the UTF-8 path below.
        char* out = prepare(static_cast<size_t>(length));
        value->WriteOneByte(isolate, reinterpret_cast<uint8_t*>(out), 0, length,
                            v8::String::NO_NULL_TERMINATION);
        bool ascii = true;
        for (int i = 0; i < length; ++i) {
            if (static_cast<unsigned char>(out[i]) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) return;
    }
    const int size = value->Utf8Length(isolate);
    char* out = prepare(static_cast<size_t>(size));
    value->WriteUtf8(isolate, out, size, nullptr,
                     v8::String::NO_NULL_TERMINATION | v8::String::REPLACE_INVALID_UTF8);
}

} // namespace nano::bind
