#pragma once
// No lost work: the unsaved buffers of this session are written to
// <AppDataLocation>/autosave/<session>/ every few seconds; the session directory is locked
// (QLockFile) while the application runs and removed when it closes normally. A session whose
// lock is stale (its process crashed or was killed) is an orphan: the next start offers to
// restore its buffers.

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

private:
    QString m_root;
    QString m_sessionDir;
    std::unique_ptr<QLockFile> m_lock;
    QStringList m_claimedOrphans;
};

} // namespace nano::ui
