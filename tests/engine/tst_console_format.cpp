// Tests for nano::api::formatValue / formatLogArguments / formatTable, the console formatter.
//
// Every expected string in consoleLog, inspectWithOptions and consoleTable was printed by
// Node v20 for the same JavaScript (util.formatWithOptions({}, ...args), util.inspect(value,
// options) and console.table(...) with colorMode false) and is hard-coded here, so the test does
// not need node at run time. Error stacks differ between runtimes, so the errors used here have
// their `stack` overwritten by the expression. The `safety` rows check that getters Node does
// not call and Proxy traps do not run; the `propagation` rows that exceptions of the user code
// Node does call (toString for %s, getters, custom inspection) leave the formatter.

#include "engine/api/console/formatter.h"

#include <QtTest>

#include <climits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <libplatform/libplatform.h>
#include <v8.h>

using nano::api::FormatOptions;

Q_DECLARE_METATYPE(FormatOptions)

class TestConsoleFormat final : public QObject {
    Q_OBJECT

public:
    explicit TestConsoleFormat(v8::Isolate* isolate)
        : m_isolate(isolate)
    {}

private slots:
    void initTestCase();
    void cleanupTestCase();

    void consoleLog_data();
    void consoleLog();
    void inspectWithOptions_data();
    void inspectWithOptions();
    void consoleTable_data();
    void consoleTable();
    void safety_data();
    void safety();
    void propagation_data();
    void propagation();

private:
    // Evaluates `[` + argumentList + `]` and returns its elements; fails the test on a throw.
    std::vector<v8::Local<v8::Value>> evaluateArguments(v8::Local<v8::Context> context,
                                                        const QString& argumentList);
    // globalThis.calls, incremented by the getters and traps of the safety rows.
    int callsCounter(v8::Local<v8::Context> context);

    v8::Isolate* m_isolate;
    v8::Global<v8::Context> m_context;
};

void TestConsoleFormat::initTestCase()
{
    v8::Isolate::Scope isolateScope(m_isolate);
    v8::HandleScope scope(m_isolate);
    m_context.Reset(m_isolate, v8::Context::New(m_isolate));
}

void TestConsoleFormat::cleanupTestCase()
{
    m_context.Reset();
}

std::vector<v8::Local<v8::Value>> TestConsoleFormat::evaluateArguments(
    v8::Local<v8::Context> context, const QString& argumentList)
{
    const QByteArray source = ("globalThis.calls = 0; [" + argumentList + "\n]").toUtf8();
    v8::TryCatch tc(m_isolate);
    v8::Local<v8::String> code;
    v8::Local<v8::Script> script;
    v8::Local<v8::Value> result;
    if (!v8::String::NewFromUtf8(m_isolate, source.constData(), v8::NewStringType::kNormal,
                                 int(source.size()))
             .ToLocal(&code) ||
        !v8::Script::Compile(context, code).ToLocal(&script) ||
        !script->Run(context).ToLocal(&result) || !result->IsArray()) {
        const QString error =
            tc.HasCaught() ? QString::fromUtf8(*v8::String::Utf8Value(m_isolate, tc.Exception()))
                           : QStringLiteral("not an array");
        qWarning("evaluating %s: %s", source.constData(), qPrintable(error));
        return {};
    }
    const v8::Local<v8::Array> array = result.As<v8::Array>();
    std::vector<v8::Local<v8::Value>> values;
    for (uint32_t i = 0; i < array->Length(); ++i)
        values.push_back(array->Get(context, i).ToLocalChecked());
    return values;
}

int TestConsoleFormat::callsCounter(v8::Local<v8::Context> context)
{
    const v8::Local<v8::Value> calls =
        context->Global()
            ->Get(context, v8::String::NewFromUtf8Literal(m_isolate, "calls"))
            .ToLocalChecked();
    return calls->Int32Value(context).FromMaybe(-1);
}

