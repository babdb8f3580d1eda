#pragma once
// Throw helpers and the per-call context. Every error names its JS class at the throw site and,
// inside a bound call, is prefixed with what failed, as browsers do:
//   Failed to construct 'URL': Invalid URL 'htp//x'
//   Failed to execute 'append' on 'URLSearchParams': 2 arguments required, but only 1 present.
//   Failed to set the 'port' property on 'URL': ...

#include <string>
#include <string_view>
#include <v8.h>

namespace nano::bind {

void throwTypeError(v8::Isolate* isolate, std::string_view message);
void throwRangeError(v8::Isolate* isolate, std::string_view message);
void throwError(v8::Isolate* isolate, std::string_view message);
void throwSyntaxError(v8::Isolate* isolate, std::string_view message);
// name is a DOMException name: "AbortError", "DataError", "InvalidStateError", ...
void throwDOMException(v8::Isolate* isolate, std::string_view name, std::string_view message);
// A DOMException object (for rejecting promises and abort reasons).
v8::Local<v8::Value> newDOMException(v8::Isolate* isolate, std::string_view name,
                                     std::string_view message);

// What a bound callback is: decides the error prefix.
struct CallSite {
    enum class Kind { Constructor, Method, StaticMethod, Getter, Setter, Function };
    Kind kind;
    const char* className; // the interface or namespace name; may be null for global functions
    const char* member;    // the operation or attribute name
};
std::string errorPrefix(const CallSite& site);

// An error made outside a bound call (a promise reaction, a C++ byte source, a timer), named at
// the place it is made and prefixed like a bound call's: `site` says which API failed.
// `errorName` is "TypeError", "RangeError", "SyntaxError", "Error" or a DOMException name
// ("AbortError", "InvalidStateError", ...).
//   reader->reject(isolate, makeError(isolate, "TypeError",
//                  {CallSite::Kind::Method, "ReadableStreamDefaultReader", "read"}, "..."));
v8::Local<v8::Value> makeError(v8::Isolate* isolate, std::string_view errorName,
                               const CallSite& site, std::string_view message);
void throwError(v8::Isolate* isolate, std::string_view errorName, const CallSite& site,
                std::string_view message);

// Where a converted value came from, for messages: "parameter 2", "member 'signal'".
struct ValueSource {
    int index = -1;               // zero-based parameter index, or -1
    const char* member = nullptr; // dictionary member name
    const char* dictionary = nullptr;
    std::string describe() const;
};

// The state of one call from JS into a bound C++ function.
class CallContext {
public:
    CallContext(const v8::FunctionCallbackInfo<v8::Value>& info, const CallSite& site)
        : m_info(info)
        , m_site(site)
        , m_isolate(info.GetIsolate())
    {}

    v8::Isolate* isolate() const { return m_isolate; }
    v8::Local<v8::Context> context() const { return m_isolate->GetCurrentContext(); }
    const v8::FunctionCallbackInfo<v8::Value>& info() const { return m_info; }
    const CallSite& site() const { return m_site; }
    int length() const { return m_info.Length(); }
    v8::Local<v8::Value> arg(int index) const { return m_info[index]; }

    // These throw a JS exception with the call's prefix and mark the call as failed.
    void throwTypeError(std::string_view message);
    void throwRangeError(std::string_view message);
    void throwDOMException(std::string_view name, std::string_view message);
    // A V8 call returned an empty Maybe: its exception is pending; just mark the failure.
    void setFailed() { m_failed = true; }
    bool failed() const { return m_failed; }

    std::string prefix() const { return errorPrefix(m_site); }

private:
    const v8::FunctionCallbackInfo<v8::Value>& m_info;
    CallSite m_site;
    v8::Isolate* m_isolate;
    bool m_failed = false;
};

} // namespace nano::bind
