#pragma once
// The console inspector's dock: level and text filters, clear, the message tree, the
// "N earlier messages dropped" notice and the REPL line. It shows a ConsoleModel through a
// ConsoleFilter, paints console.table rows with a ConsoleDelegate, and keeps the expanded state
// of logged values and groups across runs of the same script: a console.group starts expanded
// and a console.groupCollapsed collapsed, unless the user changed that in an earlier run.
//
// Runs: beginRun() clears the console ("Clear on run", on by default, as RunJS does) or, when
// that is off, adds a separator row naming the run and its start time. The context menu
// (console_actions.cpp) copies rows as text or a logged object as JSON, copies or saves all
// rows, clears, and stores a logged object as a global variable (temp1, temp2… as DevTools
// does) through the Controller, which keeps the current run's logged objects.

#include "engine/inspect/inspector_event.h"

#include <QDockWidget>
#include <QElapsedTimer>
#include <QSet>
#include <QTimer>
#include <deque>

class QAction;
class QLabel;
class QLineEdit;
class QToolButton;
class QTreeView;

namespace nano {
class Controller;
}

namespace nano::ui {

class ConsoleDelegate;
class ConsoleFilter;
class ConsoleModel;
class ReplLine;

class ConsoleDock final : public QDockWidget {
    Q_OBJECT
public:
    explicit ConsoleDock(QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(ConsoleDock)

    ConsoleModel* model() const { return m_model; }
    ConsoleFilter* filter() const { return m_filter; }
    QTreeView* view() const { return m_view; }
    ReplLine* replLine() const { return m_repl; }
    // The selected rows as plain text (tables drawn with box characters, group members
    // indented), one message per line: what Copy puts on the clipboard.
    QString selectedText() const;
    // Every row the filter shows (group members indented, values as logged), one message per
    // line: what Copy all and Save console output take.
    QString allText() const;
    // Writes allText() to `path` as UTF-8; false (and a console warning) if that failed.
    bool saveOutput(const QString& path);
    ConsoleDelegate* delegate() const { return m_delegate; }

    // The engine behind Copy as JSON and Store as global variable (unset: those are disabled).
    void setController(nano::Controller* controller);
    // Checked (the default): beginRun() clears the console.
    QAction* clearOnRunAction() const { return m_clearOnRun; }
    // The context menu's actions, by objectName: consoleCopyAction, consoleCopyJsonAction,
    // consoleCopyAllAction, consoleSaveAction, consoleClearAction, consoleStoreGlobalAction.
    // They act on the current row.
    QAction* action(const QString& objectName) const;

public slots:
    // The console messages of an inspector batch (Controller::inspectorEvents).
    void appendEvents(const nano::InspectorBatch& batch);
    // Queued and applied to the model at most every MinFlushGapMs (see the .cpp); flushPending()
    // applies the queue now.
    void appendMessages(const nano::ConsoleMessages& messages);
    void flushPending();
    void clear();
    void copySelection();
    // A run starts: clears the console, or adds a separator "Run 3 · name · 14:05:12".
    void beginRun(quint64 runId, const QString& name);
    void copyAll();
    void saveOutputAs(); // asks for the file
    void copyAsJson();
    void storeAsGlobal();

signals:
    // The user clicked a message's source location, or a frame of a stack trace.
    void locationActivated(const QString& sourceUrl, int line, int column);
    void replSubmitted(const QString& code);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void onRowsInserted(const QModelIndex& parent, int first, int last);
    void restoreExpansion(const QModelIndex& index);
    void applyGroupExpansion(const QModelIndex& group);
    void updateDropped(quint64 dropped);
    void updateScrollMode();
    void activateFrameAt(const QModelIndex& index, const QPoint& pos);
    void createActions();
    void updateActions();
    void onLoggedValueJson(quint64 id, const QString& text, bool ok);
    void warn(const QString& text);
    void appendText(const QModelIndex& parent, QStringList& texts) const;

    ConsoleModel* m_model = nullptr;
    ConsoleFilter* m_filter = nullptr;
    QTreeView* m_view = nullptr;
    QLineEdit* m_search = nullptr;
    QLabel* m_dropped = nullptr;
    ReplLine* m_repl = nullptr;
    ConsoleDelegate* m_delegate = nullptr;
    QSet<QString> m_expandedKeys;
    QSet<QString> m_collapsedKeys; // groups the user collapsed
    bool m_followTail = true;
    bool m_scrollingToTail = false;
    QPoint m_lastPress; // in the viewport, for a click on a line of a stack trace
    ConsoleMessages takePending(int count);

    // The batches not yet in the model, as they arrived: one flat list would be reallocated
    // (every message moved) on each append while a flood outruns the slices.
    std::deque<ConsoleMessages> m_pending;
    int m_pendingFirst = 0;        // messages of m_pending.front() already in the model
    qsizetype m_pendingCount = 0; // messages in m_pending not yet in the model
    QTimer m_flushTimer;
    QElapsedTimer m_lastFlush;
    nano::Controller* m_controller = nullptr;
    QAction* m_clearOnRun = nullptr;
    QSet<quint64> m_jsonRequests;
    quint64 m_runId = 0; // the run beginRun() was last called for

    static constexpr int MinFlushGapMs = 100;
    static constexpr int FlushSlice = 2000; // messages per pass of the event loop
    static constexpr int PerPixelRowLimit = 1000;
    static constexpr int FollowSlackPx = 4;
};

} // namespace nano::ui
