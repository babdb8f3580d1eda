#pragma once

// Access to JS objects for the console formatter. Most reads never run script: no getters, no
// Proxy traps, no Symbol.hasInstance; they read own property descriptors, treat accessors as
// opaque, run under their own TryCatch and degrade to "absent". Where Node's inspect() does run
// user code (get(), jsString(): Symbol.toStringTag and Error getters, toString() for %s, ...)
// an exception thrown by that code propagates: the V8 exception is left pending and the C++
// stack of the formatter unwinds with ScriptThrew up to the public entry point, which rethrows
// it to the caller of console.log (as workerd's JsExceptionThrown does). Such calls must not
// run inside a TryCatch of the formatter, or the exception would be lost.
// Internal to engine/api/console.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <v8.h>

namespace nano::api::formatter_detail {

// The formatter's C++ unwinding for a pending script exception; see above. Never crosses a V8
// frame: it is caught by the entry point of the same formatter call.
struct ScriptThrew final {};

// Bounds walks over pathological prototype chains and Proxy towers.
constexpr int kMaxPrototypeChain = 10000;

// An own property descriptor read without running accessors.
struct PropertyDesc {
    bool exists = false;
    bool threw = false; // e.g. an uninitialized binding of a module namespace
    bool isAccessor = false;
    bool hasGetter = false;
    bool hasSetter = false;
    bool enumerable = true;
    v8::Local<v8::Value> value; // data properties only
};

// Lives on the stack of one formatter call, inside its HandleScope with the context entered.
class JsAccess final {
public:
    explicit JsAccess(v8::Local<v8::Context> context);

    v8::Isolate* isolate() const { return m_isolate; }
    v8::Local<v8::Context> context() const { return m_context; }

    // Strings
    v8::Local<v8::String> str(std::string_view utf8) const;
    v8::Local<v8::String> indexKey(uint32_t index) const { return str(std::to_string(index)); }
    std::u16string utf16(v8::Local<v8::String> s) const;
    std::string utf8(v8::Local<v8::String> s) const;
    // Symbol.prototype.toString(): "Symbol(description)".
    std::string symbolToString(v8::Local<v8::Symbol> symbol) const;
    // String(value). Objects go through their toString() as String() does (the one place where
    // user code may run); nullopt when that throws.
    std::optional<std::string> toString(v8::Local<v8::Value> value) const;
    std::string toStringOr(v8::Local<v8::Value> value, const std::string& fallback) const
    {
        return toString(value).value_or(fallback);
    }
    // String(value) where Node calls it on user values: exceptions propagate (ScriptThrew).
    std::string jsString(v8::Local<v8::Value> value) const;
    // object[key] with getters run, as Node's inspect() reads it: exceptions propagate.
    // Proxies on the way are read through their targets, without traps.
    v8::Local<v8::Value> get(v8::Local<v8::Object> object, v8::Local<v8::Value> key) const;

    // The target behind any number of Proxy layers; empty for a revoked Proxy.
    v8::Local<v8::Object> unwrapProxy(v8::Local<v8::Object> object) const;
    // Object.getPrototypeOf() without the getPrototypeOf trap: null or an object.
    v8::Local<v8::Value> prototypeOf(v8::Local<v8::Object> object) const;

    PropertyDesc ownProperty(v8::Local<v8::Object> object, v8::Local<v8::Value> key) const;
    bool hasOwn(v8::Local<v8::Object> object, v8::Local<v8::Value> key) const
    {
        return ownProperty(object, key).exists;
    }
    // `key in object`
    bool hasProperty(v8::Local<v8::Object> object, v8::Local<v8::Value> key) const;
    // object[key] for data properties along the prototype chain; an accessor reads as
    // undefined and sets *isAccessor.
    v8::Local<v8::Value> dataProperty(v8::Local<v8::Object> object, v8::Local<v8::Value> key,
                                      bool* isAccessor = nullptr) const;
    // array[i] where no accessor can be involved (arrays we created, typed arrays).
    v8::Local<v8::Value> element(v8::Local<v8::Object> array, uint32_t index) const;

    // OrdinaryHasInstance: is `prototype` on the prototype chain of `object`?
    bool inPrototypeChain(v8::Local<v8::Object> object, v8::Local<v8::Value> prototype) const;
    // `object instanceof constructor` without calling Symbol.hasInstance.
    bool isInstanceOf(v8::Local<v8::Object> object, v8::Local<v8::Function> constructor) const;
    // fn.name as a string ("" when missing, an accessor or not a string).
    std::string functionName(v8::Local<v8::Object> fn) const;
    // Node's isError(): a native error or an instance of this realm's Error.
    bool isError(v8::Local<v8::Object> value) const;

    v8::Local<v8::Value> objectPrototype() const { return m_objectPrototype; }
    v8::Local<v8::Value> functionPrototype() const { return m_functionPrototype; }

    // Property names used all the time, made once per isolate.
    struct Names {
        v8::Local<v8::String> constructor, name, message, stack, cause, errors, prototype, toString,
            value, get, set, enumerable;
    };
    // Symbol.for('nodejs.util.inspect.custom')
    v8::Local<v8::Symbol> customInspectSymbol() const;
    const Names& names() const { return m_names; }

private:
    v8::Local<v8::Value> field(v8::Local<v8::Object> descriptor, v8::Local<v8::String> key) const;

    v8::Isolate* m_isolate;
    v8::Local<v8::Context> m_context;
    Names m_names;
    v8::Local<v8::Value> m_objectPrototype, m_functionPrototype, m_errorPrototype;
};

} // namespace nano::api::formatter_detail