// console.log(...args)
void TestConsoleFormat::consoleLog_data()
{
    QTest::addColumn<QString>("arguments");
    QTest::addColumn<QString>("expected");

    QTest::newRow("undefined and null")
        << QStringLiteral(R"js(undefined, null)js") << QStringLiteral("undefined null");
    QTest::newRow("booleans") << QStringLiteral(R"js(true, false)js")
                              << QStringLiteral("true false");
    QTest::newRow("numbers") << QStringLiteral(R"js(42, -0, 0, NaN, -Infinity, 1.5e300, 0.1)js")
                             << QStringLiteral("42 -0 0 NaN -Infinity 1.5e+300 0.1");
    QTest::newRow("bigint") << QStringLiteral(R"js(1n, -123456789012345678901234567890n)js")
                            << QStringLiteral("1n -123456789012345678901234567890n");
    QTest::newRow("top-level strings raw")
        << QStringLiteral(R"js('hello', 'world')js") << QStringLiteral("hello world");
    QTest::newRow("string in array")
        << QStringLiteral(R"js(['it\'s', 'plain', 'say "hi" it\'s', 'a\'b"c`d'])js")
        << QStringLiteral("[ \"it's\", 'plain', `say \"hi\" it's`, 'a\\'b\"c`d' ]");
    QTest::newRow("string escapes")
        << QStringLiteral(R"js(['\n\t\x00\x7f\x9f\\', '\ud800 lone', '\ud83d\ude00'])js")
        << QStringLiteral("[ '\\n\\t\\x00\\x7F\\x9F\\\\', '\\ud800 lone', '😀' ]");
    QTest::newRow("symbols")
        << QStringLiteral(R"js(Symbol('foo'), Symbol(), Symbol.iterator, [Symbol('x')])js")
        << QStringLiteral("Symbol(foo) Symbol() Symbol(Symbol.iterator) [ Symbol(x) ]");
    QTest::newRow("functions")
        << QStringLiteral(R"js(function foo() {}, function () {}, () => {})js")
        << QStringLiteral("[Function: foo] [Function (anonymous)] [Function (anonymous)]");
    QTest::newRow("async and generator functions")
        << QStringLiteral(R"js(async function f() {}, function* g() {}, async function* ag() {})js")
        << QStringLiteral("[AsyncFunction: f] [GeneratorFunction: g] [AsyncGeneratorFunction: ag]");
    QTest::newRow("classes")
        << QStringLiteral(R"js((() => { class A {}; class B extends A {}; return [A, B]; })())js")
        << QStringLiteral("[ [class A], [class B extends A] ]");
    QTest::newRow("function with properties")
        << QStringLiteral(R"js(Object.assign(function f() {}, { a: 1 }))js")
        << QStringLiteral("[Function: f] { a: 1 }");
    QTest::newRow("arrays") << QStringLiteral(R"js([1, 2, 3], [])js")
                            << QStringLiteral("[ 1, 2, 3 ] []");
    QTest::newRow("array holes")
        << QStringLiteral(R"js([1, , 3], [, , 1, , , ], new Array(5))js")
        << QStringLiteral("[ 1, <1 empty item>, 3 ] [ <2 empty items>, 1, <2 empty items> ] [ <5 e"
                          "mpty items> ]");
    QTest::newRow("array extra properties")
        << QStringLiteral(R"js(Object.assign([1, 2], { a: 1, 'b-c': 2 }))js")
        << QStringLiteral("[ 1, 2, a: 1, 'b-c': 2 ]");
    QTest::newRow("101 items") << QStringLiteral(R"js(Array.from({ length: 101 }, (_, i) => i))js")
                               << QStringLiteral(
                                      "[\n"
                                      "   0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11,\n"
                                      "  12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,\n"
                                      "  24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,\n"
                                      "  36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,\n"
                                      "  48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59,\n"
                                      "  60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71,\n"
                                      "  72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83,\n"
                                      "  84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95,\n"
                                      "  96, 97, 98, 99,\n"
                                      "  ... 1 more item\n"
                                      "]");
    QTest::newRow("1e6 items") << QStringLiteral(R"js(Array.from({ length: 1e6 }, (_, i) => i))js")
                               << QStringLiteral(
                                      "[\n"
                                      "   0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11,\n"
                                      "  12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,\n"
                                      "  24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,\n"
                                      "  36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,\n"
                                      "  48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59,\n"
                                      "  60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71,\n"
                                      "  72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83,\n"
                                      "  84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95,\n"
                                      "  96, 97, 98, 99,\n"
                                      "  ... 999900 more items\n"
                                      "]");
    QTest::newRow("sparse 1e6 array")
        << QStringLiteral(R"js((() => { const a = new Array(1e6); a[5] = 1; return a; })())js")
        << QStringLiteral("[ <5 empty items>, 1, <999994 empty items> ]");
    QTest::newRow("nested arrays") << QStringLiteral(R"js([[1, [2, [3, [4]]]]])js")
                                   << QStringLiteral("[ [ 1, [ 2, [Array] ] ] ]");
    QTest::newRow("empty object") << QStringLiteral(R"js({})js") << QStringLiteral("{}");
    QTest::newRow("object keys quoting")
        << QStringLiteral(R"js({ a: 1, 'b-c': 2, $x: 3, _y: 4, '1': 5, 'a b': 6, "it's": 7, )js"
                          R"js('': 8 })js")
        << QStringLiteral("{ '1': 5, a: 1, 'b-c': 2, '$x': 3, _y: 4, 'a b': 6, \"it's\": 7, '': 8 "
                          "}");
    QTest::newRow("symbol keys") << QStringLiteral(
                                        R"js({ [Symbol('foo')]: 1, [Symbol("it's")]: 2 })js")
                                 << QStringLiteral("{ [Symbol(foo)]: 1, [Symbol(it\\'s)]: 2 }");
    QTest::newRow("nesting depth")
        << QStringLiteral(R"js({ a: { b: { c: { d: 1 } } } }, [[[[1]]]])js")
        << QStringLiteral("{ a: { b: { c: [Object] } } } [ [ [ [Array] ] ] ]");
    QTest::newRow("mixed object")
        << QStringLiteral(R"js({ a: 1, b: 'two', c: [3], d: { e: null }, f: undefined, g: () )js"
                          R"js(=> {} })js")
        << QStringLiteral("{\n"
                          "  a: 1,\n"
                          "  b: 'two',\n"
                          "  c: [ 3 ],\n"
                          "  d: { e: null },\n"
                          "  f: undefined,\n"
                          "  g: [Function: g]\n"
                          "}");
    QTest::newRow("null prototype")
        << QStringLiteral(R"js(Object.create(null), Object.assign(Object.create(null), { x: 1 )js"
                          R"js(}))js")
        << QStringLiteral("[Object: null prototype] {} [Object: null prototype] { x: 1 }");
    QTest::newRow("class instances")
        << QStringLiteral(R"js((() => { class Foo { constructor() { this.x = 1; } }; class Bar )js"
                          R"js({}; return [new Foo(), new Bar()]; })())js")
        << QStringLiteral("[ Foo { x: 1 }, Bar {} ]");
    QTest::newRow("subclassed builtins")
        << QStringLiteral(R"js((() => { class M extends Map {}; class A extends Array {}; )js"
                          R"js(class U extends Uint8Array {}; return [new M([[1, 2]]), )js"
                          R"js(A.from([1]), new U(2)]; })())js")
        << QStringLiteral("[ M(1) [Map] { 1 => 2 }, A(1) [ 1 ], U(2) [Uint8Array] [ 0, 0 ] ]");
    QTest::newRow("map and set")
        << QStringLiteral(R"js(new Map([['a', 1], ['b', 2]]), new Set([1]), new Map(), new )js"
                          R"js(Set())js")
        << QStringLiteral("Map(2) { 'a' => 1, 'b' => 2 } Set(1) { 1 } Map(0) {} Set(0) {}");
    QTest::newRow("nested map") << QStringLiteral(R"js(new Map([[{ a: 1 }, new Set([[1, 2]])]]))js")
                                << QStringLiteral("Map(1) { { a: 1 } => Set(1) { [ 1, 2 ] } }");
    QTest::newRow("weak collections")
        << QStringLiteral(R"js(new WeakMap(), new WeakSet())js")
        << QStringLiteral("WeakMap { <items unknown> } WeakSet { <items unknown> }");
    QTest::newRow("typed arrays")
        << QStringLiteral(R"js(new Uint8Array([1, 2, 3]), new Float64Array([0.1, -0]), new )js"
                          R"js(BigInt64Array([1n]))js")
        << QStringLiteral("Uint8Array(3) [ 1, 2, 3 ] Float64Array(2) [ 0.1, -0 ] BigInt64Array(1) "
                          "[ 1n ]");
    QTest::newRow("array buffer and data view")
        << QStringLiteral(R"js(new Uint8Array([1, 2]).buffer, new DataView(new ArrayBuffer(4), )js"
                          R"js(1, 2))js")
        << QStringLiteral("ArrayBuffer { [Uint8Contents]: <01 02>, byteLength: 2 } DataView {\n"
                          "  byteLength: 2,\n"
                          "  byteOffset: 1,\n"
                          "  buffer: ArrayBuffer { [Uint8Contents]: <00 00 00 00>, byteLength: 4 }"
                          "\n"
                          "}");
    QTest::newRow("dates")
        << QStringLiteral(R"js(new Date(0), new Date(NaN), new Date(-1e14), new Date(1e15))js")
        << QStringLiteral("1970-01-01T00:00:00.000Z Invalid Date -001199-02-15T14:13:20.000Z +0336"
                          "58-09-27T01:46:40.000Z");
    QTest::newRow("regexps") << QStringLiteral(
                                    R"js(/ab+c/gi, new RegExp(''), new RegExp('a/b', 'msuy'), )js"
                                    R"js(Object.assign(/x/, { y: 1 }))js")
                             << QStringLiteral("/ab+c/gi /(?:)/ /a\\/b/msuy /x/ { y: 1 }");
    QTest::newRow("promises")
        << QStringLiteral(R"js(Promise.resolve(1), new Promise(() => {}), Promise.reject(3))js")
        << QStringLiteral("Promise { 1 } Promise { <pending> } Promise { <rejected> 3 }");
    QTest::newRow("boxed primitives")
        << QStringLiteral(R"js(new Number(3), new String('ab'), new Boolean(false), )js"
                          R"js(Object(1n), Object(Symbol('s')), new Number(-0))js")
        << QStringLiteral("[Number: 3] [String: 'ab'] [Boolean: false] [BigInt: 1n] [Symbol: Symbo"
                          "l(s)] [Number: -0]");
    QTest::newRow("boxed with property")
        << QStringLiteral(R"js(Object.assign(new String('ab'), { x: 1 }))js")
        << QStringLiteral("[String: 'ab'] { x: 1 }");
    QTest::newRow("toStringTag") << QStringLiteral(
                                        R"js(Object.create({ [Symbol.toStringTag]: 'foo' }), { )js"
                                        R"js([Symbol.toStringTag]: 'own' })js")
                                 << QStringLiteral(
                                        "Object [foo] {} { [Symbol(Symbol.toStringTag)]: 'own' }");
    QTest::newRow("iterators")
        << QStringLiteral(R"js([1, 2][Symbol.iterator](), new Map([[1, 2]]).entries(), new )js"
                          R"js(Map([[1, 2]]).keys(), new Set([1]).values())js")
        << QStringLiteral("Object [Array Iterator] {} [Map Entries] { [ 1, 2 ] } [Map Iterator] { "
                          "1 } [Set Iterator] { 1 }");
    QTest::newRow("generator object and arguments")
        << QStringLiteral(R"js((function* () {})(), (function () { return arguments; })(1, 2))js")
        << QStringLiteral("Object [Generator] {} [Arguments] { '0': 1, '1': 2 }");
    QTest::newRow("circular object")
        << QStringLiteral(R"js((() => { const a = { x: 1 }; a.self = a; return a; })())js")
        << QStringLiteral("<ref *1> { x: 1, self: [Circular *1] }");
    QTest::newRow("circular array")
        << QStringLiteral(R"js((() => { const a = [1]; a.push(a); return a; })())js")
        << QStringLiteral("<ref *1> [ 1, [Circular *1] ]");
    QTest::newRow("two circular references")
        << QStringLiteral(R"js((() => { const a = { name: 'a' }; const b = { name: 'b', a }; )js"
                          R"js(a.b = b; b.self = b; return { a, b }; })())js")
        << QStringLiteral("{\n"
                          "  a: <ref *1> {\n"
                          "    name: 'a',\n"
                          "    b: <ref *2> { name: 'b', a: [Circular *1], self: [Circular *2] }\n"
                          "  },\n"
                          "  b: <ref *2> {\n"
                          "    name: 'b',\n"
                          "    a: <ref *1> { name: 'a', b: [Circular *2] },\n"
                          "    self: [Circular *2]\n"
                          "  }\n"
                          "}");
    QTest::newRow("accessors")
        << QStringLiteral(R"js({ get x() { return 1; }, set y(v) {}, get z() { return 1; }, )js"
                          R"js(set z(v) {} })js")
        << QStringLiteral("{ x: [Getter], y: [Setter], z: [Getter/Setter] }");
    QTest::newRow("proxy")
        << QStringLiteral(R"js(new Proxy({ a: 1 }, { get() { throw new Error('trap'); }, )js"
                          R"js(ownKeys() { throw new Error('trap'); } }), new Proxy([1, 2], {}))js")
        << QStringLiteral("{ a: 1 } [ 1, 2 ]");
    QTest::newRow("revoked proxy")
        << QStringLiteral(R"js((() => { const p = Proxy.revocable({}, {}); p.revoke(); return )js"
                          R"js(p.proxy; })())js")
        << QStringLiteral("<Revoked Proxy>");
    QTest::newRow("long string in array")
        << QStringLiteral(R"js(['a'.repeat(100)])js")
        << QStringLiteral("[\n"
                          "  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                          "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'\n"
                          "]");
    QTest::newRow("multi-line string property")
        << QStringLiteral(R"js({ s: 'line one is long enough\nline two is also quite )js"
                          R"js(long\nline three is the end of it all' })js")
        << QStringLiteral("{\n"
                          "  s: 'line one is long enough\\n' +\n"
                          "    'line two is also quite long\\n' +\n"
                          "    'line three is the end of it all'\n"
                          "}");
    QTest::newRow("object over breakLength")
        << QStringLiteral(R"js({ aaaaaaaaaa: 1, bbbbbbbbbb: 2, cccccccccc: 3, dddddddddd: 4, )js"
                          R"js(eeeeeeeeee: 5, ffffffffff: 6, gggg: 7 })js")
        << QStringLiteral("{\n"
                          "  aaaaaaaaaa: 1,\n"
                          "  bbbbbbbbbb: 2,\n"
                          "  cccccccccc: 3,\n"
                          "  dddddddddd: 4,\n"
                          "  eeeeeeeeee: 5,\n"
                          "  ffffffffff: 6,\n"
                          "  gggg: 7\n"
                          "}");
    QTest::newRow("nested multi-line")
        << QStringLiteral(R"js({ a: [1, 2, 3], b: { c: { d: [4, 5] } }, e: 'some string value )js"
                          R"js(here', f: 123456789 })js")
        << QStringLiteral("{\n"
                          "  a: [ 1, 2, 3 ],\n"
                          "  b: { c: { d: [Array] } },\n"
                          "  e: 'some string value here',\n"
                          "  f: 123456789\n"
                          "}");
    QTest::newRow("array of objects")
        << QStringLiteral(R"js([{ a: 1, b: 2 }, { a: 3, b: 4 }, { a: 5, b: 6 }])js")
        << QStringLiteral("[ { a: 1, b: 2 }, { a: 3, b: 4 }, { a: 5, b: 6 } ]");
    QTest::newRow("grouped numbers")
        << QStringLiteral(R"js(Array.from({ length: 30 }, (_, i) => i * 3))js")
        << QStringLiteral("[\n"
                          "   0,  3,  6,  9, 12, 15, 18, 21, 24,\n"
                          "  27, 30, 33, 36, 39, 42, 45, 48, 51,\n"
                          "  54, 57, 60, 63, 66, 69, 72, 75, 78,\n"
                          "  81, 84, 87\n"
                          "]");
    QTest::newRow("grouped strings")
        << QStringLiteral(R"js(Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + )js"
                          R"js(i).repeat(i % 5 + 1)))js")
        << QStringLiteral("[\n"
                          "  'a',     'bb',    'ccc',   'dddd',\n"
                          "  'eeeee', 'f',     'gg',    'hhh',\n"
                          "  'iiii',  'jjjjj', 'k',     'll',\n"
                          "  'mmm',   'nnnn',  'ooooo', 'p',\n"
                          "  'qq',    'rrr',   'ssss',  'ttttt',\n"
                          "  'u',     'vv',    'www',   'xxxx',\n"
                          "  'yyyyy', 'z'\n"
                          "]");
    QTest::newRow("grouped mixed")
        << QStringLiteral(R"js(Array.from({ length: 10 }, (_, i) => i % 2 ? 'x' : i))js")
        << QStringLiteral("[\n"
                          "  0,   'x', 2,   'x', 4,\n"
                          "  'x', 6,   'x', 8,   'x'\n"
                          "]");
    QTest::newRow("grouped with more items")
        << QStringLiteral(R"js(Array.from({ length: 200 }, (_, i) => i * 1000))js")
        << QStringLiteral("[\n"
                          "      0,  1000,  2000,  3000,  4000,  5000,  6000,  7000,\n"
                          "   8000,  9000, 10000, 11000, 12000, 13000, 14000, 15000,\n"
                          "  16000, 17000, 18000, 19000, 20000, 21000, 22000, 23000,\n"
                          "  24000, 25000, 26000, 27000, 28000, 29000, 30000, 31000,\n"
                          "  32000, 33000, 34000, 35000, 36000, 37000, 38000, 39000,\n"
                          "  40000, 41000, 42000, 43000, 44000, 45000, 46000, 47000,\n"
                          "  48000, 49000, 50000, 51000, 52000, 53000, 54000, 55000,\n"
                          "  56000, 57000, 58000, 59000, 60000, 61000, 62000, 63000,\n"
                          "  64000, 65000, 66000, 67000, 68000, 69000, 70000, 71000,\n"
                          "  72000, 73000, 74000, 75000, 76000, 77000, 78000, 79000,\n"
                          "  80000, 81000, 82000, 83000, 84000, 85000, 86000, 87000,\n"
                          "  88000, 89000, 90000, 91000, 92000, 93000, 94000, 95000,\n"
                          "  96000, 97000, 98000, 99000,\n"
                          "  ... 100 more items\n"
                          "]");
    QTest::newRow("typed array 300") << QStringLiteral(R"js(new Uint8Array(300))js")
                                     << QStringLiteral("Uint8Array(300) [\n"
                                                       "  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n"
                                                       "  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n"
                                                       "  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n"
                                                       "  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n"
                                                       "  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n"
                                                       "  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n"
                                                       "  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n"
                                                       "  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n"
                                                       "  0, 0, 0, 0,\n"
                                                       "  ... 200 more items\n"
                                                       "]");
    QTest::newRow("grouped bigints") << QStringLiteral(R"js([-1n, 20n, 300n, 4n, 5n, 6n, 7n])js")
                                     << QStringLiteral("[\n"
                                                       "  -1n, 20n, 300n,\n"
                                                       "   4n,  5n,   6n,\n"
                                                       "   7n\n"
                                                       "]");
    QTest::newRow("big nested object")
        << QStringLiteral(R"js((() => { const big = {}; for (let i = 0; i < 4; i++) big['key' )js"
                          R"js(+ i] = { nested: [i, i * 2, { deep: 'v' + i }] }; return big; )js"
                          R"js(})())js")
        << QStringLiteral("{\n"
                          "  key0: { nested: [ 0, 0, [Object] ] },\n"
                          "  key1: { nested: [ 1, 2, [Object] ] },\n"
                          "  key2: { nested: [ 2, 4, [Object] ] },\n"
                          "  key3: { nested: [ 3, 6, [Object] ] }\n"
                          "}");
    QTest::newRow("map over 100")
        << QStringLiteral(R"js((() => { const m = new Map(); for (let i = 0; i < 102; i++) )js"
                          R"js(m.set(i, i); return m; })())js")
        << QStringLiteral("Map(102) {\n"
                          "  0 => 0,\n"
                          "  1 => 1,\n"
                          "  2 => 2,\n"
                          "  3 => 3,\n"
                          "  4 => 4,\n"
                          "  5 => 5,\n"
                          "  6 => 6,\n"
                          "  7 => 7,\n"
                          "  8 => 8,\n"
                          "  9 => 9,\n"
                          "  10 => 10,\n"
                          "  11 => 11,\n"
                          "  12 => 12,\n"
                          "  13 => 13,\n"
                          "  14 => 14,\n"
                          "  15 => 15,\n"
                          "  16 => 16,\n"
                          "  17 => 17,\n"
                          "  18 => 18,\n"
                          "  19 => 19,\n"
                          "  20 => 20,\n"
                          "  21 => 21,\n"
                          "  22 => 22,\n"
                          "  23 => 23,\n"
                          "  24 => 24,\n"
                          "  25 => 25,\n"
                          "  26 => 26,\n"
                          "  27 => 27,\n"
                          "  28 => 28,\n"
                          "  29 => 29,\n"
                          "  30 => 30,\n"
                          "  31 => 31,\n"
                          "  32 => 32,\n"
                          "  33 => 33,\n"
                          "  34 => 34,\n"
                          "  35 => 35,\n"
                          "  36 => 36,\n"
                          "  37 => 37,\n"
                          "  38 => 38,\n"
                          "  39 => 39,\n"
                          "  40 => 40,\n"
                          "  41 => 41,\n"
                          "  42 => 42,\n"
                          "  43 => 43,\n"
                          "  44 => 44,\n"
                          "  45 => 45,\n"
                          "  46 => 46,\n"
                          "  47 => 47,\n"
                          "  48 => 48,\n"
                          "  49 => 49,\n"
                          "  50 => 50,\n"
                          "  51 => 51,\n"
                          "  52 => 52,\n"
                          "  53 => 53,\n"
                          "  54 => 54,\n"
                          "  55 => 55,\n"
                          "  56 => 56,\n"
                          "  57 => 57,\n"
                          "  58 => 58,\n"
                          "  59 => 59,\n"
                          "  60 => 60,\n"
                          "  61 => 61,\n"
                          "  62 => 62,\n"
                          "  63 => 63,\n"
                          "  64 => 64,\n"
                          "  65 => 65,\n"
                          "  66 => 66,\n"
                          "  67 => 67,\n"
                          "  68 => 68,\n"
                          "  69 => 69,\n"
                          "  70 => 70,\n"
                          "  71 => 71,\n"
                          "  72 => 72,\n"
                          "  73 => 73,\n"
                          "  74 => 74,\n"
                          "  75 => 75,\n"
                          "  76 => 76,\n"
                          "  77 => 77,\n"
                          "  78 => 78,\n"
                          "  79 => 79,\n"
                          "  80 => 80,\n"
                          "  81 => 81,\n"
                          "  82 => 82,\n"
                          "  83 => 83,\n"
                          "  84 => 84,\n"
                          "  85 => 85,\n"
                          "  86 => 86,\n"
                          "  87 => 87,\n"
                          "  88 => 88,\n"
                          "  89 => 89,\n"
                          "  90 => 90,\n"
                          "  91 => 91,\n"
                          "  92 => 92,\n"
                          "  93 => 93,\n"
                          "  94 => 94,\n"
                          "  95 => 95,\n"
                          "  96 => 96,\n"
                          "  97 => 97,\n"
                          "  98 => 98,\n"
                          "  99 => 99,\n"
                          "  ... 2 more items\n"
                          "}");
    QTest::newRow("error with overwritten stack")
        << QStringLiteral(R"js((() => { const e = new Error('boom'); e.stack = 'Error: )js"
                          R"js(boom\n    at foo (a.js:1:1)\n    at bar (b.js:2:2)'; return e; )js"
                          R"js(})())js")
        << QStringLiteral("Error: boom\n"
                          "    at foo (a.js:1:1)\n"
                          "    at bar (b.js:2:2)");
    QTest::newRow("error with properties in objects")
        << QStringLiteral(R"js((() => { const e = new Error('boom'); e.stack = 'Error: )js"
                          R"js(boom\n    at foo (a.js:1:1)'; e.code = 'E1'; return [e, { e }]; )js"
                          R"js(})())js")
        << QStringLiteral("[\n"
                          "  Error: boom\n"
                          "      at foo (a.js:1:1) {\n"
                          "    code: 'E1'\n"
                          "  },\n"
                          "  {\n"
                          "    e: Error: boom\n"
                          "        at foo (a.js:1:1) {\n"
                          "      code: 'E1'\n"
                          "    }\n"
                          "  }\n"
                          "]");
    QTest::newRow("error with cause")
        << QStringLiteral(R"js((() => { const c = new Error('inner'); c.stack = 'Error: )js"
                          R"js(inner\n    at a (a.js:1:1)\n    at b (b.js:1:1)\n    at c )js"
                          R"js((c.js:1:1)\n    at d (d.js:1:1)\n    at e (e.js:1:1)'; const e )js"
                          R"js(= new Error('outer', { cause: c }); e.stack = 'Error: )js"
                          R"js(outer\n    at z (z.js:1:1)\n    at b (b.js:1:1)\n    at c )js"
                          R"js((c.js:1:1)\n    at d (d.js:1:1)\n    at e (e.js:1:1)'; return )js"
                          R"js(e; })())js")
        << QStringLiteral("Error: outer\n"
                          "    at z (z.js:1:1)\n"
                          "    at b (b.js:1:1)\n"
                          "    ... 2 lines matching cause stack trace ...\n"
                          "    at e (e.js:1:1) {\n"
                          "  [cause]: Error: inner\n"
                          "      at a (a.js:1:1)\n"
                          "      at b (b.js:1:1)\n"
                          "      at c (c.js:1:1)\n"
                          "      at d (d.js:1:1)\n"
                          "      at e (e.js:1:1)\n"
                          "}");
    QTest::newRow("error with string cause")
        << QStringLiteral(R"js((() => { const e = new Error('x', { cause: 'just a string' }); )js"
                          R"js(e.stack = 'Error: x\n    at q (q.js:1:1)'; return e; })())js")
        << QStringLiteral("Error: x\n"
                          "    at q (q.js:1:1) {\n"
                          "  [cause]: 'just a string'\n"
                          "}");
    QTest::newRow("error without frames")
        << QStringLiteral(R"js((() => { const e = new Error('msg'); e.stack = 'Error: msg'; )js"
                          R"js(return e; })())js")
        << QStringLiteral("[Error: msg]");
    QTest::newRow("error subclass")
        << QStringLiteral(R"js((() => { class MyError extends Error {}; const e = new )js"
                          R"js(MyError('m'); e.stack = 'Error: m\n    at f (f.js:1:1)'; return )js"
                          R"js(e; })())js")
        << QStringLiteral("MyError: m\n"
                          "    at f (f.js:1:1)");
    QTest::newRow("aggregate error")
        << QStringLiteral(R"js((() => { const e = new AggregateError([new Error('a')], 'agg'); )js"
                          R"js(e.stack = 'AggregateError: agg\n    at f (f.js:1:1)'; )js"
                          R"js(e.errors[0].stack = 'Error: a\n    at g (g.js:1:1)'; return e; )js"
                          R"js(})())js")
        << QStringLiteral("AggregateError: agg\n"
                          "    at f (f.js:1:1) {\n"
                          "  [errors]: [\n"
                          "    Error: a\n"
                          "        at g (g.js:1:1)\n"
                          "  ]\n"
                          "}");
    QTest::newRow("rejected promise with error")
        << QStringLiteral(R"js(Promise.reject((() => { const e = new Error('rej'); e.stack = )js"
                          R"js('Error: rej\n    at f (f.js:1:1)'; return e; })()))js")
        << QStringLiteral("Promise {\n"
                          "  <rejected> Error: rej\n"
                          "      at f (f.js:1:1)\n"
                          "}");
    QTest::newRow("%s and %d") << QStringLiteral(R"js('%s is %d', 'x', 42)js")
                               << QStringLiteral("x is 42");
    QTest::newRow("%s of numbers") << QStringLiteral(R"js('%s %s %s', -0, 1n, Symbol('s'))js")
                                   << QStringLiteral("-0 1n Symbol(s)");
    QTest::newRow("%s of objects")
        << QStringLiteral(R"js('%s | %s | %s', { a: { b: 1 } }, [1, [2, [3]]], new Date(0))js")
        << QStringLiteral("{ a: [Object] } | [ 1, [Array] ] | 1970-01-01T00:00:00.000Z");
    QTest::newRow("%s with user toString")
        << QStringLiteral(R"js('%s', (() => { class P { toString() { return 'P!'; } }; return )js"
                          R"js(new P(); })())js")
        << QStringLiteral("P!");
    QTest::newRow("%d") << QStringLiteral(R"js('%d %d %d %d', 1n, {}, '42.5', -0)js")
                        << QStringLiteral("1n NaN 42.5 -0");
    QTest::newRow("%i") << QStringLiteral(R"js('%i %i %i %i', 42.9, '0x1F', '  -12abc', 1n)js")
                        << QStringLiteral("42 31 -12 1n");
    QTest::newRow("%f") << QStringLiteral(
                               R"js('%f %f %f %f', '3.14xyz', '.5e3', 'abc', Symbol('x'))js")
                        << QStringLiteral("3.14 500 NaN NaN");
    QTest::newRow("%j")
        << QStringLiteral(R"js('%j %j', { a: [1] }, (() => { const a = {}; a.a = a; return a; )js"
                          R"js(})())js")
        << QStringLiteral("{\"a\":[1]} [Circular]");
    QTest::newRow("%o") << QStringLiteral(R"js('%o', { a: [1, 2] })js")
                        << QStringLiteral("{ a: [ 1, 2, [length]: 2 ] }");
    QTest::newRow("%o function") << QStringLiteral(R"js('%o', function f() {})js")
                                 << QStringLiteral(
                                        "<ref *1> [Function: f] {\n"
                                        "  [length]: 0,\n"
                                        "  [name]: 'f',\n"
                                        "  [arguments]: null,\n"
                                        "  [caller]: null,\n"
                                        "  [prototype]: { [constructor]: [Circular *1] }\n"
                                        "}");
    QTest::newRow("%o class instance")
        << QStringLiteral(R"js('%o', (() => { class Foo { constructor() { this.x = 1; } get )js"
                          R"js(y() { return 2; } m() {} }; return new Foo(); })())js")
        << QStringLiteral("Foo { x: 1, [y]: [Getter] }");
    QTest::newRow("%O") << QStringLiteral(R"js('%O', { a: { b: { c: { d: 1 } } } })js")
                        << QStringLiteral("{ a: { b: { c: [Object] } } }");
    QTest::newRow("%c") << QStringLiteral(
                               R"js('%c styled %c', 'color: red', 'font-weight: bold')js")
                        << QStringLiteral(" styled ");
    QTest::newRow("%% and missing args")
        << QStringLiteral(R"js('100%% sure %s %d', 'yes')js") << QStringLiteral("100% sure yes %d");
    QTest::newRow("no specifiers")
        << QStringLiteral(R"js('no specifiers', 1, 'two', { three: 3 })js")
        << QStringLiteral("no specifiers 1 two { three: 3 }");
    QTest::newRow("unknown specifier")
        << QStringLiteral(R"js('%x %s', 'a')js") << QStringLiteral("%x a");
    QTest::newRow("first arg not a string")
        << QStringLiteral(R"js(1, '%s', 2)js") << QStringLiteral("1 %s 2");
    QTest::newRow("unicode") << QStringLiteral(R"js('😀 %s', '日本', ['日本語', 'emoji😀'])js")
                             << QStringLiteral("😀 日本 [ '日本語', 'emoji😀' ]");
    // Rows whose expected text is easier to build than to spell out.
    QTest::newRow("string over 10000")
        << QStringLiteral(R"js(['x'.repeat(10002)])js")
        << QStringLiteral("[\n  '") + QString(10000, QLatin1Char('x')) +
               QStringLiteral("'... 2 more characters\n]");
    QString map102 = QStringLiteral("Map(102) {\n");
    for (int i = 0; i < 100; ++i)
        map102 += QStringLiteral("  %1 => %1,\n").arg(i);
    map102 += QStringLiteral("  ... 2 more items\n}");
    QTest::newRow("map over 100")
        << QStringLiteral(R"js((() => { const m = new Map(); for (let i = 0; i < 102; i++) )js"
                          R"js(m.set(i, i); return m; })())js")
        << map102;

    // User code Node's inspect() runs: getters of Symbol.toStringTag and of errors, and the
    // custom inspection hook.
    QTest::newRow("toStringTag getter of a class")
        << QStringLiteral(R"js((() => { class T { get [Symbol.toStringTag]() { return 'Tagged';)js"
                          R"js( } }; return new T(); })())js")
        << QStringLiteral("T [Tagged] {}");
    QTest::newRow("error stack accessor without frames")
        << QStringLiteral(R"js((() => { const e = new Error('x'); Object.defineProperty(e, 'sta)js"
                          R"js(ck', { get() { return 'custom stack string'; } }); return e; })()js"
                          R"js())js")
        << QStringLiteral("[custom stack string]");
    QTest::newRow("error stack accessor with frames")
        << QStringLiteral(R"js((() => { const e = new TypeError('x'); Object.defineProperty(e, )js"
                          R"js('stack', { get() { return 'TypeError: x\n    at f (file.js:1:1)')js"
                          R"js(; } }); return e; })())js")
        << QStringLiteral("TypeError: x\n    at f (file.js:1:1)");
    QTest::newRow("error name getter")
        << QStringLiteral(R"js((() => { class E extends Error { get name() { return 'MyError'; )js"
                          R"js(} }; const e = new E('m'); e.stack = 'MyError: m\n    at g (a.js)js"
                          R"js(:2:3)'; return e; })())js")
        << QStringLiteral("E [MyError]: m\n    at g (a.js:2:3)");
    QTest::newRow("custom inspect string")
        << QStringLiteral(R"js({ [Symbol.for('nodejs.util.inspect.custom')]() { return 'custom!)js"
                          R"js('; } })js")
        << QStringLiteral("custom!");
    QTest::newRow("custom inspect object and depth")
        << QStringLiteral(R"js({ a: { [Symbol.for('nodejs.util.inspect.custom')](depth) { retur)js"
                          R"js(n { depth }; } } })js")
        << QStringLiteral("{ a: { depth: 1 } }");
    QTest::newRow("custom inspect options")
        << QStringLiteral(R"js({ a: { b: { [Symbol.for('nodejs.util.inspect.custom')](depth, op)js"
                          R"js(tions) { return [depth, options.depth, options.compact, typeof o)js"
                          R"js(ptions.stylize].join(); } } } })js")
        << QStringLiteral("{ a: { b: 0,2,3,function } }");
    QTest::newRow("custom inspect returning this")
        << QStringLiteral(R"js({ x: 1, [Symbol.for('nodejs.util.inspect.custom')]() { return th)js"
                          R"js(is; } })js")
        << QStringLiteral("{\n  x: 1,\n  [Symbol(nodejs.util.inspect.custom)]: [Function: [nodejs"
                          ".util.inspect.custom]]\n}");
    QTest::newRow("custom inspect multiline")
        << QStringLiteral(R"js({ a: { [Symbol.for('nodejs.util.inspect.custom')]() { return 'li)js"
                          R"js(ne1\nline2'; } } })js")
        << QStringLiteral("{\n  a: line1\n  line2\n}");
    QTest::newRow("custom inspect with inspect argument")
        << QStringLiteral(R"js({ [Symbol.for('nodejs.util.inspect.custom')](depth, options, ins)js"
                          R"js(pect) { return 'W<' + inspect({ k: [1, 'two'] }, options) + '>';)js"
                          R"js( } })js")
        << QStringLiteral("W<{ k: [ 1, 'two' ] }>");
    QTest::newRow("custom inspect on prototype")
        << QStringLiteral(R"js((() => { class C { [Symbol.for('nodejs.util.inspect.custom')]() )js"
                          R"js({ return 'C!'; } }; return [new C(), C.prototype]; })())js")
        << QStringLiteral("[ C!, {} ]");
    QTest::newRow("custom inspect stylize")
        << QStringLiteral(R"js({ [Symbol.for('nodejs.util.inspect.custom')](d, o) { return o.st)js"
                          R"js(ylize('s', 'special'); } })js")
        << QStringLiteral("s");
    QTest::newRow("custom inspect on a proxy")
        << QStringLiteral(R"js(new Proxy({ [Symbol.for('nodejs.util.inspect.custom')]() { retur)js"
                          R"js(n typeof this; } }, {}))js")
        << QStringLiteral("object");
    QTest::newRow("%s with custom inspect")
        << QStringLiteral(R"js('%s', { [Symbol.for('nodejs.util.inspect.custom')]() { return 'c)js"
                          R"js(2'; } })js")
        << QStringLiteral("c2");
}

void TestConsoleFormat::consoleLog()
{
    QFETCH(QString, arguments);
    QFETCH(QString, expected);
    v8::Isolate::Scope isolateScope(m_isolate);
    v8::HandleScope scope(m_isolate);
    const v8::Local<v8::Context> context = m_context.Get(m_isolate);
    v8::Context::Scope contextScope(context);
    const std::vector<v8::Local<v8::Value>> args = evaluateArguments(context, arguments);
    QVERIFY(!args.empty());

    v8::TryCatch tc(m_isolate);
    const std::optional<std::string> text = nano::api::formatLogArguments(context, args);
    QVERIFY(!tc.HasCaught());
    QVERIFY(text);
    QCOMPARE(QString::fromStdString(*text), expected);
}

// util.inspect(value, options)
void TestConsoleFormat::inspectWithOptions_data()
{
    QTest::addColumn<QString>("arguments");
    QTest::addColumn<FormatOptions>("options");
    QTest::addColumn<QString>("expected");

    QTest::newRow("colors")
        << QStringLiteral(R"js({ a: 1, b: 'str', c: null, d: undefined, e: true, f: )js"
                          R"js(Symbol('s'), g: 1n, h: new Date(0), i: /x/, j: [1, , 2], k: )js"
                          R"js(function f() {} })js")
        <<
        [] {
            FormatOptions o;
            o.colors = true;
            return o;
        }()
        << QStringLiteral("{\n"
                          "  a: \033[33m1\033[39m,\n"
                          "  b: \033[32m'str'\033[39m,\n"
                          "  c: \033[1mnull\033[22m,\n"
                          "  d: \033[90mundefined\033[39m,\n"
                          "  e: \033[33mtrue\033[39m,\n"
                          "  f: \033[32mSymbol(s)\033[39m,\n"
                          "  g: \033[33m1n\033[39m,\n"
                          "  h: \033[35m1970-01-01T00:00:00.000Z\033[39m,\n"
                          "  i: \033[31m/x/\033[39m,\n"
                          "  j: [ \033[33m1\033[39m, \033[90m<1 empty item>\033[39m, \033[33m2\033"
                          "[39m ],\n"
                          "  k: \033[36m[Function: f]\033[39m\n"
                          "}");
    QTest::newRow("custom inspect off")
        << QStringLiteral(R"js({ a: { [Symbol.for('nodejs.util.inspect.custom')]() { )js"
                          R"js(return 'C'; } } })js")
        <<
        [] {
            FormatOptions o;
            o.customInspect = false;
            return o;
        }()
        << QStringLiteral("{\n  a: {\n    [Symbol(nodejs.util.inspect.custom)]: [Function: [nodejs"
                          ".util.inspect.custom]]\n  }\n}");
    QTest::newRow("custom inspect stylize with colors")
        << QStringLiteral(R"js({ a: { [Symbol.for('nodejs.util.inspect.custom')](d, o) { )js"
                          R"js(return o.stylize('s', 'special'); } } })js")
        <<
        [] {
            FormatOptions o;
            o.colors = true;
            return o;
        }()
        << QStringLiteral("{ a: \033[36ms\033[39m }");
    QTest::newRow("colors circular")
        << QStringLiteral(R"js((() => { const a = { x: 1 }; a.self = a; return a; })())js") <<
        [] {
            FormatOptions o;
            o.colors = true;
            return o;
        }()
        << QStringLiteral("\033[36m<ref *1>\033[39m { x: \033[33m1\033[39m, self: \033[36m[Circula"
                          "r *1]\033[39m }");
    QTest::newRow("colors grouped")
        << QStringLiteral(R"js(Array.from({ length: 30 }, (_, i) => i * 3))js") <<
        [] {
            FormatOptions o;
            o.colors = true;
            return o;
        }()
        << QStringLiteral("[\n"
                          "   \033[33m0\033[39m,  \033[33m3\033[39m,  \033[33m6\033[39m,  \033[33m"
                          "9\033[39m, \033[33m12\033[39m, \033[33m15\033[39m, \033[33m18\033[39m, "
                          "\033[33m21\033[39m, \033[33m24\033[39m,\n"
                          "  \033[33m27\033[39m, \033[33m30\033[39m, \033[33m33\033[39m, \033[33m3"
                          "6\033[39m, \033[33m39\033[39m, \033[33m42\033[39m, \033[33m45\033[39m, "
                          "\033[33m48\033[39m, \033[33m51\033[39m,\n"
                          "  \033[33m54\033[39m, \033[33m57\033[39m, \033[33m60\033[39m, \033[33m6"
                          "3\033[39m, \033[33m66\033[39m, \033[33m69\033[39m, \033[33m72\033[39m, "
                          "\033[33m75\033[39m, \033[33m78\033[39m,\n"
                          "  \033[33m81\033[39m, \033[33m84\033[39m, \033[33m87\033[39m\n"
                          "]");
    QTest::newRow("depth 0") << QStringLiteral(R"js({ a: { b: 1 }, c: [1] })js") << [] {
        FormatOptions o;
        o.depth = 0;
        return o;
    }() << QStringLiteral("{ a: [Object], c: [Array] }");
    QTest::newRow("depth -1") << QStringLiteral(R"js({ a: 1 })js") << [] {
        FormatOptions o;
        o.depth = -1;
        return o;
    }() << QStringLiteral("[Object]");
    QTest::newRow("depth infinite")
        << QStringLiteral(R"js({ a: { b: { c: { d: { e: { f: 1 } } } } } })js") <<
        [] {
            FormatOptions o;
            o.depth = INT_MAX;
            return o;
        }()
        << QStringLiteral("{\n"
                          "  a: {\n"
                          "    b: {\n"
                          "      c: { d: { e: { f: 1 } } }\n"
                          "    }\n"
                          "  }\n"
                          "}");
    QTest::newRow("sorted") << QStringLiteral(R"js({ c: 1, a: 2, b: { z: 1, y: 2 } })js") << [] {
        FormatOptions o;
        o.sorted = true;
        return o;
    }() << QStringLiteral("{ a: 2, b: { y: 2, z: 1 }, c: 1 }");
    QTest::newRow("showHidden array") << QStringLiteral(R"js([1, 2])js") << [] {
        FormatOptions o;
        o.showHidden = true;
        return o;
    }() << QStringLiteral("[ 1, 2, [length]: 2 ]");
    QTest::newRow("showHidden typed array")
        << QStringLiteral(R"js(new Uint8Array([1, 2]))js") <<
        [] {
            FormatOptions o;
            o.showHidden = true;
            return o;
        }()
        << QStringLiteral("Uint8Array(2) [\n"
                          "  1,\n"
                          "  2,\n"
                          "  [BYTES_PER_ELEMENT]: 1,\n"
                          "  [length]: 2,\n"
                          "  [byteLength]: 2,\n"
                          "  [byteOffset]: 0,\n"
                          "  [buffer]: ArrayBuffer { byteLength: 2 }\n"
                          "]");
    QTest::newRow("showHidden class")
        << QStringLiteral(R"js((() => { class Foo { constructor() { this.x = 1; } get y() { )js"
                          R"js(return 2; } }; return new Foo(); })())js")
        <<
        [] {
            FormatOptions o;
            o.showHidden = true;
            return o;
        }()
        << QStringLiteral("Foo { x: 1, [y]: [Getter] }");
    QTest::newRow("breakLength 20") << QStringLiteral(R"js({ a: 1, b: 2, c: 3, d: 4 })js") <<
        [] {
            FormatOptions o;
            o.breakLength = 20;
            return o;
        }()
                                    << QStringLiteral("{\n"
                                                      "  a: 1,\n"
                                                      "  b: 2,\n"
                                                      "  c: 3,\n"
                                                      "  d: 4\n"
                                                      "}");
    QTest::newRow("maxArrayLength 2")
        << QStringLiteral(R"js([[1, 2, 3], new Set([1, 2, 3]), new Uint8Array(3).buffer])js") <<
        [] {
            FormatOptions o;
            o.maxArrayLength = 2;
            return o;
        }()
        << QStringLiteral("[\n"
                          "  [ 1, 2, ... 1 more item ],\n"
                          "  Set(3) { 1, 2, ... 1 more item },\n"
                          "  ... 1 more item\n"
                          "]");
    QTest::newRow("maxStringLength 3") << QStringLiteral(R"js(['abcdef', 'abcd'])js") << [] {
        FormatOptions o;
        o.maxStringLength = 3;
        return o;
    }() << QStringLiteral("[ 'abc'... 3 more characters, 'abc'... 1 more character ]");
    QTest::newRow("top-level long string")
        << QStringLiteral(R"js('first line is long enough\nsecond line is also long enough to )js"
                          R"js(wrap here\n')js")
        <<
        [] {
            FormatOptions o;
            return o;
        }()
        << QStringLiteral("'first line is long enough\\nsecond line is also long enough to wrap he"
                          "re\\n'");
}

void TestConsoleFormat::inspectWithOptions()
{
    QFETCH(QString, arguments);
    QFETCH(FormatOptions, options);
    QFETCH(QString, expected);
    v8::Isolate::Scope isolateScope(m_isolate);
    v8::HandleScope scope(m_isolate);
    const v8::Local<v8::Context> context = m_context.Get(m_isolate);
    v8::Context::Scope contextScope(context);
    const std::vector<v8::Local<v8::Value>> args = evaluateArguments(context, arguments);
    QCOMPARE(args.size(), std::size_t(1));

    v8::TryCatch tc(m_isolate);
    const std::optional<std::string> text = nano::api::formatValue(context, args[0], options);
    QVERIFY(!tc.HasCaught());
    QVERIFY(text);
    QCOMPARE(QString::fromStdString(*text), expected);
}

// console.table(data, properties)
void TestConsoleFormat::consoleTable_data()
{
    QTest::addColumn<QString>("arguments");
    QTest::addColumn<QString>("expected");

    QTest::newRow("table of objects")
        << QStringLiteral(R"js([{ a: 1, b: 'x' }, { a: 2, c: [1, 2, 3, 4] }])js")
        << QStringLiteral("┌─────────┬───┬─────┬──────────────────────────────┐\n"
                          "│ (index) │ a │ b   │ c                            │\n"
                          "├─────────┼───┼─────┼──────────────────────────────┤\n"
                          "│ 0       │ 1 │ 'x' │                              │\n"
                          "│ 1       │ 2 │     │ [ 1, 2, 3, ... 1 more item ] │\n"
                          "└─────────┴───┴─────┴──────────────────────────────┘");
    QTest::newRow("table of map") << QStringLiteral(R"js(new Map([['a', 1], ['b', { x: 1 }]]))js")
                                  << QStringLiteral("┌───────────────────┬─────┬──────────┐\n"
                                                    "│ (iteration index) │ Key │ Values   │\n"
                                                    "├───────────────────┼─────┼──────────┤\n"
                                                    "│ 0                 │ 'a' │ 1        │\n"
                                                    "│ 1                 │ 'b' │ { x: 1 } │\n"
                                                    "└───────────────────┴─────┴──────────┘");
    QTest::newRow("table with primitives") << QStringLiteral(R"js([1, 'a', { x: 1 }])js")
                                           << QStringLiteral("┌─────────┬───┬────────┐\n"
                                                             "│ (index) │ x │ Values │\n"
                                                             "├─────────┼───┼────────┤\n"
                                                             "│ 0       │   │ 1      │\n"
                                                             "│ 1       │   │ 'a'    │\n"
                                                             "│ 2       │ 1 │        │\n"
                                                             "└─────────┴───┴────────┘");
    QTest::newRow("table of set") << QStringLiteral(R"js(new Set(['x', 'y']))js")
                                  << QStringLiteral("┌───────────────────┬────────┐\n"
                                                    "│ (iteration index) │ Values │\n"
                                                    "├───────────────────┼────────┤\n"
                                                    "│ 0                 │ 'x'    │\n"
                                                    "│ 1                 │ 'y'    │\n"
                                                    "└───────────────────┴────────┘");
    QTest::newRow("table with properties")
        << QStringLiteral(R"js([{ a: 1, b: 2 }, { a: 3, b: 4 }], ['a'])js")
        << QStringLiteral("┌─────────┬───┐\n"
                          "│ (index) │ a │\n"
                          "├─────────┼───┤\n"
                          "│ 0       │ 1 │\n"
                          "│ 1       │ 3 │\n"
                          "└─────────┴───┘");
    QTest::newRow("table of object rows")
        << QStringLiteral(R"js({ r1: { c1: 1, c2: 2 }, r2: { c2: 3, c3: 4 } })js")
        << QStringLiteral("┌─────────┬────┬────┬────┐\n"
                          "│ (index) │ c1 │ c2 │ c3 │\n"
                          "├─────────┼────┼────┼────┤\n"
                          "│ r1      │ 1  │ 2  │    │\n"
                          "│ r2      │    │ 3  │ 4  │\n"
                          "└─────────┴────┴────┴────┘");
    QTest::newRow("table of arrays") << QStringLiteral(R"js([[1, 2], [3, 4, 5]])js")
                                     << QStringLiteral("┌─────────┬───┬───┬───┐\n"
                                                       "│ (index) │ 0 │ 1 │ 2 │\n"
                                                       "├─────────┼───┼───┼───┤\n"
                                                       "│ 0       │ 1 │ 2 │   │\n"
                                                       "│ 1       │ 3 │ 4 │ 5 │\n"
                                                       "└─────────┴───┴───┴───┘");
    QTest::newRow("table wide characters")
        << QStringLiteral(R"js([{ name: '日本語', v: 1 }, { name: 'abc', v: 22 }])js")
        << QStringLiteral("┌─────────┬──────────┬────┐\n"
                          "│ (index) │ name     │ v  │\n"
                          "├─────────┼──────────┼────┤\n"
                          "│ 0       │ '日本語' │ 1  │\n"
                          "│ 1       │ 'abc'    │ 22 │\n"
                          "└─────────┴──────────┴────┘");
    QTest::newRow("table nested objects")
        << QStringLiteral(R"js({ a: { b: 1, c: 2, d: 3 }, e: { f: { g: 1 } } })js")
        << QStringLiteral("┌─────────┬───┬───┬───┬──────────┐\n"
                          "│ (index) │ b │ c │ d │ f        │\n"
                          "├─────────┼───┼───┼───┼──────────┤\n"
                          "│ a       │ 1 │ 2 │ 3 │          │\n"
                          "│ e       │   │   │   │ { g: 1 } │\n"
                          "└─────────┴───┴───┴───┴──────────┘");
    QTest::newRow("table index keys first")
        << QStringLiteral(R"js([{ 2: 'two', b: 'b', 1: 'one' }])js")
        << QStringLiteral("┌─────────┬───────┬───────┬─────┐\n"
                          "│ (index) │ 1     │ 2     │ b   │\n"
                          "├─────────┼───────┼───────┼─────┤\n"
                          "│ 0       │ 'one' │ 'two' │ 'b' │\n"
                          "└─────────┴───────┴───────┴─────┘");
    QTest::newRow("table map iterator") << QStringLiteral(R"js(new Map([[1, 2]]).entries())js")
                                        << QStringLiteral("┌───────────────────┬─────┬────────┐\n"
                                                          "│ (iteration index) │ Key │ Values │\n"
                                                          "├───────────────────┼─────┼────────┤\n"
                                                          "│ 0                 │ 1   │ 2      │\n"
                                                          "└───────────────────┴─────┴────────┘");
    QTest::newRow("table empty") << QStringLiteral(R"js([])js")
                                 << QStringLiteral("┌─────────┐\n"
                                                   "│ (index) │\n"
                                                   "├─────────┤\n"
                                                   "└─────────┘");
    QTest::newRow("table non-object")
        << QStringLiteral(R"js('not an object')js") << QStringLiteral("not an object");
    QTest::newRow("table runs getters") << QStringLiteral(R"js([{ get a() { return 5; } }])js")
                                        << QStringLiteral("┌─────────┬───┐\n"
                                                          "│ (index) │ a │\n"
                                                          "├─────────┼───┤\n"
                                                          "│ 0       │ 5 │\n"
                                                          "└─────────┴───┘");
    QTest::newRow("table null") << QStringLiteral(R"js(null)js") << QStringLiteral("null");
}

void TestConsoleFormat::consoleTable()
{
    QFETCH(QString, arguments);
    QFETCH(QString, expected);
    v8::Isolate::Scope isolateScope(m_isolate);
    v8::HandleScope scope(m_isolate);
    const v8::Local<v8::Context> context = m_context.Get(m_isolate);
    v8::Context::Scope contextScope(context);
    const std::vector<v8::Local<v8::Value>> args = evaluateArguments(context, arguments);
    QVERIFY(!args.empty());

    v8::TryCatch tc(m_isolate);
    const v8::Local<v8::Value> properties =
        args.size() > 1 ? args[1] : v8::Undefined(m_isolate).As<v8::Value>();
    const std::optional<std::string> text = nano::api::formatTable(context, args[0], properties);
    QVERIFY(!tc.HasCaught());
    QVERIFY(text);
    QCOMPARE(QString::fromStdString(*text), expected);
}

// Values on which Node runs no user code although a script could expect it (accessors print as
// [Getter]) and Proxies, whose traps we never run where Node does: no getter or trap runs
// (they would bump globalThis.calls) and no exception is left pending.
void TestConsoleFormat::safety_data()
{
    QTest::addColumn<QString>("arguments");
    QTest::addColumn<bool>("table");
    QTest::addColumn<QString>("expected");

    QTest::newRow("throwing getter")
        << QStringLiteral(R"js({ get boom() { calls++; throw new Error('getter'); } })js") << false
        << QStringLiteral("{ boom: [Getter] }");
    QTest::newRow("getter on array element")
        << QStringLiteral(R"js(Object.defineProperty([1, 2], 0, { get() { calls++; return 5; } )js"
                          R"js(}))js")
        << false << QStringLiteral("[ [Getter], 2 ]");
    QTest::newRow("proxy traps")
        << QStringLiteral(R"js(new Proxy({ a: 1 }, { get() { calls++; }, has() { calls++; )js"
                          R"js(return false; }, ownKeys() { calls++; return []; }, )js"
                          R"js(getOwnPropertyDescriptor() { calls++; }, getPrototypeOf() { )js"
                          R"js(calls++; return null; } }))js")
        << false << QStringLiteral("{ a: 1 }");
    QTest::newRow("proxy in prototype chain")
        << QStringLiteral(R"js(Object.setPrototypeOf({ a: 1 }, new Proxy({}, { get() { )js"
                          R"js(calls++; }, getPrototypeOf() { calls++; return null; }, )js"
                          R"js(getOwnPropertyDescriptor() { calls++; } })))js")
        << false << QStringLiteral("{ a: 1 }");
    QTest::newRow("constructor getter")
        << QStringLiteral(R"js((() => { function F() {}; Object.defineProperty(F.prototype, )js"
                          R"js('constructor', { get() { calls++; throw new Error('c'); } }); )js"
                          R"js(return new F(); })())js")
        << false << QStringLiteral("{}");
    QTest::newRow("table of proxy")
        << QStringLiteral(R"js(new Proxy([{ a: 1 }], { get() { calls++; }, ownKeys() { )js"
                          R"js(calls++; return []; }, getOwnPropertyDescriptor() { calls++; } )js"
                          R"js(}))js")
        << true
        << QStringLiteral("┌─────────┬───┐\n"
                          "│ (index) │ a │\n"
                          "├─────────┼───┤\n"
                          "│ 0       │ 1 │\n"
                          "└─────────┴───┘");
}

void TestConsoleFormat::safety()
{
    QFETCH(QString, arguments);
    QFETCH(bool, table);
    QFETCH(QString, expected);
    v8::Isolate::Scope isolateScope(m_isolate);
    v8::HandleScope scope(m_isolate);
    const v8::Local<v8::Context> context = m_context.Get(m_isolate);
    v8::Context::Scope contextScope(context);
    const std::vector<v8::Local<v8::Value>> args = evaluateArguments(context, arguments);
    QVERIFY(!args.empty());

    v8::TryCatch tc(m_isolate);
    const std::optional<std::string> text =
        table ? nano::api::formatTable(context, args[0], v8::Undefined(m_isolate))
              : nano::api::formatLogArguments(context, args);
    QVERIFY(!tc.HasCaught());
    QCOMPARE(callsCounter(context), 0);
    QVERIFY(text);
    QCOMPARE(QString::fromStdString(*text), expected);
}

// User code the formatter calls where Node calls it: its exception leaves the formatter
// (nullopt, exception pending) as it leaves Node's console.log.
void TestConsoleFormat::propagation_data()
{
    QTest::addColumn<QString>("arguments");
    QTest::addColumn<bool>("table");
    QTest::addColumn<QString>("expected"); // String(exception)

    QTest::newRow("%s with throwing toString")
        << QStringLiteral(R"js('%s', { toString() { throw new Error('ts'); } })js") << false
        << QStringLiteral("Error: ts");
    QTest::newRow("%s of a function with throwing toString")
        << QStringLiteral(R"js('%s', Object.assign(() => {}, { toString() { throw 1; } }))js")
        << false << QStringLiteral("1");
    QTest::newRow("%d with throwing valueOf")
        << QStringLiteral(R"js('%d', { valueOf() { throw new Error('vo'); } })js") << false
        << QStringLiteral("Error: vo");
    QTest::newRow("%i with throwing toString")
        << QStringLiteral(R"js('%i', { toString() { throw new Error('ti'); } })js") << false
        << QStringLiteral("Error: ti");
    QTest::newRow("%f with throwing toString")
        << QStringLiteral(R"js('%f', { toString() { throw new Error('tf'); } })js") << false
        << QStringLiteral("Error: tf");
    QTest::newRow("%j of bigint") << QStringLiteral(R"js('%j', 1n)js") << false
                                  << QStringLiteral(
                                         "TypeError: Do not know how to serialize a BigInt");
    QTest::newRow("%j with throwing toJSON")
        << QStringLiteral(R"js('%j', { toJSON() { throw new Error('tj'); } })js") << false
        << QStringLiteral("Error: tj");
    QTest::newRow("throwing stack getter")
        << QStringLiteral(R"js((() => { const e = new Error('x'); Object.defineProperty(e, )js"
                          R"js('stack', { get() { throw new Error('no'); } }); return e; })())js")
        << false << QStringLiteral("Error: no");
    QTest::newRow("throwing message getter")
        << QStringLiteral(R"js((() => { const e = new Error('x'); Object.defineProperty(e, )js"
                          R"js('message', { get() { throw new Error('m'); } }); return e; })())js")
        << false << QStringLiteral("Error: m");
    QTest::newRow("throwing name getter")
        << QStringLiteral(R"js((() => { class E extends Error { get name() { throw )js"
                          R"js(new Error('n'); } }; return new E('x'); })())js")
        << false << QStringLiteral("Error: n");
    QTest::newRow("throwing toStringTag getter, nested")
        << QStringLiteral(R"js({ a: [{ get [Symbol.toStringTag]() { throw new Error('tag'); } )js"
                          R"js(}] })js")
        << false << QStringLiteral("Error: tag");
    QTest::newRow("throwing toStringTag getter in a Map")
        << QStringLiteral(R"js(new Map([[1, { get [Symbol.toStringTag]() { throw 'm'; } }]]))js")
        << false << QStringLiteral("m");
    QTest::newRow("throwing custom inspect")
        << QStringLiteral(R"js({ [Symbol.for('nodejs.util.inspect.custom')]() { throw )js"
                          R"js(new RangeError('ci'); } })js")
        << false << QStringLiteral("RangeError: ci");
    QTest::newRow("table with throwing getter")
        << QStringLiteral(R"js([{ get a() { throw new Error('g'); } }])js") << true
        << QStringLiteral("Error: g");
    QTest::newRow("table with throwing row getter")
        << QStringLiteral(R"js({ get row() { throw new Error('r'); } })js") << true
        << QStringLiteral("Error: r");
}

void TestConsoleFormat::propagation()
{
    QFETCH(QString, arguments);
    QFETCH(bool, table);
    QFETCH(QString, expected);
    v8::Isolate::Scope isolateScope(m_isolate);
    v8::HandleScope scope(m_isolate);
    const v8::Local<v8::Context> context = m_context.Get(m_isolate);
    v8::Context::Scope contextScope(context);
    const std::vector<v8::Local<v8::Value>> args = evaluateArguments(context, arguments);
    QVERIFY(!args.empty());

    v8::TryCatch tc(m_isolate);
    const std::optional<std::string> text =
        table ? nano::api::formatTable(context, args[0], v8::Undefined(m_isolate))
              : nano::api::formatLogArguments(context, args);
    QVERIFY(!text);
    QVERIFY(tc.HasCaught());
    QCOMPARE(QString::fromUtf8(*v8::String::Utf8Value(m_isolate, tc.Exception())), expected);
}

// Like QTEST_GUILESS_MAIN, with V8 initialised once for the whole run.
int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    v8::V8::InitializeICUDefaultLocation(argv[0]);
    std::unique_ptr<v8::Platform> platform = v8::platform::NewDefaultPlatform();
    v8::V8::InitializePlatform(platform.get());
    v8::V8::Initialize();
    std::unique_ptr<v8::ArrayBuffer::Allocator> allocator(
        v8::ArrayBuffer::Allocator::NewDefaultAllocator());
    v8::Isolate::CreateParams params;
    params.array_buffer_allocator = allocator.get();
    v8::Isolate* isolate = v8::Isolate::New(params);

    int result;
    {
        TestConsoleFormat test(isolate);
        QTEST_SET_MAIN_SOURCE_PATH
        result = QTest::qExec(&test, argc, argv);
    }
    isolate->Dispose();
    v8::V8::Dispose();
    v8::V8::DisposePlatform();
    return result;
}

#include "tst_console_format.moc"
