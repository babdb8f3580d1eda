#include "common/local_test_server.h"

#include "common/workbench_tr.h"

#include <QCoreApplication>
#include <QDir>

namespace nano::ui {

namespace {
constexpr int StopGraceMs = 2000; // serve-test exits at once on SIGTERM; a kill after this
} // namespace

LocalTestServer::LocalTestServer(const QString& program, QObject* parent)
    : QObject(parent)
    , m_program(program.isEmpty() ? defaultProgram() : program)
{}

LocalTestServer::~LocalTestServer()
{
    stop();
}

QString LocalTestServer::defaultProgram()
{
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("nanojs"));
}

void LocalTestServer::start()
{
    if (m_process) return;
    m_firstLine.clear();
    m_url.clear();
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &LocalTestServer::onOutput);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail(
                WorkbenchTr::tr("Could not start %1: %2").arg(m_program, m_process->errorString()));
    });
    connect(m_process, &QProcess::finished, this, [this](int code) {
        const QString detail = QString::fromLocal8Bit(m_process->readAllStandardError()).trimmed();
        fail(WorkbenchTr::tr("The local test server ended (exit code %1). %2")
                 .arg(code)
                 .arg(detail));
    });
    // No --port: serve-test takes any free port and prints it.
    m_process->start(m_program, {QStringLiteral("serve-test")});
}

void LocalTestServer::onOutput()
{
    if (isReady()) {
        m_process->readAllStandardOutput(); // its later lines are for a terminal
        return;
    }
    m_firstLine += m_process->readAllStandardOutput();
    const int newline = m_firstLine.indexOf('\n');
    if (newline < 0) return;
    const QUrl url(QString::fromUtf8(m_firstLine.left(newline)).trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("http")) {
        fail(WorkbenchTr::tr("The local test server printed no URL: %1")
                 .arg(QString::fromUtf8(m_firstLine.left(newline))));
        return;
    }
    m_url = url;
    emit ready(m_url);
}

void LocalTestServer::fail(const QString& reason)
{
    if (!m_process) return;
    stop();
    emit failed(reason);
}

void LocalTestServer::stop()
{
    if (!m_process) return;
    QProcess* process = std::exchange(m_process, nullptr);
    process->disconnect(this);
    if (process->state() != QProcess::NotRunning) {
        process->terminate();
        if (!process->waitForFinished(StopGraceMs)) {
            process->kill();
            process->waitForFinished(StopGraceMs);
        }
    }
    process->deleteLater();
    m_url.clear();
}

} // namespace nano::ui
