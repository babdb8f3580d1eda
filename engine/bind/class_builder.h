#pragma once
// The declarative class builder. An API class describes its JS surface in one block that reads
// like its WebIDL, and the builder makes the V8 templates:
//
//   class TextEncoder final : public bind::Wrappable {
//       NANO_BIND_CLASS(TextEncoder)
//   public:
//       static std::unique_ptr<TextEncoder> create();           // the constructor
//       std::string encoding() const;                          // an attribute getter
//       bind::NewUint8Array encode(std::optional<std::string> input);
//       static void define(bind::ClassBuilder<TextEncoder>& c)
//       {
//           c.constructor<&TextEncoder::create>()
//               .readonlyAttribute<&TextEncoder::encoding>("encoding")
//               .method<&TextEncoder::encode>("encode");
//       }
//   };
//
// Functions may take `bind::CallContext&` as their first parameter to throw errors or reach the
// isolate. Parameter and return types are converted by bind/convert.h. Methods get a V8
// signature, so a wrong receiver throws TypeError "Illegal invocation". A promise-returning
// operation turns a thrown exception (also from argument conversion and the receiver check)
// into a rejected promise, as WebIDL requires.

#include "bind/convert.h"
#include "bind/inspection.h"
#include "bind/isolate_data.h"
#include "bind/member.h"
#include "bind/slot_object.h"

#include <memory>
#include <tuple>
#include <utility>

// Inside a bound class: its JS name.
#define NANO_BIND_CLASS(Name)                                                                      \
public:                                                                                            \
    static const char* className()                                                                 \
    {                                                                                              \
        return #Name;                                                                              \
    }                                                                                              \
    const void* bindTypeKey() const override                                                       \
    {                                                                                              \
        return &::nano::bind::TypeKey<Name>::id;                                                   \
    }                                                                                              \
    const char* bindClassName() const override                                                     \
    {                                                                                              \
        return #Name;                                                                              \
    }                                                                                              \
                                                                                                   \
private:

