#include "core/module_loader.h"

#include "bind/errors.h"
#include "bind/promise.h"
#include "bind/strings.h"
#include "core/runtime.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>
#include <memory>

namespace nano::core {

namespace {

const QLatin1String UntitledScheme("untitled:");
// A bundle's modules: nanobundle:/PATH, loaded from RunRequest::bundle (never from disk).
const QLatin1String BundleScheme("nanobundle");

ModuleLoader* loaderOf(v8::Local<v8::Context> context)
{
    return &Runtime::from(context->GetIsolate())->modules();
}

QString fileUrl(const QString& path)
{
    return QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toString(QUrl::FullyEncoded);
}

bool readText(const QString& path, QString& out, QString& error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = file.errorString();
        return false;
    }
    QByteArray bytes = file.readAll();
    if (bytes.startsWith("\xEF\xBB\xBF")) bytes.remove(0, 3);
    out = QString::fromUtf8(bytes);
    // A shebang line is allowed at the top of scripts, as Node and browsers allow `#!`.
    return true;
}

QString decodeUtf8(QByteArray bytes)
{
    if (bytes.startsWith("\xEF\xBB\xBF")) bytes.remove(0, 3);
    return QString::fromUtf8(bytes);
}

} // namespace

QString ModuleLoader::bundleUrl(const QString& bundlePath)
{
    return QUrl(QStringLiteral("nanobundle:/") + bundlePath).toString(QUrl::FullyEncoded);
}

QString ModuleLoader::resourceNameOf(const QString& url) const
{
    const BundleImage& bundle = m_runtime.request().bundle;
    const QUrl parsed(url);
    if (bundle.isEmpty() || parsed.scheme() != BundleScheme) return url;
    return bundle.displayName + QLatin1Char('!') + parsed.path();
}

QString ModuleLoader::urlOfResourceName(const QString& name) const
{
    const BundleImage& bundle = m_runtime.request().bundle;
    const QString prefix = bundle.displayName + QStringLiteral("!/");
    if (bundle.isEmpty() || !name.startsWith(prefix)) return name;
    return bundleUrl(name.mid(prefix.size()));
}

const QByteArray* ModuleLoader::bundleFile(const QString& url) const
{
    const QHash<QString, QByteArray>& files = m_runtime.request().bundle.files;
    const QUrl parsed(url);
    if (parsed.scheme() != BundleScheme || !parsed.path().startsWith(QLatin1Char('/')))
        return nullptr;
    auto it = files.constFind(parsed.path().mid(1));
    return it == files.constEnd() ? nullptr : &*it;
}

ModuleLoader::ModuleLoader(Runtime& runtime)
    : m_runtime(runtime)
    , m_isolate(runtime.isolate())
{
    m_isolate->SetHostImportModuleDynamicallyCallback(&ModuleLoader::importCallback);
    m_isolate->SetHostInitializeImportMetaObjectCallback(&ModuleLoader::importMetaCallback);
}

ModuleLoader::~ModuleLoader() = default;

bool ModuleLoader::entrySource(const RunRequest& request, QString& url, QString& source)
{
    if (!request.bundle.isEmpty()) {
        url = bundleUrl(request.bundle.entry);
        const QByteArray* bytes = bundleFile(url);
        if (!bytes) {
            bind::throwError(
                m_isolate,
                ("The bundle has no entry module '" + request.bundle.entry + "'").toStdString());
            return false;
        }
        source = decodeUtf8(*bytes);
    } else if (request.filePath.isEmpty()) {
        const QString name =
            request.sourceName.isEmpty() ? QStringLiteral("untitled.js") : request.sourceName;
        // An embedder's unsaved buffer ("untitled:untitled-2.js") keeps its own URL, so that
        // stack traces do not name a file that does not exist.
        url = name.startsWith(UntitledScheme) ? name
                                              : fileUrl(QDir::current().absoluteFilePath(name));
        source = request.source;
    } else {
        url = fileUrl(request.filePath);
        QString error;
        if (!readText(request.filePath, source, error)) {
            bind::throwError(m_isolate,
                             ("Cannot read '" + request.filePath + "': " + error).toStdString());
            return false;
        }
    }
    m_entryUrl = url;
    return true;
}

