#include "api/url/url.h"

#include "api/url/url_parser.h"
#include "api/url/url_search_params.h"
#include "bind/hidden.h"

namespace nano::api {

namespace {

// The last base URL parsed, by its JS string: code that resolves many URLs against one base
// parses it once.
struct BaseCache {
    v8::Global<v8::String> text;
    std::optional<url::UrlRecord> record;
};

enum class ParseFailure { None, Input, Base };

// https://url.spec.whatwg.org/#api-url-parser
std::optional<url::UrlRecord> apiParse(bind::CallContext& cx, std::string_view input,
                                       const std::optional<v8::Local<v8::Value>>& base,
                                       ParseFailure& failure, std::string* baseText = nullptr)
{
    failure = ParseFailure::None;
    if (!base) {
        std::optional<url::UrlRecord> record = url::parse(input);
        if (!record)
            failure = ParseFailure::Input;
        return record;
    }
    v8::Isolate* isolate = cx.isolate();
    v8::Local<v8::String> text;
    if (!(*base)->ToString(cx.context()).ToLocal(&text)) {
        cx.setFailed();
        return std::nullopt;
    }
    BaseCache& cache = bind::IsolateData::get(isolate)->state<BaseCache>();
    if (cache.text.IsEmpty() || !text->StrictEquals(cache.text.Get(isolate))) {
        cache.text.Reset(isolate, text);
        cache.record = url::parse(bind::toUtf8(isolate, text));
    }
    if (!cache.record) {
        failure = ParseFailure::Base;
        if (baseText)
            *baseText = bind::toUtf8(isolate, text);
        return std::nullopt;
    }
    std::optional<url::UrlRecord> record = url::parse(input, &*cache.record);
    if (!record)
        failure = ParseFailure::Input;
    return record;
}

} // namespace

URL::~URL()
{
    if (m_searchParams)
        m_searchParams->detachUrl();
}

std::unique_ptr<URL> URL::construct(bind::CallContext& cx, const bind::StringView& input,
                                    std::optional<v8::Local<v8::Value>> base)
{
    ParseFailure failure;
    std::string baseText;
    std::optional<url::UrlRecord> record = apiParse(cx, input, base, failure, &baseText);
    if (failure == ParseFailure::Base)
        cx.throwTypeError("Invalid base URL '" + baseText + "'");
    else if (failure == ParseFailure::Input)
        cx.throwTypeError("Invalid URL '" + input.str() + "'");
    if (!record)
        return nullptr;
    return std::make_unique<URL>(std::move(*record));
}

bool URL::canParse(bind::CallContext& cx, const bind::StringView& input,
                   std::optional<v8::Local<v8::Value>> base)
{
    ParseFailure failure;
    return apiParse(cx, input, base, failure).has_value();
}

URL* URL::parse(bind::CallContext& cx, const bind::StringView& input,
                std::optional<v8::Local<v8::Value>> base)
{
    ParseFailure failure;
    std::optional<url::UrlRecord> record = apiParse(cx, input, base, failure);
    if (!record)
        return nullptr; // null
    return bind::create<URL>(cx.isolate(), std::move(*record));
}



// https://url.spec.whatwg.org/#dom-url-href
void URL::setHref(bind::CallContext& cx, std::string value)
{
    if (!m_url.setHref(value)) {
        cx.throwTypeError("Invalid URL '" + value + "'");
        return;
    }
    refreshSearchParams();
}

// https://url.spec.whatwg.org/#dom-url-search
void URL::setSearch(const bind::StringView& value)
{
    m_url.setSearch(value);
    refreshSearchParams();
}

void URL::refreshSearchParams()
{
    if (!m_searchParams)
        return;
    std::optional<std::string_view> query = m_url.query();
    m_searchParams->setList(query ? url::parseUrlencoded(*query) : url::NameValueList());
}

v8::Local<v8::Value> URL::searchParams(bind::CallContext& cx)
{
    if (!m_searchParams) {
        std::optional<std::string_view> query = m_url.query();
        m_searchParams = bind::create<URLSearchParams>(
            cx.isolate(), query ? url::parseUrlencoded(*query) : url::NameValueList(), this);
        if (!m_searchParams) {
            cx.setFailed();
            return {};
        }
        // The URL keeps its query object alive; the query object only points back.
        bind::hidden::set(cx.isolate(), wrapper(), "URL.searchParams", m_searchParams->wrapper());
    }
    return m_searchParams->wrapper();
}

void URL::define(bind::ClassBuilder<URL>& c)
{
    c.constructor<&URL::construct>()
        .staticMethod<&URL::canParse>("canParse")
        .staticMethod<&URL::parse>("parse")
        .attribute<&URL::href, &URL::setHref>("href")
        .readonlyAttribute<&URL::origin>("origin")
        .attribute<&URL::protocol, &URL::setProtocol>("protocol")
        .attribute<&URL::username, &URL::setUsername>("username")
        .attribute<&URL::password, &URL::setPassword>("password")
        .attribute<&URL::host, &URL::setHost>("host")
        .attribute<&URL::hostname, &URL::setHostname>("hostname")
        .attribute<&URL::port, &URL::setPort>("port")
        .attribute<&URL::pathname, &URL::setPathname>("pathname")
        .attribute<&URL::search, &URL::setSearch>("search")
        .readonlyAttribute<&URL::searchParams>("searchParams")
        .attribute<&URL::hash, &URL::setHash>("hash")
        .method<&URL::href>("toJSON")
        .method<&URL::href>("toString");
}

void installURL(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    bind::exposeLazily<URL>(context, global);
    bind::exposeLazily<URLSearchParams>(context, global);
}

} // namespace nano::api
