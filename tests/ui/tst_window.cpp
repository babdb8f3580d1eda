// The window on a 1600×1000 screen (offscreen, configured in main() below): the first start
// uses most of the screen with sizeable docks and the user's layout is kept afterwards; an
// empty editor has no horizontal scroll bar; a short run still draws its memory at the start
// and the end; quitting with unsaved buffers asks once; crash recovery restores buffers in
// their tab order; a checked console level button looks checked in both themes.

#include "common/autosave.h"
#include "common/theme.h"
#include "common/translations.h"
#include "console/console_dock.h"
#include "editor/code_editor.h"
#include "editor/editor_tabs.h"
#include "main_window.h"
#include "memory/memory_dock.h"
#include "memory/memory_model.h"
#include "window_test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QStyle>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using nano::ui::CodeEditor;
using nano::ui::MainWindow;
using nano::ui::test::answerFileDialog;
using nano::ui::test::testWindowOptions;

namespace {

constexpr QSize ScreenSize(1600, 1000);

// Answers the unsaved-changes dialog with the button named `buttonName` (the one-buffer
// dialog, and the old one per buffer, with `standard`), and `fileDialogPath` to every file
// dialog (empty: cancels them). Counts the distinct message boxes it saw.
class QuitDialogDriver final : public QObject {
public:
    QuitDialogDriver(const QString& buttonName, QMessageBox::StandardButton standard,
                     const QString& fileDialogPath = QString())
        : m_buttonName(buttonName)
        , m_standard(standard)
        , m_fileDialogPath(fileDialogPath)
    {
        connect(&m_poll, &QTimer::timeout, this, &QuitDialogDriver::poll);
        m_poll.start(20);
    }
    int messageBoxes() const { return int(m_seen.size()); }
    QString lastText() const { return m_lastText; }
    int fileDialogs() const { return m_fileDialogs; }

private:
    void poll()
    {
        QWidget* modal = QApplication::activeModalWidget();
        if (auto* box = qobject_cast<QMessageBox*>(modal)) {
            if (!m_seen.contains(box)) m_seen.append(box);
            m_lastText = box->text() + u'\n' + box->informativeText();
            auto* button = box->findChild<QPushButton*>(m_buttonName);
            if (!button) button = qobject_cast<QPushButton*>(box->button(m_standard));
            if (button) button->click();
        } else if (auto* dialog = qobject_cast<QFileDialog*>(modal)) {
            ++m_fileDialogs;
            if (m_fileDialogPath.isEmpty()) {
                dialog->reject();
            } else {
                if (auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit")))
                    name->setText(m_fileDialogPath);
                else
                    dialog->selectFile(m_fileDialogPath);
                static_cast<QDialog*>(dialog)->accept();
            }
        }
    }

    QTimer m_poll;
    QString m_buttonName;
    QMessageBox::StandardButton m_standard;
    QString m_fileDialogPath;
    QList<QPointer<QMessageBox>> m_seen;
    QString m_lastText;
    int m_fileDialogs = 0;
};

// The mean colour of a widget as painted.
QColor meanColor(QWidget* widget)
{
    const QImage image = widget->grab().toImage().convertToFormat(QImage::Format_RGB32);
    qint64 r = 0, g = 0, b = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QRgb pixel = image.pixel(x, y);
            r += qRed(pixel);
            g += qGreen(pixel);
            b += qBlue(pixel);
        }
    }
    const qint64 n = qMax<qint64>(1, qint64(image.width()) * image.height());
    return QColor(int(r / n), int(g / n), int(b / n));
}

int colorDistance(const QColor& a, const QColor& b)
{
    return qAbs(a.red() - b.red()) + qAbs(a.green() - b.green()) + qAbs(a.blue() - b.blue());
}

void writeAutosave(const QDir& dir, const QString& id, const QString& text, int order)
{
    QFile file(dir.filePath(id + QStringLiteral(".autosave.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("name"), id + QStringLiteral(".js")},
                                         {QStringLiteral("filePath"), QString()},
                                         {QStringLiteral("text"), text},
                                         {QStringLiteral("order"), order}})
                   .toJson());
}

} // namespace

