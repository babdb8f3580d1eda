#pragma once
// What the window tests share: a MainWindow that leaves the user's settings and autosave
// alone, and the file dialog a test answers as a user would.

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