v8::MaybeLocal<v8::Promise> ModuleLoader::evaluateEntry(const QString& url, const QString& source)
{
    v8::Local<v8::Context> context = m_runtime.context();
    v8::Local<v8::Module> module;
    // After the last line (a "//" comment there ends at the newline): a function declaration
    // is initialised when the module is linked, before any of its code runs. Strict (module)
    // code may not bind `arguments` or `eval`, so neither can be shadowed.
    const QString withScope = source + QStringLiteral("\n;export function %1() { return "
                                                      "eval(arguments[0]); }\n")
                                           .arg(QLatin1String(replScopeName()));
    if (!compile(url, withScope).ToLocal(&module)) return {};
    if (!module->InstantiateModule(context, &ModuleLoader::resolveCallback).FromMaybe(false))
        return {};
    v8::Local<v8::Value> scope;
    if (module->GetModuleNamespace()
            .As<v8::Object>()
            ->Get(context, bind::name(m_isolate, replScopeName()))
            .ToLocal(&scope) &&
        scope->IsFunction())
        m_replScope.Reset(m_isolate, scope.As<v8::Function>());
    v8::Local<v8::Value> result;
    if (!module->Evaluate(context).ToLocal(&result)) return {};
    if (!result->IsPromise()) return {};
    return result.As<v8::Promise>();
}

v8::MaybeLocal<v8::Module> ModuleLoader::compile(const QString& url, const QString& source)
{
    v8::Local<v8::String> code, name;
    if (!bind::newString(m_isolate, source).ToLocal(&code) ||
        !bind::newString(m_isolate, resourceNameOf(url)).ToLocal(&name)) {
        bind::throwRangeError(m_isolate, ("Module too large: " + url).toStdString());
        return {};
    }
    v8::ScriptOrigin origin(m_isolate, name, 0, 0, false, -1, v8::Local<v8::Value>(), false, false,
                            true /* is_module */);
    v8::ScriptCompiler::Source compilerSource(code, origin);
    v8::Local<v8::Module> module;
    if (!v8::ScriptCompiler::CompileModule(m_isolate, &compilerSource).ToLocal(&module)) return {};
    Record& record = m_byUrl[keyOf(url, false)];
    record.url = url;
    record.module.Reset(m_isolate, module);
    m_urlByHash.emplace(module->GetIdentityHash(), keyOf(url, false));
    return module;
}

ModuleLoader::Record* ModuleLoader::recordOf(v8::Local<v8::Module> module)
{
    auto range = m_urlByHash.equal_range(module->GetIdentityHash());
    for (auto it = range.first; it != range.second; ++it) {
        auto found = m_byUrl.find(it->second);
        if (found != m_byUrl.end() && found->second.module.Get(m_isolate) == module)
            return &found->second;
    }
    return nullptr;
}

QString ModuleLoader::resolve(const QString& specifier, const QString& referrerUrl, bool forImport)
{
    const QString from = referrerUrl.isEmpty() ? m_entryUrl : referrerUrl;
    // An unsaved buffer's relative imports resolve against the working directory.
    const QString base =
        from.startsWith(UntitledScheme)
            ? fileUrl(QDir::current().absoluteFilePath(from.mid(UntitledScheme.size())))
            : from;
    const bool relative = specifier.startsWith(QLatin1String("./")) ||
                          specifier.startsWith(QLatin1String("../")) ||
                          specifier.startsWith(QLatin1Char('/'));
    QUrl target;
    if (relative) {
        target = QUrl(base).resolved(QUrl(specifier));
    } else {
        QUrl absolute(specifier, QUrl::StrictMode);
        if (absolute.isValid() && absolute.scheme().size() > 1) target = absolute;
    }
    if (!target.isValid() || target.isEmpty()) {
        bind::throwTypeError(
            m_isolate, ("Cannot resolve module specifier '" + specifier + "' imported from " +
                        resourceNameOf(from) +
                        ": bare specifiers are not supported; use a relative path such as './" +
                        specifier + "'")
                           .toStdString());
        return {};
    }
    if (!forImport) return target.toString(QUrl::FullyEncoded);
    // A bundle's modules import modules of the same bundle only; other scripts, files only.
    const QLatin1String allowed(m_runtime.request().bundle.isEmpty() ? "file" : "nanobundle");
    if (target.scheme() != allowed) {
        bind::throwTypeError(
            m_isolate, ("Cannot load module '" + specifier + "' imported from " +
                        resourceNameOf(from) + ": only " + allowed + ": URLs can be imported" +
                        (allowed == BundleScheme ? " (a bundle's own modules)" : ""))
                           .toStdString());
        return {};
    }
    return target.toString(QUrl::FullyEncoded);
}