class TestWindow : public QObject {
    Q_OBJECT

private slots:
    void firstStartUsesTheScreen()
    {
        MainWindow window(testWindowOptions());
        const QRect available = window.screen()->availableGeometry();
        QCOMPARE(available.size(), ScreenSize);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // About 85 % of the screen each way, centred: not a fixed 1200×800.
        const QRect geometry = window.geometry();
        QVERIFY2(qAbs(geometry.width() - available.width() * 0.85) <= 2,
                 qPrintable(QString::number(geometry.width())));
        QVERIFY2(qAbs(geometry.height() - available.height() * 0.85) <= 2,
                 qPrintable(QString::number(geometry.height())));
        QVERIFY(qAbs(geometry.center().x() - available.center().x()) <= 2);
        QVERIFY(qAbs(geometry.center().y() - available.center().y()) <= 2);
        // The console gets a real share of the height, the memory dock its whole table.
        QTRY_VERIFY2(window.consoleDock()->height() >= geometry.height() * 0.3,
                     qPrintable(QString::number(window.consoleDock()->height())));
        QVERIFY(window.memoryDock()->width() >= window.memoryDock()->preferredWidth() - 2);
        QVERIFY(window.memoryDock()->width() >= geometry.width() * 0.25);
    }

    void heapSpacesFitTheirTable()
    {
        MainWindow window(testWindowOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.editors()->current()->setText(
            QStringLiteral("globalThis.kept = Array.from({ length: 200000 }, (_, i) => ({ i }));"));
        QSignalSpy finished(window.controller(), &nano::Controller::runFinished);
        window.runAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        auto* view = window.memoryDock()->findChild<QTableView*>();
        QVERIFY(view);
        QTRY_VERIFY(view->model()->rowCount() >= 6);
        QTest::qWait(50); // the columns resize to the new contents
        QCOMPARE(view->horizontalScrollBar()->maximum(), 0);
        QCOMPARE(view->verticalScrollBar()->maximum(), 0); // every row shows
        // Names are not elided: the name column is as wide as its widest name.
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            const QString name = view->model()->index(row, 0).data().toString();
            QVERIFY2(view->fontMetrics().horizontalAdvance(name) < view->columnWidth(0),
                     qPrintable(name));
        }
    }

