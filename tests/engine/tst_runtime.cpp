// core::Runtime's services for APIs: teardown hooks, engine-thread objects, async operations.

#include "bind/isolate_data.h"
#include "bind/promise.h"
#include "core/async_operation.h"
#include "test_runtime.h"

#include <QTest>

using namespace nano;

namespace {
int g_threadObjectsAlive = 0;
class Transport final : public QObject {
public:
    Transport() { ++g_threadObjectsAlive; }
    ~Transport() override { --g_threadObjectsAlive; }
    QThread* createdOn = QThread::currentThread();
};
} // namespace

class TestRuntime : public QObject {
    Q_OBJECT

private slots:
    void teardownHooksRunWhenTheRunEndsAndOnDestruction()
    {
        QStringList ran;
        auto test = std::make_unique<test::TestRuntime>(std::vector<core::Installer>{});
        core::Runtime& runtime = test->runtime();
        runtime.addTeardownHook([&] { ran << QStringLiteral("a"); });
        const uint64_t removed = runtime.addTeardownHook([&] { ran << QStringLiteral("removed"); });
        runtime.addTeardownHook([&] {
            ran << QStringLiteral("b");
            // Added by a hook: runs at the next teardown, not now.
            test->runtime().addTeardownHook([&] { ran << QStringLiteral("later"); });
        });
        runtime.removeTeardownHook(removed);
        runtime.requestStop(core::StopReason::Stop);
        runtime.finishIfStopRequested();
        QCOMPARE(ran, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        test.reset(); // the runtime's destruction runs what was added since
        QCOMPARE(ran,
                 (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("later")}));
    }

    void threadObjectsAreMadeOnceAndDestroyedWithTheRuntime()
    {
        auto test = std::make_unique<test::TestRuntime>(std::vector<core::Installer>{});
        QCOMPARE(g_threadObjectsAlive, 0);
        Transport& first = test->runtime().threadObject<Transport>();
        Transport& second = test->runtime().threadObject<Transport>();
        QCOMPARE(&first, &second);
        QCOMPARE(first.createdOn, QThread::currentThread());
        QCOMPARE(g_threadObjectsAlive, 1);
        test.reset();
        QCOMPARE(g_threadObjectsAlive, 0);
    }

    void asyncOperationKeepsTheRunAliveUntilSettled()
    {
        auto test = std::make_unique<test::TestRuntime>(std::vector<core::Installer>{});
        core::Runtime& runtime = test->runtime();
        v8::Isolate* isolate = runtime.isolate();
        v8::HandleScope scope(isolate);
        v8::Context::Scope contextScope(runtime.context());
        QVERIFY(!runtime.loop().isAlive());
        auto operation = core::AsyncOperation::create(runtime.context());
        QVERIFY(!operation.isEmpty());
        QVERIFY(runtime.loop().isAlive()); // the pending operation holds the run open
        v8::Local<v8::Promise> promise = operation.promise(isolate);
        // From outside a task (a Qt slot): settled in a task of its own.
        core::AsyncOperation::settleInTask(std::move(operation),
                                           [](v8::Isolate* i, core::AsyncOperation& op) {
                                               op.resolve(i, v8::Number::New(i, 42));
                                           });
        QCOMPARE(promise->State(), v8::Promise::kPending);
        QTRY_COMPARE(promise->State(), v8::Promise::kFulfilled);
        QCOMPARE(promise->Result()->NumberValue(runtime.context()).FromJust(), 42.0);
        QTRY_VERIFY(runtime.isFinished()); // nothing held the run open any more
    }

    void settlingOutsideATaskIsLoggedAndDoneFromATask()
    {
        auto test = std::make_unique<test::TestRuntime>(std::vector<core::Installer>{});
        core::Runtime& runtime = test->runtime();
        v8::Isolate* isolate = runtime.isolate();
        v8::HandleScope scope(isolate);
        v8::Context::Scope contextScope(runtime.context());
        // A bug of ours (a settle straight from a Qt slot): logged, and done from a task.
        auto misused = core::AsyncOperation::create(runtime.context());
        v8::Local<v8::Promise> second = misused.promise(isolate);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("outside a task"));
        misused.reject(isolate, v8::Number::New(isolate, 7));
        QCOMPARE(second->State(), v8::Promise::kPending);
        QTRY_COMPARE(second->State(), v8::Promise::kRejected);
    }

    // What a C++ byte source or the fetch transport does when it fails: reject with a spec
    // error that names its class and where it came from, as a bound call's throw does.
    void rejectWithMakesTheNamedError()
    {
        auto test = std::make_unique<test::TestRuntime>(std::vector<core::Installer>{});
        core::Runtime& runtime = test->runtime();
        v8::Isolate* isolate = runtime.isolate();
        v8::HandleScope scope(isolate);
        v8::Local<v8::Context> context = runtime.context();
        v8::Context::Scope contextScope(context);
        auto operation = core::AsyncOperation::create(context);
        v8::Local<v8::Promise> promise = operation.promise(isolate);
        core::AsyncOperation::settleInTask(
            std::move(operation), [](v8::Isolate* i, core::AsyncOperation& op) {
                bind::CallSite site{bind::CallSite::Kind::Method, "Thing", "read"};
                op.rejectWith(i, "TypeError", site, "the source failed.");
            });
        QTRY_COMPARE(promise->State(), v8::Promise::kRejected);
        v8::Local<v8::Value> error = promise->Result();
        QVERIFY(error->IsNativeError());
        const QString text = QString::fromUtf8(*v8::String::Utf8Value(isolate, error));
        QCOMPARE(text, QStringLiteral("TypeError: Failed to execute 'read' on 'Thing': the source "
                                      "failed."));
        QTRY_VERIFY(runtime.isFinished()); // the settle ended the keep-alive
    }

    void reactRunsCppWhenAPromiseSettles()
    {
        test::TestRuntime test(std::vector<core::Installer>{});
        v8::Isolate* isolate = test.isolate();
        v8::HandleScope scope(isolate);
        v8::Local<v8::Context> context = test.runtime().context();
        v8::Context::Scope contextScope(context);
        auto resolver = v8::Promise::Resolver::New(context).ToLocalChecked();
        QString seen;
        QVERIFY(bind::react(
            context, resolver->GetPromise(),
            [&](v8::Isolate* i, v8::Local<v8::Value> v) {
                seen =
                    QStringLiteral("fulfilled ") + QString::fromUtf8(*v8::String::Utf8Value(i, v));
            },
            [&](v8::Isolate*, v8::Local<v8::Value>) { seen = QStringLiteral("rejected"); }));
        resolver->Resolve(context, bind::name(isolate, "x")).Check();
        QVERIFY(seen.isEmpty()); // a reaction job: in the checkpoint
        isolate->PerformMicrotaskCheckpoint();
        QCOMPARE(seen, QStringLiteral("fulfilled x"));
        // A promise that never settles takes its reaction's state with it when collected.
        for (int i = 0; i < 1000; ++i) {
            v8::HandleScope inner(isolate);
            auto pending = v8::Promise::Resolver::New(context).ToLocalChecked();
            QVERIFY(bind::react(context, pending->GetPromise(), nullptr, nullptr));
        }
        isolate->LowMemoryNotification();
        isolate->LowMemoryNotification();
        size_t reactions = 0;
        for (const auto& [name, count] : bind::IsolateData::get(isolate)->liveObjectCounts())
            if (std::string_view(name) == "PromiseReaction") reactions = count;
        QVERIFY2(reactions < 10, qPrintable(QString::number(reactions)));
    }
};

QTEST_GUILESS_MAIN(TestRuntime)
#include "tst_runtime.moc"
