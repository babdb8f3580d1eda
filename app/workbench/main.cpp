// nano-workbench [--run] [--max-heap-mb N] [FILE.js... | -]: the desktop workbench. "-" opens
// standard input as an unsaved buffer.
//
// Where V8 must end the process (an allocation that does not fit even above the heap limit),
// the fatal error hook has the UI thread save every unsaved buffer and leave a note; the next
// start restores them and says what happened (MainWindow::restoreAutosaved).
//
// NANO_STARTUP_TIMING=1 prints the time from main() to the window's first paint on stderr;
// NANO_STARTUP_TIMING=quit prints it and quits (what tests/ui/tst_startup.cpp measures).

#include "bundle/bundle_actions.h"
#include "bundle_service_impl.h"
#include "common/settings_keys.h"
#include "common/theme.h"
#include "common/translations.h"
#include "editor/code_editor.h"
#include "editor/editor_tabs.h"
#include "main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QPointer>
#include <QSemaphore>
#include <QSettings>
#include <QTimer>
#include <cstdio>
#include <memory>

namespace {

// Reports the first paint of any widget of the application, then removes itself.
class FirstPaintProbe final : public QObject {
public:
    FirstPaintProbe(const QElapsedTimer& clock, bool quit)
        : m_clock(clock)
        , m_quit(quit)
    {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && watched->isWidgetType()) {
            std::fprintf(stderr, "nano-workbench: first paint after %lld ms\n",
                         static_cast<long long>(m_clock.elapsed()));
            std::fflush(stderr);
            qApp->removeEventFilter(this);
            if (m_quit) QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    const QElapsedTimer& m_clock;
    bool m_quit;
};

// On the engine thread, just before the process exits: the UI thread saves the buffers (a
// queued call, waited for with a time-out, never a blocking connection that could deadlock).
void registerFatalErrorHook(nano::ui::MainWindow& window)
{
    QPointer<nano::ui::MainWindow> target(&window);
    nano::Controller::setFatalErrorHook([target](const QString& reason) {
        auto done = std::make_shared<QSemaphore>();
        const bool posted = QMetaObject::invokeMethod(
            target.data(),
            [target, reason, done] {
                if (target) target->prepareForFatalError(reason);
                done->release();
            },
            Qt::QueuedConnection);
        if (posted) done->tryAcquire(1, 3000);
    });
}

} // namespace

int main(int argc, char* argv[])
{
    QElapsedTimer startup;
    startup.start();
    QApplication app(argc, argv);
    const QByteArray timing = qgetenv("NANO_STARTUP_TIMING");
    std::unique_ptr<FirstPaintProbe> probe;
    if (!timing.isEmpty()) {
        probe = std::make_unique<FirstPaintProbe>(startup, timing == "quit");
        app.installEventFilter(probe.get());
    }
    QApplication::setOrganizationName(QStringLiteral("NANO"));
    QApplication::setApplicationName(QStringLiteral("NANO Workbench"));
    QApplication::setApplicationVersion(nano::Controller::version());

    QSettings settings;
    nano::ui::i18n::install(settings.value(nano::ui::settings::Language).toString());
    nano::ui::theme::apply(
        nano::ui::theme::modeFromString(settings.value(nano::ui::settings::Theme).toString()));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("Nano::Workbench", "A JavaScript workbench on V8."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption run(
        QStringLiteral("run"),
        QApplication::translate("Nano::Workbench", "Run the first file once it is open."));
    parser.addOption(run);
    const QCommandLineOption maxHeap(
        QStringLiteral("max-heap-mb"),
        QApplication::translate("Nano::Workbench", "The heap limit of each run, in megabytes."),
        QStringLiteral("N"));
    parser.addOption(maxHeap);
    parser.addPositionalArgument(QStringLiteral("files"),
                                 QApplication::translate("Nano::Workbench",
                                                         "JavaScript files to open ("
                                                         "- for standard input)."),
                                 QStringLiteral("[FILE.js|FILE.nanobundle...]"));
    parser.process(app);

    nano::ui::MainWindow::Options options;
    options.maxHeapMb = qMax(0, parser.value(maxHeap).toInt());
    nano::ui::MainWindow window(options);
    registerFatalErrorHook(window);
    QStringList files = parser.positionalArguments();
    if (files.removeAll(QStringLiteral("-")) > 0) {
        QFile in;
        if (in.open(stdin, QIODevice::ReadOnly)) {
            window.editors()->closePristineBuffer(); // standard input is untitled-1
            nano::ui::CodeEditor* editor =
                window.editors()->newBuffer(QString::fromUtf8(in.readAll()));
            editor->setModified(true); // nowhere saved yet
        }
    }
    nano::workbench::BundleServiceImpl bundleService;
    auto* bundles = new nano::ui::BundleActions(&window, &bundleService, true);
    // A .nanobundle (a double-click in the file manager) opens as a bundle, not as text.
    QStringList bundleFiles;
    for (const QString& file : files)
        if (file.endsWith(QLatin1String(".nanobundle"))) bundleFiles.append(file);
    for (const QString& file : bundleFiles)
        files.removeAll(file);
    window.openFiles(files);
    window.show();
    bool bundleOpened = false;
    for (const QString& file : bundleFiles)
        bundleOpened = bundles->openBundle(file, !parser.isSet(run)) || bundleOpened;
    if (parser.isSet(run) && bundleOpened)
        QTimer::singleShot(0, bundles, &nano::ui::BundleActions::runBundle);
    else if (parser.isSet(run) && !parser.positionalArguments().isEmpty())
        QTimer::singleShot(0, &window, &nano::ui::MainWindow::runCurrent);
    // After the window is up, so that the question has a parent on screen.
    QTimer::singleShot(0, &window, [&window] { window.restoreAutosaved(true); });
    return app.exec();
}
