#include "bind/strings.h"

namespace nano::bind {

v8::MaybeLocal<v8::String> newString(v8::Isolate* isolate, std::string_view utf8)
{
    if (utf8.size() > static_cast<size_t>(v8::String::kMaxLength)) return {};
    return v8::String::NewFromUtf8(isolate, utf8.data(), v8::NewStringType::kNormal,
                                   static_cast<int>(utf8.size()));
}

v8::MaybeLocal<v8::String> newString(v8::Isolate* isolate, std::u16string_view utf16)
{
    if (utf16.size() > static_cast<size_t>(v8::String::kMaxLength)) return {};
    return v8::String::NewFromTwoByte(isolate, reinterpret_cast<const uint16_t*>(utf16.data()),
                                      v8::NewStringType::kNormal, static_cast<int>(utf16.size()));
}

v8::MaybeLocal<v8::String> newString(v8::Isolate* isolate, const QString& text)
{
    return newString(isolate, std::u16string_view(reinterpret_cast<const char16_t*>(text.utf16()),
                                                  static_cast<size_t>(text.size())));
}

v8::Local<v8::String> name(v8::Isolate* isolate, std::string_view ascii)
{
    return v8::String::NewFromOneByte(isolate, reinterpret_cast<const uint8_t*>(ascii.data()),
                                      v8::NewStringType::kInternalized,
                                      static_cast<int>(ascii.size()))
        .ToLocalChecked();
}

std::string toUtf8(v8::Isolate* isolate, v8::Local<v8::String> value)
{
    std::string out;
    writeUtf8(isolate, value, [&out](size_t n) {
        out.resize(n);
        return out.data();
    });
    return out;
}

std::u16string toUtf16(v8::Isolate* isolate, v8::Local<v8::String> value)
{
    std::u16string out(static_cast<size_t>(value->Length()), u'\0');
    value->Write(isolate, reinterpret_cast<uint16_t*>(out.data()), 0, value->Length(),
                 v8::String::NO_NULL_TERMINATION);
    return out;
}

QString toQString(v8::Isolate* isolate, v8::Local<v8::String> value)
{
    QString out(value->Length(), Qt::Uninitialized);
    value->Write(isolate, reinterpret_cast<uint16_t*>(out.data()), 0, value->Length(),
                 v8::String::NO_NULL_TERMINATION);
    return out;
}

} // namespace nano::bind