std::optional<bool> ModuleLoader::wantsJson(v8::Local<v8::Context> context,
                                            v8::Local<v8::FixedArray> assertions, int entrySize,
                                            const QString& url)
{
    // https://html.spec.whatwg.org/#module-type-from-module-request: the module type comes from
    // the type assertion alone. A file's extension stands in for its MIME type, so a .json file
    // imported without `assert { type: "json" }` fails as in browsers (and Node).
    bool json = false;
    for (int i = 0; !assertions.IsEmpty() && i + 1 < assertions->Length(); i += entrySize) {
        v8::Local<v8::Value> key = assertions->Get(context, i).As<v8::Value>();
        v8::Local<v8::Value> value = assertions->Get(context, i + 1).As<v8::Value>();
        if (!key->IsString() || !value->IsString()) continue;
        if (bind::toUtf8(m_isolate, key.As<v8::String>()) != "type") continue;
        const std::string type = bind::toUtf8(m_isolate, value.As<v8::String>());
        if (type != "json") {
            bind::throwTypeError(m_isolate, "Import assertion type \"" + type +
                                                "\" is not supported (only \"json\")");
            return std::nullopt;
        }
        json = true;
    }
    if (!json && url.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)) {
        bind::throwTypeError(m_isolate, ("Module '" + url +
                                         "' is a JSON module: import it with "
                                         "`assert { type: \"json\" }`")
                                            .toStdString());
        return std::nullopt;
    }
    return json;
}

QString ModuleLoader::keyOf(const QString& url, bool json)
{
    // The module map is keyed by (URL, module type): one file can be both JS and JSON.
    return json ? QStringLiteral("json:") + url : url;
}

v8::MaybeLocal<v8::Module> ModuleLoader::load(const QString& url, bool json,
                                              const QString& referrerUrl, const QString& specifier)
{
    auto existing = m_byUrl.find(keyOf(url, json));
    if (existing != m_byUrl.end()) return existing->second.module.Get(m_isolate);

    QString source, error;
    if (QUrl(url).scheme() == BundleScheme) {
        const QByteArray* bytes = bundleFile(url);
        if (!bytes) {
            bind::throwError(m_isolate, ("Cannot find module '" + resourceNameOf(url) +
                                         "' (specifier '" + specifier + "') imported from " +
                                         resourceNameOf(referrerUrl) + ": it is not in the bundle")
                                            .toStdString());
            return {};
        }
        source = decodeUtf8(*bytes);
    } else {
        const QString path = QUrl(url).toLocalFile();
        if (!QFileInfo(path).isFile() || !readText(path, source, error)) {
            bind::throwError(m_isolate, ("Cannot find module '" + path + "' (specifier '" +
                                         specifier + "') imported from " + referrerUrl)
                                            .toStdString());
            return {};
        }
    }
    if (!json) return compile(url, source);

    v8::Local<v8::Context> context = m_runtime.context();
    v8::Local<v8::String> text, name;
    if (!bind::newString(m_isolate, source).ToLocal(&text) ||
        !bind::newString(m_isolate, resourceNameOf(url)).ToLocal(&name)) {
        bind::throwRangeError(m_isolate, ("JSON module too large: " + url).toStdString());
        return {};
    }
    v8::Local<v8::Value> value;
    QString why;
    {
        v8::TryCatch tryCatch(m_isolate);
        if (!v8::JSON::Parse(context, text).ToLocal(&value)) {
            if (!tryCatch.CanContinue()) {
                tryCatch.ReThrow(); // termination
                return {};
            }
            why = QStringLiteral("invalid JSON");
            v8::Local<v8::String> message;
            if (tryCatch.HasCaught() && tryCatch.Exception()->ToString(context).ToLocal(&message))
                why = bind::toQString(m_isolate, message).remove(QStringLiteral("SyntaxError: "));
        }
    }
    if (value.IsEmpty()) {
        // Thrown outside the TryCatch above, which would swallow it.
        bind::throwSyntaxError(
            m_isolate,
            ("Cannot parse JSON module " + resourceNameOf(url) + ": " + why).toStdString());
        return {};
    }
    std::vector<v8::Local<v8::String>> exports = {bind::name(m_isolate, "default")};
    v8::Local<v8::Module> module = v8::Module::CreateSyntheticModule(
        m_isolate, name, exports, &ModuleLoader::jsonEvaluationSteps);
    Record& record = m_byUrl[keyOf(url, true)];
    record.url = url;
    record.module.Reset(m_isolate, module);
    record.jsonValue.Reset(m_isolate, value);
    m_urlByHash.emplace(module->GetIdentityHash(), keyOf(url, true));
    return module;
}

