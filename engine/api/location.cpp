#include "api/location.h"

#include "api/url/url_parser.h"
#include "bind/isolate_data.h"
#include "core/runtime.h"

#include <optional>

namespace nano::api {

namespace {

// The run's location, parsed once per isolate (IsolateData state).
struct LocationState {
    bool parsed = false;
    std::optional<url::UrlRecord> url;
};

LocationState& locationState(v8::Isolate* isolate)
{
    LocationState& state = bind::IsolateData::get(isolate)->state<LocationState>();
    if (!state.parsed) {
        state.parsed = true;
        core::Runtime* runtime = core::Runtime::from(isolate);
        const QString location = runtime ? runtime->request().location : QString();
        if (!location.isEmpty()) state.url = url::parse(location.toStdString());
    }
    return state;
}

} // namespace

const url::UrlRecord* apiBaseUrl(v8::Isolate* isolate)
{
    LocationState& state = locationState(isolate);
    return state.url ? &*state.url : nullptr;
}

std::string missingBaseUrlHint()
{
    return "A relative URL needs a base URL: run with --location URL (nanojs run --location "
           "https://example.com/ FILE), or set the script's location in the workbench.";
}

WorkerLocation::WorkerLocation()
{
    if (const url::UrlRecord* base = apiBaseUrl(v8::Isolate::GetCurrent())) m_url = *base;
}

void WorkerLocation::define(bind::ClassBuilder<WorkerLocation>& c)
{
    c.readonlyAttribute<&WorkerLocation::href>("href")
        .readonlyAttribute<&WorkerLocation::origin>("origin")
        .readonlyAttribute<&WorkerLocation::protocol>("protocol")
        .readonlyAttribute<&WorkerLocation::host>("host")
        .readonlyAttribute<&WorkerLocation::hostname>("hostname")
        .readonlyAttribute<&WorkerLocation::port>("port")
        .readonlyAttribute<&WorkerLocation::pathname>("pathname")
        .readonlyAttribute<&WorkerLocation::search>("search")
        .readonlyAttribute<&WorkerLocation::hash>("hash")
        .method<&WorkerLocation::href>("toString");
}

void installLocation(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    if (!apiBaseUrl(context->GetIsolate())) return;
    bind::exposeLazily<WorkerLocation>(context, global);
    bind::exposeSingleton<WorkerLocation>(context, global, "location");
}

} // namespace nano::api
