// nano-workbench [--run] [FILE.js...]: the desktop workbench.
//
// NANO_STARTUP_TIMING=1 prints the time from main() to the window's first paint on stderr;
// NANO_STARTUP_TIMING=quit prints it and quits (what tests/ui/tst_startup.cpp measures).

#include "common/settings_keys.h"
#include "common/theme.h"
#include "common/translations.h"
#include "main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEvent>
#include <QSettings>
#include <QTimer>
#include <cstdio>
#include <memory>

namespace {

// Reports the first paint of any widget of the application, then removes itself.
class FirstPaintProbe final : public QObject {
public:
    FirstPaintProbe(const QElapsedTimer& clock, bool quit) : m_clock(clock), m_quit(quit) {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && watched->isWidgetType()) {
            std::fprintf(stderr, "nano-workbench: first paint after %lld ms\n",
                         static_cast<long long>(m_clock.elapsed()));
            std::fflush(stderr);
            qApp->removeEventFilter(this);
            if (m_quit)
                QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    const QElapsedTimer& m_clock;
    bool m_quit;
};

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
    parser.setApplicationDescription(QApplication::translate(
        "Nano::Workbench", "A JavaScript workbench on V8."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption run(QStringLiteral("run"),
                                 QApplication::translate("Nano::Workbench",
                                                         "Run the first file once it is open."));
    parser.addOption(run);
    parser.addPositionalArgument(QStringLiteral("files"),
                                 QApplication::translate("Nano::Workbench",
                                                         "JavaScript files to open."),
                                 QStringLiteral("[FILE.js...]"));
    parser.process(app);

    nano::ui::MainWindow window;
    window.openFiles(parser.positionalArguments());
    window.show();
    if (parser.isSet(run) && !parser.positionalArguments().isEmpty())
        QTimer::singleShot(0, &window, &nano::ui::MainWindow::runCurrent);
    // After the window is up, so that the question has a parent on screen.
    QTimer::singleShot(0, &window, [&window] { window.restoreAutosaved(true); });
    return app.exec();
}
