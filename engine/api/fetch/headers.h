#pragma once
// Headers (https://fetch.spec.whatwg.org/#headers-class).
//
// typedef (sequence<sequence<ByteString>> or record<ByteString, ByteString>) HeadersInit;
// [Exposed=(Window,Worker)] interface Headers {
//   constructor(optional HeadersInit init);
//   undefined append(ByteString name, ByteString value);
//   undefined delete(ByteString name);
//   ByteString? get(ByteString name);
//   sequence<ByteString> getSetCookie();
//   boolean has(ByteString name);
//   undefined set(ByteString name, ByteString value);
//   iterable<ByteString, ByteString>;
// };
//
// A Headers object owns its header list; a Request or Response refers to its Headers object
// and reads the list from it. The guard decides which changes script may make.

#include "api/fetch/header_list.h"
#include "bind/class_builder.h"

#include <variant>

namespace nano::api::fetch {

class Headers final : public bind::Wrappable {
    NANO_BIND_CLASS(Headers)
public:
    static const char* iteratorName() { return "Headers Iterator"; }
    // https://fetch.spec.whatwg.org/#concept-headers-guard
    enum class Guard { None, Immutable, Request, RequestNoCors, Response };

    using Init =
        std::variant<std::vector<std::vector<bind::ByteString>>, bind::Record<bind::ByteString>>;

    Headers() = default;
    // A new Headers object with its wrapper (null with an exception pending if V8 failed).
    static Headers* create(v8::Isolate* isolate, Guard guard);
    // https://fetch.spec.whatwg.org/#dom-headers
    static std::unique_ptr<Headers> construct(bind::CallContext& cx, std::optional<Init> init);
    // https://fetch.spec.whatwg.org/#concept-headers-fill; false with an exception thrown.
    bool fill(bind::CallContext& cx, Init& init);
    // https://fetch.spec.whatwg.org/#concept-headers-append; false with an exception thrown.
    bool append(bind::CallContext& cx, std::string_view name, std::string_view value);

    // IDL members.
    void appendMember(bind::CallContext& cx, bind::ByteString name, bind::ByteString value);
    void remove(bind::CallContext& cx, bind::ByteString name);
    bind::Nullable<bind::ByteString> get(bind::CallContext& cx, bind::ByteString name) const;
    std::vector<bind::ByteString> getSetCookie() const;
    bool has(bind::CallContext& cx, bind::ByteString name) const;
    void set(bind::CallContext& cx, bind::ByteString name, bind::ByteString value);

    // The iterable's value pairs: the list sorted and combined, computed once per change.
    size_t pairCount() const { return sorted().size(); }
    std::pair<bind::ByteString, bind::ByteString> pairAt(size_t i) const;
    v8::Local<v8::Array> inspectPairs(v8::Isolate* isolate) override;

    const HeaderList& list() const { return m_headerList; }
    // For Request and Response: replace the list (a clone's copy, a network response's
    // headers), or append to it as the spec appends to "the header list" directly, past the
    // guard (a body's Content-Type).
    void setList(HeaderList list)
    {
        m_headerList = std::move(list);
        changed();
    }
    void appendToList(Header header)
    {
        m_headerList.append(std::move(header));
        changed();
    }
    Guard guard() const { return m_guard; }
    void setGuard(Guard guard) { m_guard = guard; }

    static void define(bind::ClassBuilder<Headers>& c);

private:
    // https://fetch.spec.whatwg.org/#headers-validate: throws for an invalid name or value or
    // an immutable guard; false when the guard silently ignores the header.
    bool validate(bind::CallContext& cx, std::string_view name, std::string_view value) const;
    // https://fetch.spec.whatwg.org/#concept-headers-remove-privileged-no-cors-request-headers
    void removePrivilegedNoCorsRequestHeaders();
    bool requireHeaderName(bind::CallContext& cx, std::string_view name) const;
    void changed() { m_sorted.reset(); }
    const std::vector<Header>& sorted() const;

    HeaderList m_headerList;
    Guard m_guard = Guard::None;
    mutable std::optional<std::vector<Header>> m_sorted;
};

void installHeaders(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api::fetch
