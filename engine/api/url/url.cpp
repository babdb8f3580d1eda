#include "api/url/url.h"

#include "api/blob_url_store.h"
#include "api/url/url_parser.h"
#include "api/url/url_search_params.h"

namespace nano::api {

namespace {

// The last base URL parsed, by its JS string: code that resolves many URLs against one base
// parses it once.
struct BaseCache {
    v8::Global<v8::String> text;
    std::optional<url::UrlRecord> record;
};

enum class ParseFailure { None, Input, Base };

// https://url.spec.whatwg.org/#api-url-parser, into this thread's parse buffer (valid until the
// next call). Null on failure, or when converting `base` threw (then cx has failed).
const url::UrlRecord* apiParse(bind::CallContext& cx, std::string_view input,
                               const std::optional<v8::Local<v8::Value>>& base,
                               ParseFailure& failure, std::string* baseText = nullptr)
{
    thread_local url::UrlRecord parsed;
    failure = ParseFailure::None;
    const url::UrlRecord* baseRecord = nullptr;
    if (base) {
        v8::Isolate* isolate = cx.isolate();
        v8::Local<v8::String> text;
        if (!(*base)->ToString(cx.context()).ToLocal(&text)) {
            cx.setFailed();
            return nullptr;
        }
        BaseCache& cache = bind::IsolateData::get(isolate)->state<BaseCache>();
        if (cache.text.IsEmpty() || !text->StrictEquals(cache.text.Get(isolate))) {
            cache.text.Reset(isolate, text);
            cache.record = url::parse(bind::toUtf8(isolate, text));
        }
        if (!cache.record) {
            failure = ParseFailure::Base;
            if (baseText) *baseText = bind::toUtf8(isolate, text);
            return nullptr;
        }
        baseRecord = &*cache.record;
    }
    if (!url::parse(parsed, input, baseRecord)) {
        failure = ParseFailure::Input;
        return nullptr;
    }
    return &parsed;
}

// The layout takes five words: two 31-bit offsets in each of the first four (npos as all ones;
// V8 strings are shorter than that), then port + 1 (17 bits), scheme type and flags.
constexpr uint64_t kOffsetBits = 31;
constexpr uint64_t kOffsetMask = (uint64_t{1} << kOffsetBits) - 1;
static_assert(v8::String::kMaxLength < kOffsetMask, "an href offset fits in 31 bits");
constexpr int kLayoutWords = 5;

uint64_t packOffsets(size_t low, size_t high)
{
    auto pack = [](size_t offset) -> uint64_t {
        return offset == url::UrlRecord::npos ? kOffsetMask : offset;
    };
    return pack(low) | pack(high) << kOffsetBits;
}

size_t unpackOffset(uint64_t word, int which)
{
    const uint64_t offset = (word >> (which * kOffsetBits)) & kOffsetMask;
    return offset == kOffsetMask ? url::UrlRecord::npos : static_cast<size_t>(offset);
}

} // namespace

const url::UrlRecord* URL::construct(bind::CallContext& cx, const bind::StringView& input,
                                     std::optional<v8::Local<v8::Value>> base)
{
    ParseFailure failure;
    std::string baseText;
    const url::UrlRecord* record = apiParse(cx, input, base, failure, &baseText);
    if (failure == ParseFailure::Base)
        cx.throwTypeError("Invalid base URL '" + baseText + "'");
    else if (failure == ParseFailure::Input)
        cx.throwTypeError("Invalid URL '" + input.str() + "'");
    return record;
}

bool URL::canParse(bind::CallContext& cx, const bind::StringView& input,
                   std::optional<v8::Local<v8::Value>> base)
{
    ParseFailure failure;
    return apiParse(cx, input, base, failure) != nullptr;
}

v8::Local<v8::Value> URL::parse(bind::CallContext& cx, const bind::StringView& input,
                                std::optional<v8::Local<v8::Value>> base)
{
    ParseFailure failure;
    const url::UrlRecord* record = apiParse(cx, input, base, failure);
    if (!record)
        return cx.failed() ? v8::Local<v8::Value>() : v8::Null(cx.isolate()).As<v8::Value>();
    return bind::createSlotObject<URL>(cx, *record);
}

bool URL::assign(bind::CallContext& cx, const url::UrlRecord& record)
{
    v8::Local<v8::Value> href;
    if (!bind::toJs(cx.isolate(), bind::AsciiView{record.href()}).ToLocal(&href)) {
        cx.setFailed();
        return false;
    }
    const url::UrlRecord::Layout& l = record.layout();
    setValue(kHref, href);
    const uint64_t words[kLayoutWords] = {
        packOffsets(l.schemeEnd, l.usernameEnd),
        packOffsets(l.passwordEnd, l.hostStart),
        packOffsets(l.hostEnd, l.pathStart),
        packOffsets(l.queryStart, l.fragmentStart),
        static_cast<uint64_t>(l.port + 1) | static_cast<uint64_t>(l.schemeType) << 17 |
            static_cast<uint64_t>(l.hasHost) << 21 | static_cast<uint64_t>(l.hasOpaquePath) << 22,
    };
    setWords(kLayout, words);
    return true;
}

url::UrlRecord& URL::record() const
{
    thread_local url::UrlRecord scratch;
    uint64_t w[kLayoutWords];
    for (int i = 0; i < kLayoutWords; ++i)
        w[i] = word(kLayout + i);
    url::UrlRecord::Layout layout;
    layout.schemeEnd = unpackOffset(w[0], 0);
    layout.usernameEnd = unpackOffset(w[0], 1);
    layout.passwordEnd = unpackOffset(w[1], 0);
    layout.hostStart = unpackOffset(w[1], 1);
    layout.hostEnd = unpackOffset(w[2], 0);
    layout.pathStart = unpackOffset(w[2], 1);
    layout.queryStart = unpackOffset(w[3], 0);
    layout.fragmentStart = unpackOffset(w[3], 1);
    layout.port = static_cast<int32_t>(w[4] & 0x1FFFF) - 1;
    layout.schemeType = static_cast<url::SchemeType>((w[4] >> 17) & 0xF);
    layout.hasHost = (w[4] >> 21) & 1;
    layout.hasOpaquePath = (w[4] >> 22) & 1;
    v8::Local<v8::String> href = value(kHref).As<v8::String>();
    const int length = href->Length();
    scratch.load(static_cast<size_t>(length), layout, [&](char* out) {
        href->WriteOneByte(isolate(), reinterpret_cast<uint8_t*>(out), 0, length,
                           v8::String::NO_NULL_TERMINATION);
    });
    return scratch;
}

template <void (url::UrlRecord::*Set)(std::string_view)>
void URL::set(bind::CallContext& cx, const bind::StringView& value)
{
    url::UrlRecord& current = record();
    (current.*Set)(value);
    assign(cx, current);
}

// https://url.spec.whatwg.org/#dom-url-href
void URL::setHref(bind::CallContext& cx, std::string value)
{
    ParseFailure failure;
    const url::UrlRecord* parsed = apiParse(cx, value, std::nullopt, failure);
    if (!parsed) {
        cx.throwTypeError("Invalid URL '" + value + "'");
        return;
    }
    if (assign(cx, *parsed)) refreshSearchParams(*parsed);
}

// https://url.spec.whatwg.org/#dom-url-search
void URL::setSearch(bind::CallContext& cx, const bind::StringView& value)
{
    url::UrlRecord& current = record();
    current.setSearch(value);
    if (assign(cx, current)) refreshSearchParams(current);
}

void URL::setQueryFromParams(bind::CallContext& cx, std::optional<std::string_view> query)
{
    url::UrlRecord& current = record();
    current.setQuery(query);
    assign(cx, current);
}

void URL::refreshSearchParams(const url::UrlRecord& current)
{
    auto* params = bind::unwrap<URLSearchParams>(isolate(), value(kSearchParams));
    if (!params) return;
    std::optional<std::string_view> query = current.query();
    params->setQuery(query ? *query : std::string_view());
}

v8::Local<v8::Value> URL::searchParams()
{
    v8::Local<v8::Value> existing = value(kSearchParams);
    if (existing->IsObject()) return existing;
    std::optional<std::string_view> query = record().query();
    auto* params = bind::create<URLSearchParams>(isolate(), query ? *query : std::string_view());
    if (!params || !params->attachToUrl(wrapper())) return {};
    // The URL holds its query object in a slot; the query object holds the URL in a
    // bind::Member. Both are traced references, so the pair is collected together.
    setValue(kSearchParams, params->wrapper());
    return params->wrapper();
}

void URL::define(bind::ClassBuilder<URL>& c)
{
    c.constructor<&URL::construct>()
        .staticMethod<&URL::canParse>("canParse")
        .staticMethod<&URL::parse>("parse")
        .staticMethod<&createObjectURL>("createObjectURL")
        .staticMethod<&revokeObjectURL>("revokeObjectURL")
        .attribute<&URL::href, &URL::setHref>("href")
        .readonlyAttribute<&URL::origin>("origin")
        .attribute<&URL::protocol, &URL::set<&url::UrlRecord::setProtocol>>("protocol")
        .attribute<&URL::username, &URL::set<&url::UrlRecord::setUsername>>("username")
        .attribute<&URL::password, &URL::set<&url::UrlRecord::setPassword>>("password")
        .attribute<&URL::host, &URL::set<&url::UrlRecord::setHost>>("host")
        .attribute<&URL::hostname, &URL::set<&url::UrlRecord::setHostname>>("hostname")
        .attribute<&URL::port, &URL::set<&url::UrlRecord::setPort>>("port")
        .attribute<&URL::pathname, &URL::set<&url::UrlRecord::setPathname>>("pathname")
        .attribute<&URL::search, &URL::setSearch>("search")
        .readonlyAttribute<&URL::searchParams>("searchParams")
        .attribute<&URL::hash, &URL::set<&url::UrlRecord::setHash>>("hash")
        .method<&URL::href>("toJSON")
        .method<&URL::href>("toString");
}

void installURL(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    bind::exposeLazily<URL>(context, global);
    bind::exposeLazily<URLSearchParams>(context, global);
}

} // namespace nano::api
