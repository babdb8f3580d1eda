#include "bind/hidden.h"

#include "bind/strings.h"

namespace nano::bind::hidden {

namespace {
v8::Local<v8::Private> privateKey(v8::Isolate* isolate, const char* key) {
    // ForApi returns the same private symbol for the same name within an isolate.
    return v8::Private::ForApi(isolate, bind::name(isolate, key));
}
} // namespace

v8::Local<v8::Value> get(v8::Isolate* isolate, v8::Local<v8::Object> holder, const char* key) {
    v8::Local<v8::Value> value;
    if (holder.IsEmpty() ||
        !holder->GetPrivate(isolate->GetCurrentContext(), privateKey(isolate, key)).ToLocal(&value))
        return v8::Undefined(isolate);
    return value;
}

bool set(v8::Isolate* isolate, v8::Local<v8::Object> holder, const char* key,
         v8::Local<v8::Value> value) {
    if (holder.IsEmpty()) return false;
    return holder->SetPrivate(isolate->GetCurrentContext(), privateKey(isolate, key), value)
        .FromMaybe(false);
}

} // namespace nano::bind::hidden