v8::MaybeLocal<v8::Value> ModuleLoader::jsonEvaluationSteps(v8::Local<v8::Context> context,
                                                            v8::Local<v8::Module> module)
{
    ModuleLoader* self = loaderOf(context);
    Record* record = self->recordOf(module);
    v8::Isolate* isolate = context->GetIsolate();
    if (!record || module
                       ->SetSyntheticModuleExport(isolate, bind::name(isolate, "default"),
                                                  record->jsonValue.Get(isolate))
                       .IsNothing())
        return {};
    return v8::Undefined(isolate);
}

v8::MaybeLocal<v8::Module> ModuleLoader::resolveCallback(v8::Local<v8::Context> context,
                                                         v8::Local<v8::String> specifier,
                                                         v8::Local<v8::FixedArray> assertions,
                                                         v8::Local<v8::Module> referrer)
{
    ModuleLoader* self = loaderOf(context);
    Record* from = self->recordOf(referrer);
    const QString referrerUrl = from ? from->url : self->m_entryUrl;
    const QString spec = bind::toQString(self->m_isolate, specifier);
    const QString url = self->resolve(spec, referrerUrl);
    if (url.isEmpty()) return {};
    // Static import assertions come in triples: key, value, source offset.
    const std::optional<bool> json = self->wantsJson(context, assertions, 3, url);
    if (!json || self->m_isolate->IsExecutionTerminating()) return {};
    // V8 expects an exception pending (scheduled) whenever this returns empty. One thrown by a
    // nested API call (a SyntaxError from CompileModule) is delivered to the outer TryCatch
    // instead and V8 would abort with `has_pending_exception()`: catch it here and rethrow it
    // from this callback, the way ThrowException does.
    v8::TryCatch tryCatch(self->m_isolate);
    v8::MaybeLocal<v8::Module> module = self->load(url, *json, referrerUrl, spec);
    if (module.IsEmpty() && tryCatch.HasCaught()) tryCatch.ReThrow();
    return module;
}

v8::MaybeLocal<v8::Promise> ModuleLoader::importCallback(v8::Local<v8::Context> context,
                                                         v8::Local<v8::Data>,
                                                         v8::Local<v8::Value> resourceName,
                                                         v8::Local<v8::String> specifier,
                                                         v8::Local<v8::FixedArray> assertions)
{
    v8::Isolate* isolate = context->GetIsolate();
    ModuleLoader* self = loaderOf(context);
    v8::Local<v8::Promise::Resolver> resolver;
    if (!v8::Promise::Resolver::New(context).ToLocal(&resolver)) return {};
    const QString referrerUrl =
        resourceName->IsString()
            ? self->urlOfResourceName(bind::toQString(isolate, resourceName.As<v8::String>()))
            : self->m_entryUrl;
    v8::TryCatch tryCatch(isolate);
    const QString spec = bind::toQString(isolate, specifier);
    const QString url = self->resolve(spec, referrerUrl);
    // Dynamic import assertions come in pairs: key, value.
    const std::optional<bool> json =
        url.isEmpty() ? std::nullopt : self->wantsJson(context, assertions, 2, url);
    if (!json || tryCatch.HasCaught()) {
        if (!tryCatch.CanContinue()) return {};
        resolver->Reject(context, tryCatch.Exception()).IsJust();
        return resolver->GetPromise();
    }
    // Loading and evaluating happen in a task of their own, as HTML's "fetch an import()
    // module script graph" does: the importer (which may be the imported module itself, or in
    // a cycle with it) finishes its current evaluation first.
    auto pending = std::make_shared<v8::Global<v8::Promise::Resolver>>(isolate, resolver);
    self->m_runtime.loop().post([self, pending, url, json = *json, referrerUrl, spec] {
        self->finishImport(*pending, url, json, referrerUrl, spec);
    });
    return resolver->GetPromise();
}