    void theUsersLayoutIsKept()
    {
        QSettings().clear();
        MainWindow::Options options = testWindowOptions();
        options.useSettings = true;
        {
            MainWindow window(options);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QCOMPARE(window.width(), qRound(ScreenSize.width() * 0.85));
            window.setGeometry(100, 80, 1000, 700);
            window.resizeDocks({window.consoleDock()}, {150}, Qt::Vertical);
            QTest::qWait(50);
            QVERIFY(window.close());
        }
        MainWindow window(options);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.size(), QSize(1000, 700));
        QTRY_VERIFY2(qAbs(window.consoleDock()->height() - 150) <= 4,
                     qPrintable(QString::number(window.consoleDock()->height())));
        QSettings().clear();
    }

    void emptyEditorHasNoHorizontalScrollBar()
    {
        MainWindow window(testWindowOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        CodeEditor* editor = window.editors()->current();
        QVERIFY(editor->text().isEmpty());
        QTest::qWait(50);
        QVERIFY(!editor->horizontalScrollBar()->isVisible());
        // A line wider than the editor brings it.
        editor->setText(QString(400, u'x'));
        QTRY_VERIFY(editor->horizontalScrollBar()->isVisible());
    }

    void aShortRunIsSampledAtItsStartAndEnd()
    {
        // No periodic samples at all: what the chart shows comes from the start and the end.
        MainWindow window(testWindowOptions(0));
        window.show();
        window.editors()->current()->setText(
            QStringLiteral("const end = Date.now() + 10; while (Date.now() < end) {}"));
        QSignalSpy finished(window.controller(), &nano::Controller::runFinished);
        window.runAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        nano::ui::MemorySeriesModel* series = window.memoryDock()->seriesModel();
        QTRY_VERIFY2(series->rowCount() >= 2, qPrintable(QString::number(series->rowCount())));
        // A second run starts a series of its own.
        window.runAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
        QTRY_COMPARE(series->rowCount(), 2);
    }

    void theLastSampleIsOfTheCollectedHeap()
    {
        MainWindow window(testWindowOptions(20));
        window.show();
        window.editors()->current()->setText(QStringLiteral(
            "globalThis.junk = Array.from({ length: 500000 }, (_, i) => ({ i, s: 'x' + i }));\n"
            "setTimeout(() => { globalThis.junk = null; }, 300);"));
        QSignalSpy finished(window.controller(), &nano::Controller::runFinished);
        window.runAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        nano::ui::MemorySeriesModel* series = window.memoryDock()->seriesModel();
        QTRY_VERIFY(series->maximum(nano::ui::MemorySeriesModel::UsedColumn) > 20);
        const double peak = series->maximum(nano::ui::MemorySeriesModel::UsedColumn);
        // The after-run sample comes after runFinished, from a collected heap.
        QTRY_VERIFY2(double(series->latest().usedHeap) / (1 << 20) < peak / 2,
                     qPrintable(QStringLiteral("%1 MB of %2 MB")
                                    .arg(double(series->latest().usedHeap) / (1 << 20))
                                    .arg(peak)));
    }

    void quittingWithEightUnsavedBuffersAsksOnce()
    {
        MainWindow window(testWindowOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.editors()->current()->setText(QStringLiteral("// 1"));
        for (int i = 2; i <= 8; ++i)
            window.editors()->newBuffer(QStringLiteral("// %1").arg(i));
        QCOMPARE(window.editors()->count(), 8);
        QuitDialogDriver driver(QStringLiteral("discardAllButton"), QMessageBox::Discard);
        QVERIFY(window.close());
        QCOMPARE(driver.messageBoxes(), 1);
        for (int i = 1; i <= 8; ++i)
            QVERIFY2(driver.lastText().contains(QStringLiteral("untitled-%1.js").arg(i)),
                     qPrintable(driver.lastText()));
        QVERIFY(driver.lastText().contains(QStringLiteral("8 buffers have unsaved changes")));
    }

    void quitDialogSpeaksGerman()
    {
        QCOMPARE(nano::ui::i18n::install(QStringLiteral("de")), QStringLiteral("de"));
        QStringList seen;
        {
            MainWindow window(testWindowOptions());
            window.show();
            window.editors()->current()->setText(QStringLiteral("// 1"));
            window.editors()->newBuffer(QStringLiteral("// 2"));
            QTimer poll;
            connect(&poll, &QTimer::timeout, [&] {
                auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
                if (!box) return;
                poll.stop();
                seen << box->text();
                for (const char* name : {"saveAllButton", "discardAllButton"})
                    seen << box->findChild<QPushButton*>(QLatin1String(name))->text();
                box->findChild<QPushButton*>(QStringLiteral("discardAllButton"))->click();
            });
            poll.start(20);
            QVERIFY(window.close());
        }
        QCOMPARE(nano::ui::i18n::install(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(seen,
                 QStringList({QStringLiteral("2 Puffer haben ungespeicherte Änderungen. "
                                             "Speichern?"),
                              QStringLiteral("Alle speichern"), QStringLiteral("Alle verwerfen")}));
    }

    void cancelledQuitKeepsTheWindow()
    {
        MainWindow window(testWindowOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.editors()->current()->setText(QStringLiteral("// 1"));
        window.editors()->newBuffer(QStringLiteral("// 2"));
        {
            // Escape is Cancel.
            QTimer::singleShot(100, [] {
                if (QWidget* modal = QApplication::activeModalWidget())
                    QTest::keyClick(modal, Qt::Key_Escape);
            });
            QVERIFY(!window.close());
        }
        QVERIFY(window.isVisible());
        QCOMPARE(window.editors()->count(), 2);
    }

    void saveAllSavesAsForUntitledAndACancelledSaveAsCancelsTheQuit()
    {
        QTemporaryDir dir;
        const QString saved = QDir(dir.path()).filePath(QStringLiteral("saved.js"));
        {
            QFile file(saved);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("// old");
        }
        MainWindow window(testWindowOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        CodeEditor* file = window.editors()->openFile(saved);
        QVERIFY(file);
        file->setText(QStringLiteral("// new"));
        CodeEditor* untitled = window.editors()->newBuffer(QStringLiteral("// untitled"));
        {
            // Cancels the Save As of the untitled buffer.
            QuitDialogDriver driver(QStringLiteral("saveAllButton"), QMessageBox::Save);
            QVERIFY(!window.close());
            QCOMPARE(driver.messageBoxes(), 1);
            QCOMPARE(driver.fileDialogs(), 1);
        }
        QVERIFY(!file->isModified()); // saved before the Save As was cancelled
        QVERIFY(untitled->isModified());
        const QString chosen = QDir(dir.path()).filePath(QStringLiteral("chosen.js"));
        {
            // Only the untitled buffer is left: the one-buffer dialog.
            QuitDialogDriver driver(QStringLiteral("saveAllButton"), QMessageBox::Save, chosen);
            QVERIFY(window.close());
        }
        QFile result(chosen);
        QVERIFY(result.open(QIODevice::ReadOnly));
        QCOMPARE(result.readAll(), QByteArray("// untitled"));
    }

    void crashRecoveryRestoresTheTabOrder()
    {
        QTemporaryDir root;
        // An orphaned session (no lock: its process is gone) whose files were written in
        // another order than the tabs had.
        const QDir session(QDir(root.path()).filePath(QStringLiteral("orphan")));
        QVERIFY(QDir().mkpath(session.path()));
        const QStringList names = {QStringLiteral("c"), QStringLiteral("a"), QStringLiteral("d"),
                                   QStringLiteral("b")};
        const QList<int> orders = {2, 0, 3, 1};
        for (int i = 0; i < names.size(); ++i) {
            writeAutosave(session, names.at(i), QStringLiteral("// ") + names.at(i), orders.at(i));
            QTest::qWait(20); // distinct file times
        }
        MainWindow::Options options = testWindowOptions();
        options.autosaveRoot = root.path();
        MainWindow window(options);
        QCOMPARE(window.restoreAutosaved(false), 4);
        QStringList tabs;
        for (CodeEditor* editor : window.editors()->editors())
            tabs << editor->text();
        QCOMPARE(tabs, QStringList({QStringLiteral("// a"), QStringLiteral("// b"),
                                    QStringLiteral("// c"), QStringLiteral("// d")}));
    }

    void checkedLevelButtonsStandOut_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("light") << QStringLiteral("light");
        QTest::newRow("dark") << QStringLiteral("dark");
    }

    void checkedLevelButtonsStandOut()
    {
        QFETCH(QString, mode);
        nano::ui::theme::apply(nano::ui::theme::modeFromString(mode));
        MainWindow window(testWindowOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* toggle = window.consoleDock()->findChild<QToolButton*>(
            QStringLiteral("levelToggle%1").arg(int(nano::ConsoleMessage::Level::Log)));
        QVERIFY(toggle);
        QVERIFY(toggle->isChecked());
        const QColor on = meanColor(toggle);
        toggle->setChecked(false);
        const QColor off = meanColor(toggle);
        toggle->setChecked(true);
        // Plainly different, and tinted with the highlight colour: not a shade of grey that
        // reads as pressed as easily as checked.
        const QString colours = QStringLiteral("%1 vs %2").arg(on.name(), off.name());
        QVERIFY2(colorDistance(on, off) >= 60, qPrintable(colours));
        QVERIFY2(on.hsvSaturation() >= 40 && off.hsvSaturation() < on.hsvSaturation() / 2,
                 qPrintable(colours));
        const int hue = window.palette().color(QPalette::Highlight).hsvHue();
        QVERIFY2(qAbs(on.hsvHue() - hue) <= 20, qPrintable(colours));
        nano::ui::theme::apply(nano::ui::theme::Mode::System);
    }
};

// A 1600×1000 screen under the offscreen platform (its default is 800×600).
int main(int argc, char* argv[])
{
    QTemporaryDir config;
    if (qEnvironmentVariable("QT_QPA_PLATFORM") == QLatin1String("offscreen")) {
        const QString path = config.filePath(QStringLiteral("screens.json"));
        QFile file(path);
        if (file.open(QIODevice::WriteOnly)) {
            const QJsonObject screen{{QStringLiteral("name"), QStringLiteral("screen-1600x1000")},
                                     {QStringLiteral("x"), 0},
                                     {QStringLiteral("y"), 0},
                                     {QStringLiteral("width"), ScreenSize.width()},
                                     {QStringLiteral("height"), ScreenSize.height()},
                                     {QStringLiteral("logicalDpi"), 96},
                                     {QStringLiteral("logicalBaseDpi"), 96},
                                     {QStringLiteral("dpr"), 1}};
            file.write(QJsonDocument(QJsonObject{{QStringLiteral("screens"), QJsonArray{screen}}})
                           .toJson());
            file.close();
            qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + path.toLocal8Bit());
        }
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("NANO-tests"));
    TestWindow test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_window.moc"
