#include "bind/dom_exception.h"

#include "bind/serializable.h"

namespace nano::bind {

namespace {
struct NameCode {
    const char* name;
    const char* constant;
    int code;
};
// https://webidl.spec.whatwg.org/#dfn-error-names-table (legacy codes and their constants).
constexpr NameCode kLegacyCodes[] = {
    {"IndexSizeError", "INDEX_SIZE_ERR", 1},
    {nullptr, "DOMSTRING_SIZE_ERR", 2},
    {"HierarchyRequestError", "HIERARCHY_REQUEST_ERR", 3},
    {"WrongDocumentError", "WRONG_DOCUMENT_ERR", 4},
    {"InvalidCharacterError", "INVALID_CHARACTER_ERR", 5},
    {nullptr, "NO_DATA_ALLOWED_ERR", 6},
    {"NoModificationAllowedError", "NO_MODIFICATION_ALLOWED_ERR", 7},
    {"NotFoundError", "NOT_FOUND_ERR", 8},
    {"NotSupportedError", "NOT_SUPPORTED_ERR", 9},
    {"InUseAttributeError", "INUSE_ATTRIBUTE_ERR", 10},
    {"InvalidStateError", "INVALID_STATE_ERR", 11},
    {"SyntaxError", "SYNTAX_ERR", 12},
    {"InvalidModificationError", "INVALID_MODIFICATION_ERR", 13},
    {"NamespaceError", "NAMESPACE_ERR", 14},
    {"InvalidAccessError", "INVALID_ACCESS_ERR", 15},
    {nullptr, "VALIDATION_ERR", 16},
    {"TypeMismatchError", "TYPE_MISMATCH_ERR", 17},
    {"SecurityError", "SECURITY_ERR", 18},
    {"NetworkError", "NETWORK_ERR", 19},
    {"AbortError", "ABORT_ERR", 20},
    {"URLMismatchError", "URL_MISMATCH_ERR", 21},
    {"QuotaExceededError", "QUOTA_EXCEEDED_ERR", 22},
    {"TimeoutError", "TIMEOUT_ERR", 23},
    {"InvalidNodeTypeError", "INVALID_NODE_TYPE_ERR", 24},
    {"DataCloneError", "DATA_CLONE_ERR", 25},
};
// Names without a legacy code (code 0): EncodingError, NotReadableError, UnknownError,
// ConstraintError, DataError, TransactionInactiveError, ReadOnlyError, VersionError,
// OperationError, NotAllowedError, OptOutError.

alignas(8) const char kPrototypeFixedKey = 0;
} // namespace

DOMException::DOMException(std::string message, std::string name)
    : m_message(std::move(message))
    , m_name(std::move(name))
{}

int DOMException::legacyCode(std::string_view name)
{
    for (const NameCode& entry : kLegacyCodes) {
        if (entry.name && name == entry.name) return entry.code;
    }
    return 0;
}

std::unique_ptr<DOMException> DOMException::construct(std::optional<std::string> message,
                                                      std::optional<std::string> name)
{
    return std::make_unique<DOMException>(message.value_or(""), name.value_or("Error"));
}

void DOMException::define(ClassBuilder<DOMException>& c)
{
    c.constructor<&construct>()
        .readonlyAttribute<&DOMException::name>("name")
        .readonlyAttribute<&DOMException::message>("message")
        .readonlyAttribute<&DOMException::code>("code");
    for (const NameCode& entry : kLegacyCodes)
        c.constant(entry.constant, entry.code);
}

bool DOMException::ensurePrototypeChain(v8::Local<v8::Context> context)
{
    v8::Isolate* isolate = context->GetIsolate();
    IsolateData* data = IsolateData::get(isolate);
    if (!data->findObject(&kPrototypeFixedKey).IsEmpty()) return true;
    // https://webidl.spec.whatwg.org/#es-DOMException-specialness: the interface prototype
    // object's [[Prototype]] is %Error.prototype%.
    v8::Local<v8::Function> constructor, error;
    v8::Local<v8::Value> prototype, errorCtor, errorPrototype;
    if (!classTemplate<DOMException>(isolate)->GetFunction(context).ToLocal(&constructor) ||
        !constructor->Get(context, bind::name(isolate, "prototype")).ToLocal(&prototype) ||
        !context->Global()->Get(context, bind::name(isolate, "Error")).ToLocal(&errorCtor) ||
        !errorCtor->IsFunction() ||
        !errorCtor.As<v8::Object>()
             ->Get(context, bind::name(isolate, "prototype"))
             .ToLocal(&errorPrototype) ||
        !prototype->IsObject() || !errorPrototype->IsObject())
        return false;
    if (prototype.As<v8::Object>()->SetPrototype(context, errorPrototype).IsNothing()) return false;
    data->storeObject(&kPrototypeFixedKey, prototype.As<v8::Object>());
    return true;
}

bool DOMException::install(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    // https://webidl.spec.whatwg.org/#idl-DOMException serialization steps (and the stack, as
    // browsers keep it).
    registerSerializable<DOMException>(
        context->GetIsolate(),
        [](v8::Isolate* isolate, DOMException& exception, CloneWriter& out) {
            v8::Local<v8::Value> stack;
            std::string stackText;
            if (exception.wrapper()
                    ->Get(isolate->GetCurrentContext(), bind::name(isolate, "stack"))
                    .ToLocal(&stack) &&
                stack->IsString())
                stackText = toUtf8(isolate, stack.As<v8::String>());
            out.writeString(exception.name());
            out.writeString(exception.message());
            out.writeString(stackText);
            return true;
        },
        [](v8::Isolate* isolate, CloneReader& in) -> DOMException* {
            std::string name, message, stack;
            if (!in.readString(name) || !in.readString(message) || !in.readString(stack))
                return nullptr;
            v8::Local<v8::Object> object = DOMException::create(isolate, message, name);
            if (object.IsEmpty()) return nullptr;
            v8::Local<v8::String> stackValue;
            if (!stack.empty() && newString(isolate, stack).ToLocal(&stackValue))
                object
                    ->DefineOwnProperty(isolate->GetCurrentContext(), bind::name(isolate, "stack"),
                                        stackValue, v8::DontEnum)
                    .IsJust();
            return static_cast<DOMException*>(Wrappable::fromObject(object));
        });
    return expose<DOMException>(context, global) && ensurePrototypeChain(context);
}

void DOMException::attachStack(v8::Isolate* isolate, v8::Local<v8::Object> object,
                               const std::string& name, const std::string& message)
{
    // V8 10.2 has no CaptureStackTrace for API objects: borrow the stack of a fresh Error and
    // give it our own first line.
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Value> error = v8::Exception::Error(bind::name(isolate, ""));
    v8::Local<v8::Value> stack;
    if (!error.As<v8::Object>()->Get(context, bind::name(isolate, "stack")).ToLocal(&stack) ||
        !stack->IsString())
        return;
    std::string text = toUtf8(isolate, stack.As<v8::String>());
    const size_t newline = text.find('\n');
    std::string head = message.empty() ? name : name + ": " + message;
    text = newline == std::string::npos ? head : head + text.substr(newline);
    v8::Local<v8::String> value;
    if (newString(isolate, text).ToLocal(&value))
        object->DefineOwnProperty(context, bind::name(isolate, "stack"), value, v8::DontEnum)
            .IsJust();
}

v8::Local<v8::Object> DOMException::create(v8::Isolate* isolate, std::string message,
                                           std::string name)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    if (!ensurePrototypeChain(context)) return {};
    const std::string nameCopy = name, messageCopy = message;
    DOMException* exception =
        bind::create<DOMException>(isolate, std::move(message), std::move(name));
    if (!exception) return {};
    v8::Local<v8::Object> object = exception->wrapper();
    attachStack(isolate, object, nameCopy, messageCopy);
    return object;
}

} // namespace nano::bind
