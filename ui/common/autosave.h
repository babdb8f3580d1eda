#pragma once
// No lost work: the unsaved buffers of this session are written to
// <AppDataLocation>/autosave/<session>/ every few seconds; the session directory is locked
// (QLockFile) while the application runs and removed when it closes normally. A session whose
// lock is stale (its process crashed or was killed) is an orphan: the next start offers to
// restore its buffers, in their tab order. A process that must end (V8 ran out of memory)
// leaves a note with the reason in its session directory first (writeFatalNote).

#include <QObject>
#include <QString>
#include <QVector>
#include <memory>

class QLockFile;

namespace nano::ui {

class Autosave final : public QObject {
    Q_OBJECT
public:
    struct Buffer {
        QString id;       // the buffer's stable id (file name of its autosave)
        QString name;     // the tab's display name
        QString filePath; // the file it belongs to, or empty for an untitled buffer
        QString text;
        int order = 0; // the tab's position: orphans come back in this order
    };

    // `root` defaults to <AppDataLocation>/autosave.
    explicit Autosave(const QString& root = QString(), QObject* parent = nullptr);
    ~Autosave() override; // a clean end: removes this session's directory
    Q_DISABLE_COPY_MOVE(Autosave)

    static QString defaultRoot();
    QString root() const { return m_root; }
    QString sessionDir() const { return m_sessionDir; }

    // Makes this session's directory mirror `buffers` (writes them, removes the others).
    // Returns false if a file could not be written.
    bool save(const QVector<Buffer>& buffers);

    // The buffers of orphaned sessions (see above). Claims those sessions: call
    // discardOrphans() once they are restored or declined.
    QVector<Buffer> takeOrphans();
    void discardOrphans();
    // The reasons in the fatal notes of the sessions takeOrphans() claimed (empty if they
    // ended by a crash or a kill without one).
    QStringList orphanFatalReasons() const { return m_orphanFatalReasons; }

    // Records why this process must end now. Thread-safe (any thread, e.g. V8's fatal error
    // hook on the engine thread); writes one small file.
    bool writeFatalNote(const QString& reason) const;

private:
    QString m_root;
    QString m_sessionDir;
    std::unique_ptr<QLockFile> m_lock;
    QStringList m_claimedOrphans;
    QStringList m_orphanFatalReasons;
};

} // namespace nano::ui
