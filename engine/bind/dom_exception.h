#pragma once
// DOMException (https://webidl.spec.whatwg.org/#idl-DOMException). It lives in the binding layer
// because every API's throw helpers create it. Instances inherit from Error.prototype and carry a
// `stack` like other errors.

#include "bind/class_builder.h"

#include <string>

namespace nano::bind {

class DOMException final : public Wrappable {
    NANO_BIND_CLASS(DOMException)
public:
    DOMException(std::string message, std::string name);

    static std::unique_ptr<DOMException> construct(std::optional<std::string> message,
                                                   std::optional<std::string> name);
    // A new DOMException object with a stack captured at the current JS position.
    static v8::Local<v8::Object> create(v8::Isolate* isolate, std::string message,
                                        std::string name);
    // Installs the interface on `global` with Error.prototype as its prototype's prototype.
    static bool install(v8::Local<v8::Context> context, v8::Local<v8::Object> global);
    static void define(ClassBuilder<DOMException>& c);
    static void initializeWrapper(v8::Isolate* isolate, v8::Local<v8::Object> object,
                                  DOMException* exception)
    {
        attachStack(isolate, object, exception->m_name, exception->m_message);
    }

    // The legacy code of a name (0 for names without one), from the spec's names table.
    static int legacyCode(std::string_view name);

    const std::string& name() const { return m_name; }
    const std::string& message() const { return m_message; }
    int code() const { return legacyCode(m_name); }

private:
    static bool ensurePrototypeChain(v8::Local<v8::Context> context);
    static void attachStack(v8::Isolate* isolate, v8::Local<v8::Object> object,
                            const std::string& name, const std::string& message);

    std::string m_message;
    std::string m_name;
};

} // namespace nano::bind
