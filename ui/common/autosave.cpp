#include "autosave.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>
#include <algorithm>

namespace nano::ui {

namespace {
const QString LockName = QStringLiteral("session.lock");
const QString Suffix = QStringLiteral(".autosave.json");
const QString FatalNoteName = QStringLiteral("fatal-error.txt");
} // namespace

QString Autosave::defaultRoot()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("autosave"));
}

Autosave::Autosave(const QString& root, QObject* parent)
    : QObject(parent)
    , m_root(root.isEmpty() ? defaultRoot() : root)
{
    m_sessionDir = QDir(m_root).filePath(QUuid::createUuid().toString(QUuid::WithoutBraces));
    QDir().mkpath(m_sessionDir);
    m_lock = std::make_unique<QLockFile>(QDir(m_sessionDir).filePath(LockName));
    // Only a dead owner makes a lock stale, never its age: a long session stays ours.
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0)) qWarning("Autosave: could not lock %s", qPrintable(m_sessionDir));
}

Autosave::~Autosave()
{
    m_lock->unlock();
    QDir(m_sessionDir).removeRecursively();
}

bool Autosave::save(const QVector<Buffer>& buffers)
{
    QDir dir(m_sessionDir);
    if (!dir.exists()) dir.mkpath(QStringLiteral("."));
    bool ok = true;
    QStringList keep;
    for (const Buffer& buffer : buffers) {
        const QString fileName = buffer.id + Suffix;
        keep.append(fileName);
        QJsonObject object{{QStringLiteral("name"), buffer.name},
                           {QStringLiteral("filePath"), buffer.filePath},
                           {QStringLiteral("text"), buffer.text},
                           {QStringLiteral("order"), buffer.order}};
        QSaveFile file(dir.filePath(fileName));
        if (!file.open(QIODevice::WriteOnly) ||
            file.write(QJsonDocument(object).toJson(QJsonDocument::Compact)) < 0 ||
            !file.commit()) {
            qWarning("Autosave: could not write %s: %s", qPrintable(file.fileName()),
                     qPrintable(file.errorString()));
            ok = false;
        }
    }
    for (const QString& stale : dir.entryList({QLatin1Char('*') + Suffix}, QDir::Files)) {
        if (!keep.contains(stale)) dir.remove(stale);
    }
    return ok;
}

QVector<Autosave::Buffer> Autosave::takeOrphans()
{
    QVector<Buffer> buffers;
    const QDir root(m_root);
    for (const QString& name : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString path = root.filePath(name);
        if (path == m_sessionDir || m_claimedOrphans.contains(path)) continue;
        QLockFile lock(QDir(path).filePath(LockName));
        lock.setStaleLockTime(0);
        // Succeeds only if nobody holds the lock: the owner ended without cleaning up.
        if (!lock.tryLock(0)) continue;
        m_claimedOrphans.append(path);
        const QDir dir(path);
        QVector<Buffer> session;
        for (const QString& fileName :
             dir.entryList({QLatin1Char('*') + Suffix}, QDir::Files, QDir::Time | QDir::Reversed)) {
            QFile file(dir.filePath(fileName));
            if (!file.open(QIODevice::ReadOnly)) continue;
            const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
            Buffer buffer;
            buffer.id = fileName.chopped(Suffix.size());
            buffer.name = object.value(QStringLiteral("name")).toString();
            buffer.filePath = object.value(QStringLiteral("filePath")).toString();
            buffer.text = object.value(QStringLiteral("text")).toString();
            buffer.order = object.value(QStringLiteral("order")).toInt();
            session.append(buffer);
        }
        // In their tab order (the files' times say only which was saved last).
        std::stable_sort(session.begin(), session.end(),
                         [](const Buffer& a, const Buffer& b) { return a.order < b.order; });
        buffers += session;
        QFile note(dir.filePath(FatalNoteName));
        if (note.open(QIODevice::ReadOnly))
            m_orphanFatalReasons.append(QString::fromUtf8(note.readAll()).trimmed());
        lock.unlock();
    }
    return buffers;
}

bool Autosave::writeFatalNote(const QString& reason) const
{
    QFile note(QDir(m_sessionDir).filePath(FatalNoteName));
    return note.open(QIODevice::WriteOnly) && note.write(reason.toUtf8()) >= 0 && note.flush();
}

void Autosave::discardOrphans()
{
    for (const QString& path : std::as_const(m_claimedOrphans))
        QDir(path).removeRecursively();
    m_claimedOrphans.clear();
    m_orphanFatalReasons.clear();
}

} // namespace nano::ui
