// nanojs bundle create|inspect|verify and nanojs run FILE.nanobundle as a user runs them: the
// round trip prints what the sources print, modules come from the archive (the sources may
// be gone), error locations name "app.nanobundle!/PATH:LINE:COLUMN", Nano.bundle.read, and
// the network permissions against `nanojs serve-test`: denied, granted by the manifest or by
// --allow-net, and a redirect to a forbidden origin.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Result {
    int exitCode = -1;
    QString out;
    QString err;
};

Result nanojs(const QStringList& args)
{
    QProcess process;
    process.start(QStringLiteral(NANOJS_PATH), args);
    process.waitForFinished(30000);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestBundleCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QProcess m_server;
    QString m_base; // http://127.0.0.1:PORT

    QString write(const QString& relative, const QByteArray& data)
    {
        const QString path = m_dir.filePath(relative);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(data);
        return path;
    }

    QString create(const QString& entry, const QString& out, const QStringList& extra = {})
    {
        const Result r =
            nanojs(QStringList{QStringLiteral("bundle"), QStringLiteral("create"),
                               m_dir.filePath(entry), QStringLiteral("-o"), m_dir.filePath(out)} +
                   extra);
        if (r.exitCode != 0) qWarning("%s", qPrintable(r.err));
        return r.exitCode == 0 ? m_dir.filePath(out) : QString();
    }

private slots:
    void initTestCase()
    {
        m_server.start(QStringLiteral(NANOJS_PATH), {QStringLiteral("serve-test")});
        QVERIFY(m_server.waitForReadyRead(10000));
        m_base = QString::fromUtf8(m_server.readLine()).trimmed();
        QVERIFY2(m_base.startsWith(QLatin1String("http://127.0.0.1:")), qPrintable(m_base));
    }

    void cleanupTestCase()
    {
        m_server.kill();
        m_server.waitForFinished(5000);
    }

    void roundTrip()
    {
        write(QStringLiteral("rt/src/main.js"),
              "import { greet } from '../lib/util.js';\n"
              "import data from './data.json' assert { type: 'json' };\n"
              "console.log(greet(data.who));\n"
              "const { twice } = await import('../lib/more/twice.js');\n"
              "console.log(twice(21), new URL(import.meta.url).pathname.endsWith('main.js'));\n");
        write(QStringLiteral("rt/lib/util.js"),
              "import { twice } from './more/twice.js';\n"
              "export const greet = (who) => `hello ${who} ${twice(1)}`;\n");
        write(QStringLiteral("rt/lib/more/twice.js"), "export const twice = (n) => n * 2;\n");
        write(QStringLiteral("rt/src/data.json"), "{\"who\": \"bundle\"}\n");
        const Result source = nanojs({QStringLiteral("run"), m_dir.filePath("rt/src/main.js")});
        QCOMPARE(source.exitCode, 0);
        QCOMPARE(source.out, QStringLiteral("hello bundle 2\n42 true\n"));

        const QString bundle =
            create(QStringLiteral("rt/src/main.js"), QStringLiteral("app.nanobundle"),
                   {QStringLiteral("--name"), QStringLiteral("Round trip")});
        QVERIFY(!bundle.isEmpty());
        const Result inspect =
            nanojs({QStringLiteral("bundle"), QStringLiteral("inspect"), bundle});
        QCOMPARE(inspect.exitCode, 0);
        QVERIFY2(inspect.out.contains(QLatin1String("Name:         Round trip\n")),
                 qPrintable(inspect.out));
        QVERIFY(inspect.out.contains(QLatin1String("Entry:        src/main.js\n")));
        QVERIFY(inspect.out.contains(QLatin1String("Network:      (none)\n")));
        for (const char* path :
             {"src/main.js", "src/data.json", "lib/util.js", "lib/more/twice.js"})
            QVERIFY2(inspect.out.contains(QLatin1String(path)), path);
        const Result verify = nanojs({QStringLiteral("bundle"), QStringLiteral("verify"), bundle});
        QCOMPARE(verify.exitCode, 0);
        QVERIFY(verify.out.contains(QLatin1String("OK (4 files")));

        // The sources are gone: the modules come from the archive.
        QVERIFY(QDir(m_dir.filePath(QStringLiteral("rt"))).removeRecursively());
        const Result run = nanojs({QStringLiteral("run"), bundle});
        QCOMPARE(run.err, QString());
        QCOMPARE(run.out, source.out);
        QCOMPARE(run.exitCode, 0);
        const Result classic = nanojs({QStringLiteral("run"), QStringLiteral("--classic"), bundle});
        QCOMPARE(classic.exitCode, 2);
        QVERIFY(classic.err.contains(QLatin1String("--classic does not apply to a bundle")));
    }

    void errorLocationsNameTheBundle()
    {
        write(QStringLiteral("err/main.js"), "import { boom } from './lib/util.js';\nboom();\n");
        write(QStringLiteral("err/lib/util.js"),
              "export function boom() {\n  throw new Error('boom');\n}\n");
        const QString bundle =
            create(QStringLiteral("err/main.js"), QStringLiteral("err.nanobundle"));
        const Result r = nanojs({QStringLiteral("run"), bundle});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith(QLatin1String("err.nanobundle!/lib/util.js:2:9\n")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("at boom (err.nanobundle!/lib/util.js:2:9)")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("at err.nanobundle!/main.js:2:1")),
                 qPrintable(r.err));
    }

    void aBundleImportsNothingOutsideIt()
    {
        write(QStringLiteral("out/main.js"),
              "const file = 'file:///etc/hostname', name = './not-bundled.js';\n"
              "await import(file).catch((e) => console.log(e.message));\n"
              "await import(name).catch((e) => console.log(e.message));\n");
        write(QStringLiteral("out/not-bundled.js"), "console.log('loaded from disk');\n");
        const Result created =
            nanojs({QStringLiteral("bundle"), QStringLiteral("create"),
                    m_dir.filePath(QStringLiteral("out/main.js")), QStringLiteral("-o"),
                    m_dir.filePath(QStringLiteral("out.nanobundle"))});
        QCOMPARE(created.exitCode, 0);
        QVERIFY2(created.err.contains(QLatin1String("main.js:2: import() of a computed specifier "
                                                    "is not followed")),
                 qPrintable(created.err));
        const Result r = nanojs({QStringLiteral("run"), m_dir.filePath("out.nanobundle")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QLatin1String("Cannot load module 'file:///etc/hostname' imported "
                                              "from out.nanobundle!/main.js: only nanobundle: URLs "
                                              "can be imported")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("Cannot find module 'out.nanobundle!/not-bundled.js' "
                                              "(specifier './not-bundled.js') imported from "
                                              "out.nanobundle!/main.js: it is not in the bundle")),
                 qPrintable(r.out));
        QVERIFY(!r.out.contains(QLatin1String("loaded from disk")));
    }

    void bundleReadGivesExtraFiles()
    {
        write(QStringLiteral("rd/main.js"),
              "const text = new TextDecoder().decode(Nano.bundle.read('assets/words.txt'));\n"
              "const again = Nano.bundle.read(import.meta.resolve('./assets/words.txt'));\n"
              "console.log(import.meta.resolve('./assets/words.txt'));\n"
              "console.log(text.trim(), again.length, Nano.bundle.name);\n"
              "try { Nano.bundle.read('../../etc/passwd'); } catch (e) { console.log(e.name); }\n");
        write(QStringLiteral("rd/assets/words.txt"), "some words\n");
        const QString bundle = create(
            QStringLiteral("rd/main.js"), QStringLiteral("rd.nanobundle"),
            {QStringLiteral("--add"), m_dir.filePath(QStringLiteral("rd/assets/words.txt"))});
        const Result r = nanojs({QStringLiteral("run"), bundle});
        QCOMPARE(r.err, QString());
        QCOMPARE(r.out, QStringLiteral("nanobundle:/assets/words.txt\nsome words 11 "
                                       "rd.nanobundle\nNotFoundError\n"));
        const Result plain = nanojs({QStringLiteral("run"), m_dir.filePath("rd/main.js")});
        QVERIFY2(plain.err.contains(QLatin1String("Cannot read properties of undefined")),
                 qPrintable(plain.err));
    }

    void aHostileBundleRunsNothing()
    {
        write(QStringLiteral("h/main.js"), "console.log('ran');\n");
        const QString bundle = create(QStringLiteral("h/main.js"), QStringLiteral("h.nanobundle"));
        QFile file(bundle);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.resize(file.size() - 40)); // truncated
        file.close();
        const QStringList before =
            QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
        const Result r = nanojs({QStringLiteral("run"), bundle});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.out, QString());
        QVERIFY2(r.err.contains(QLatin1String("truncated or corrupt")), qPrintable(r.err));
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), before);
        const Result verify = nanojs({QStringLiteral("bundle"), QStringLiteral("verify"), bundle});
        QCOMPARE(verify.exitCode, 1);
    }

    void networkPermissions()
    {
        // localhost is another origin than 127.0.0.1 on the same server.
        const QString other =
            QString(m_base).replace(QLatin1String("127.0.0.1"), QLatin1String("localhost"));
        write(QStringLiteral("net/main.js"),
              "const [base, other] = Nano.args;\n"
              "const show = (p) => p.then((r) => console.log('ok', r.status),\n"
              "  (e) => console.log(e.name, e.message, '|', e.cause.code, '|', e.cause.message));\n"
              "await show(fetch(base + '/get'));\n"
              "await show(fetch(other + '/get'));\n"
              "await show(fetch(base + '/redirect-to?url=' + encodeURIComponent(other + "
              "'/get')));\n");
        const QString denied =
            create(QStringLiteral("net/main.js"), QStringLiteral("net0.nanobundle"));
        const QString granted =
            create(QStringLiteral("net/main.js"), QStringLiteral("net1.nanobundle"),
                   {QStringLiteral("--allow-net"), m_base});

        const QString deniedBase =
            QStringLiteral("TypeError fetch failed | ERR_NETWORK_PERMISSION | network access to "
                           "%1 is not permitted: the script has no permission for this origin; "
                           "grant it with --allow-net %1\n");
        Result r = nanojs({QStringLiteral("run"), denied, m_base, other});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, deniedBase.arg(m_base) + deniedBase.arg(other) + deniedBase.arg(m_base));

        r = nanojs({QStringLiteral("run"), granted, m_base, other});
        QCOMPARE(r.exitCode, 0);
        // The redirect's hop to the other origin is checked too.
        QCOMPARE(r.out, QStringLiteral("ok 200\n") + deniedBase.arg(other) + deniedBase.arg(other));

        r = nanojs(
            {QStringLiteral("run"), granted, QStringLiteral("--allow-net"), other, m_base, other});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("ok 200\nok 200\nok 200\n"));

        // A script run from a file has full network access; --allow-net is for bundles.
        r = nanojs(
            {QStringLiteral("run"), m_dir.filePath(QStringLiteral("net/main.js")), m_base, other});
        QCOMPARE(r.out, QStringLiteral("ok 200\nok 200\nok 200\n"));
        r = nanojs({QStringLiteral("run"), QStringLiteral("--allow-net"), other,
                    m_dir.filePath(QStringLiteral("net/main.js"))});
        QCOMPARE(r.exitCode, 2);
        r = nanojs({QStringLiteral("run"), QStringLiteral("--allow-net"), QStringLiteral("ftp://x"),
                    denied});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(QLatin1String("--allow-net takes an http(s) origin")));
    }

    void usageErrors()
    {
        QCOMPARE(nanojs({QStringLiteral("bundle")}).exitCode, 2);

        QCOMPARE(nanojs({QStringLiteral("bundle"), QStringLiteral("pack")}).exitCode, 2);
        QCOMPARE(
            nanojs({QStringLiteral("bundle"), QStringLiteral("create"), QStringLiteral("x.js")})
                .exitCode,
            2);
        const Result help = nanojs({QStringLiteral("--help")});
        QVERIFY(help.out.contains(QLatin1String("nanojs bundle create ENTRY -o OUT.nanobundle")));
        QVERIFY(help.out.contains(QLatin1String("--allow-net ORIGIN")));
    }
};

QTEST_GUILESS_MAIN(TestBundleCli)
#include "tst_bundle_cli.moc"
