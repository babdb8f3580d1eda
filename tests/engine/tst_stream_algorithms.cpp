// C++ stream algorithms that fail: a native source's pull, a native sink's write or close that
// leaves an exception pending instead of returning a promise (V8 could not allocate, a
// conversion threw) takes the stream's rejection path, as a script's callback that throws
// does: the read or write rejects with that exception and the stream errors. One that fails
// without any exception (our own bug) logs and errors the stream with a TypeError.

#include "api/streams/readable_stream.h"
#include "api/streams/streams.h"
#include "api/streams/underlying_sink.h"
#include "api/streams/underlying_source.h"
#include "api/streams/writable_stream.h"
#include "bind/errors.h"
#include "test_runtime.h"

#include <QRegularExpression>
#include <QTest>

using namespace nano;
using namespace nano::api::streams;

namespace {

bool g_throw = true; // false: fail without an exception

class FailingAlgorithms final : public bind::Wrappable,
                                public SourceAlgorithms,
                                public SinkAlgorithms {
    NANO_BIND_CLASS(FailingAlgorithms)
public:
    static void define(bind::ClassBuilder<FailingAlgorithms>&) {}

    v8::Local<v8::Promise> fail(v8::Isolate* isolate, const char* what)
    {
        if (g_throw) bind::throwRangeError(isolate, what);
        return {};
    }
    v8::Local<v8::Promise> pullAlgorithm(v8::Isolate* isolate, ReadableStreamController*) override
    {
        return fail(isolate, "pull failed");
    }
    v8::Local<v8::Promise> cancelAlgorithm(v8::Isolate* isolate, ReadableStreamController*,
                                           v8::Local<v8::Value>) override
    {
        return fail(isolate, "cancel failed");
    }
    v8::Local<v8::Promise> writeAlgorithm(v8::Isolate* isolate, WritableStreamDefaultController*,
                                          v8::Local<v8::Value>) override
    {
        return fail(isolate, "write failed");
    }
    v8::Local<v8::Promise> closeAlgorithm(v8::Isolate* isolate,
                                          WritableStreamDefaultController*) override
    {
        return fail(isolate, "close failed");
    }
    v8::Local<v8::Promise> abortAlgorithm(v8::Isolate* isolate, WritableStreamDefaultController*,
                                          v8::Local<v8::Value>) override
    {
        return fail(isolate, "abort failed");
    }
};

// failingStreams() -> [a ReadableStream, a WritableStream] over one FailingAlgorithms.
void failingStreams(const v8::FunctionCallbackInfo<v8::Value>& info)
{
    v8::Isolate* isolate = info.GetIsolate();
    auto* algorithms = bind::create<FailingAlgorithms>(isolate);
    ReadableStream* readable = createReadableStream(isolate, algorithms, algorithms, 0);
    WritableStream* writable = createWritableStream(isolate, algorithms, algorithms);
    v8::Local<v8::Value> both[] = {readable->wrapper(), writable->wrapper()};
    info.GetReturnValue().Set(v8::Array::New(isolate, both, 2));
}

void installFailingStreams(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    v8::Isolate* isolate = context->GetIsolate();
    global
        ->Set(context, bind::name(isolate, "failingStreams"),
              v8::Function::New(context, failingStreams).ToLocalChecked())
        .Check();
}

const char* const kScript = R"(
    globalThis.outcome = [];
    const note = (what) => [() => outcome.push(what + ": fulfilled"),
                            (e) => outcome.push(what + ": " + e.name + " " + e.message)];
    {
        const [readable, writable] = failingStreams();
        const reader = readable.getReader();
        reader.read().then(...note("read"));
        reader.closed.then(...note("readable closed"));
        const writer = writable.getWriter();
        writer.write(1).then(...note("write"));
        writer.closed.then(...note("writable closed"));
    }
    {
        const [, writable] = failingStreams();
        writable.getWriter().close().then(...note("close"));
    }
    {
        const [readable, writable] = failingStreams();
        readable.cancel("x").then(...note("cancel"));
        writable.abort("x").then(...note("abort"));
    }
    undefined
)";

} // namespace

class TestStreamAlgorithms : public QObject {
    Q_OBJECT

    QString run()
    {
        test::TestRuntime test({&api::streams::installStreams, &installFailingStreams});
        test.eval(kScript);
        for (int i = 0; i < 5; ++i) test.eval("undefined"); // more microtask checkpoints
        return test.eval("outcome.sort().join('\\n')");
    }

private slots:
    // Every stream class that declares kInlineReferences declares as many as it has Members
    // (bind::Wrappable::wrap warns otherwise): none spills onto the slow reference array.
    void everyStreamClassKeepsItsMembersInline()
    {
        QTest::failOnWarning(QRegularExpression(QStringLiteral("kInlineReferences")));
        test::TestRuntime test({&api::streams::installStreams});
        test.eval(R"(
            const bytes = () => new ReadableStream({ type: "bytes", pull(c) {
                if (c.byobRequest) { c.byobRequest.view[0] = 1; c.byobRequest.respond(1); }
                else c.enqueue(new Uint8Array(1)); } });
            const [a, b] = bytes().tee();
            a.getReader({ mode: "byob" }).read(new Uint8Array(4));
            b.getReader().read();
            const [c, d] = new ReadableStream({ pull(c) { c.enqueue(1); } }).tee();
            c.getReader().read(); d.cancel();
            const t = new TransformStream();
            ReadableStream.from([1, 2]).pipeThrough(t).pipeTo(new WritableStream());
            new WritableStream().getWriter().write(1);
            undefined)");
        for (int i = 0; i < 5; ++i) test.eval("undefined");
    }

    void anExceptionFromANativeAlgorithmRejectsAndErrorsTheStream()
    {
        g_throw = true;
        QCOMPARE(run(), QStringLiteral("abort: RangeError abort failed\n"
                                       "cancel: RangeError cancel failed\n"
                                       "close: RangeError close failed\n"
                                       "read: RangeError pull failed\n"
                                       "readable closed: RangeError pull failed\n"
                                       "writable closed: RangeError write failed\n"
                                       "write: RangeError write failed"));
    }

    void aFailureWithoutAnExceptionIsLoggedAndErrorsWithATypeError()
    {
        g_throw = false;
        for (const char* algorithm : {"pull", "write", "close", "cancel", "abort"})
            QTest::ignoreMessage(QtWarningMsg,
                                 QRegularExpression(QStringLiteral("the %1 algorithm returned no "
                                                                   "promise and threw nothing$")
                                                        .arg(QLatin1String(algorithm))));
        const QString outcome = run();
        QCOMPARE(outcome.count(QStringLiteral("TypeError")), 7);
        QVERIFY2(!outcome.contains(QStringLiteral("fulfilled")), qPrintable(outcome));
    }
};

QTEST_GUILESS_MAIN(TestStreamAlgorithms)
#include "tst_stream_algorithms.moc"
