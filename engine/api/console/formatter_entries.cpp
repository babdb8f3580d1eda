#include "engine/api/console/formatter_inspect.h"

#include <algorithm>
#include <memory>

// Node's formatters for the entries shown before an object's own properties.

namespace nano::api::formatter_detail {

using v8::Array;
using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::TryCatch;
using v8::Value;

namespace {

// Object::PreviewEntries() under a TryCatch of its own: the entries are formatted outside of
// it, so that an exception of user code they run propagates (see formatter_access.h).
bool previewEntries(Local<Object> value, bool& isKeyValue, Local<Array>& entries)
{
    TryCatch tc(value->GetIsolate());
    return value->PreviewEntries(&isKeyValue).ToLocal(&entries);
}

} // namespace

std::vector<std::string> Inspector::formatEntries(Local<Object> value, int recurseTimes,
                                                  RawParts& parts)
{
    switch (parts.entries) {
    case EntriesKind::None: return {};
    case EntriesKind::Array: return formatArray(value.As<Array>(), recurseTimes);
    case EntriesKind::Set: return formatSet(value.As<v8::Set>(), recurseTimes);
    case EntriesKind::Map: return formatMap(value.As<v8::Map>(), recurseTimes);
    case EntriesKind::TypedArray: return formatTypedArray(value.As<v8::TypedArray>(), recurseTimes);
    case EntriesKind::Iterator: return formatIterator(value, recurseTimes, parts.open);
    case EntriesKind::ArrayBuffer: return formatArrayBuffer(value);
    case EntriesKind::Promise: return formatPromise(value.As<v8::Promise>(), recurseTimes);
    case EntriesKind::WeakUnknown: return {stylize("<items unknown>", Style::Special)};
    case EntriesKind::WeakSet:
    case EntriesKind::WeakMap: {
        bool isKeyValue = false;
        Local<Array> entries;
        if (!previewEntries(value, isKeyValue, entries)) return {};
        return parts.entries == EntriesKind::WeakSet
                   ? formatSetIterInner(recurseTimes, entries, true)
                   : formatMapIterInner(recurseTimes, entries, true);
    }
    case EntriesKind::Namespace: return formatNamespaceObject(value, recurseTimes, parts.keys);
    }
    return {};
}

std::vector<std::string> Inspector::formatArray(Local<Array> value, int recurseTimes)
{
    const uint32_t valLen = value->Length();
    const long long len = std::min<long long>(std::max(0LL, m_options.maxArrayLength), valLen);
    std::vector<std::string> output;
    for (uint32_t i = 0; i < len; ++i) {
        // Special handle sparse arrays.
        if (!value->HasRealIndexedProperty(m_js.context(), i).FromMaybe(false))
            return formatSpecialArray(value, recurseTimes, len, std::move(output), i);
        output.push_back(formatProperty(value, recurseTimes, {m_js.indexKey(i), {}}, true));
    }
    if (valLen > len) output.push_back(remainingText(valLen - len));
    return output;
}

// The array has holes (shown as "<n empty items>") before `maxLength` entries.
std::vector<std::string> Inspector::formatSpecialArray(Local<Array> value, int recurseTimes,
                                                       long long maxLength,
                                                       std::vector<std::string> output, uint32_t i)
{
    const auto emptyItems = [this](double n) {
        return stylize("<" + numberToString(n) + " empty item" + (n > 1 ? "s" : "") + ">",
                       Style::Undefined);
    };
    // Node walks Object.keys(value). Listing a million keys to show a hundred is slow, so the
    // next present index is first searched by probing; only a long run of holes (a sparse,
    // dictionary-mode array, whose key list is short) falls back to the key list.
    const uint32_t length = value->Length();
    Local<Array> keys;
    uint32_t keyCursor = 0;
    const auto nextIndex = [&](uint32_t from) -> std::optional<uint32_t> {
        constexpr uint32_t kProbeLimit = 1024;
        if (from >= length) return std::nullopt; // array indices are below the length
        for (uint32_t probe = from; probe < length && probe - from < kProbeLimit; ++probe) {
            if (value->HasRealIndexedProperty(m_js.context(), probe).FromMaybe(false)) return probe;
        }
        if (keys.IsEmpty()) {
            TryCatch tc(m_js.isolate());
            if (!value
                     ->GetOwnPropertyNames(m_js.context(), v8::ONLY_ENUMERABLE,
                                           v8::KeyConversionMode::kKeepNumbers)
                     .ToLocal(&keys))
                keys = Array::New(m_js.isolate());
        }
        // Index keys come first, in ascending order.
        for (; keyCursor < keys->Length(); ++keyCursor) {
            const Local<Value> key = m_js.element(keys, keyCursor);
            if (!key->IsNumber()) return std::nullopt;
            const double k = key.As<v8::Number>()->Value();
            if (k >= from)
                return k > 4294967294.0 ? std::nullopt : std::optional<uint32_t>(uint32_t(k));
        }
        return std::nullopt;
    };
    double index = i;
    while (static_cast<long long>(output.size()) < maxLength) {
        const std::optional<uint32_t> next = nextIndex(uint32_t(index));
        if (!next) break;
        const double tmp = *next;
        if (tmp != index) {
            output.push_back(emptyItems(tmp - index));
            index = tmp;
            if (static_cast<long long>(output.size()) == maxLength) break;
        }
        output.push_back(
            formatProperty(value, recurseTimes, {m_js.indexKey(uint32_t(tmp)), {}}, true));
        index++;
    }
    const double remaining = value->Length() - index;
    if (static_cast<long long>(output.size()) != maxLength) {
        if (remaining > 0) output.push_back(emptyItems(remaining));
    } else if (remaining > 0) {
        output.push_back(remainingText(static_cast<long long>(remaining)));
    }
    return output;
}

std::vector<std::string> Inspector::formatTypedArray(Local<v8::TypedArray> value, int recurseTimes)
{
    const std::size_t length = value->Length();
    const long long maxLength =
        std::min<long long>(std::max(0LL, m_options.maxArrayLength), (long long)length);
    std::vector<std::string> output;
    for (long long i = 0; i < maxLength; ++i) {
        const Local<Value> element = m_js.element(value, uint32_t(i));
        output.push_back(element->IsBigInt()
                             ? formatBigInt(element)
                             : formatNumber(element->NumberValue(m_js.context()).FromMaybe(0)));
    }
    if (static_cast<long long>(length) > maxLength)
        output.push_back(remainingText(static_cast<long long>(length) - maxLength));
    if (m_options.showHidden) {
        Isolate* isolate = m_js.isolate();
        m_layout.indentationLvl += 2;
        const std::pair<const char*, Local<Value>> hidden[] = {
            {"BYTES_PER_ELEMENT", v8::Number::New(isolate, typedArrayElementSize(value))},
            {"length", v8::Number::New(isolate, double(length))},
            {"byteLength", v8::Number::New(isolate, double(value->ByteLength()))},
            {"byteOffset", v8::Number::New(isolate, double(value->ByteOffset()))},
            {"buffer", value->Buffer()}};
        for (const auto& [key, v] : hidden)
            output.push_back(std::string("[") + key + "]: " + formatValue(v, recurseTimes, true));
        m_layout.indentationLvl -= 2;
    }
    return output;
}

std::vector<std::string> Inspector::formatArrayBuffer(Local<Object> value)
{
    std::shared_ptr<v8::BackingStore> store;
    std::size_t length = 0;
    if (value->IsArrayBuffer()) {
        const Local<v8::ArrayBuffer> buffer = value.As<v8::ArrayBuffer>();
        if (buffer->WasDetached()) return {stylize("(detached)", Style::Special)};
        store = buffer->GetBackingStore();
        length = buffer->ByteLength();
    } else {
        const Local<v8::SharedArrayBuffer> buffer = value.As<v8::SharedArrayBuffer>();
        store = buffer->GetBackingStore();
        length = buffer->ByteLength();
    }
    const auto* bytes = store ? static_cast<const unsigned char*>(store->Data()) : nullptr;
    const std::size_t shown =
        std::min<std::size_t>(std::size_t(std::max(0LL, m_options.maxArrayLength)), length);
    std::string str;
    for (std::size_t i = 0; i < shown && bytes; ++i) {
        if (i != 0) str += ' ';
        str += toHex(bytes[i], 2);
    }
    if (length > shown) {
        const std::size_t remaining = length - shown;
        str += " ... " + std::to_string(remaining) + " more byte" + (remaining > 1 ? "s" : "");
    }
    return {stylize("[Uint8Contents]", Style::Special) + ": <" + str + ">"};
}

std::vector<std::string> Inspector::formatSet(Local<v8::Set> value, int recurseTimes)
{
    // A Set prints its values exactly as a Set iterator does.
    return formatSetIterInner(recurseTimes, value->AsArray(), false);
}

std::vector<std::string> Inspector::formatMap(Local<v8::Map> value, int recurseTimes)
{
    const Local<Array> entries = value->AsArray(); // [key, value, key, value, ...]
    const long long length = entries->Length() / 2;
    const long long maxLength = std::min(std::max(0LL, m_options.maxArrayLength), length);
    std::vector<std::string> output;
    m_layout.indentationLvl += 2;
    for (long long i = 0; i < maxLength; ++i) {
        const std::string k = formatValue(m_js.element(entries, uint32_t(2 * i)), recurseTimes);
        const std::string v = formatValue(m_js.element(entries, uint32_t(2 * i + 1)), recurseTimes);
        output.push_back(k + " => " + v);
    }
    if (length > maxLength) output.push_back(remainingText(length - maxLength));
    m_layout.indentationLvl -= 2;
    return output;
}

std::vector<std::string> Inspector::formatSetIterInner(int recurseTimes, Local<Array> entries,
                                                       bool weak)
{
    const long long length = entries->Length();
    const long long maxLength = std::min(std::max(0LL, m_options.maxArrayLength), length);
    std::vector<std::string> output;
    m_layout.indentationLvl += 2;
    for (long long i = 0; i < maxLength; ++i)
        output.push_back(formatValue(m_js.element(entries, uint32_t(i)), recurseTimes));
    m_layout.indentationLvl -= 2;
    // Weak entries come in no particular order: sort them for a halfway stable output.
    if (weak && !m_options.sorted) std::stable_sort(output.begin(), output.end());
    if (length > maxLength) output.push_back(remainingText(length - maxLength));
    return output;
}

std::vector<std::string> Inspector::formatMapIterInner(int recurseTimes, Local<Array> entries,
                                                       bool weak)
{
    const long long length = entries->Length() / 2;
    const long long maxLength = std::min(std::max(0LL, m_options.maxArrayLength), length);
    std::vector<std::string> output;
    m_layout.indentationLvl += 2;
    for (long long i = 0; i < maxLength; ++i) {
        const Local<Value> k = m_js.element(entries, uint32_t(2 * i));
        const Local<Value> v = m_js.element(entries, uint32_t(2 * i + 1));
        if (weak) {
            const std::string key = formatValue(k, recurseTimes);
            output.push_back(key + " => " + formatValue(v, recurseTimes));
        } else {
            std::vector<std::string> res;
            res.push_back(formatValue(k, recurseTimes));
            res.push_back(formatValue(v, recurseTimes));
            output.push_back(reduceToSingleString(m_layout, std::move(res), "", "[", "]",
                                                  ExtrasType::ArrayExtras, recurseTimes, nullptr));
        }
    }
    if (weak && !m_options.sorted) std::stable_sort(output.begin(), output.end());
    m_layout.indentationLvl -= 2;
    if (length > maxLength) output.push_back(remainingText(length - maxLength));
    return output;
}

std::vector<std::string> Inspector::formatIterator(Local<Object> value, int recurseTimes,
                                                   std::string& open)
{
    bool isKeyValue = false;
    Local<Array> entries;
    if (!previewEntries(value, isKeyValue, entries)) return {};
    if (isKeyValue) {
        // Mark entry iterators as such: "[Map Entries] {".
        const std::string suffix = " Iterator] {";
        if (endsWith(open, suffix))
            open = open.substr(0, open.size() - suffix.size()) + " Entries] {";
        return formatMapIterInner(recurseTimes, entries, false);
    }
    return formatSetIterInner(recurseTimes, entries, false);
}

std::vector<std::string> Inspector::formatPromise(Local<v8::Promise> value, int recurseTimes)
{
    if (value->State() == v8::Promise::kPending) return {stylize("<pending>", Style::Special)};
    m_layout.indentationLvl += 2;
    const std::string str = formatValue(value->Result(), recurseTimes);
    m_layout.indentationLvl -= 2;
    if (value->State() == v8::Promise::kRejected)
        return {stylize("<rejected>", Style::Special) + " " + str};
    return {str};
}

std::vector<std::string> Inspector::formatNamespaceObject(Local<Object> value, int recurseTimes,
                                                          std::vector<PropertyKey>& keys)
{
    std::vector<std::string> output;
    for (const PropertyKey& key : keys) {
        const PropertyDesc desc = m_js.ownProperty(value, key.key);
        if (desc.threw) {
            output.push_back(propertyName(key.key, true) + ": " +
                             stylize("<uninitialized>", Style::Special));
        } else {
            output.push_back(formatProperty(value, recurseTimes, key, false, &desc));
        }
    }
    // The keys are formatted here, not again as properties.
    keys.clear();
    return output;
}

} // namespace nano::api::formatter_detail
