#pragma once
// FormData (https://xhr.spec.whatwg.org/#interface-formdata).
//
// typedef (File or USVString) FormDataEntryValue;
// [Exposed=(Window,Worker)] interface FormData {
//   constructor(optional HTMLFormElement form, optional HTMLElement? submitter = null);
//   undefined append(USVString name, USVString value);
//   undefined append(USVString name, Blob blobValue, optional USVString filename);
//   undefined delete(USVString name);
//   FormDataEntryValue? get(USVString name);
//   sequence<FormDataEntryValue> getAll(USVString name);
//   boolean has(USVString name);
//   undefined set(USVString name, USVString value);
//   undefined set(USVString name, Blob blobValue, optional USVString filename);
//   iterable<USVString, FormDataEntryValue>;
// };
//
// There are no form elements outside a document, so the constructor accepts no argument but
// undefined (anything else fails the HTMLFormElement conversion with a TypeError). File
// values are held as bind::Members, so get() returns the same File object every time.

#include "api/file.h"
#include "bind/class_builder.h"
#include "bind/member.h"

#include <variant>

namespace nano::api::fetch {

class FormData final : public bind::Wrappable {
    NANO_BIND_CLASS(FormData)
public:
    static const char* iteratorName() { return "FormData Iterator"; }
    using EntryValue = std::variant<File*, std::string>;

    FormData() = default;
    static std::unique_ptr<FormData> construct(bind::CallContext& cx,
                                               std::optional<v8::Local<v8::Value>> form,
                                               std::optional<v8::Local<v8::Value>> submitter);

    // IDL members (append and set resolve their two overloads themselves).
    void append(bind::CallContext& cx, std::string name, v8::Local<v8::Value> value,
                std::optional<v8::Local<v8::Value>> filename);
    void remove(std::string name);
    bind::Nullable<EntryValue> get(std::string name) const;
    std::vector<EntryValue> getAll(std::string name) const;
    bool has(std::string name) const;
    void set(bind::CallContext& cx, std::string name, v8::Local<v8::Value> value,
             std::optional<v8::Local<v8::Value>> filename);

    size_t pairCount() const { return m_entries.size(); }
    std::pair<std::string, EntryValue> pairAt(size_t i) const;
    v8::Local<v8::Array> inspectPairs(v8::Isolate* isolate) override;

    // The entry list, for the multipart/form-data encoder.
    struct Entry {
        std::string name;
        std::string text; // a string value
        bind::Member<File> file;
        EntryValue value() const { return file ? EntryValue(file.get()) : EntryValue(text); }
    };
    const std::vector<Entry>& entries() const { return m_entries; }
    // Appends an entry made by C++ (Body.formData()): a string, or a File (not null).
    void appendString(std::string name, std::string value);
    void appendFile(std::string name, File* file);

    static void define(bind::ClassBuilder<FormData>& c);

private:
    // https://xhr.spec.whatwg.org/#create-an-entry, with the overload resolution of append()
    // and set(); false with an exception thrown.
    bool createEntry(bind::CallContext& cx, std::string name, v8::Local<v8::Value> value,
                     const std::optional<v8::Local<v8::Value>>& filename, Entry& entry);

    std::vector<Entry> m_entries;
};

void installFormData(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api::fetch
