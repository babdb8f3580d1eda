#include "engine/api/console/formatter_access.h"

#include "bind/isolate_data.h"
#include "bind/strings.h"
#include "engine/api/console/formatter_text.h"

#include <array>

namespace nano::api::formatter_detail {

using v8::Function;
using v8::Local;
using v8::Object;
using v8::String;
using v8::TryCatch;
using v8::Value;

namespace {

// What every formatter call needs from the realm: computed once per isolate (making an Error
// to find Error.prototype captures a stack trace, far too slow for every console.log).
struct Intrinsics {
    v8::Global<v8::Value> objectPrototype, functionPrototype, errorPrototype;
    std::array<v8::Global<v8::String>, 12> names;
    bool ready = false;
};

constexpr const char* kNames[] = {"constructor", "name",   "message",   "stack",
                                  "cause",       "errors", "prototype", "toString",
                                  "value",       "get",    "set",       "enumerable"};

} // namespace

JsAccess::JsAccess(Local<v8::Context> context)
    : m_isolate(context->GetIsolate())
    , m_context(context)
{
    // The realm's intrinsics, reached without looking at (user-writable) globals. Engine runs
    // cache them per isolate; a bare isolate (unit tests) computes them per call.
    Intrinsics local;
    bind::IsolateData* data = bind::IsolateData::get(m_isolate);
    Intrinsics& cache = data ? data->state<Intrinsics>() : local;
    if (!cache.ready) {
        TryCatch tc(m_isolate);
        cache.objectPrototype.Reset(m_isolate, Object::New(m_isolate)->GetPrototype());
        Local<Function> fn;
        if (Function::New(context, [](const v8::FunctionCallbackInfo<Value>&) {}).ToLocal(&fn))
            cache.functionPrototype.Reset(m_isolate, fn->GetPrototype());
        const Local<Value> error = v8::Exception::Error(str(""));
        if (error->IsObject())
            cache.errorPrototype.Reset(m_isolate, error.As<Object>()->GetPrototype());
        for (size_t i = 0; i < cache.names.size(); ++i)
            cache.names[i].Reset(m_isolate, bind::name(m_isolate, kNames[i]));
        cache.ready = true;
    }
    const auto get = [this](const v8::Global<v8::Value>& g) {
        return g.IsEmpty() ? Local<Value>() : g.Get(m_isolate);
    };
    m_objectPrototype = get(cache.objectPrototype);
    m_functionPrototype = get(cache.functionPrototype);
    m_errorPrototype = get(cache.errorPrototype);
    Local<String> n[12];
    for (size_t i = 0; i < cache.names.size(); ++i)
        n[i] = cache.names[i].Get(m_isolate);
    m_names = {n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8], n[9], n[10], n[11]};
}

Local<String> JsAccess::str(std::string_view utf8) const
{
    Local<String> s;
    if (!String::NewFromUtf8(m_isolate, utf8.data(), v8::NewStringType::kNormal, int(utf8.size()))
             .ToLocal(&s))
        return String::Empty(m_isolate);
    return s;
}

std::u16string JsAccess::utf16(Local<String> s) const
{
    std::u16string out(std::size_t(s->Length()), u'\0');
    if (!out.empty())
        s->Write(m_isolate, reinterpret_cast<uint16_t*>(out.data()), 0, int(out.size()),
                 String::NO_NULL_TERMINATION);
    return out;
}

std::string JsAccess::utf8(Local<String> s) const
{
    return utf16ToUtf8(utf16(s));
}

std::string JsAccess::symbolToString(Local<v8::Symbol> symbol) const
{
    const Local<Value> description = symbol->Description(m_isolate);
    std::string out = "Symbol(";
    if (description->IsString()) out += utf8(description.As<String>());
    return out + ")";
}

std::optional<std::string> JsAccess::toString(Local<Value> value) const
{
    if (value->IsString()) return utf8(value.As<String>());
    if (value->IsSymbol()) return symbolToString(value.As<v8::Symbol>());
    TryCatch tc(m_isolate);
    Local<String> s;
    if (!value->ToString(m_context).ToLocal(&s)) return std::nullopt;
    return utf8(s);
}

std::string JsAccess::jsString(Local<Value> value) const
{
    if (value->IsSymbol())
        return symbolToString(value.As<v8::Symbol>()); // String(symbol) does not throw
    Local<String> s;
    if (!value->ToString(m_context).ToLocal(&s)) throw ScriptThrew();
    return utf8(s);
}

