#pragma once
// The console inspector's dock: level and text filters, clear, the message tree, the
// "N earlier messages dropped" notice and the REPL line. It shows a ConsoleModel through a
// ConsoleFilter, paints console.table rows with a ConsoleDelegate, and keeps the expanded state
// of logged values and groups across runs of the same script: a console.group starts expanded
// and a console.groupCollapsed collapsed, unless the user changed that in an earlier run.

#include "engine/inspect/inspector_event.h"

#include <QDockWidget>
#include <QElapsedTimer>
#include <QSet>
#include <QTimer>

class QLabel;
class QLineEdit;
class QToolButton;
class QTreeView;

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

public slots:
    // The console messages of an inspector batch (Controller::inspectorEvents).
    void appendEvents(const nano::InspectorBatch& batch);
    // Queued and applied to the model at most every MinFlushGapMs (see the .cpp); flushPending()
    // applies the queue now.
    void appendMessages(const nano::ConsoleMessages& messages);
    void flushPending();
    void clear();
    void copySelection();

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
    ConsoleMessages m_pending;
    int m_pendingFirst = 0; // m_pending before it is in the model
    QTimer m_flushTimer;
    QElapsedTimer m_lastFlush;

    static constexpr int MinFlushGapMs = 100;
    static constexpr int FlushSlice = 2000; // messages per pass of the event loop
    static constexpr int PerPixelRowLimit = 1000;
    static constexpr int FollowSlackPx = 4;
};

} // namespace nano::ui
