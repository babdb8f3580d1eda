#include "api/global_scope.h"

#include "bind/dom_exception.h"
#include "bind/isolate_data.h"
#include "bind/namespace_builder.h"
#include "core/module_loader.h"
#include "core/runtime.h"

#include <QLocale>
#include <QThread>
#include <cstring>

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

// Nano.bundle.read(path): an extra file of the running bundle, as a new Uint8Array. `path` is
// a bundle path ("data/config.json", a leading "/" or "./" allowed) or a nanobundle: URL
// (new URL("./data.txt", import.meta.url)).
v8::Local<v8::Value> nanoBundleRead(bind::CallContext& cx, QString path)
{
    v8::Isolate* isolate = cx.isolate();
    core::Runtime* runtime = core::Runtime::from(isolate);
    QString url = path;
    if (!path.startsWith(QLatin1String("nanobundle:"))) {
        if (path.startsWith(QLatin1String("./"))) path.remove(0, 2);
        if (path.startsWith(QLatin1Char('/'))) path.remove(0, 1);
        url = core::ModuleLoader::bundleUrl(path);
    }
    const QByteArray* bytes = runtime->modules().bundleFile(url);
    if (!bytes) {
        cx.throwDOMException("NotFoundError",
                             ("'" + path + "' is not a file of this bundle").toStdString());
        return {};
    }
    std::unique_ptr<v8::BackingStore> store =
        v8::ArrayBuffer::NewBackingStore(isolate, bytes->size());
    if (!store || (bytes->size() > 0 && !store->Data())) {
        cx.throwRangeError("Array buffer allocation failed");
        return {};
    }
    if (bytes->size() > 0) std::memcpy(store->Data(), bytes->constData(), bytes->size());
    v8::Local<v8::ArrayBuffer> buffer =
        v8::ArrayBuffer::New(isolate, std::shared_ptr<v8::BackingStore>(std::move(store)));
    return v8::Uint8Array::New(buffer, 0, bytes->size());
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
    // Nano.bundle: only in a bundle's run ({ name, read(path) }).
    if (request.bundle.isEmpty()) return;
    auto bundle = bind::NamespaceBuilder::create(context, nano.object(), "bundle");
    v8::Local<v8::String> bundleName;
    if (!bind::newString(isolate, request.bundle.displayName).ToLocal(&bundleName)) return;
    bundle.value("name", bundleName, v8::ReadOnly).function<&nanoBundleRead>("read");
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
