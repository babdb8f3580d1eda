#include "api/fetch/headers.h"

namespace nano::api::fetch {

namespace {

// A header name or value (bytes, each a code point below U+0100) for an error message: UTF-8,
// quoted, with control characters escaped so that a stray newline is visible.
std::string quoted(std::string_view bytes)
{
    static const char kHex[] = "0123456789ABCDEF";
    std::string out = "\"";
    for (char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte == '\n') {
            out += "\\n";
        } else if (byte == '\r') {
            out += "\\r";
        } else if (byte < 0x20 || byte == 0x7F) {
            out += "\\x";
            out += kHex[byte >> 4];
            out += kHex[byte & 0xF];
        } else if (byte >= 0x80) { // Latin-1 to UTF-8
            out += static_cast<char>(0xC0 | (byte >> 6));
            out += static_cast<char>(0x80 | (byte & 0x3F));
        } else {
            out += c;
        }
    }
    return out + '"';
}

} // namespace

Headers* Headers::create(v8::Isolate* isolate, Guard guard)
{
    Headers* headers = bind::create<Headers>(isolate);
    if (headers) headers->m_guard = guard;
    return headers;
}

// https://fetch.spec.whatwg.org/#dom-headers
std::unique_ptr<Headers> Headers::construct(bind::CallContext& cx, std::optional<Init> init)
{
    auto headers = std::make_unique<Headers>();
    if (init && !headers->fill(cx, *init)) return nullptr;
    return headers;
}

// https://fetch.spec.whatwg.org/#concept-headers-fill
bool Headers::fill(bind::CallContext& cx, Init& init)
{
    if (auto* sequence = std::get_if<std::vector<std::vector<bind::ByteString>>>(&init)) {
        for (const auto& header : *sequence) {
            if (header.size() != 2) {
                cx.throwTypeError("Each header must be a [name, value] pair, not a list of " +
                                  std::to_string(header.size()) + " items.");
                return false;
            }
            if (!append(cx, header[0].value, header[1].value)) return false;
        }
        return true;
    }
    for (const auto& [name, value] : std::get<bind::Record<bind::ByteString>>(init).entries)
        if (!append(cx, name, value.value)) return false;
    return true;
}

bool Headers::requireHeaderName(bind::CallContext& cx, std::string_view name) const
{
    if (isHeaderName(name)) return true;
    cx.throwTypeError(quoted(name) + " is not a valid header name.");
    return false;
}

// https://fetch.spec.whatwg.org/#headers-validate
bool Headers::validate(bind::CallContext& cx, std::string_view name, std::string_view value) const
{
    if (!requireHeaderName(cx, name)) return false;
    if (!isHeaderValue(value)) {
        cx.throwTypeError(quoted(value) + " is not a valid value for the header " + quoted(name) +
                          ".");
        return false;
    }
    if (m_guard == Guard::Immutable) {
        cx.throwTypeError("These headers are immutable.");
        return false;
    }
    if (m_guard == Guard::Request && isForbiddenRequestHeader(name, value)) return false;
    if (m_guard == Guard::Response && isForbiddenResponseHeaderName(name)) return false;
    return true;
}

// https://fetch.spec.whatwg.org/#concept-headers-append
bool Headers::append(bind::CallContext& cx, std::string_view name, std::string_view rawValue)
{
    const std::string_view value = normalizeHeaderValue(rawValue);
    if (!validate(cx, name, value)) return !cx.failed();
    if (m_guard == Guard::RequestNoCors) {
        std::string temporaryValue = m_headerList.get(name).value_or(std::string());
        temporaryValue = m_headerList.contains(name) ? temporaryValue.append(", ").append(value)
                                                     : std::string(value);
        if (!isNoCorsSafelistedRequestHeader(name, temporaryValue)) return true;
    }
    m_headerList.append({std::string(name), std::string(value)});
    if (m_guard == Guard::RequestNoCors) removePrivilegedNoCorsRequestHeaders();
    changed();
    return true;
}

