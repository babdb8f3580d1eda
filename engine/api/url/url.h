#pragma once
// The URL interface (https://url.spec.whatwg.org/#url-class) over the parser in url_parser.h.

#include "api/url/url_record.h"
#include "bind/class_builder.h"

namespace nano::api {

class URLSearchParams;

class URL final : public bind::Wrappable {
    NANO_BIND_CLASS(URL)
public:
    explicit URL(url::UrlRecord record) : m_url(std::move(record)) {}
    ~URL() override;

    // https://url.spec.whatwg.org/#dom-url-url
    static std::unique_ptr<URL> construct(bind::CallContext& cx, const bind::StringView& url,
                                          std::optional<v8::Local<v8::Value>> base);
    static bool canParse(bind::CallContext& cx, const bind::StringView& url,
                         std::optional<v8::Local<v8::Value>> base);
    static URL* parse(bind::CallContext& cx, const bind::StringView& url,
                      std::optional<v8::Local<v8::Value>> base);

    // Serialized URLs are ASCII: every getter returns an AsciiView.
    bind::AsciiView href() const { return {m_url.href()}; }
    void setHref(bind::CallContext& cx, std::string value);
    std::string origin() const { return m_url.origin(); }
    bind::AsciiView protocol() const { return {m_url.protocol()}; }
    void setProtocol(const bind::StringView& value)
    {
        m_url.setProtocol(value);
    }
    bind::AsciiView username() const { return {m_url.username()}; }
    void setUsername(const bind::StringView& value)
    {
        m_url.setUsername(value);
    }
    bind::AsciiView password() const { return {m_url.password()}; }
    void setPassword(const bind::StringView& value)
    {
        m_url.setPassword(value);
    }
    bind::AsciiView host() const { return {m_url.host()}; }
    void setHost(const bind::StringView& value)
    {
        m_url.setHost(value);
    }
    bind::AsciiView hostname() const { return {m_url.hostname()}; }
    void setHostname(const bind::StringView& value)
    {
        m_url.setHostname(value);
    }
    bind::AsciiView port() const { return {m_url.port()}; }
    void setPort(const bind::StringView& value)
    {
        m_url.setPort(value);
    }
    bind::AsciiView pathname() const { return {m_url.pathname()}; }
    void setPathname(const bind::StringView& value)
    {
        m_url.setPathname(value);
    }
    bind::AsciiView search() const { return {m_url.search()}; }
    void setSearch(const bind::StringView& value);
    v8::Local<v8::Value> searchParams(bind::CallContext& cx);
    bind::AsciiView hash() const { return {m_url.hash()}; }
    void setHash(const bind::StringView& value)
    {
        m_url.setHash(value);
    }

    const url::UrlRecord& record() const { return m_url; }
    // For URLSearchParams' update steps: the serialized list, or nullopt for a null query.
    void setQueryFromParams(std::optional<std::string_view> query)
    {
        m_url.setQuery(query);
    }
    void detachSearchParams() { m_searchParams = nullptr; }

    static void define(bind::ClassBuilder<URL>& c);

private:
    void refreshSearchParams();

    url::UrlRecord m_url;
    // [SameObject], created on first read. Its wrapper is kept alive by a hidden property of
    // ours (not a Global), so a cycle between the two can be collected.
    URLSearchParams* m_searchParams = nullptr;
};

void installURL(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api
