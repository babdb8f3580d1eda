#include "api/global_scope.h"

#include "bind/dom_exception.h"
#include "bind/isolate_data.h"
#include "bind/namespace_builder.h"
#include "core/runtime.h"

#include <QLocale>
#include <QThread>

namespace nano::api {

namespace {

// https://html.spec.whatwg.org/#dom-reporterror
void reportError(bind::CallContext& cx, v8::Local<v8::Value> error)
{
    core::Runtime::from(cx.isolate())
        ->reportException(error, v8::Local<v8::Message>(), core::Runtime::ReportKind::Reported);
}

// https://html.spec.whatwg.org/#dom-queuemicrotask. A throwing callback is reported as an
// uncaught exception (Runtime::onMessage).
void queueMicrotask(bind::CallContext& cx, v8::Local<v8::Function> callback)
{
    cx.isolate()->EnqueueMicrotask(callback);
}

void nanoExit(bind::CallContext& cx, std::optional<bind::EnforceRange<int32_t>> code)
{
    core::Runtime::from(cx.isolate())->exit(code ? code->value : 0);
}

// Nano.liveObjects(): how many objects of each of our classes are alive (not yet collected),
// as { ClassName: count }: for finding leaks, and for the tests that prove there are none.
v8::Local<v8::Value> nanoLiveObjects(bind::CallContext& cx)
{
    v8::Isolate* isolate = cx.isolate();
    v8::Local<v8::Context> context = cx.context();
    v8::Local<v8::Object> counts = v8::Object::New(isolate);
    for (const auto& [name, count] : bind::IsolateData::get(isolate)->liveObjectCounts())
        counts
            ->CreateDataProperty(context, bind::name(isolate, name),
                                 v8::Number::New(isolate, static_cast<double>(count)))
            .Check();
    return counts;
}

class Navigator final : public bind::Wrappable {
    NANO_BIND_CLASS(Navigator)
public:
    std::string userAgent() const { return "NANO/" NANO_VERSION; }
    int32_t hardwareConcurrency() const { return std::max(1, QThread::idealThreadCount()); }
    std::string language() const { return QLocale::system().bcp47Name().toStdString(); }
    std::vector<std::string> languages() const { return {language()}; }
    static void define(bind::ClassBuilder<Navigator>& c)
    {
        c.readonlyAttribute<&Navigator::userAgent>("userAgent")
            .readonlyAttribute<&Navigator::hardwareConcurrency>("hardwareConcurrency")
            .readonlyAttribute<&Navigator::language>("language")
            .readonlyAttribute<&Navigator::languages>("languages");
    }
};

void installNano(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    v8::Isolate* isolate = context->GetIsolate();
    const RunRequest& request = core::Runtime::from(isolate)->request();
    std::vector<std::string> args;
    for (const QString& arg : request.args)
        args.push_back(arg.toStdString());
    v8::Local<v8::Value> argsArray;
    if (!bind::toJs(isolate, args).ToLocal(&argsArray)) return;
    argsArray.As<v8::Object>()->SetIntegrityLevel(context, v8::IntegrityLevel::kFrozen).Check();
    auto nano = bind::NamespaceBuilder::create(context, global, "Nano");
    nano.value("version", bind::name(isolate, NANO_VERSION), v8::ReadOnly)
        .value("args", argsArray, v8::ReadOnly)
        .function<&nanoExit>("exit")
        .function<&nanoLiveObjects>("liveObjects");
}

} // namespace

void installGlobalScope(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    v8::Isolate* isolate = context->GetIsolate();
    global->Set(context, bind::name(isolate, "self"), global).Check();
    bind::DOMException::install(context, global);
    bind::NamespaceBuilder(context, global, nullptr)
        .function<&reportError>("reportError")
        .function<&queueMicrotask>("queueMicrotask");
    bind::exposeLazily<Navigator>(context, global);
    bind::exposeSingleton<Navigator>(context, global, "navigator");
    installNano(context, global);
}

} // namespace nano::api