// https://fetch.spec.whatwg.org/#concept-headers-remove-privileged-no-cors-request-headers
void Headers::removePrivilegedNoCorsRequestHeaders()
{
    m_headerList.remove("range");
}

void Headers::appendMember(bind::CallContext& cx, bind::ByteString name, bind::ByteString value)
{
    append(cx, name.value, value.value);
}

// https://fetch.spec.whatwg.org/#dom-headers-delete
void Headers::remove(bind::CallContext& cx, bind::ByteString name)
{
    if (!validate(cx, name.value, "")) return;
    if (m_guard == Guard::RequestNoCors && !isNoCorsSafelistedRequestHeaderName(name.value) &&
        !isPrivilegedNoCorsRequestHeaderName(name.value))
        return;
    if (!m_headerList.contains(name.value)) return;
    m_headerList.remove(name.value);
    if (m_guard == Guard::RequestNoCors) removePrivilegedNoCorsRequestHeaders();
    changed();
}

// https://fetch.spec.whatwg.org/#dom-headers-get
bind::Nullable<bind::ByteString> Headers::get(bind::CallContext& cx, bind::ByteString name) const
{
    if (!requireHeaderName(cx, name.value)) return {};
    std::optional<std::string> value = m_headerList.get(name.value);
    if (!value) return {};
    return bind::ByteString{std::move(*value)};
}

// https://fetch.spec.whatwg.org/#dom-headers-getsetcookie
std::vector<bind::ByteString> Headers::getSetCookie() const
{
    std::vector<bind::ByteString> out;
    for (std::string& value : m_headerList.values("Set-Cookie"))
        out.push_back({std::move(value)});
    return out;
}

// https://fetch.spec.whatwg.org/#dom-headers-has
bool Headers::has(bind::CallContext& cx, bind::ByteString name) const
{
    if (!requireHeaderName(cx, name.value)) return false;
    return m_headerList.contains(name.value);
}

// https://fetch.spec.whatwg.org/#dom-headers-set
void Headers::set(bind::CallContext& cx, bind::ByteString name, bind::ByteString rawValue)
{
    const std::string_view value = normalizeHeaderValue(rawValue.value);
    if (!validate(cx, name.value, value)) return;
    if (m_guard == Guard::RequestNoCors && !isNoCorsSafelistedRequestHeader(name.value, value))
        return;
    m_headerList.set({name.value, std::string(value)});
    if (m_guard == Guard::RequestNoCors) removePrivilegedNoCorsRequestHeaders();
    changed();
}

const std::vector<Header>& Headers::sorted() const
{
    if (!m_sorted) m_sorted = m_headerList.sortAndCombine();
    return *m_sorted;
}

std::pair<bind::ByteString, bind::ByteString> Headers::pairAt(size_t i) const
{
    const Header& header = sorted()[i];
    return {bind::ByteString{header.name}, bind::ByteString{header.value}};
}

v8::Local<v8::Array> Headers::inspectPairs(v8::Isolate* isolate)
{
    std::vector<v8::Local<v8::Value>> flat;
    flat.reserve(sorted().size() * 2);
    for (const Header& header : sorted()) {
        v8::Local<v8::Value> name, value;
        if (!bind::toJs(isolate, bind::ByteString{header.name}).ToLocal(&name) ||
            !bind::toJs(isolate, bind::ByteString{header.value}).ToLocal(&value))
            return {};
        flat.push_back(name);
        flat.push_back(value);
    }
    return v8::Array::New(isolate, flat.data(), flat.size());
}

void Headers::define(bind::ClassBuilder<Headers>& c)
{
    c.constructor<&Headers::construct>()
        .method<&Headers::appendMember>("append")
        .method<&Headers::remove>("delete")
        .method<&Headers::get>("get")
        .method<&Headers::getSetCookie>("getSetCookie")
        .method<&Headers::has>("has")
        .method<&Headers::set>("set")
        .pairIterable<&Headers::pairCount, &Headers::pairAt>();
}

void installHeaders(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    bind::exposeLazily<Headers>(context, global);
}

} // namespace nano::api::fetch
