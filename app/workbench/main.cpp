// nano-workbench [--run] [FILE.js...]: the desktop workbench.

#include "common/settings_keys.h"
#include "common/theme.h"
#include "common/translations.h"
#include "main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>
#include <QTimer>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
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
