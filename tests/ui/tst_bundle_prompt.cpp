// The workbench's bundle features offscreen: the permission prompt's three answers (Once asks
// again next time, Always does not and is remembered for the bundle, Deny rejects the fetch
// and the traffic feed shows it failed with the cause), the engine running on while a prompt
// is up, Open Bundle's read-only tabs and Run Bundle, and Export Bundle's prefilled
// permissions. The bundle service is a fake over memory: the real one (QuaZip) is tested by
// tst_bundle and tst_bundle_cli.

#include "bundle/bundle_actions.h"
#include "bundle/export_bundle_dialog.h"
#include "bundle/permission_prompt.h"
#include "editor/code_editor.h"
#include "editor/editor_tabs.h"
#include "engine/inspect/fetch_record.h"
#include "window_test_support.h"

#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace nano;
using namespace nano::ui;

namespace {

class FakeService final : public BundleService {
public:
    BundleInfo bundle;
    std::optional<QStringList> plannedFiles(const QString& entry, const QStringList& extra,
                                            QString*) override
    {
        return QStringList{QFileInfo(entry).fileName()} + extra;
    }
    bool exportBundle(const BundleExport& request, QString*) override
    {
        exported = request;
        return true;
    }
    std::optional<BundleInfo> open(const QString& path, QString* error) override
    {
        if (!path.endsWith(QLatin1String("good.nanobundle"))) {
            *error = QStringLiteral("'x' is in the archive twice");
            return std::nullopt;
        }
        BundleInfo info = bundle;
        info.filePath = path;
        return info;
    }
    BundleExport exported;
};

} // namespace

class TestBundlePrompt : public QObject {
    Q_OBJECT

private:
    QProcess m_server;
    QString m_base;
    QTemporaryDir m_dir;

    QByteArray twoFetches() const
    {
        return "for (let i = 0; i < 2; i++) {\n"
               "  try { const r = await fetch('" +
               m_base.toUtf8() +
               "/get'); console.log('ok', r.status); }\n"
               "  catch (e) { console.log('denied', e.cause.code); }\n"
               "}\n"
               "console.log('done');\n";
    }

    static void answer(BundleActions& actions, QPushButton* (PermissionPrompt::*button)() const)
    {
        QTRY_COMPARE_WITH_TIMEOUT(actions.prompts().size(), 1, 15000);
        PermissionPrompt* prompt = actions.prompts().first();
        QTest::mouseClick((prompt->*button)(), Qt::LeftButton);
        QTRY_COMPARE(actions.prompts().size(), 0); // closed, deleted on close
    }

