#pragma once
// URLSearchParams (https://url.spec.whatwg.org/#interface-urlsearchparams). A list of UTF-8
// name-value pairs; when it belongs to a URL, every change runs the update steps that rewrite
// the URL's query.
//
// A list made from a string is parsed only when something reads it: until then the object keeps
// the string, and toString() returns it as is when it is already in serialized form (checked in
// one pass), so `new URLSearchParams(query).toString()` never builds the list.

#include "api/url/percent_encode.h"
#include "bind/class_builder.h"
#include "bind/member.h"

#include <variant>

namespace nano::api {

class URLSearchParams final : public bind::Wrappable {
    NANO_BIND_CLASS(URLSearchParams)
public:
    static const char* iteratorName() { return "URLSearchParams Iterator"; }
    URLSearchParams() = default;
    // The list of a URL's query (without '?').
    explicit URLSearchParams(std::string_view query);
    // Makes this the query object of `url`: changes update that URL's query from now on.
    bool attachToUrl(v8::Local<v8::Object> url);

    using Init =
        std::variant<std::vector<std::vector<std::string>>, bind::Record<std::string>, std::string>;
    // https://url.spec.whatwg.org/#dom-urlsearchparams-urlsearchparams
    static std::unique_ptr<URLSearchParams> construct(bind::CallContext& cx,
                                                      std::optional<Init> init);

    uint32_t size() const { return static_cast<uint32_t>(list().size()); }
    void append(bind::CallContext& cx, std::string name, std::string value);
    void remove(bind::CallContext& cx, std::string name, std::optional<std::string> value);
    bind::Nullable<std::string> get(std::string name) const;
    std::vector<std::string> getAll(std::string name) const;
    bool has(std::string name, std::optional<std::string> value) const;
    void set(bind::CallContext& cx, std::string name, std::string value);
    void sort(bind::CallContext& cx);
    std::string toString() const;

    size_t pairCount() const { return list().size(); }
    std::pair<std::string, std::string> pairAt(size_t i) const { return list()[i]; }

    v8::Local<v8::Array> inspectPairs(v8::Isolate* isolate) override;

    // Makes the list the parse of `query` (without '?'; "" for null), parsed when first read.
    // Also used by URL when its query changes.
    void setQuery(std::string_view query);

    static void define(bind::ClassBuilder<URLSearchParams>& c);

private:
    // The list, parsed from the pending source first if there is one.
    url::NameValueList& list() const;
    void update(
        bind::CallContext& cx); // https://url.spec.whatwg.org/#concept-urlsearchparams-update

    mutable url::NameValueList m_list;
    bind::Member<v8::Object> m_url{this}; // the URL whose query this is (url.searchParams)
    // Urlencoded text whose parse is the list, while not parsed yet.
    mutable std::optional<std::string> m_source;
    // m_source is exactly the serialization of its parse.
    bool m_sourceIsSerialized = false;
};

} // namespace nano::api