void ModuleLoader::finishImport(v8::Global<v8::Promise::Resolver>& pending, const QString& url,
                                bool json, const QString& referrerUrl, const QString& specifier)
{
    v8::Isolate* isolate = m_isolate;
    v8::Local<v8::Context> context = m_runtime.context();
    v8::Local<v8::Promise::Resolver> resolver = pending.Get(isolate);
    v8::TryCatch tryCatch(isolate);
    auto fail = [&](v8::Local<v8::Value> reason = {}) {
        if (tryCatch.HasCaught() && !tryCatch.CanContinue()) {
            tryCatch.ReThrow(); // termination
            return;
        }
        if (reason.IsEmpty())
            reason =
                tryCatch.HasCaught()
                    ? tryCatch.Exception()
                    : v8::Exception::Error(bind::name(isolate, "The module could not be loaded"));
        resolver->Reject(context, reason).IsJust();
    };
    v8::Local<v8::Module> module;
    if (!load(url, json, referrerUrl, specifier).ToLocal(&module)) return fail();
    if (module->GetStatus() == v8::Module::kErrored) return fail(module->GetException());
    if (module->GetStatus() == v8::Module::kUninstantiated &&
        !module->InstantiateModule(context, &ModuleLoader::resolveCallback).FromMaybe(false))
        return fail();
    v8::Local<v8::Value> evaluation;
    if (!module->Evaluate(context).ToLocal(&evaluation)) return fail();
    v8::Local<v8::Value> ns = module->GetModuleNamespace();
    if (!evaluation->IsPromise()) {
        resolver->Resolve(context, ns).IsJust();
        return;
    }
    // Resolve with the namespace once the module's evaluation (top-level await) is done.
    auto held = std::make_shared<v8::Global<v8::Promise::Resolver>>(isolate, resolver);
    auto namespaceObject = std::make_shared<v8::Global<v8::Value>>(isolate, ns);
    const bool chained = bind::react(
        context, evaluation.As<v8::Promise>(),
        [held, namespaceObject](v8::Isolate* i, v8::Local<v8::Value>) {
            held->Get(i)->Resolve(i->GetCurrentContext(), namespaceObject->Get(i)).IsJust();
        },
        [held](v8::Isolate* i, v8::Local<v8::Value> reason) {
            held->Get(i)->Reject(i->GetCurrentContext(), reason).IsJust();
        });
    if (!chained) return fail();
}

void ModuleLoader::importMetaCallback(v8::Local<v8::Context> context, v8::Local<v8::Module> module,
                                      v8::Local<v8::Object> meta)
{
    ModuleLoader* self = loaderOf(context);
    Record* record = self->recordOf(module);
    if (!record) return;
    v8::Local<v8::String> url;
    if (!bind::newString(self->m_isolate, record->url).ToLocal(&url)) return;
    meta->CreateDataProperty(context, bind::name(self->m_isolate, "url"), url).IsJust();
    v8::Local<v8::Function> resolveFunction;
    if (v8::Function::New(context, &ModuleLoader::importMetaResolve, url, 1,
                          v8::ConstructorBehavior::kThrow)
            .ToLocal(&resolveFunction))
        meta->CreateDataProperty(context, bind::name(self->m_isolate, "resolve"), resolveFunction)
            .IsJust();
}

// https://html.spec.whatwg.org/#import-meta-resolve (no import maps: "resolve a module
// specifier" is URL resolution against the module's URL; bare specifiers are a TypeError).
void ModuleLoader::importMetaResolve(const v8::FunctionCallbackInfo<v8::Value>& info)
{
    v8::Isolate* isolate = info.GetIsolate();
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    ModuleLoader* self = loaderOf(context);
    // Step 3: the specifier is converted with ToString.
    v8::Local<v8::String> specifier;
    if (!info[0]->ToString(context).ToLocal(&specifier)) return;
    const QString base = bind::toQString(isolate, info.Data().As<v8::String>());
    const QString url = self->resolve(bind::toQString(isolate, specifier), base, false);
    v8::Local<v8::String> result;
    if (url.isEmpty() || !bind::newString(isolate, url).ToLocal(&result)) return;
    info.GetReturnValue().Set(result);
}

} // namespace nano::core
