#include "api/url/url_search_params.h"

#include "api/url/url.h"

#include <algorithm>

namespace nano::api {

namespace {
// UTF-16 code units of a UTF-8 string, for sorting by code units as the spec requires.
std::u16string toUtf16Units(std::string_view utf8)
{
    std::u16string out;
    out.reserve(utf8.size());
    for (size_t i = 0; i < utf8.size();) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        char32_t cp;
        int extra;
        if (c < 0x80) {
            cp = c;
            extra = 0;
        } else if (c >= 0xF0) {
            cp = c & 0x07;
            extra = 3;
        } else if (c >= 0xE0) {
            cp = c & 0x0F;
            extra = 2;
        } else {
            cp = c & 0x1F;
            extra = 1;
        }
        ++i;
        for (int k = 0; k < extra && i < utf8.size(); ++k, ++i)
            cp = (cp << 6) | (static_cast<unsigned char>(utf8[i]) & 0x3F);
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
            out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
        } else {
            out.push_back(static_cast<char16_t>(cp));
        }
    }
    return out;
}

} // namespace

URLSearchParams::URLSearchParams(std::string_view query)
{
    setQuery(query);
}

bool URLSearchParams::attachToUrl(v8::Local<v8::Object> url)
{
    m_url.set(url);
    return true;
}

std::unique_ptr<URLSearchParams> URLSearchParams::construct(bind::CallContext& cx,
                                                            std::optional<Init> init)
{
    auto params = std::make_unique<URLSearchParams>();
    if (!init) return params;
    if (auto* pairs = std::get_if<std::vector<std::vector<std::string>>>(&*init)) {
        // https://url.spec.whatwg.org/#concept-urlsearchparams-initialize step 1
        for (auto& pair : *pairs) {
            if (pair.size() != 2) {
                cx.throwTypeError("Each name-value pair must have exactly two items, not " +
                                  std::to_string(pair.size()) + ".");
                return nullptr;
            }
            params->m_list.emplace_back(std::move(pair[0]), std::move(pair[1]));
        }
    } else if (auto* record = std::get_if<bind::Record<std::string>>(&*init)) {
        for (auto& [name, value] : record->entries)
            params->m_list.emplace_back(name, std::move(value));
    } else {
        std::string_view text = std::get<std::string>(*init);
        if (!text.empty() && text.front() == '?') text.remove_prefix(1);
        params->setQuery(text);
    }
    return params;
}

void URLSearchParams::setQuery(std::string_view query)
{
    m_list.clear();
    m_source = std::string(query);
    m_sourceIsSerialized = url::isSerializedUrlencoded(query);
}

url::NameValueList& URLSearchParams::list() const
{
    if (m_source) {
        m_list = url::parseUrlencoded(*m_source);
        m_source.reset();
    }
    return m_list;
}

std::string URLSearchParams::toString() const
{
    if (m_source && m_sourceIsSerialized) return *m_source;
    return url::serializeUrlencoded(list());
}

v8::Local<v8::Array> URLSearchParams::inspectPairs(v8::Isolate* isolate)
{
    const url::NameValueList& pairs = list();
    std::vector<v8::Local<v8::Value>> flat;
    flat.reserve(pairs.size() * 2);
    for (const auto& [name, value] : pairs) {
        v8::Local<v8::Value> n, v;
        if (!bind::toJs(isolate, name).ToLocal(&n) || !bind::toJs(isolate, value).ToLocal(&v))
            return {};
        flat.push_back(n);
        flat.push_back(v);
    }
    return v8::Array::New(isolate, flat.data(), flat.size());
}

void URLSearchParams::update(bind::CallContext& cx)
{
    v8::Local<v8::Object> url = m_url.get(cx.isolate());
    if (url.IsEmpty()) return;
    std::string query = url::serializeUrlencoded(list());
    // Step 2: an empty serialization sets the query to null.
    URL(cx.isolate(), url)
        .setQueryFromParams(cx,
                            query.empty() ? std::nullopt : std::optional<std::string_view>(query));
}

void URLSearchParams::append(bind::CallContext& cx, std::string name, std::string value)
{
    list().emplace_back(std::move(name), std::move(value));
    update(cx);
}

// https://url.spec.whatwg.org/#dom-urlsearchparams-delete
void URLSearchParams::remove(bind::CallContext& cx, std::string name,
                             std::optional<std::string> value)
{
    url::NameValueList& pairs = list();
    pairs.erase(std::remove_if(pairs.begin(), pairs.end(),
                               [&](const auto& pair) {
                                   return pair.first == name && (!value || pair.second == *value);
                               }),
                pairs.end());
    update(cx);
}

bind::Nullable<std::string> URLSearchParams::get(std::string name) const
{
    for (const auto& pair : list()) {
        if (pair.first == name) return pair.second;
    }
    return {};
}

std::vector<std::string> URLSearchParams::getAll(std::string name) const
{
    std::vector<std::string> out;
    for (const auto& pair : list()) {
        if (pair.first == name) out.push_back(pair.second);
    }
    return out;
}

bool URLSearchParams::has(std::string name, std::optional<std::string> value) const
{
    const url::NameValueList& pairs = list();
    return std::any_of(pairs.begin(), pairs.end(), [&](const auto& pair) {
        return pair.first == name && (!value || pair.second == *value);
    });
}

// https://url.spec.whatwg.org/#dom-urlsearchparams-set
void URLSearchParams::set(bind::CallContext& cx, std::string name, std::string value)
{
    list();
    auto first = std::find_if(m_list.begin(), m_list.end(),
                              [&](const auto& pair) { return pair.first == name; });
    if (first == m_list.end()) {
        m_list.emplace_back(std::move(name), std::move(value));
    } else {
        first->second = std::move(value);
        m_list.erase(std::remove_if(std::next(first), m_list.end(),
                                    [&](const auto& pair) { return pair.first == name; }),
                     m_list.end());
    }
    update(cx);
}

// https://url.spec.whatwg.org/#dom-urlsearchparams-sort: stable, by UTF-16 code units of names.
void URLSearchParams::sort(bind::CallContext& cx)
{
    list();
    std::vector<std::pair<std::u16string, size_t>> keys;
    keys.reserve(m_list.size());
    for (size_t i = 0; i < m_list.size(); ++i)
        keys.emplace_back(toUtf16Units(m_list[i].first), i);
    std::stable_sort(keys.begin(), keys.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    url::NameValueList sorted;
    sorted.reserve(m_list.size());
    for (const auto& key : keys)
        sorted.push_back(std::move(m_list[key.second]));
    m_list = std::move(sorted);
    update(cx);
}

void URLSearchParams::define(bind::ClassBuilder<URLSearchParams>& c)
{
    c.constructor<&URLSearchParams::construct>()
        .readonlyAttribute<&URLSearchParams::size>("size")
        .method<&URLSearchParams::append>("append")
        .method<&URLSearchParams::remove>("delete")
        .method<&URLSearchParams::get>("get")
        .method<&URLSearchParams::getAll>("getAll")
        .method<&URLSearchParams::has>("has")
        .method<&URLSearchParams::set>("set")
        .method<&URLSearchParams::sort>("sort")
        .method<&URLSearchParams::toString>("toString")
        .pairIterable<&URLSearchParams::pairCount, &URLSearchParams::pairAt>();
}

} // namespace nano::api