    void runEditorScript(MainWindow& window, const QByteArray& code)
    {
        const QString path = m_dir.filePath(QStringLiteral("fetches.js"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(code);
        file.close();
        window.openFiles({path});
        window.runCurrent();
    }

    static bool consoleHas(MainWindow& window, const QString& text)
    {
        return test::consoleTexts(window).contains(text);
    }

private slots:
    void initTestCase()
    {
        m_server.start(QStringLiteral(NANOJS_PATH), {QStringLiteral("serve-test")});
        QVERIFY(m_server.waitForReadyRead(10000));
        m_base = QString::fromUtf8(m_server.readLine()).trimmed();
    }

    void cleanupTestCase()
    {
        m_server.kill();
        m_server.waitForFinished(5000);
    }

    void editorScriptsHaveNetworkByDefault()
    {
        MainWindow window(test::testWindowOptions());
        FakeService service;
        BundleActions actions(&window, &service, false);
        QVERIFY(!actions.promptEditorScriptsAction()->isChecked());
        runEditorScript(window, twoFetches());
        QTRY_VERIFY_WITH_TIMEOUT(consoleHas(window, QStringLiteral("done")), 15000);
        QCOMPARE(test::consoleTexts(window).count(QStringLiteral("ok 200")), 2);
        QVERIFY(actions.prompts().isEmpty());
        QCOMPARE(actions.lastRunOrigins(), QStringList{m_base});
    }

    void onceAsksAgainAndDenyRejects()
    {
        MainWindow window(test::testWindowOptions());
        FakeService service;
        BundleActions actions(&window, &service, false);
        actions.promptEditorScriptsAction()->setChecked(true);
        QVector<FetchRecord> failed;
        connect(window.controller(), &Controller::inspectorEvents, this,
                [&failed](const InspectorBatch& batch) {
                    for (const FetchRecords& records :
                         batch.values<FetchRecords>(fetchTrafficKind()))
                        for (const FetchRecord& record : records)
                            if (record.state == FetchRecord::State::Failed) failed.append(record);
                });
        runEditorScript(window, twoFetches());
        QTRY_COMPARE_WITH_TIMEOUT(actions.prompts().size(), 1, 15000);
        QCOMPARE(actions.prompts().first()->origin(), m_base);
        QCOMPARE(actions.prompts().first()->alwaysButton()->text(),
                 QStringLiteral("&Always for this script"));
        // The engine is not blocked while the question is open: the window's REPL answers.
        QVERIFY(window.controller()->isRunning());
        answer(actions, &PermissionPrompt::onceButton);
        QTRY_VERIFY_WITH_TIMEOUT(consoleHas(window, QStringLiteral("ok 200")), 15000);
        answer(actions, &PermissionPrompt::denyButton); // Once: asked again
        QTRY_VERIFY_WITH_TIMEOUT(consoleHas(window, QStringLiteral("done")), 15000);
        QVERIFY(consoleHas(window, QStringLiteral("denied ERR_NETWORK_PERMISSION")));
        // The blocked request is in the traffic feed (the network dock) as failed, with why.
        QTRY_VERIFY(!failed.isEmpty());
        QCOMPARE(failed.last().failureCode, QStringLiteral("ERR_NETWORK_PERMISSION"));
        QVERIFY2(failed.last().failureMessage.contains(m_base),
                 qPrintable(failed.last().failureMessage));
    }

    void alwaysIsRememberedForTheBundle()
    {
        MainWindow window(test::testWindowOptions());
        FakeService service;
        service.bundle.entry = QStringLiteral("main.js");
        service.bundle.files = {{QStringLiteral("main.js"), 0, QString()},
                                {QStringLiteral("lib/util.js"), 0, QString()}};
        service.bundle.contents = {
            {QStringLiteral("main.js"), "import { n } from './lib/util.js';\n" + twoFetches()},
            {QStringLiteral("lib/util.js"), "export const n = 1;\n"}};
        BundleActions actions(&window, &service, false);
        // A refused bundle says why, and opens nothing.
        QString said;
        auto* poll = new QTimer(this);
        connect(poll, &QTimer::timeout, this, [poll, &said] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box) return;
            said = box->text();
            poll->deleteLater();
            box->accept();
        });
        poll->start(20);
        QVERIFY(!actions.openBundle(m_dir.filePath(QStringLiteral("bad.nanobundle")), false));
        QVERIFY2(said.contains(QLatin1String("is in the archive twice")), qPrintable(said));
        QVERIFY(!actions.runAction()->isEnabled());
        QVERIFY(actions.openBundle(m_dir.filePath(QStringLiteral("good.nanobundle")), false));
        // Its modules are open, read-only, under their bundle names.
        QStringList names;
        for (CodeEditor* editor : window.editors()->editors()) {
            names << editor->displayName();
            QVERIFY(editor->isReadOnly());
        }
        QCOMPARE(names, QStringList({"good.nanobundle!/main.js", "good.nanobundle!/lib/util.js"}));
        // Console locations and error marks find them by the name V8 gives their scripts.
        QCOMPARE(
            window.editors()->editorForSourceUrl(QStringLiteral("good.nanobundle!/lib/util.js")),
            window.editors()->editors().at(1));
        QVERIFY(actions.runAction()->isEnabled());

        QVERIFY(actions.runBundle());
        QTRY_COMPARE_WITH_TIMEOUT(actions.prompts().size(), 1, 15000);
        QCOMPARE(actions.prompts().first()->alwaysButton()->text(),
                 QStringLiteral("&Always for this bundle"));
        answer(actions, &PermissionPrompt::alwaysButton);
        QTRY_VERIFY_WITH_TIMEOUT(consoleHas(window, QStringLiteral("done")), 15000);
        QCOMPARE(test::consoleTexts(window).count(QStringLiteral("ok 200")), 2); // asked once
        QTRY_VERIFY(!window.controller()->isRunning());

        // Run again: remembered for this bundle, no question (the console clears on run).
        QVERIFY(actions.runBundle());
        QTRY_VERIFY_WITH_TIMEOUT(
            !window.controller()->isRunning() && consoleHas(window, QStringLiteral("done")), 15000);
        QCOMPARE(test::consoleTexts(window).count(QStringLiteral("ok 200")), 2);
        QVERIFY(actions.prompts().isEmpty());
    }

    void exportPrefillsTheLastRunsOrigins()
    {
        MainWindow window(test::testWindowOptions());
        FakeService service;
        BundleActions actions(&window, &service, false);
        runEditorScript(window, twoFetches());
        QTRY_VERIFY_WITH_TIMEOUT(consoleHas(window, QStringLiteral("done")), 15000);
        ExportBundleDialog dialog(service, m_dir.filePath(QStringLiteral("fetches.js")),
                                  actions.lastRunOrigins(), &window);
        QCOMPARE(dialog.permissionsEdit()->toPlainText(), m_base);
        QCOMPARE(dialog.plannedFiles(), QStringList{QStringLiteral("fetches.js")});
        QCOMPARE(dialog.outputEdit()->text(), m_dir.filePath(QStringLiteral("fetches.nanobundle")));
        dialog.accept();
        QCOMPARE(service.exported.allowNet, QStringList{m_base});
        QCOMPARE(service.exported.entryPath, m_dir.filePath(QStringLiteral("fetches.js")));
    }
};

QTEST_MAIN(TestBundlePrompt)
#include "tst_bundle_prompt.moc"
