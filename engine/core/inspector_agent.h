#pragma once
// The V8 inspector (the Chrome DevTools protocol) of one run. An InspectorInbox, owned by the
// Engine and shared by its runs, takes protocol traffic from any thread (the nanojs WebSocket
// server, later the workbench's debugger); the InspectorAgent of the current run dispatches it
// on the engine thread:
// - while a script runs: from a V8 interrupt (so Debugger.pause reaches `while (true) {}`),
// - between tasks: from the Qt loop, as a macrotask of its own,
// - while paused: from runMessageLoopOnPause, which serves only this inbox, so timers, posted
//   tasks and network callbacks wait until the script resumes.
// Stop (Runtime::requestStop) wakes the pause loop; it resumes and the termination unwinds.

#include <QByteArray>
#include <QObject>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <v8-inspector.h>
#include <v8.h>

namespace nano::core {

class Runtime;

struct InspectorCommand {
    enum class Kind { Connect, Message, Disconnect };
    Kind kind = Kind::Message;
    int session = 0;
    QByteArray message; // UTF-8 JSON, for Message
};

// Thread-safe. Sessions stay connected across runs: each new run's agent connects a fresh V8
// session for every connected id (a front end enables its domains again after a new run).
class InspectorInbox final {
public:
    // Called on the engine thread with every response and notification (UTF-8 JSON); it may
    // be called while the script is paused, so it must not wait on the engine.
    using Send = std::function<void(int session, const QByteArray& message)>;
    explicit InspectorInbox(Send send)
        : m_send(std::move(send))
    {}

    void push(InspectorCommand command);
    // The next command, if any.
    bool takeOne(InspectorCommand& command);
    std::set<int> sessions() const;
    // Waits until a command arrives or wake() is called (the pause loop).
    void wait();
    void wake();
    void send(int session, const QByteArray& message) const { m_send(session, message); }
    // The current agent's notifier (called under the inbox lock, from push), or null.
    void setNotifier(std::function<void()> notify);

private:
    Send m_send;
    mutable std::mutex m_mutex;
    std::condition_variable m_wakeUp;
    std::deque<InspectorCommand> m_queue;
    std::set<int> m_sessions;
    bool m_woken = false;
    std::function<void()> m_notify;
};

class InspectorAgent final : public v8_inspector::V8InspectorClient {
public:
    static constexpr int kContextGroupId = 1;

    InspectorAgent(Runtime& runtime, InspectorInbox& inbox);
    ~InspectorAgent() override;
    InspectorAgent(const InspectorAgent&) = delete;
    InspectorAgent& operator=(const InspectorAgent&) = delete;

    // Engine thread: connects, dispatches and disconnects what the inbox holds.
    void processInbox();
    // Engine thread, before the entry runs (--inspect-brk): serves the inbox until a session
    // sends Runtime.runIfWaitingForDebugger (or the run is stopped), then schedules a pause on
    // the first statement, as node does ("Break on start").
    void waitForDebuggerAndBreak();
    bool isPaused() const { return m_paused; }

    // V8InspectorClient
    void runMessageLoopOnPause(int contextGroupId) override;
    void quitMessageLoopOnPause() override { m_quitPause = true; }
    void runIfWaitingForDebugger(int contextGroupId) override;
    v8::Local<v8::Context> ensureDefaultContextInGroup(int contextGroupId) override;
    double currentTimeMS() override;

private:
    class Channel;
    void connectSession(int id);
    // Serves the inbox on this thread until `done` or a stop.
    void serveUntil(const std::function<bool()>& done);

    Runtime& m_runtime;
    InspectorInbox& m_inbox;
    std::unique_ptr<v8_inspector::V8Inspector> m_inspector;
    std::map<int, std::unique_ptr<Channel>> m_sessions;
    QObject m_threadAnchor; // queued dispatches from the Qt loop die with the agent
    bool m_paused = false;
    bool m_quitPause = false;
    bool m_waitingForDebugger = false;
    bool m_dispatching = false;
};

} // namespace nano::core
