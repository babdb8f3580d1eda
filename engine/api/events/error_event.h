#pragma once
// ErrorEvent (https://html.spec.whatwg.org/#errorevent), fired at the global scope for uncaught
// exceptions and reportError().
//
// [Exposed=*] interface ErrorEvent : Event {
//   constructor(DOMString type, optional ErrorEventInit eventInitDict = {});
//   readonly attribute DOMString message;
//   readonly attribute USVString filename;
//   readonly attribute unsigned long lineno;
//   readonly attribute unsigned long colno;
//   readonly attribute any error;
// };
// dictionary ErrorEventInit : EventInit {
//   DOMString message = ""; USVString filename = ""; unsigned long lineno = 0;
//   unsigned long colno = 0; any error;
// };

#include "api/events/event.h"

namespace nano::api {

struct ErrorEventInit : EventInit {
    uint32_t colno = 0;
    v8::Local<v8::Value> error;
    std::string filename;
    uint32_t lineno = 0;
    std::u16string message;
};

class ErrorEvent final : public Event {
    NANO_BIND_CLASS(ErrorEvent)
public:
    ErrorEvent(v8::Isolate* isolate, std::u16string type, const ErrorEventInit& init);
    static std::unique_ptr<ErrorEvent> construct(bind::CallContext& cx, std::u16string type,
                                                 ErrorEventInit eventInitDict);
    static void define(bind::ClassBuilder<ErrorEvent>& c);

    const std::u16string& message() const { return m_message; }
    const std::string& filename() const { return m_filename; }
    uint32_t lineno() const { return m_lineno; }
    uint32_t colno() const { return m_colno; }
    v8::Local<v8::Value> error(bind::CallContext& cx) const;

    // The five arguments of an onerror handler at the global scope: message, filename, lineno,
    // colno, error (https://html.spec.whatwg.org/#the-event-handler-processing-algorithm).
    bool handlerArguments(v8::Isolate* isolate, v8::Local<v8::Value> (&args)[5]) const;

private:
    std::u16string m_message;
    std::string m_filename;
    uint32_t m_lineno;
    uint32_t m_colno;
};

} // namespace nano::api

namespace nano::bind {
template <> struct DictionaryTraits<api::ErrorEventInit> {
    static constexpr const char* name = "ErrorEventInit";
    static bool read(DictionaryReader& d, api::ErrorEventInit& out)
    {
        return api::readEventInit(d, out) && d.get("colno", out.colno) &&
               d.raw("error", out.error) && d.get("filename", out.filename) &&
               d.get("lineno", out.lineno) && d.get("message", out.message);
    }
};
} // namespace nano::bind
