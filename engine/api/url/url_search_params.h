#pragma once
// URLSearchParams (https://url.spec.whatwg.org/#interface-urlsearchparams). A list of UTF-8
// name-value pairs; when it belongs to a URL, every change runs the update steps that rewrite
// the URL's query.

#include "api/url/percent_encode.h"
#include "bind/class_builder.h"

#include <variant>

namespace nano::api {

class URL;

class URLSearchParams final : public bind::Wrappable {
    NANO_BIND_CLASS(URLSearchParams)
public:
    static const char* iteratorName() { return "URLSearchParams Iterator"; }
    explicit URLSearchParams(url::NameValueList list = {}, URL* url = nullptr)
        : m_list(std::move(list)), m_url(url)
    {
    }
    ~URLSearchParams() override;

    using Init = std::variant<std::vector<std::vector<std::string>>, bind::Record<std::string>,
                              std::string>;
    // https://url.spec.whatwg.org/#dom-urlsearchparams-urlsearchparams
    static std::unique_ptr<URLSearchParams> construct(bind::CallContext& cx,
                                                      std::optional<Init> init);

    uint32_t size() const { return static_cast<uint32_t>(m_list.size()); }
    void append(std::string name, std::string value);
    void remove(std::string name, std::optional<std::string> value);
    bind::Nullable<std::string> get(std::string name) const;
    std::vector<std::string> getAll(std::string name) const;
    bool has(std::string name, std::optional<std::string> value) const;
    void set(std::string name, std::string value);
    void sort();
    std::string toString() const { return url::serializeUrlencoded(m_list); }

    size_t pairCount() const { return m_list.size(); }
    std::pair<std::string, std::string> pairAt(size_t i) const { return m_list[i]; }

    // Used by URL when its query changes or the URL goes away.
    void setList(url::NameValueList list) { m_list = std::move(list); }
    void detachUrl() { m_url = nullptr; }

    static void define(bind::ClassBuilder<URLSearchParams>& c);

private:
    void update(); // https://url.spec.whatwg.org/#concept-urlsearchparams-update

    url::NameValueList m_list;
    URL* m_url;
};

} // namespace nano::api
