#pragma once
// ES modules from files: static and dynamic import of relative specifiers resolved against the
// importing module's URL, import.meta.url, and JSON modules (`assert { type: "json" }`). Bare
// specifiers and non-file URLs are rejected with an error naming the specifier and the
// importing module. A bundle's run (RunRequest::bundle) loads its modules from the bundle's
// files in memory instead: URLs nanobundle:/PATH, which V8 (and so every error location and
// stack trace) knows as "app.nanobundle!/PATH"; such a run imports nothing else.

#include "inspect/run_request.h"

#include <QString>
#include <optional>
#include <unordered_map>
#include <v8.h>

namespace nano::core {

class Runtime;

class ModuleLoader final {
public:
    explicit ModuleLoader(Runtime& runtime);
    ~ModuleLoader();
    ModuleLoader(const ModuleLoader&) = delete;
    ModuleLoader& operator=(const ModuleLoader&) = delete;

    // The entry's URL and source text; false with an exception pending if it cannot be read.
    bool entrySource(const RunRequest& request, QString& url, QString& source);
    // Compiles, links and evaluates the entry module; the promise settles when its top-level
    // await finishes. Empty with an exception pending on a compile or link error.
    // The entry gets one hoisted function appended (replScopeSuffix()), exported, that
    // evaluates code by direct eval inside the module: the REPL's window on the module's
    // top-level bindings (Runtime::evaluateLine). Lines keep their numbers.
    v8::MaybeLocal<v8::Promise> evaluateEntry(const QString& url, const QString& source);
    const QString& entryUrl() const { return m_entryUrl; }
    // That function, once the entry module is linked (also when its evaluation threw); empty
    // for a classic script or an entry that did not compile or link.
    v8::Local<v8::Function> replScope() const { return m_replScope.Get(m_isolate); }
    static const char* replScopeName() { return "__nano_repl_scope__"; }

    // nanobundle:/PATH for a bundle path.
    static QString bundleUrl(const QString& bundlePath);
    // The bundle file a nanobundle: URL names (Nano.bundle.read too); null if none.
    const QByteArray* bundleFile(const QString& url) const;

private:
    // The name V8 gives a module's script ("app.nanobundle!/lib/util.js" for a bundle's
    // module, else the URL), and back.
    QString resourceNameOf(const QString& url) const;
    QString urlOfResourceName(const QString& name) const;

    struct Record {
        QString url;
        v8::Global<v8::Module> module;
        v8::Global<v8::Value> jsonValue; // for JSON modules
    };

    // Resolves `specifier` against `referrerUrl`; empty with an exception pending on failure.
    // For an import (not import.meta.resolve), a URL of a scheme the run does not load from
    // (other than file:, or nanobundle: in a bundle's run) fails too.
    QString resolve(const QString& specifier, const QString& referrerUrl, bool forImport = true);
    static QString keyOf(const QString& url, bool json);
    // The task of an import(): load, link and evaluate, then settle its promise.
    void finishImport(v8::Global<v8::Promise::Resolver>& pending, const QString& url, bool json,
                      const QString& referrerUrl, const QString& specifier);
    // The module at `url`, loading and compiling it on first use.
    v8::MaybeLocal<v8::Module> load(const QString& url, bool json, const QString& referrerUrl,
                                    const QString& specifier);
    v8::MaybeLocal<v8::Module> compile(const QString& url, const QString& source);
    Record* recordOf(v8::Local<v8::Module> module);
    // Whether the import asks for a JSON module; empty with a TypeError pending when its type
    // assertion is unsupported or a .json file is imported without one.
    std::optional<bool> wantsJson(v8::Local<v8::Context> context,
                                  v8::Local<v8::FixedArray> assertions, int entrySize,
                                  const QString& url);

    static v8::MaybeLocal<v8::Module> resolveCallback(v8::Local<v8::Context> context,
                                                      v8::Local<v8::String> specifier,
                                                      v8::Local<v8::FixedArray> assertions,
                                                      v8::Local<v8::Module> referrer);
    static v8::MaybeLocal<v8::Promise> importCallback(v8::Local<v8::Context> context,
                                                      v8::Local<v8::Data> hostDefinedOptions,
                                                      v8::Local<v8::Value> resourceName,
                                                      v8::Local<v8::String> specifier,
                                                      v8::Local<v8::FixedArray> assertions);
    static void importMetaCallback(v8::Local<v8::Context> context, v8::Local<v8::Module> module,
                                   v8::Local<v8::Object> meta);
    static void importMetaResolve(const v8::FunctionCallbackInfo<v8::Value>& info);
    static v8::MaybeLocal<v8::Value> jsonEvaluationSteps(v8::Local<v8::Context> context,
                                                         v8::Local<v8::Module> module);

    Runtime& m_runtime;
    v8::Isolate* m_isolate;
    QString m_entryUrl;
    v8::Global<v8::Function> m_replScope;
    std::unordered_map<QString, Record> m_byUrl;       // keyOf(url, json) -> record
    std::unordered_multimap<int, QString> m_urlByHash; // Module::GetIdentityHash -> key
};

} // namespace nano::core
