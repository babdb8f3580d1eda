#include "core/inspector_agent.h"

#include "core/event_loop.h"
#include "core/runtime.h"

#include <QDateTime>
#include <QString>
#include <utility>

namespace nano::core {

namespace {
v8_inspector::StringView viewOf(const QString& text)
{
    return v8_inspector::StringView(reinterpret_cast<const uint16_t*>(text.utf16()),
                                    static_cast<size_t>(text.size()));
}

QByteArray utf8Of(const v8_inspector::StringView& view)
{
    if (view.is8Bit())
        return QString::fromLatin1(reinterpret_cast<const char*>(view.characters8()),
                                   static_cast<qsizetype>(view.length()))
            .toUtf8();
    return QString::fromUtf16(reinterpret_cast<const char16_t*>(view.characters16()),
                              static_cast<qsizetype>(view.length()))
        .toUtf8();
}
} // namespace

void InspectorInbox::push(InspectorCommand command)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (command.kind == InspectorCommand::Kind::Connect) m_sessions.insert(command.session);
    if (command.kind == InspectorCommand::Kind::Disconnect) m_sessions.erase(command.session);
    m_queue.push_back(std::move(command));
    m_wakeUp.notify_all();
    if (m_notify) m_notify();
}

bool InspectorInbox::takeOne(InspectorCommand& command)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_queue.empty()) return false;
    command = std::move(m_queue.front());
    m_queue.pop_front();
    return true;
}

std::set<int> InspectorInbox::sessions() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_sessions;
}

void InspectorInbox::wait()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_wakeUp.wait(lock, [this] { return !m_queue.empty() || m_woken; });
    m_woken = false;
}

void InspectorInbox::wake()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_woken = true;
    m_wakeUp.notify_all();
}

void InspectorInbox::setNotifier(std::function<void()> notify)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_notify = std::move(notify);
}

// One front end's V8 session; what V8 answers goes straight to the inbox's Send.
class InspectorAgent::Channel final : public v8_inspector::V8Inspector::Channel {
public:
    Channel(InspectorInbox& inbox, int id)
        : m_inbox(inbox)
        , m_id(id)
    {}
    void sendResponse(int, std::unique_ptr<v8_inspector::StringBuffer> message) override
    {
        m_inbox.send(m_id, utf8Of(message->string()));
    }
    void sendNotification(std::unique_ptr<v8_inspector::StringBuffer> message) override
    {
        m_inbox.send(m_id, utf8Of(message->string()));
    }
    void flushProtocolNotifications() override {}

    std::unique_ptr<v8_inspector::V8InspectorSession> session;

private:
    InspectorInbox& m_inbox;
    int m_id;
};

InspectorAgent::InspectorAgent(Runtime& runtime, InspectorInbox& inbox)
    : m_runtime(runtime)
    , m_inbox(inbox)
{
    v8::Isolate* isolate = runtime.isolate();
    m_inspector = v8_inspector::V8Inspector::create(isolate, this);
    const QString name = QStringLiteral("NANO run %1").arg(runtime.runId());
    v8_inspector::V8ContextInfo info(runtime.context(), kContextGroupId, viewOf(name));
    // DevTools and VS Code pick the context whose auxData says it is the default one.
    const QString auxData = QStringLiteral("{\"isDefault\":true}");
    info.auxData = viewOf(auxData);
    m_inspector->contextCreated(info);
    for (int id : m_inbox.sessions())
        connectSession(id);
    m_inbox.setNotifier([this, isolate] {
        // A busy script sees the message at its next interrupt check; an idle loop from a
        // queued call. Whichever comes second finds the inbox empty.
        isolate->RequestInterrupt(
            [](v8::Isolate* isolate, void*) {
                if (Runtime* runtime = Runtime::from(isolate))
                    if (InspectorAgent* agent = runtime->inspectorAgent()) agent->processInbox();
            },
            nullptr);
        QMetaObject::invokeMethod(
            &m_threadAnchor,
            [this] {
                if (!m_paused && !m_dispatching) m_runtime.runMacrotask([this] { processInbox(); });
            },
            Qt::QueuedConnection);
    });
    // Commands that arrived before this run (Debugger.enable before Run) are served first.
    processInbox();
}

InspectorAgent::~InspectorAgent()
{
    m_inbox.setNotifier(nullptr);
    m_sessions.clear();
    v8::HandleScope scope(m_runtime.isolate());
    m_inspector->contextDestroyed(m_runtime.context());
    m_inspector.reset();
}

void InspectorAgent::connectSession(int id)
{
    auto channel = std::make_unique<Channel>(m_inbox, id);
    channel->session =
        m_inspector->connect(kContextGroupId, channel.get(), v8_inspector::StringView());
    m_sessions[id] = std::move(channel);
}

void InspectorAgent::processInbox()
{
    // Not re-entered from an interrupt inside a dispatch; a pause inside a dispatch (a
    // Runtime.evaluate that reaches `debugger;`) serves the inbox itself (see
    // runMessageLoopOnPause).
    if (m_dispatching) return;
    m_dispatching = true;
    v8::Isolate* isolate = m_runtime.isolate();
    v8::HandleScope scope(isolate);
    v8::Context::Scope contextScope(m_runtime.context());
    InspectorCommand command;
    while (m_inbox.takeOne(command)) {
        switch (command.kind) {
        case InspectorCommand::Kind::Connect: connectSession(command.session); break;
        case InspectorCommand::Kind::Disconnect: m_sessions.erase(command.session); break;
        case InspectorCommand::Kind::Message: {
            auto it = m_sessions.find(command.session);
            if (it == m_sessions.end()) break; // disconnected meanwhile
            const QString text = QString::fromUtf8(command.message);
            it->second->session->dispatchProtocolMessage(viewOf(text));
            break;
        }
        }
    }
    m_dispatching = false;
}

void InspectorAgent::serveUntil(const std::function<bool()>& done)
{
    while (!done() && !m_runtime.isStopRequested()) {
        processInbox();
        if (done() || m_runtime.isStopRequested()) break;
        m_inbox.wait();
    }
}

void InspectorAgent::runMessageLoopOnPause(int)
{
    if (m_paused) return;
    m_paused = true;
    m_quitPause = false;
    const bool wasDispatching = std::exchange(m_dispatching, false);
    serveUntil([this] { return m_quitPause; });
    if (!m_quitPause) {
        // Stopped while paused: resume, and the pending termination unwinds the script.
        for (auto& entry : m_sessions)
            entry.second->session->resume();
    }
    m_dispatching = wasDispatching;
    m_paused = false;
}

void InspectorAgent::runIfWaitingForDebugger(int)
{
    m_waitingForDebugger = false;
}

void InspectorAgent::waitForDebuggerAndBreak()
{
    m_waitingForDebugger = true;
    serveUntil([this] { return !m_waitingForDebugger; });
    m_waitingForDebugger = false;
    if (m_runtime.isStopRequested()) return;
    const QString reason = QStringLiteral("Break on start");
    for (auto& entry : m_sessions)
        entry.second->session->schedulePauseOnNextStatement(viewOf(reason),
                                                            v8_inspector::StringView());
}

v8::Local<v8::Context> InspectorAgent::ensureDefaultContextInGroup(int)
{
    return m_runtime.context();
}

double InspectorAgent::currentTimeMS()
{
    return static_cast<double>(QDateTime::currentMSecsSinceEpoch());
}

} // namespace nano::core
