// The binding layer with a test class: WebIDL conversions, error messages, receivers,
// iterators, promises, DOMException and object lifetime.

#include "bind/async_iterable.h"
#include "bind/class_builder.h"
#include "bind/dom_exception.h"
#include "bind/member.h"
#include "bind/namespace_builder.h"
#include "bind/promise.h"
#include "core/platform.h"
#include "core/runtime.h"
#include "test_runtime.h"

#include <QCoreApplication>
#include <QTest>

using namespace nano;

namespace {

int g_liveProbes = 0;

struct ProbeInit {
    bool flag = false;
    std::optional<int32_t> count;
    std::string label;
    std::string required;
};

enum class Speed { Slow, Fast };

} // namespace

namespace nano::bind {
template <> struct EnumTraits<Speed> {
    static constexpr const char* name = "Speed";
    static constexpr std::pair<const char*, Speed> values[] = {{"slow", Speed::Slow},
                                                               {"fast", Speed::Fast}};
};
template <> struct DictionaryTraits<ProbeInit> {
    static constexpr const char* name = "ProbeInit";
    static bool read(DictionaryReader& d, ProbeInit& out)
    {
        return d.get("count", out.count) && d.get("flag", out.flag) && d.get("label", out.label) &&
               d.required("required", out.required);
    }
};
} // namespace nano::bind

namespace {

class Probe final : public bind::Wrappable {
    NANO_BIND_CLASS(Probe)
public:
    explicit Probe(std::string name)
        : m_name(std::move(name))
    {
        ++g_liveProbes;
    }
    ~Probe() override { --g_liveProbes; }
    static const char* iteratorName() { return "Probe Iterator"; }

    static std::unique_ptr<Probe> construct(bind::CallContext& cx, std::string name)
    {
        if (name == "bad") {
            cx.throwRangeError("the name 'bad' is not allowed");
            return nullptr;
        }
        return std::make_unique<Probe>(std::move(name));
    }
    const std::string& name() const { return m_name; }
    void setName(std::string name) { m_name = std::move(name); }
    int32_t wrapLong(int32_t v) const { return v; }
    uint8_t wrapOctet(uint8_t v) const { return v; }
    uint8_t enforceOctet(bind::EnforceRange<uint8_t> v) const { return v.value; }
    uint8_t clampOctet(bind::Clamp<uint8_t> v) const { return v.value; }
    double finite(double v) const { return v; }
    std::string usv(std::string v) const { return v; }
    bind::ByteString bytes(bind::ByteString v) const { return v; }
    int32_t sum(std::vector<int32_t> v) const
    {
        int32_t total = 0;
        for (int32_t x : v)
            total += x;
        return total;
    }
    std::string recordKeys(bind::Record<std::string> r) const
    {
        std::string out;
        for (auto& [k, v] : r.entries)
            out += k + "=" + v + ";";
        return out;
    }
    std::string describe(ProbeInit init) const
    {
        return std::string(init.flag ? "T" : "F") + "," +
               (init.count ? std::to_string(*init.count) : "none") + "," + init.label + "," +
               init.required;
    }
    std::string which(
        std::variant<Probe*, bind::BufferSource, std::vector<std::string>, std::string, double> v)
        const
    {
        switch (v.index()) {
        case 0: return "probe:" + std::get<0>(v)->name();
        case 1: return "buffer:" + std::to_string(std::get<1>(v).size());
        case 2: return "sequence:" + std::to_string(std::get<2>(v).size());
        case 3: return "string:" + std::get<3>(v);
        default: return "number:" + std::to_string(static_cast<int>(std::get<4>(v)));
        }
    }
    double orMinusOne(bind::Nullable<double> v) const { return v ? *v : -1; }
    std::string maybe(std::optional<std::string> a, bind::Nullable<std::string> b) const
    {
        return (a ? *a : "undef") + "|" + (b ? *b : "null");
    }
    v8::Local<v8::Promise> later(bind::CallContext& cx, bool fail)
    {
        auto resolver = bind::PromiseResolver::create(cx.context());
        v8::Local<v8::Promise> promise = resolver.promise(cx.isolate());
        if (fail)
            resolver.rejectWithDOMException(cx.isolate(), "AbortError", "stopped");
        else
            resolver.resolveWith(cx.isolate(), std::string("done"));
        return promise;
    }
    v8::Local<v8::Promise> strictLater(int32_t needed)
    {
        (void)needed;
        return {};
    }
    // A callback invoked with a `this` value, the way streams call an underlying source.
    v8::Local<v8::Value> callWith(bind::CallContext& cx, v8::Local<v8::Value> thisArg,
                                  bind::CallbackFunction callback)
    {
        v8::Local<v8::Value> result;
        if (!callback.invoke(cx.isolate(), thisArg, {bind::name(cx.isolate(), "arg")})
                 .ToLocal(&result)) {
            cx.setFailed();
            return {};
        }
        return result;
    }
    v8::Local<v8::Value> promiseFrom(bind::CallContext& cx, bind::CallbackFunction callback)
    {
        v8::Local<v8::Promise> promise;
        if (!callback.invokeForPromise(cx.isolate(), v8::Undefined(cx.isolate()))
                 .ToLocal(&promise)) {
            cx.setFailed();
            return {};
        }
        return promise;
    }
    v8::Local<v8::Value> transfer(bind::CallContext& cx, v8::Local<v8::Value> buffer)
    {
        v8::Local<v8::ArrayBuffer> moved;
        if (!buffer->IsArrayBuffer() ||
            !bind::transferArrayBuffer(cx.isolate(), buffer.As<v8::ArrayBuffer>())
                 .ToLocal(&moved)) {
            cx.setFailed();
            return {};
        }
        return moved;
    }
    Speed faster(Speed speed) const { return speed == Speed::Slow ? Speed::Fast : Speed::Slow; }
    size_t pairCount() const { return m_pairs.size(); }
    std::pair<std::string, int32_t> pairAt(size_t i) const { return m_pairs[i]; }