namespace nano::bind {

template <class T> class ClassBuilder;

namespace detail {
template <class T> v8::Local<v8::FunctionTemplate> templateFor(v8::Isolate* isolate);

// --- function traits ---------------------------------------------------------------------------

template <class... A> struct FirstIsContext : std::false_type {};
template <class A0, class... A>
struct FirstIsContext<A0, A...> : std::is_same<std::decay_t<A0>, CallContext> {};

template <class Tuple> struct DropFirst;
template <> struct DropFirst<std::tuple<>> {
    using type = std::tuple<>;
};
template <class A0, class... A> struct DropFirst<std::tuple<A0, A...>> {
    using type = std::tuple<A...>;
};

template <class R, class... A> struct SignatureBase {
    using Return = R;
    static constexpr bool takesContext = FirstIsContext<A...>::value;
    using Params = std::conditional_t<takesContext, typename DropFirst<std::tuple<A...>>::type,
                                      std::tuple<A...>>;
};

template <class F> struct FnTraits;
template <class C, class R, class... A> struct FnTraits<R (C::*)(A...)> : SignatureBase<R, A...> {
    using Class = C;
    static constexpr bool isMember = true;
};
template <class C, class R, class... A>
struct FnTraits<R (C::*)(A...) const> : SignatureBase<R, A...> {
    using Class = C;
    static constexpr bool isMember = true;
};
template <class R, class... A> struct FnTraits<R (*)(A...)> : SignatureBase<R, A...> {
    using Class = void;
    static constexpr bool isMember = false;
};

template <class T> struct IsOptionalParam : IsDictionary<T> {};
template <class T> struct IsOptionalParam<std::optional<T>> : std::true_type {};
template <class T> struct IsOptionalParam<Rest<T>> : std::true_type {};

template <class Tuple> struct RequiredCount;
template <class... A> struct RequiredCount<std::tuple<A...>> {
    // WebIDL: the length counts the parameters before the first optional one.
    static constexpr int compute()
    {
        constexpr bool optional[] = {IsOptionalParam<std::decay_t<A>>::value..., true};
        int n = 0;
        while (n < static_cast<int>(sizeof...(A)) && !optional[n])
            ++n;
        return n;
    }
    static constexpr int value = compute();
};

template <class T> struct IsRest : std::false_type {};
template <class T> struct IsRest<Rest<T>> : std::true_type {};

template <class Tuple> struct DecayTuple;
template <class... A> struct DecayTuple<std::tuple<A...>> {
    using type = std::tuple<std::decay_t<A>...>;
};

template <class P> bool convertParam(CallContext& cx, int index, P& out)
{
    if constexpr (IsRest<P>::value) {
        using Item = typename decltype(out.values)::value_type;
        for (int i = index; i < cx.length(); ++i) {
            Item item{};
            ValueSource src;
            src.index = i;
            if (!Convert<Item>::fromJs(cx, src, cx.arg(i), item)) return false;
            out.values.push_back(std::move(item));
        }
        return true;
    } else {
        ValueSource src;
        src.index = index;
        return Convert<P>::fromJs(cx, src, cx.arg(index), out);
    }
}

template <class Tuple, size_t... I>
bool convertParams(CallContext& cx, Tuple& params, std::index_sequence<I...>)
{
    return (convertParam(cx, static_cast<int>(I), std::get<I>(params)) && ...);
}

void throwArgumentCount(CallContext& cx, int required);
void throwIllegalConstructor(const v8::FunctionCallbackInfo<v8::Value>& info);
// Promise-returning operations reject instead of throwing.
void rejectInsteadOfThrow(v8::Isolate* isolate, v8::TryCatch& tryCatch,
                          const v8::FunctionCallbackInfo<v8::Value>& info);
const char* memberName(const v8::FunctionCallbackInfo<v8::Value>& info);
v8::Local<v8::Object> iteratorPrototype(v8::Local<v8::Context> context);

template <class R> void setReturn(const v8::FunctionCallbackInfo<v8::Value>& info, R&& value)
{
    v8::Local<v8::Value> out;
    if (Convert<std::decay_t<R>>::toJs(info.GetIsolate(), value).ToLocal(&out))
        info.GetReturnValue().Set(out);
}

// Calls Fn with converted arguments; `self` is the receiver for member functions.
template <auto Fn, class Self> void callBound(CallContext& cx, Self* self)
{
    using Traits = FnTraits<decltype(Fn)>;
    using Params = typename Traits::Params;
    using Decayed = typename DecayTuple<Params>::type;
    constexpr int required = RequiredCount<Params>::value;
    if (cx.length() < required) {
        throwArgumentCount(cx, required);
        return;
    }
    Decayed params;
    if (!convertParams(cx, params, std::make_index_sequence<std::tuple_size_v<Decayed>>())) return;
    auto call = [&](auto&... p) -> decltype(auto) {
        if constexpr (Traits::isMember) {
            if constexpr (Traits::takesContext)
                return (self->*Fn)(cx, std::move(p)...);
            else
                return (self->*Fn)(std::move(p)...);
        } else {
            if constexpr (Traits::takesContext)
                return Fn(cx, std::move(p)...);
            else
                return Fn(std::move(p)...);
        }
    };
    using R = typename Traits::Return;
    if constexpr (std::is_void_v<R>) {
        std::apply(call, params);
    } else {
        R result = std::apply(call, params);
        if (!cx.failed()) setReturn(cx.info(), std::move(result));
    }
}

// A bound call needs this much stack to run to its end (it may call back into V8 many times).
// With less left it throws V8's RangeError before any of its steps, instead of failing halfway.
constexpr uintptr_t kStackReserveBytes = 64 * 1024;
bool refuseWithoutStack(v8::Isolate* isolate);

template <auto Fn>
void invoke(const v8::FunctionCallbackInfo<v8::Value>& info, const CallSite& site)
{
    using Traits = FnTraits<decltype(Fn)>;
    v8::Isolate* isolate = info.GetIsolate();
    CallContext cx(info, site);
    auto run = [&] {
        if (refuseWithoutStack(isolate)) return;
        if constexpr (Traits::isMember && std::is_base_of_v<SlotObject, typename Traits::Class>) {
            using C = typename Traits::Class;
            if (SlotObject::typeKeyOf(info.Holder()) != &TypeKey<C>::id) {
                throwTypeError(isolate, "Illegal invocation");
                return;
            }
            C self(isolate, info.Holder());
            callBound<Fn>(cx, &self);
        } else if constexpr (Traits::isMember) {
            using C = typename Traits::Class;
            // The signature already checked the receiver; Holder() is an instance of C. A
            // promise-returning operation has no signature (V8 would throw where WebIDL
            // rejects): its receiver is checked here.
            if constexpr (std::is_same_v<typename Traits::Return, v8::Local<v8::Promise>>) {
                if (!templateFor<C>(isolate)->HasInstance(info.This())) {
                    throwTypeError(isolate, "Illegal invocation");
                    return;
                }
            }
            auto* self = static_cast<C*>(Wrappable::fromObject(info.Holder()));
            if (!self) {
                throwTypeError(isolate, "Illegal invocation");
                return;
            }
            callBound<Fn>(cx, self);
        } else {
            callBound<Fn, void>(cx, nullptr);
        }
    };
    if constexpr (std::is_same_v<typename Traits::Return, v8::Local<v8::Promise>>) {
        v8::TryCatch tryCatch(isolate);
        run();
        if (tryCatch.HasCaught()) rejectInsteadOfThrow(isolate, tryCatch, info);
    } else {
        run();
    }
}

// A class may define `static void initializeWrapper(v8::Isolate*, v8::Local<v8::Object>, T*)` to
// finish a wrapper made by its JS constructor (e.g. DOMException attaches a stack).
template <class T, class = void> struct HasInitializeWrapper : std::false_type {};
template <class T>
struct HasInitializeWrapper<T, std::void_t<decltype(&T::initializeWrapper)>> : std::true_type {};

// A class may define `void constructed(CallContext&)` for constructor steps that need the
// wrapper (a ReadableStream hands itself to its source's start()); it may throw through cx.
template <class T, class = void> struct HasConstructed : std::false_type {};
template <class T>
struct HasConstructed<T, std::void_t<decltype(&T::constructed)>> : std::true_type {};

template <class T, auto Fn> void constructCallback(const v8::FunctionCallbackInfo<v8::Value>& info)
{
    v8::Isolate* isolate = info.GetIsolate();
    CallContext cx(info, CallSite{CallSite::Kind::Constructor, T::className(), nullptr});
    if (refuseWithoutStack(isolate)) return;
    if (!info.IsConstructCall()) {
        cx.throwTypeError("Please use the 'new' operator, this DOM object constructor cannot be "
                          "called as a function.");
        return;
    }
    using Traits = FnTraits<decltype(Fn)>;
    using Params = typename Traits::Params;
    constexpr int required = RequiredCount<Params>::value;
    if (cx.length() < required) {
        throwArgumentCount(cx, required);
        return;
    }
    using Decayed = typename DecayTuple<Params>::type;
    Decayed params;
    if (!convertParams(cx, params, std::make_index_sequence<std::tuple_size_v<Decayed>>())) return;
    auto object = std::apply(
        [&](auto&... p) {
            if constexpr (Traits::takesContext)
                return Fn(cx, std::move(p)...);
            else
                return Fn(std::move(p)...);
        },
        params);
    if (cx.failed() || !object) return;
    if constexpr (std::is_base_of_v<SlotObject, T>) {
        // The constructor returned the state (an optional or a pointer) for the new wrapper.
        SlotObject::initialize(info.This(), &TypeKey<T>::id);
        T(isolate, info.This()).assign(cx, *object);
    } else {
        static_assert(std::is_same_v<decltype(object), std::unique_ptr<T>>,
                      "a Wrappable's constructor returns std::unique_ptr<T>");
        T* raw = object.release();
        raw->wrap(isolate, info.This());
        if constexpr (HasInitializeWrapper<T>::value)
            T::initializeWrapper(isolate, info.This(), raw);
        if constexpr (HasConstructed<T>::value) raw->constructed(cx);
    }
}

template <class T> v8::Local<v8::FunctionTemplate> templateFor(v8::Isolate* isolate);

} // namespace detail

template <class T> v8::Local<v8::FunctionTemplate> classTemplate(v8::Isolate* isolate)
{
    return detail::templateFor<T>(isolate);
}

// The JS object of a C++ object, created on first use (for objects made by C++ code).
template <class T> v8::Local<v8::Object> wrapperOf(v8::Isolate* isolate, T* object)
{
    if (object->isWrapped()) return object->wrapper();
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Object> instance;
    if (!classTemplate<T>(isolate)->InstanceTemplate()->NewInstance(context).ToLocal(&instance))
        return {};
    object->wrap(isolate, instance);
    return instance;
}

// Creates a C++ object owned by a new JS wrapper.
template <class T, class... A> T* create(v8::Isolate* isolate, A&&... args)
{
    T* object = new T(std::forward<A>(args)...);
    if (wrapperOf<T>(isolate, object).IsEmpty()) {
        delete object;
        return nullptr;
    }
    return object;
}

namespace detail {
template <class T>
void singletonGetter(v8::Local<v8::Name>, const v8::PropertyCallbackInfo<v8::Value>& info)
{
    if (T* object = create<T>(info.GetIsolate())) info.GetReturnValue().Set(object->wrapper());
}
} // namespace detail

// A new JS object of slot class T holding `state` (see bind/slot_object.h); empty if it threw.
template <class T, class State>
v8::Local<v8::Object> createSlotObject(CallContext& cx, const State& state)
{
    v8::Local<v8::Object> instance;
    if (!classTemplate<T>(cx.isolate())
             ->InstanceTemplate()
             ->NewInstance(cx.context())
             .ToLocal(&instance)) {
        cx.setFailed();
        return {};
    }
    SlotObject::initialize(instance, &TypeKey<T>::id);
    if (!T(cx.isolate(), instance).assign(cx, state)) return {};
    return instance;
}

// Whether `object` is one of our platform objects (a Wrappable's or a slot object's wrapper).
inline bool isPlatformObject(v8::Local<v8::Object> object)
{
    return Wrappable::fromObject(object) || SlotObject::typeKeyOf(object);
}

// The C++ object of a JS value if it is an instance of T, else nullptr.
template <class T> T* unwrap(v8::Isolate* isolate, v8::Local<v8::Value> value)
{
    if (!value->IsObject() || !classTemplate<T>(isolate)->HasInstance(value)) return nullptr;
    return static_cast<T*>(Wrappable::fromObject(value.As<v8::Object>()));
}

// Installs the interface object of T on `target` (normally the global object).
template <class T> bool expose(v8::Local<v8::Context> context, v8::Local<v8::Object> target)
{
    v8::Isolate* isolate = context->GetIsolate();
    v8::Local<v8::Function> constructor;
    if (!classTemplate<T>(isolate)->GetFunction(context).ToLocal(&constructor)) return false;
    return target
        ->DefineOwnProperty(context, name(isolate, T::className()), constructor, v8::DontEnum)
        .FromMaybe(false);
}

namespace detail {
template <class T>
void lazyInterfaceGetter(v8::Local<v8::Name>, const v8::PropertyCallbackInfo<v8::Value>& info)
{
    v8::Local<v8::Function> constructor;
    if (classTemplate<T>(info.GetIsolate())
            ->GetFunction(info.GetIsolate()->GetCurrentContext())
            .ToLocal(&constructor))
        info.GetReturnValue().Set(constructor);
}
} // namespace detail

// Like expose(), but the interface object is only created when a script first touches it:
// start-up stays cheap however many APIs there are.
template <class T> bool exposeLazily(v8::Local<v8::Context> context, v8::Local<v8::Object> target)
{
    v8::Isolate* isolate = context->GetIsolate();
    return target
        ->SetLazyDataProperty(context, name(isolate, T::className()),
                              &detail::lazyInterfaceGetter<T>, v8::Local<v8::Value>(), v8::DontEnum)
        .FromMaybe(false);
}

namespace detail {
template <class T>
void singletonGetter(v8::Local<v8::Name>, const v8::PropertyCallbackInfo<v8::Value>& info);
}

// A global property holding the one instance of T (navigator, crypto, performance), made when a
// script first reads it: `exposeSingleton<Navigator>(context, global, "navigator")`.
template <class T>
bool exposeSingleton(v8::Local<v8::Context> context, v8::Local<v8::Object> target,
                     const char* property)
{
    return target
        ->SetLazyDataProperty(context, name(context->GetIsolate(), property),
                              &detail::singletonGetter<T>, v8::Local<v8::Value>(), v8::DontEnum)
        .FromMaybe(false);
}

// An iterator for `iterable<K, V>` declarations (https://webidl.spec.whatwg.org/#es-iterators).
enum class IterationKind { Keys, Values, Entries };

// Count is `size_t T::f() const`, At is `std::pair<K, V> T::f(size_t) const`.
template <class T, auto Count, auto At> class PairIterator final : public Wrappable {
public:
    using Kind = IterationKind;
    static const char* className() { return T::iteratorName(); }
    explicit PairIterator(Kind kind)
        : m_kind(kind)
    {}
    // The object iterated over (a Member, so an iterator stored on its own target does not
    // keep both alive for ever).
    void setTarget(v8::Local<v8::Object> target) { m_target.set(target); }
    static void define(ClassBuilder<PairIterator>& c)
    {
        c.template method<&PairIterator::next>("next");
    }

    v8::Local<v8::Value> next(CallContext& cx)
    {
        v8::Isolate* isolate = cx.isolate();
        v8::Local<v8::Context> context = cx.context();
        v8::Local<v8::Object> result = v8::Object::New(isolate);
        v8::Local<v8::Object> targetObject = m_target.get(isolate);
        T* target = !targetObject.IsEmpty() ? static_cast<T*>(Wrappable::fromObject(targetObject))
                                            : nullptr;
        const bool done = !target || m_index >= (target->*Count)();
        v8::Local<v8::Value> value = v8::Undefined(isolate);
        if (!done) {
            auto pair = (target->*At)(m_index++);
            v8::Local<v8::Value> key, item;
            if (!toJs(isolate, pair.first).ToLocal(&key) ||
                !toJs(isolate, pair.second).ToLocal(&item)) {
                cx.setFailed();
                return {};
            }
            if (m_kind == Kind::Keys) {
                value = key;
            } else if (m_kind == Kind::Values) {
                value = item;
            } else {
                v8::Local<v8::Value> both[] = {key, item};
                value = v8::Array::New(isolate, both, 2);
            }
        }
        if (result->Set(context, name(isolate, "value"), value).IsNothing() ||
            result->Set(context, name(isolate, "done"), v8::Boolean::New(isolate, done))
                .IsNothing()) {
            cx.setFailed();
            return {};
        }
        return result;
    }

private:
    Kind m_kind;
    size_t m_index = 0;
    Member<v8::Object> m_target{this};
};

template <class T> class ClassBuilder {
public:
    ClassBuilder(v8::Isolate* isolate, v8::Local<v8::FunctionTemplate> tmpl)
        : m_isolate(isolate)
        , m_template(tmpl)
        , m_signature(v8::Signature::New(isolate, tmpl))
    {}

    // Fn: static std::unique_ptr<T> f([CallContext&,] params...)
    template <auto Fn> ClassBuilder& constructor()
    {
        m_template->SetCallHandler(&detail::constructCallback<T, Fn>);
        m_template->SetLength(
            detail::RequiredCount<typename detail::FnTraits<decltype(Fn)>::Params>::value);
        return *this;
    }

    template <auto Fn> ClassBuilder& method(const char* name)
    {
        m_template->PrototypeTemplate()->Set(
            bind::name(m_isolate, name), functionTemplate<Fn>(name, CallSite::Kind::Method, true),
            v8::None);
        return *this;
    }

    // A method that is also the value of `symbol` (the same function object), as WebIDL makes
    // @@asyncIterator the values() method.
    template <auto Fn> ClassBuilder& method(const char* name, v8::Local<v8::Symbol> symbol)
    {
        v8::Local<v8::FunctionTemplate> fn =
            functionTemplate<Fn>(name, CallSite::Kind::Method, true);
        m_template->PrototypeTemplate()->Set(bind::name(m_isolate, name), fn, v8::None);
        m_template->PrototypeTemplate()->Set(symbol, fn, v8::DontEnum);
        return *this;
    }

    template <auto Fn> ClassBuilder& staticMethod(const char* name)
    {
        m_template->Set(bind::name(m_isolate, name),
                        functionTemplate<Fn>(name, CallSite::Kind::StaticMethod, false), v8::None);
        return *this;
    }

    template <auto Getter> ClassBuilder& readonlyAttribute(const char* name)
    {
        addInspected<Getter>(name);
        m_template->PrototypeTemplate()->SetAccessorProperty(
            bind::name(m_isolate, name),
            functionTemplate<Getter>(name, CallSite::Kind::Getter, true, "get "), {}, v8::None);
        return *this;
    }

    template <auto Getter, auto Setter> ClassBuilder& attribute(const char* name)
    {
        addInspected<Getter>(name);
        m_template->PrototypeTemplate()->SetAccessorProperty(
            bind::name(m_isolate, name),
            functionTemplate<Getter>(name, CallSite::Kind::Getter, true, "get "),
            functionTemplate<Setter>(name, CallSite::Kind::Setter, true, "set "), v8::None);
        return *this;
    }

    template <auto Getter> ClassBuilder& staticAttribute(const char* name)
    {
        m_template->SetAccessorProperty(
            bind::name(m_isolate, name),
            functionTemplate<Getter>(name, CallSite::Kind::Getter, false, "get "), {}, v8::None);
        return *this;
    }

    // A constant on both the interface object and its prototype.
    ClassBuilder& constant(const char* name, double value)
    {
        const auto attributes = static_cast<v8::PropertyAttribute>(v8::ReadOnly | v8::DontDelete);
        m_template->Set(bind::name(m_isolate, name), v8::Number::New(m_isolate, value), attributes);
        m_template->PrototypeTemplate()->Set(bind::name(m_isolate, name),
                                             v8::Number::New(m_isolate, value), attributes);
        return *this;
    }

    template <class Base> ClassBuilder& inherit()
    {
        m_template->Inherit(classTemplate<Base>(m_isolate));
        recordInspectedBase<T, Base>(m_isolate);
        return *this;
    }

    // iterable<K, V>: Count is `size_t T::f() const`, At is `std::pair<K, V> T::f(size_t) const`.
    // Adds entries, keys, values, forEach and @@iterator. T must declare iteratorName().
    template <auto Count, auto At> ClassBuilder& pairIterable()
    {
        m_template->PrototypeTemplate()->Set(
            bind::name(m_isolate, "entries"),
            functionTemplate<&makeIterator<Count, At, IterationKind::Entries>>(
                "entries", CallSite::Kind::Method, true));
        m_template->PrototypeTemplate()->Set(
            bind::name(m_isolate, "keys"),
            functionTemplate<&makeIterator<Count, At, IterationKind::Keys>>(
                "keys", CallSite::Kind::Method, true));
        m_template->PrototypeTemplate()->Set(
            bind::name(m_isolate, "values"),
            functionTemplate<&makeIterator<Count, At, IterationKind::Values>>(
                "values", CallSite::Kind::Method, true));
        m_template->PrototypeTemplate()->Set(
            v8::Symbol::GetIterator(m_isolate),
            functionTemplate<&makeIterator<Count, At, IterationKind::Entries>>(
                "entries", CallSite::Kind::Method, true),
            v8::DontEnum);
        m_template->PrototypeTemplate()->Set(
            bind::name(m_isolate, "forEach"),
            functionTemplate<&forEachPair<Count, At>>("forEach", CallSite::Kind::Method, true));
        return *this;
    }

    v8::Isolate* isolate() const { return m_isolate; }

private:
    template <auto Fn, CallSite::Kind K>
    static void typedCallback(const v8::FunctionCallbackInfo<v8::Value>& info)
    {
        detail::invoke<Fn>(info, CallSite{K, T::className(), detail::memberName(info)});
    }

    template <auto Fn>
    v8::Local<v8::FunctionTemplate> functionTemplate(const char* name, CallSite::Kind kind,
                                                     bool withSignature,
                                                     const char* namePrefix = "")
    {
        v8::FunctionCallback cb = nullptr;
        switch (kind) {
        case CallSite::Kind::Method: cb = &typedCallback<Fn, CallSite::Kind::Method>; break;
        case CallSite::Kind::StaticMethod:
            cb = &typedCallback<Fn, CallSite::Kind::StaticMethod>;
            break;
        case CallSite::Kind::Getter: cb = &typedCallback<Fn, CallSite::Kind::Getter>; break;
        case CallSite::Kind::Setter: cb = &typedCallback<Fn, CallSite::Kind::Setter>; break;
        default: cb = &typedCallback<Fn, CallSite::Kind::Function>; break;
        }
        using Params = typename detail::FnTraits<decltype(Fn)>::Params;
        // https://webidl.spec.whatwg.org/#dfn-create-operation-function: a wrong receiver of a
        // promise-returning operation rejects, so detail::invoke checks it instead of V8.
        constexpr bool returnsPromise =
            std::is_same_v<typename detail::FnTraits<decltype(Fn)>::Return, v8::Local<v8::Promise>>;
        v8::Local<v8::FunctionTemplate> fn = v8::FunctionTemplate::New(
            m_isolate, cb, v8::External::New(m_isolate, const_cast<char*>(name)),
            withSignature && !returnsPromise ? m_signature : v8::Local<v8::Signature>(),
            detail::RequiredCount<Params>::value, v8::ConstructorBehavior::kThrow);
        fn->SetClassName(bind::name(m_isolate, std::string(namePrefix) + name));
        return fn;
    }

public: // reached through function pointers by detail::invoke
    template <auto Count, auto At, IterationKind K>
    static v8::Local<v8::Value> makeIterator(CallContext& cx)
    {
        using Iterator = PairIterator<T, Count, At>;
        if (!ensureIteratorPrototype<Iterator>(cx.context())) {
            cx.setFailed();
            return {};
        }
        auto* iterator = create<Iterator>(cx.isolate(), K);
        if (!iterator) return {};
        iterator->setTarget(cx.info().Holder());
        return iterator->wrapper();
    }

    // The iterator prototype object inherits from %IteratorPrototype%, once per context.
    template <class Iterator> static bool ensureIteratorPrototype(v8::Local<v8::Context> context)
    {
        v8::Isolate* isolate = context->GetIsolate();
        IsolateData* data = IsolateData::get(isolate);
        const void* key = &TypeKey<Iterator>::id;
        if (!data->findObject(key).IsEmpty()) return true;
        v8::Local<v8::Function> constructor;
        v8::Local<v8::Value> prototype;
        if (!classTemplate<Iterator>(isolate)->GetFunction(context).ToLocal(&constructor) ||
            !constructor->Get(context, bind::name(isolate, "prototype")).ToLocal(&prototype) ||
            !prototype->IsObject())
            return false;
        v8::Local<v8::Object> iteratorPrototype = detail::iteratorPrototype(context);
        if (iteratorPrototype.IsEmpty() ||
            prototype.As<v8::Object>()->SetPrototype(context, iteratorPrototype).IsNothing())
            return false;
        data->storeObject(key, prototype.As<v8::Object>());
        return true;
    }

    template <auto Count, auto At>
    static void forEachPair(CallContext& cx, v8::Local<v8::Function> callback,
                            std::optional<v8::Local<v8::Value>> thisArg)
    {
        v8::Isolate* isolate = cx.isolate();
        v8::Local<v8::Context> context = cx.context();
        v8::Local<v8::Object> holder = cx.info().Holder();
        v8::Local<v8::Value> receiver = thisArg ? *thisArg : v8::Undefined(isolate).As<v8::Value>();
        for (size_t i = 0;; ++i) {
            auto* self = static_cast<T*>(Wrappable::fromObject(holder));
            if (!self || i >= (self->*Count)()) break;
            auto pair = (self->*At)(i);
            v8::Local<v8::Value> key, value;
            if (!toJs(isolate, pair.first).ToLocal(&key) ||
                !toJs(isolate, pair.second).ToLocal(&value)) {
                cx.setFailed();
                return;
            }
            v8::Local<v8::Value> args[] = {value, key, holder};
            if (callback->Call(context, receiver, 3, args).IsEmpty()) {
                cx.setFailed();
                return;
            }
        }
    }

private:
    // Attributes whose getter needs nothing but the object are also shown by console.log.
    template <auto Getter> void addInspected(const char* name)
    {
        recordInspectedAttribute<T, Getter>(m_isolate, name);
    }

    v8::Isolate* m_isolate;
    v8::Local<v8::FunctionTemplate> m_template;
    v8::Local<v8::Signature> m_signature;
};

namespace detail {

template <class T, class = void> struct InlineReferences : std::integral_constant<int, 0> {};
template <class T>
struct InlineReferences<T, std::void_t<decltype(T::kInlineReferences)>>
    : std::integral_constant<int, T::kInlineReferences> {};

template <class T> v8::Local<v8::FunctionTemplate> templateFor(v8::Isolate* isolate)
{
    IsolateData* data = IsolateData::get(isolate);
    v8::Local<v8::FunctionTemplate> tmpl = data->findTemplate(&TypeKey<T>::id);
    if (!tmpl.IsEmpty()) return tmpl;
    tmpl = v8::FunctionTemplate::New(isolate, &throwIllegalConstructor);
    tmpl->SetClassName(name(isolate, T::className()));
    if constexpr (std::is_base_of_v<SlotObject, T>)
        tmpl->InstanceTemplate()->SetInternalFieldCount(SlotObject::kHeaderFields + T::kSlotCount);
    else
        tmpl->InstanceTemplate()->SetInternalFieldCount(Wrappable::kInternalFieldCount +
                                                        InlineReferences<T>::value);
    // https://webidl.spec.whatwg.org/#es-interface-prototype-object: @@toStringTag is the name.
    tmpl->PrototypeTemplate()->Set(v8::Symbol::GetToStringTag(isolate),
                                   name(isolate, T::className()),
                                   static_cast<v8::PropertyAttribute>(v8::ReadOnly | v8::DontEnum));
    data->storeTemplate(&TypeKey<T>::id, tmpl); // before define(): methods refer to it
    ClassBuilder<T> builder(isolate, tmpl);
    T::define(builder);
    return tmpl;
}

} // namespace detail
} // namespace nano::bind
