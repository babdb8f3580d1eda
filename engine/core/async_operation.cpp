#include "core/async_operation.h"

#include "core/runtime.h"

#include <QDebug>
#include <memory>

namespace nano::core {

AsyncOperation AsyncOperation::create(v8::Local<v8::Context> context)
{
    AsyncOperation operation;
    operation.m_resolver = bind::PromiseResolver::create(context);
    if (operation.m_resolver.isEmpty()) return operation;
    if (Runtime* runtime = Runtime::from(context->GetIsolate()))
        operation.m_keepAlive = runtime->loop().keepAlive();
    return operation;
}

bool AsyncOperation::checkInTask(v8::Isolate* isolate, const char* what) const
{
    Runtime* runtime = Runtime::from(isolate);
    // After the run (REPL lines, V8's own late tasks) nothing ends at a task boundary any more.
    if (runtime && runtime->isEngineThread() && (runtime->isInTask() || runtime->isFinished()))
        return true;
    qWarning("%s:%d: AsyncOperation::%s outside a task of the engine thread", __FILE__, __LINE__,
             what);
    return false;
}

void AsyncOperation::resolve(v8::Isolate* isolate, v8::Local<v8::Value> value)
{
    settle(isolate, value, true);
}

void AsyncOperation::reject(v8::Isolate* isolate, v8::Local<v8::Value> reason)
{
    settle(isolate, reason, false);
}

void AsyncOperation::settle(v8::Isolate* isolate, v8::Local<v8::Value> value, bool fulfilled)
{
    if (!checkInTask(isolate, fulfilled ? "resolve" : "reject")) {
        auto held = std::make_shared<v8::Global<v8::Value>>(isolate, value);
        settleInTask(std::move(*this), [held, fulfilled](v8::Isolate* i, AsyncOperation& op) {
            op.settle(i, held->Get(i), fulfilled);
        });
        return;
    }
    if (fulfilled)
        m_resolver.resolve(isolate, value);
    else
        m_resolver.reject(isolate, value);
    m_keepAlive.reset();
}

void AsyncOperation::rejectWith(v8::Isolate* isolate, std::string_view errorName,
                                const bind::CallSite& site, std::string_view message)
{
    v8::HandleScope scope(isolate);
    v8::Local<v8::Value> error = bind::makeError(isolate, errorName, site, message);
    if (!error.IsEmpty()) reject(isolate, error);
}

void AsyncOperation::settleInTask(AsyncOperation&& operation,
                                  std::function<void(v8::Isolate*, AsyncOperation&)> settle)
{
    v8::Isolate* isolate = v8::Isolate::GetCurrent();
    Runtime* runtime = isolate ? Runtime::from(isolate) : nullptr;
    if (!runtime) return;
    // std::function needs a copyable callable: the operation travels in a shared_ptr.
    auto held = std::make_shared<AsyncOperation>(std::move(operation));
    runtime->loop().post([isolate, held, settle = std::move(settle)] { settle(isolate, *held); });
}

} // namespace nano::core