    static void define(bind::ClassBuilder<Probe>& c)
    {
        c.constructor<&Probe::construct>()
            .attribute<&Probe::name, &Probe::setName>("name")
            .method<&Probe::wrapLong>("wrapLong")
            .method<&Probe::faster>("faster")
            .method<&Probe::callWith>("callWith")
            .method<&Probe::promiseFrom>("promiseFrom")
            .method<&Probe::transfer>("transfer")
            .method<&Probe::wrapOctet>("wrapOctet")
            .method<&Probe::enforceOctet>("enforceOctet")
            .method<&Probe::clampOctet>("clampOctet")
            .method<&Probe::finite>("finite")
            .method<&Probe::usv>("usv")
            .method<&Probe::bytes>("bytes")
            .method<&Probe::sum>("sum")
            .method<&Probe::recordKeys>("recordKeys")
            .method<&Probe::describe>("describe")
            .method<&Probe::which>("which")
            .method<&Probe::maybe>("maybe")
            .method<&Probe::orMinusOne>("orMinusOne")
            .method<&Probe::later>("later")
            .method<&Probe::strictLater>("strictLater")
            .constant("ANSWER", 42)
            .pairIterable<&Probe::pairCount, &Probe::pairAt>();
    }

private:
    std::string m_name;
    std::vector<std::pair<std::string, int32_t>> m_pairs{{"a", 1}, {"b", 2}};
};

// Two of these that refer to each other strongly (bind::Member) form a cycle the GC must
// collect; `back` is a WeakMember that keeps nothing alive.
class Linked final : public bind::Wrappable {
    NANO_BIND_CLASS(Linked)
public:
    static std::unique_ptr<Linked> construct() { return std::make_unique<Linked>(); }
    Linked* peer() const { return m_peer.get(); }
    void setPeer(bind::Nullable<Linked*> peer) { m_peer.set(peer ? *peer : nullptr); }
    Linked* back() const { return m_back.get(); }
    void setBack(bind::Nullable<Linked*> back) { m_back.set(back ? *back : nullptr); }
    v8::Local<v8::Value> value(bind::CallContext& cx) const
    {
        v8::Local<v8::Value> held = m_value.get(cx.isolate());
        return held.IsEmpty() ? v8::Undefined(cx.isolate()).As<v8::Value>() : held;
    }
    void setValue(v8::Local<v8::Value> value) { m_value.set(value); }
    static void define(bind::ClassBuilder<Linked>& c)
    {
        c.constructor<&Linked::construct>()
            .attribute<&Linked::peer, &Linked::setPeer>("peer")
            .attribute<&Linked::back, &Linked::setBack>("back")
            .attribute<&Linked::value, &Linked::setValue>("value");
    }

private:
    bind::Member<Linked> m_peer{this};
    bind::WeakMember<Linked> m_back;
    bind::Member<v8::Value> m_value{this};
};

// An `async iterable<long>` counting down from its constructor argument; values(true) makes
// the third value a rejection.
class Countdown final : public bind::Wrappable {
    NANO_BIND_CLASS(Countdown)
public:
    explicit Countdown(int32_t from)
        : m_from(from)
    {}
    static std::unique_ptr<Countdown> construct(int32_t from)
    {
        return std::make_unique<Countdown>(from);
    }
    static const char* asyncIteratorName() { return "Countdown AsyncIterator"; }
    struct AsyncIterationState {
        explicit AsyncIterationState(bind::Wrappable*) {}
        int32_t next = 0;
        bool failThird = false;
    };
    bool asyncIteratorInit(bind::CallContext& cx, AsyncIterationState& state)
    {
        state.next = m_from;
        state.failThird = cx.length() > 0 && cx.arg(0)->IsTrue();
        return true;
    }
    v8::Local<v8::Promise> nextIterationResult(v8::Isolate* isolate, AsyncIterationState& state)
    {
        v8::Local<v8::Context> context = isolate->GetCurrentContext();
        auto resolver = v8::Promise::Resolver::New(context).ToLocalChecked();
        if (state.failThird && m_from - state.next == 2)
            resolver->Reject(context, bind::name(isolate, "third failed")).Check();
        else if (state.next <= 0)
            resolver->Resolve(context, bind::endOfIteration(isolate)).Check();
        else
            resolver->Resolve(context, v8::Integer::New(isolate, state.next--)).Check();
        return resolver->GetPromise();
    }
    v8::Local<v8::Promise> asyncIteratorReturn(v8::Isolate* isolate, AsyncIterationState&,
                                               v8::Local<v8::Value> value)
    {
        ++m_returns;
        return bind::resolvedPromise(isolate->GetCurrentContext(), value);
    }
    int32_t returns() const { return m_returns; }
    static void define(bind::ClassBuilder<Countdown>& c)
    {
        c.constructor<&Countdown::construct>().readonlyAttribute<&Countdown::returns>("returns");
        bind::defineAsyncIterable(c);
    }

private:
    int32_t m_from;
    int32_t m_returns = 0;
};

void installProbe(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    bind::expose<Countdown>(context, global);
    bind::DOMException::install(context, global);
    bind::expose<Probe>(context, global);
    bind::expose<Linked>(context, global);
}

size_t liveCount(v8::Isolate* isolate, const char* className)
{
    for (const auto& [name, count] : bind::IsolateData::get(isolate)->liveObjectCounts())
        if (std::string_view(name) == className) return count;
    return 0;
}

} // namespace