// OrdinaryGet (https://tc39.es/ecma262/#sec-ordinaryget) along the prototype chain, where a
// Proxy is read through its target as everywhere in the formatter: its traps do not run.
Local<Value> JsAccess::get(Local<Object> object, Local<Value> key) const
{
    if (!key->IsName()) return v8::Undefined(m_isolate);
    Local<Value> current = object;
    for (int i = 0; i < kMaxPrototypeChain && current->IsObject(); ++i) {
        const Local<Object> o = unwrapProxy(current.As<Object>());
        if (o.IsEmpty()) break; // a revoked Proxy
        Local<Value> d;
        if (!o->GetOwnPropertyDescriptor(m_context, key.As<v8::Name>()).ToLocal(&d))
            throw ScriptThrew(); // e.g. Error.prepareStackTrace threw for a lazy `stack`
        if (d->IsObject()) {
            const Local<Object> descriptor = d.As<Object>();
            if (!descriptor->HasOwnProperty(m_context, m_names.get).FromMaybe(false))
                return field(descriptor, m_names.value);
            const Local<Value> getter = field(descriptor, m_names.get);
            if (!getter->IsFunction()) return v8::Undefined(m_isolate);
            Local<Value> v;
            if (!getter.As<Function>()->Call(m_context, object, 0, nullptr).ToLocal(&v))
                throw ScriptThrew();
            return v;
        }
        current = o->GetPrototype();
    }
    return v8::Undefined(m_isolate);
}

Local<v8::Symbol> JsAccess::customInspectSymbol() const
{
    return v8::Symbol::For(m_isolate, str("nodejs.util.inspect.custom"));
}

Local<Object> JsAccess::unwrapProxy(Local<Object> object) const
{
    for (int i = 0; i < kMaxPrototypeChain && object->IsProxy(); ++i) {
        const Local<Value> target = object.As<v8::Proxy>()->GetTarget();
        if (!target->IsObject()) return {};
        object = target.As<Object>();
    }
    return object;
}

Local<Value> JsAccess::prototypeOf(Local<Object> object) const
{
    object = unwrapProxy(object);
    if (object.IsEmpty()) return v8::Null(m_isolate);
    return object->GetPrototype();
}

PropertyDesc JsAccess::ownProperty(Local<Object> object, Local<Value> key) const
{
    PropertyDesc desc;
    object = unwrapProxy(object);
    if (object.IsEmpty() || !key->IsName()) return desc;
    TryCatch tc(m_isolate);
    Local<Value> d;
    if (!object->GetOwnPropertyDescriptor(m_context, key.As<v8::Name>()).ToLocal(&d)) {
        desc.threw = true;
        return desc;
    }
    if (!d->IsObject()) return desc;
    // The descriptor is a fresh ordinary object with own data properties only.
    const Local<Object> descriptor = d.As<Object>();
    desc.exists = true;
    desc.enumerable = field(descriptor, m_names.enumerable)->BooleanValue(m_isolate);
    if (descriptor->HasOwnProperty(m_context, m_names.get).FromMaybe(false)) {
        desc.isAccessor = true;
        desc.hasGetter = !field(descriptor, m_names.get)->IsUndefined();
        desc.hasSetter = !field(descriptor, m_names.set)->IsUndefined();
    } else {
        desc.value = field(descriptor, m_names.value);
    }
    return desc;
}

bool JsAccess::hasProperty(Local<Object> object, Local<Value> key) const
{
    Local<Value> current = object;
    for (int i = 0; i < kMaxPrototypeChain && current->IsObject(); ++i) {
        if (hasOwn(current.As<Object>(), key)) return true;
        current = prototypeOf(current.As<Object>());
    }
    return false;
}

Local<Value> JsAccess::dataProperty(Local<Object> object, Local<Value> key, bool* isAccessor) const
{
    if (isAccessor) *isAccessor = false;
    Local<Value> current = object;
    for (int i = 0; i < kMaxPrototypeChain && current->IsObject(); ++i) {
        const PropertyDesc desc = ownProperty(current.As<Object>(), key);
        if (desc.exists) {
            if (!desc.isAccessor) return desc.value;
            if (isAccessor) *isAccessor = true;
            return v8::Undefined(m_isolate);
        }
        current = prototypeOf(current.As<Object>());
    }
    return v8::Undefined(m_isolate);
}

Local<Value> JsAccess::element(Local<Object> array, uint32_t index) const
{
    Local<Value> v;
    TryCatch tc(m_isolate);
    if (!array->Get(m_context, index).ToLocal(&v)) return v8::Undefined(m_isolate);
    return v;
}

bool JsAccess::inPrototypeChain(Local<Object> object, Local<Value> prototype) const
{
    if (prototype.IsEmpty() || !prototype->IsObject()) return false;
    Local<Value> current = prototypeOf(object);
    for (int i = 0; i < kMaxPrototypeChain && current->IsObject(); ++i) {
        if (current == prototype) return true;
        current = prototypeOf(current.As<Object>());
    }
    return false;
}

bool JsAccess::isInstanceOf(Local<Object> object, Local<Function> constructor) const
{
    return inPrototypeChain(object, dataProperty(constructor, m_names.prototype));
}

std::string JsAccess::functionName(Local<Object> fn) const
{
    const Local<Value> name = dataProperty(fn, m_names.name);
    if (name->IsString()) return utf8(name.As<String>());
    if (name->IsNullOrUndefined()) return {};
    return toStringOr(name, "");
}

bool JsAccess::isError(Local<Object> value) const
{
    return value->IsNativeError() || inPrototypeChain(value, m_errorPrototype);
}

Local<Value> JsAccess::field(Local<Object> descriptor, Local<String> key) const
{
    Local<Value> v;
    if (!descriptor->Get(m_context, key).ToLocal(&v)) return v8::Undefined(m_isolate);
    return v;
}

} // namespace nano::api::formatter_detail
