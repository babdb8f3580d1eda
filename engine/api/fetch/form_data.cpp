#include "api/fetch/form_data.h"

#include <QDateTime>

#include <algorithm>

namespace nano::api::fetch {

// https://xhr.spec.whatwg.org/#dom-formdata
std::unique_ptr<FormData> FormData::construct(bind::CallContext& cx,
                                              std::optional<v8::Local<v8::Value>> form,
                                              std::optional<v8::Local<v8::Value>> submitter)
{
    // No value converts to HTMLFormElement (or HTMLElement) here, not even null.
    if (form) {
        cx.throwTypeError("parameter 1 is not of type 'HTMLFormElement'.");
        return nullptr;
    }
    if (submitter) {
        cx.throwTypeError("parameter 2 is not of type 'HTMLElement'.");
        return nullptr;
    }
    return std::make_unique<FormData>();
}

// https://xhr.spec.whatwg.org/#create-an-entry
bool FormData::createEntry(bind::CallContext& cx, std::string name, v8::Local<v8::Value> value,
                           const std::optional<v8::Local<v8::Value>>& filename, Entry& entry)
{
    v8::Isolate* isolate = cx.isolate();
    entry.name = std::move(name);
    // Overload resolution (https://webidl.spec.whatwg.org/#es-overloads): three arguments
    // select the Blob overload; with two, a Blob selects it and anything else is a USVString.
    Blob* blob = bind::unwrap<Blob>(isolate, value);
    if (!blob && cx.length() >= 3) {
        cx.throwTypeError("parameter 2 is not of type 'Blob'.");
        return false;
    }
    if (!blob)
        return bind::Convert<std::string>::fromJs(cx, bind::ValueSource{1}, value, entry.text);

    std::optional<std::string> fileName;
    if (filename) {
        std::string converted;
        if (!bind::Convert<std::string>::fromJs(cx, bind::ValueSource{2}, *filename, converted))
            return false;
        fileName = std::move(converted);
    }
    File* file = bind::unwrap<File>(isolate, value);
    // Step 3: a Blob becomes a File named "blob"; a filename makes a new File of the same
    // bytes (a File keeps its lastModified, a Blob gets the current time).
    if (!file || fileName) {
        const int64_t lastModified =
            file ? file->lastModified() : QDateTime::currentMSecsSinceEpoch();
        const std::string newName = fileName ? *fileName : file ? file->name() : "blob";
        file = bind::create<File>(isolate, blob->bytes(), blob->type(), newName, lastModified);
        if (!file) {
            cx.setFailed();
            return false;
        }
    }
    entry.file.set(file);
    return true;
}

// https://xhr.spec.whatwg.org/#dom-formdata-append
void FormData::append(bind::CallContext& cx, std::string name, v8::Local<v8::Value> value,
                      std::optional<v8::Local<v8::Value>> filename)
{
    Entry entry{{}, {}, bind::Member<File>(this)};
    if (createEntry(cx, std::move(name), value, filename, entry))
        m_entries.push_back(std::move(entry));
}

void FormData::appendString(std::string name, std::string value)
{
    m_entries.push_back({std::move(name), std::move(value), bind::Member<File>(this)});
}

void FormData::appendFile(std::string name, File* file)
{
    Entry entry{std::move(name), {}, bind::Member<File>(this)};
    entry.file.set(file);
    m_entries.push_back(std::move(entry));
}

// https://xhr.spec.whatwg.org/#dom-formdata-delete
void FormData::remove(std::string name)
{
    m_entries.erase(std::remove_if(m_entries.begin(), m_entries.end(),
                                   [&](const Entry& e) { return e.name == name; }),
                    m_entries.end());
}

// https://xhr.spec.whatwg.org/#dom-formdata-get
bind::Nullable<FormData::EntryValue> FormData::get(std::string name) const
{
    for (const Entry& entry : m_entries)
        if (entry.name == name) return entry.value();
    return {};
}

// https://xhr.spec.whatwg.org/#dom-formdata-getall
std::vector<FormData::EntryValue> FormData::getAll(std::string name) const
{
    std::vector<EntryValue> values;
    for (const Entry& entry : m_entries)
        if (entry.name == name) values.push_back(entry.value());
    return values;
}

// https://xhr.spec.whatwg.org/#dom-formdata-has
bool FormData::has(std::string name) const
{
    return std::any_of(m_entries.begin(), m_entries.end(),
                       [&](const Entry& e) { return e.name == name; });
}

// https://xhr.spec.whatwg.org/#dom-formdata-set
void FormData::set(bind::CallContext& cx, std::string name, v8::Local<v8::Value> value,
                   std::optional<v8::Local<v8::Value>> filename)
{
    Entry entry{{}, {}, bind::Member<File>(this)};
    if (!createEntry(cx, std::move(name), value, filename, entry)) return;
    auto first = std::find_if(m_entries.begin(), m_entries.end(),
                              [&](const Entry& e) { return e.name == entry.name; });
    if (first == m_entries.end()) {
        m_entries.push_back(std::move(entry));
        return;
    }
    *first = std::move(entry);
    m_entries.erase(std::remove_if(std::next(first), m_entries.end(),
                                   [&](const Entry& e) { return e.name == first->name; }),
                    m_entries.end());
}

std::pair<std::string, FormData::EntryValue> FormData::pairAt(size_t i) const
{
    return {m_entries[i].name, m_entries[i].value()};
}

v8::Local<v8::Array> FormData::inspectPairs(v8::Isolate* isolate)
{
    std::vector<v8::Local<v8::Value>> flat;
    flat.reserve(m_entries.size() * 2);
    for (const Entry& entry : m_entries) {
        v8::Local<v8::Value> name, value;
        if (!bind::toJs(isolate, entry.name).ToLocal(&name) ||
            !bind::toJs(isolate, entry.value()).ToLocal(&value))
            return {};
        flat.push_back(name);
        flat.push_back(value);
    }
    return v8::Array::New(isolate, flat.data(), flat.size());
}

void FormData::define(bind::ClassBuilder<FormData>& c)
{
    c.constructor<&FormData::construct>()
        .method<&FormData::append>("append")
        .method<&FormData::remove>("delete")
        .method<&FormData::get>("get")
        .method<&FormData::getAll>("getAll")
        .method<&FormData::has>("has")
        .method<&FormData::set>("set")
        .pairIterable<&FormData::pairCount, &FormData::pairAt>();
}

void installFormData(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    bind::exposeLazily<FormData>(context, global);
}

} // namespace nano::api::fetch