class TestBind : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<test::TestRuntime> m_test;

    QString eval(const char* code) { return m_test->eval(code); }

private slots:
    void initTestCase()
    {
        m_test = std::make_unique<test::TestRuntime>(std::vector<core::Installer>{&installProbe});
    }

    void cleanupTestCase()
    {
        m_test.reset();
        QCOMPARE(g_liveProbes, 0); // objects never collected are deleted with the isolate
    }

    void conversions_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("expected");
        auto row = [](const char* code, const char* expected) {
            QTest::newRow(code) << QString::fromUtf8(code) << QString::fromUtf8(expected);
        };
        row("new Probe('x').name", "x");
        // https://webidl.spec.whatwg.org/#invoke-a-callback-function
        row("new Probe('x').callWith({ k: 7 }, function (a) { return this.k + a; })", "7arg");
        row("new Probe('x').callWith(1, 5)",
            "throws TypeError: Failed to execute 'callWith' on 'Probe': parameter 2 is not a "
            "function.");
        row("new Probe('x').callWith(1, () => { throw new RangeError('inside'); })",
            "throws RangeError: inside");
        row("globalThis.r = 0; new Probe('x').promiseFrom(() => { throw 'no' }).catch(e => r = e);"
            " 0",
            "0");
        row("r", "no");
        row("new Probe('x').promiseFrom(() => 5) instanceof Promise", "true");
        // https://webidl.spec.whatwg.org/#sec-transfer-arraybuffer
        row("const a = new Uint8Array([1, 2, 3]).buffer; const t = new Probe('x').transfer(a);"
            " [a.byteLength, t.byteLength, new Uint8Array(t)[2]].join()",
            "0,3,3");
        row("const d = new ArrayBuffer(1); new Probe('x').transfer(d); new Probe('x').transfer(d)",
            "throws TypeError: An ArrayBuffer is detached or cannot be detached.");
        row("new Probe('x').transfer(new WebAssembly.Memory({ initial: 1 }).buffer)",
            "throws TypeError: An ArrayBuffer is detached or cannot be detached.");
        // https://webidl.spec.whatwg.org/#es-enumeration
        row("new Probe('x').faster('slow')", "fast");
        row("new Probe('x').faster({ toString: () => 'fast' })", "slow");
        row("new Probe('x').faster('Slow')",
            "throws TypeError: Failed to execute 'faster' on 'Probe': The provided value 'Slow' is "
            "not a valid enum value of type Speed.");
        row("const p = new Probe('y'); p.name = 7; p.name", "7");
        row("new Probe('x').wrapLong(2**32 + 5)", "5");
        row("new Probe('x').wrapLong(-1.9)", "-1");
        row("new Probe('x').wrapLong(NaN)", "0");
        row("new Probe('x').wrapOctet(257)", "1");
        row("new Probe('x').wrapOctet(-1)", "255");
        row("new Probe('x').enforceOctet(255.9)", "255");
        row("new Probe('x').enforceOctet(256)",
            "throws TypeError: Failed to execute 'enforceOctet' on 'Probe': parameter 1 is "
            "outside the accepted range of 0 to 255.");
        row("new Probe('x').enforceOctet(Infinity)",
            "throws TypeError: Failed to execute 'enforceOctet' on 'Probe': parameter 1 is not a "
            "finite number.");
        row("new Probe('x').clampOctet(300)", "255");
        row("new Probe('x').clampOctet(2.5)", "2");
        row("new Probe('x').clampOctet(3.5)", "4");
        row("new Probe('x').finite(1.5)", "1.5");
        row("new Probe('x').finite(NaN)",
            "throws TypeError: Failed to execute 'finite' on 'Probe': parameter 1 is "
            "non-finite.");
        row("new Probe('x').usv('a\\uD800b') === 'a\\uFFFDb'", "true");
        row("new Probe('x').usv({ toString() { return 'obj' } })", "obj");
        row("new Probe('x').usv(Symbol('s'))",
            "throws TypeError: Failed to execute 'usv' on 'Probe': Cannot convert a Symbol value "
            "to a string.");
        row("new Probe('x').bytes('\\u00ff')", "\xc3\xbf");
        row("new Probe('x').bytes('\\u0100')",
            "throws TypeError: Failed to execute 'bytes' on 'Probe': parameter 1 contains a "
            "code point above U+00FF.");
        row("new Probe('x').sum([1, 2, 3])", "6");
        row("new Probe('x').sum(new Set([4, 5]))", "9");
        row("new Probe('x').sum(5)",
            "throws TypeError: Failed to execute 'sum' on 'Probe': parameter 1 cannot be "
            "converted to a sequence: it is not an object.");
        row("new Probe('x').recordKeys({ b: 'x', a: 2 })", "b=x;a=2;");
        row("new Probe('x').describe({ required: 'r', count: 3, flag: 1 })", "T,3,,r");
        row("new Probe('x').describe({})",
            "throws TypeError: Failed to execute 'describe' on 'Probe': Failed to read the "
            "'required' property from 'ProbeInit': Required member is undefined.");
        row("new Probe('x').describe(5)",
            "throws TypeError: Failed to execute 'describe' on 'Probe': parameter 1 is not of "
            "type 'ProbeInit'.");
        row("new Probe('x').which(new Probe('inner'))", "probe:inner");
        row("new Probe('x').which(new Uint8Array(3))", "buffer:3");
        row("new Probe('x').which(['a', 'b'])", "sequence:2");
        row("new Probe('x').which('s')", "string:s");
        row("new Probe('x').which(12)", "number:12");
        row("new Probe('x').which({ get [Symbol.iterator]() { throw new Error('it') } })",
            "throws Error: it");
        row("new Probe('x').maybe(undefined, undefined)", "undef|null");
        row("new Probe('x').maybe('a', 'b')", "a|b");
        row("new Probe('x').orMinusOne(null)", "-1");
        row("new Probe('x').orMinusOne(2.5)", "2.5");
        row("new Probe('x').maybe()", "undef|null");
        row("new Probe('x').wrapLong()",
            "throws TypeError: Failed to execute 'wrapLong' on 'Probe': 1 argument required, but "
            "only 0 present.");
        row("Probe.prototype.wrapLong.length", "1");
        row("Probe.prototype.maybe.length", "0");
        row("Probe.length", "1");
        row("Probe.ANSWER + new Probe('x').ANSWER", "84");
        row("Object.prototype.toString.call(new Probe('x'))", "[object Probe]");
        row("Probe.prototype.wrapLong.call({}, 1)", "throws TypeError: Illegal invocation");
        row("Object.getOwnPropertyDescriptor(Probe.prototype, 'name').get.call(1)",
            "throws TypeError: Illegal invocation");
        row("Probe('x')",
            "throws TypeError: Failed to construct 'Probe': Please use the 'new' operator, this "
            "DOM object constructor cannot be called as a function.");
        row("new Probe('bad')",
            "throws RangeError: Failed to construct 'Probe': the name 'bad' is not allowed");
        row("new Probe()",
            "throws TypeError: Failed to construct 'Probe': 1 argument required, but only 0 "
            "present.");
        row("class Sub extends Probe { extra() { return this.name + '!' } }; new Sub('s').extra()",
            "s!");
        row("[...new Probe('x')].join(';')", "a,1;b,2");
        row("[...new Probe('x').keys()].join()", "a,b");
        row("[...new Probe('x').values()].join()", "1,2");
        row("Object.prototype.toString.call(new Probe('x').entries())", "[object Probe Iterator]");
        row("const it = new Probe('x').entries(); "
            "Object.getPrototypeOf(Object.getPrototypeOf(it)) === "
            "Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()))",
            "true");
        row("let seen = ''; new Probe('x').forEach((v, k) => { seen += k + v }); seen", "a1b2");
        row("let r; new Probe('x').later(false).then(v => r = v); r", "undefined");
        row("new Probe('x').later(false) instanceof Promise", "true");
        row("new Probe('x').strictLater() instanceof Promise", "true");
        row("let caught; new Probe('x').strictLater().catch(e => caught = e.message); "
            "Promise.resolve().then(() => caught)",
            "[object Promise]");
        row("new DOMException('m', 'AbortError').code", "20");
        row("new DOMException('m', 'DataError').code", "0");
        row("new DOMException().name + '|' + new DOMException().message", "Error|");
        row("new DOMException('m') instanceof Error", "true");
        row("DOMException.ABORT_ERR + DOMException.DATA_CLONE_ERR", "45");
        row("typeof new DOMException('m', 'SyntaxError').stack", "string");
        row("new DOMException('m', 'SyntaxError').stack.split('\\n')[0]", "SyntaxError: m");
        row("Object.prototype.toString.call(new DOMException())", "[object DOMException]");
    }

    void conversions()
    {
        QFETCH(QString, code);
        QFETCH(QString, expected);
        QCOMPARE(eval(code.toUtf8().constData()), expected);
    }

    void promiseRejection()
    {
        QCOMPARE(eval("globalThis.outcome = ''; new Probe('x').later(true).catch(e => outcome = "
                      "e.name + ':' + e.message); 0"),
                 QStringLiteral("0"));
        QCOMPARE(eval("outcome"), QStringLiteral("AbortError:stopped"));
        // An argument error of a promise-returning operation rejects instead of throwing.
        QCOMPARE(eval("globalThis.failure = ''; new Probe('x').strictLater().catch(e => failure "
                      "= e.constructor.name); 0"),
                 QStringLiteral("0"));
        QCOMPARE(eval("failure"), QStringLiteral("TypeError"));
    }

    void finalization()
    {
        // A wrapped object whose JS object is collected is deleted.
        const int before = g_liveProbes;
        eval("for (let i = 0; i < 1000; ++i) new Probe('temp'); 0");
        QVERIFY(g_liveProbes >= before);
        m_test->isolate()->LowMemoryNotification();
        m_test->isolate()->LowMemoryNotification();
        QVERIFY2(g_liveProbes < before + 1000, "collected wrappers must delete their objects");
        // A live one survives collection and stays usable.
        eval("globalThis.kept = new Probe('kept'); 0");
        m_test->isolate()->LowMemoryNotification();
        QCOMPARE(eval("kept.name"), QStringLiteral("kept"));
    }

    // https://webidl.spec.whatwg.org/#idl-async-iterable
    void asyncIterables()
    {
        QCOMPARE(
            eval("globalThis.ai_seen = [];"
                 "(async () => { for await (const n of new Countdown(3)) ai_seen.push(n); })();"
                 "0"),
            QStringLiteral("0"));
        QCOMPARE(eval("ai_seen.join()"), QStringLiteral("3,2,1"));
        // next() calls made at once settle in order, and after the end stay done.
        QCOMPARE(
            eval("globalThis.ai_all = ''; const ai_it = new Countdown(2).values();"
                 "Promise.all([ai_it.next(), ai_it.next(), ai_it.next(), ai_it.next()]).then(r =>"
                 "  ai_all = JSON.stringify(r)); 0"),
            QStringLiteral("0"));
        QCOMPARE(eval("ai_all"),
                 QStringLiteral("[{\"value\":2,\"done\":false},{\"value\":1,"
                                "\"done\":false},{\"done\":true},{\"done\":true}]"));
        // break calls return(), once.
        QCOMPARE(eval("globalThis.ai_cd = new Countdown(5);"
                      "(async () => { for await (const n of ai_cd) if (n === 4) break; })(); 0"),
                 QStringLiteral("0"));
        QCOMPARE(eval("ai_cd.returns"), QStringLiteral("1"));
        QCOMPARE(eval("globalThis.ai_ret = ''; const ai_r = new Countdown(1).values();"
                      "ai_r.return(7).then(x => ai_ret = JSON.stringify(x)); 0"),
                 QStringLiteral("0"));
        QCOMPARE(eval("ai_ret"), QStringLiteral("{\"value\":7,\"done\":true}"));
        // A rejected next iteration result ends the iteration.
        QCOMPARE(eval("globalThis.ai_failed = [];"
                      "(async () => { const i = new Countdown(5).values(true);"
                      "  for (let k = 0; k < 4; ++k) {"
                      "    try { ai_failed.push((await i.next()).value); } catch (e) { "
                      "ai_failed.push(e); } } })();"
                      "0"),
                 QStringLiteral("0"));
        QCOMPARE(eval("ai_failed.join()"), QStringLiteral("5,4,third failed,"));
        // The shapes WebIDL gives them.
        QCOMPARE(
            eval("const ai_p = Countdown.prototype; ai_p[Symbol.asyncIterator] === ai_p.values"),
            QStringLiteral("true"));
        QCOMPARE(eval("const ai_i2 = new Countdown(1).values(); ai_i2[Symbol.asyncIterator]() === "
                      "ai_i2 &&"
                      " Object.prototype.toString.call(ai_i2)"),
                 QStringLiteral("[object Countdown AsyncIterator]"));
        QCOMPARE(eval("globalThis.ai_bad = ''; new Countdown(1).values().next.call({})"
                      "  .catch(e => ai_bad = e.constructor.name); 0"),
                 QStringLiteral("0"));
        QCOMPARE(eval("ai_bad"), QStringLiteral("TypeError"));
    }

    // bind/member.h: 100 000 pairs that refer to each other (and to a closure over themselves)
    // leave no C++ object behind once dropped.
    void cyclesThroughMembersAreCollected()
    {
        v8::Isolate* isolate = m_test->isolate();
        QCOMPARE(eval("globalThis.pairs = [];"
                      "for (let i = 0; i < 100000; ++i) {"
                      "  const a = new Linked(), b = new Linked();"
                      "  a.peer = b; b.peer = a; b.back = a; a.value = () => a; pairs.push(a);"
                      "}"
                      "pairs.length"),
                 QStringLiteral("100000"));
        isolate->LowMemoryNotification();
        QCOMPARE(liveCount(isolate, "Linked"), size_t(200000)); // reachable: all alive
        QCOMPARE(eval("pairs[7].peer.peer === pairs[7] && pairs[7].peer.back === pairs[7] &&"
                      " pairs[7].value() === pairs[7]"),
                 QStringLiteral("true"));
        QCOMPARE(eval("pairs = null; 0"), QStringLiteral("0"));
        isolate->LowMemoryNotification();
        isolate->LowMemoryNotification();
        QCOMPARE(liveCount(isolate, "Linked"), size_t(0));
    }

    void weakMembersReadNullOnceTheTargetIsCollected()
    {
        v8::Isolate* isolate = m_test->isolate();
        QCOMPARE(eval("globalThis.holder = new Linked(); holder.back = new Linked();"
                      "holder.back instanceof Linked"),
                 QStringLiteral("true"));
        isolate->LowMemoryNotification();
        isolate->LowMemoryNotification();
        QCOMPARE(eval("holder.back"), QStringLiteral("null"));
        QCOMPARE(liveCount(isolate, "Linked"), size_t(1));
        // A Member set again replaces its target, and cleared releases it.
        QCOMPARE(eval("holder.peer = new Linked(); holder.peer = new Linked(); holder.peer = null;"
                      "holder.value = {}; holder.value = 5; holder.value"),
                 QStringLiteral("5"));
        isolate->LowMemoryNotification();
        isolate->LowMemoryNotification();
        QCOMPARE(liveCount(isolate, "Linked"), size_t(1));
        QCOMPARE(eval("holder = null; 0"), QStringLiteral("0"));
    }
};

QTEST_GUILESS_MAIN(TestBind)
#include "tst_bind.moc"
