#pragma once
// What the window tests share: a MainWindow that leaves the user's settings and autosave
// alone, the console's rows as text, and the file dialog a test answers as a user would.

#include "console/console_dock.h"
#include "console/console_model.h"
#include "main_window.h"

#include <QApplication>
#include <QFileDialog>
#include <QLineEdit>
#include <QTimer>

namespace nano::ui::test {

// No settings read or written, no autosave timer; the memory chart samples every
// `heapSamplingMs` (0: only at the start and the end of each run).
inline MainWindow::Options testWindowOptions(int heapSamplingMs = 0)
{
    MainWindow::Options options;
    options.useSettings = false;
    options.autosaveIntervalMs = 0;
    options.heapSamplingMs = heapSamplingMs;
    return options;
}

// The rows of the console (top level) as text.
inline QStringList consoleTexts(MainWindow& window)
{
    QStringList texts;
    ConsoleModel* model = window.consoleDock()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        texts << model->index(row, 0).data(ConsoleModel::FullTextRole).toString();
    return texts;
}

// Accepts the next file dialog with `path` as the chosen file, as a user would; an empty
// `path` cancels it.
inline void answerFileDialog(const QString& path)
{
    auto* poll = new QTimer;
    QObject::connect(poll, &QTimer::timeout, [poll, path] {
        auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
        if (!dialog) return;
        poll->stop();
        poll->deleteLater();
        if (path.isEmpty()) {
            dialog->reject();
            return;
        }
        // Typed into the file name field, as a user would.
        if (auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit")))
            name->setText(path);
        else
            dialog->selectFile(path);
        static_cast<QDialog*>(dialog)->accept(); // QFileDialog::accept() checks the name
    });
    poll->start(20);
}

} // namespace nano::ui::test
