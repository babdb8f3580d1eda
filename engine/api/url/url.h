#pragma once
// The URL interface (https://url.spec.whatwg.org/#url-class) over the parser in url_parser.h.
//
// A URL is a slot object (bind/slot_object.h): its JS object holds the href string and the
// record's layout (url::UrlRecord::Layout, packed into words), so making one allocates nothing
// but the href string, `href` returns that string as is, and the GC frees it like any object.
// Other getters and the setters load the record into a per-thread scratch record.

#include "api/url/url_record.h"
#include "bind/class_builder.h"

namespace nano::api {

class URLSearchParams;

class URL final : public bind::SlotObject {
    NANO_BIND_SLOTS(URL, 7)
public:
    using SlotObject::SlotObject;

    // https://url.spec.whatwg.org/#dom-url-url: the parsed record (valid until the next parse on
    // this thread), or null after throwing.
    static const url::UrlRecord* construct(bind::CallContext& cx, const bind::StringView& url,
                                           std::optional<v8::Local<v8::Value>> base);
    static bool canParse(bind::CallContext& cx, const bind::StringView& url,
                         std::optional<v8::Local<v8::Value>> base);
    static v8::Local<v8::Value> parse(bind::CallContext& cx, const bind::StringView& url,
                                      std::optional<v8::Local<v8::Value>> base);
    // Stores `record` in this object's slots; false after throwing (an href too long for V8).
    bool assign(bind::CallContext& cx, const url::UrlRecord& record);

    v8::Local<v8::Value> href() const { return value(kHref); }
    void setHref(bind::CallContext& cx, std::string value);
    std::string origin() const { return record().origin(); }
    // Serialized URLs are ASCII: getters return an AsciiView of the scratch record.
    // The setters of protocol, username, ... hash: the record's own setter steps, stored back.
    template <void (url::UrlRecord::*Set)(std::string_view)>
    void set(bind::CallContext& cx, const bind::StringView& value);
    bind::AsciiView protocol() const { return {record().protocol()}; }
    bind::AsciiView username() const { return {record().username()}; }
    bind::AsciiView password() const { return {record().password()}; }
    bind::AsciiView host() const { return {record().host()}; }
    bind::AsciiView hostname() const { return {record().hostname()}; }
    bind::AsciiView port() const { return {record().port()}; }
    bind::AsciiView pathname() const { return {record().pathname()}; }
    bind::AsciiView search() const { return {record().search()}; }
    void setSearch(bind::CallContext& cx, const bind::StringView& value);
    // [SameObject], made on first read (also by console.log, which shows it as Node does);
    // empty after throwing.
    v8::Local<v8::Value> searchParams();
    bind::AsciiView hash() const { return {record().hash()}; }

    // For URLSearchParams' update steps: the serialized list, or nullopt for a null query.
    void setQueryFromParams(bind::CallContext& cx, std::optional<std::string_view> query);

    static void define(bind::ClassBuilder<URL>& c);

private:
    enum Slot { kHref, kSearchParams, kLayout }; // kLayout: 5 words, see url.cpp
    // The record, loaded into this thread's scratch record: valid until the next load.
    url::UrlRecord& record() const;
    // Makes the [SameObject] searchParams (if it exists) show the query of `current`.
    void refreshSearchParams(const url::UrlRecord& current);
};

void installURL(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api
