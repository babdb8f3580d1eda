// The bundle library (app/bundle): the import scanner, the writer's import graph, and the
// reader refusing every hostile archive of issue 15 with its own message, in memory, writing
// nothing. The CLI and runs of bundles: tst_bundle_cli.

#include "bundle_reader.h"
#include "bundle_writer.h"
#include "import_scanner.h"
#include "manifest.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>
#include <zlib.h>

using namespace nano::bundle;

namespace {

struct ZipEntry {
    QString name;
    QByteArray data;
    bool symlink = false;
    const char* password = nullptr;
};

QByteArray makeZip(const QVector<ZipEntry>& entries)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    QuaZip zip(&buffer);
    zip.open(QuaZip::mdCreate);
    for (const ZipEntry& entry : entries) {
        QuaZipFile file(&zip);
        QuaZipNewInfo info(entry.name);
        if (entry.symlink) info.externalAttr = quint32(0120777) << 16;
        const quint32 crc = quint32(
            crc32(0, reinterpret_cast<const Bytef*>(entry.data.constData()), entry.data.size()));
        file.open(QIODevice::WriteOnly, info, entry.password, crc);
        file.write(entry.data);
        file.close();
    }
    zip.close();
    return bytes;
}

QByteArray sha(const QByteArray& data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

Manifest manifestFor(const QVector<ZipEntry>& files,
                     const QString& entry = QStringLiteral("main.js"))
{
    Manifest m;
    m.name = QStringLiteral("t");
    m.entry = entry;
    m.created = QDateTime::currentDateTimeUtc();
    m.nanoVersion = QStringLiteral("0.1.0");
    for (const ZipEntry& file : files)
        m.files.append({file.name, file.data.size(), sha(file.data)});
    return m;
}

// A zip of `files` with a manifest that describes them truthfully.
QByteArray goodBundle(QVector<ZipEntry> files)
{
    const Manifest m = manifestFor(files);
    files.prepend({QStringLiteral("manifest.json"), m.toJson()});
    return makeZip(files);
}

QString readError(const QByteArray& archive, const Limits& limits = Limits())
{
    QString error;
    const std::optional<Bundle> bundle = readBundleBytes(archive, &error, limits);
    return bundle ? QStringLiteral("(accepted)") : error;
}

} // namespace

class TestBundle : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString& relative, const QByteArray& data)
    {
        const QString path = m_dir.filePath(relative);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(data);
        return path;
    }

private slots:
    void scannerFindsModuleRequests()
    {
        const ScanResult r = scanImports(
            QStringLiteral("import a from './a.js';\n"
                           "import { b as c } from \"../lib/b.js\";\n"
                           "import './side.js';\n"
                           "export * from './re.js';\n"
                           "export { x } from './x.js';\n"
                           "import data from './d.json' assert { type: 'json' };\n"
                           "const later = await import('./lazy.js');\n"
                           "const j = await import('./j.json', { assert: { type: 'json' } });\n"
                           "const computed = await import(name);\n"
                           "// import nope from './comment.js';\n"
                           "/* import('./block.js') */\n"
                           "const s = \"import x from './string.js'\";\n"
                           "const t = `import('./template.js') ${'x'}`;\n"
                           "const re = /import('.\\/regex.js')/;\n"
                           "obj.import('./method.js');\n"
                           "console.log(import.meta.url);\n"));
        QStringList specs;
        for (const ModuleRequest& request : r.requests)
            specs << request.specifier + (request.json ? QStringLiteral(" json") : QString()) +
                         (request.dynamic ? QStringLiteral(" dynamic") : QString());
        QCOMPARE(specs,
                 QStringList({"./a.js", "../lib/b.js", "./side.js", "./re.js", "./x.js",
                              "./d.json json", "./lazy.js dynamic", "./j.json json dynamic"}));
        QCOMPARE(r.computedDynamicImportLines, QVector<int>({9}));
    }

    void writerWalksTheImportGraph()
    {
        write(QStringLiteral("app/src/main.js"),
              "import { util } from '../lib/util.js';\n"
              "import config from './config.json' assert { type: 'json' };\n"
              "await import('./lazy.js');\n");
        write(QStringLiteral("app/lib/util.js"), "export { deep as util } from './deep/d.js';\n");
        write(QStringLiteral("app/lib/deep/d.js"), "export const deep = 1;\n");
        write(QStringLiteral("app/src/config.json"), "{\"a\": 1}\n");
        write(QStringLiteral("app/src/lazy.js"), "import '../lib/util.js';\n"); // seen already
        const QString extra = write(QStringLiteral("app/data/words.txt"), "hello\n");
        CreateOptions options;
        options.entryPath = m_dir.filePath(QStringLiteral("app/src/main.js"));
        options.outputPath = m_dir.filePath(QStringLiteral("out.nanobundle"));
        options.addFiles = {extra};
        options.allowNet = {QStringLiteral("https://Example.com:443/path"),
                            QStringLiteral("http://127.0.0.1:8080")};
        QString error;
        const std::optional<CreatePlan> plan = createBundle(options, &error);
        QVERIFY2(plan, qPrintable(error));
        QCOMPARE(plan->manifest.entry, QStringLiteral("src/main.js"));
        QCOMPARE(plan->manifest.name, QStringLiteral("main"));
        QCOMPARE(plan->manifest.netPermissions,
                 QStringList({"https://example.com", "http://127.0.0.1:8080"}));

        const std::optional<Bundle> read = readBundleFile(options.outputPath, &error);
        QVERIFY2(read, qPrintable(error));
        QStringList paths = read->files.keys();
        paths.sort();
        QCOMPARE(paths, QStringList({"data/words.txt", "lib/deep/d.js", "lib/util.js",
                                     "src/config.json", "src/lazy.js", "src/main.js"}));
        QCOMPARE(read->files.value(QStringLiteral("data/words.txt")), QByteArray("hello\n"));
        QCOMPARE(read->manifest.files.first().sha256, sha(read->files.value("src/main.js")));
    }

    void writerNamesWhatIsMissing()
    {
        write(QStringLiteral("w/main.js"), "import './gone.js';\n");
        write(QStringLiteral("w/bare.js"), "import 'lodash';\n");
        write(QStringLiteral("w/abs.js"), "import 'file:///etc/hostname';\n");
        CreateOptions options;
        options.outputPath = m_dir.filePath(QStringLiteral("never.nanobundle"));
        options.entryPath = m_dir.filePath(QStringLiteral("w/main.js"));
        QString error;
        QVERIFY(!createBundle(options, &error));
        QVERIFY2(error.contains(QLatin1String("main.js:1 imports './gone.js', which does not "
                                              "exist")),
                 qPrintable(error));
        options.entryPath = m_dir.filePath(QStringLiteral("w/bare.js"));
        QVERIFY(!createBundle(options, &error));
        QVERIFY2(error.contains(QLatin1String("bare specifiers are not supported")),
                 qPrintable(error));
        options.entryPath = m_dir.filePath(QStringLiteral("w/abs.js"));
        QVERIFY(!createBundle(options, &error));
        QVERIFY2(error.contains(QLatin1String("import each other by relative paths")),
                 qPrintable(error));
        options.entryPath = m_dir.filePath(QStringLiteral("w/none.js"));
        QVERIFY(!createBundle(options, &error));
        QVERIFY(!QFile::exists(options.outputPath));
    }

    void aGoodBundleIsAccepted()
    {
        QString error;
        const auto bundle = readBundleBytes(
            goodBundle({{"main.js", "import './lib/a.js';"}, {"lib/a.js", ""}}), &error);
        QVERIFY2(bundle, qPrintable(error));
        QCOMPARE(bundle->files.value(QStringLiteral("lib/a.js")), QByteArray());
    }

    void hostileArchivesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("archive");
        QTest::addColumn<QString>("message");
        const QVector<ZipEntry> main = {{"main.js", "console.log(1);"}};
        auto with = [&](QVector<ZipEntry> extra, const Manifest& m) {
            extra.prepend({QStringLiteral("manifest.json"), m.toJson()});
            return makeZip(extra);
        };
        QTest::newRow("zero bytes") << QByteArray() << "the file is empty (0 bytes)";
        QTest::newRow("not a zip") << QByteArray("hello, world") << "not a zip archive";
        const QByteArray good = goodBundle(main);
        QTest::newRow("truncated") << good.left(good.size() - 30) << "truncated or corrupt";
        QByteArray corrupt = good;
        const int at = corrupt.size() / 2; // in the manifest's deflated bytes
        for (int i = at; i < at + 8 && i < corrupt.size(); ++i)
            corrupt[i] = char(corrupt[i] ^ 0x5a);
        QTest::newRow("corrupt") << corrupt << "corrupt";
        QTest::newRow("dot dot") << with({main[0], {"../evil.js", "x"}}, manifestFor(main))
                                 << "unsafe entry name: '../evil.js' contains '..'";
        QTest::newRow("absolute") << with({main[0], {"/etc/evil.js", "x"}}, manifestFor(main))
                                  << "unsafe entry name: '/etc/evil.js' is an absolute path";
        QTest::newRow("backslash")
            << with({main[0], {"a\\..\\b.js", "x"}}, manifestFor(main)) << "contains a backslash";
        ZipEntry link{"link.js", "/etc/passwd", true};
        QTest::newRow("symlink") << with({main[0], link}, manifestFor({main[0], link}))
                                 << "'link.js' is a symbolic link";
        QTest::newRow("duplicate")
            << with({main[0], main[0]}, manifestFor(main)) << "'main.js' is in the archive twice";
        ZipEntry secret{"main.js", "console.log(1);", false, "pw"};
        QTest::newRow("encrypted") << with({secret}, manifestFor(main)) << "'main.js' is encrypted";
        Manifest wrongSize = manifestFor(main);
        wrongSize.files[0].size = 3;
        QTest::newRow("size larger than manifest")
            << with(main, wrongSize) << "'main.js' holds more than the 3 bytes the manifest says";
        wrongSize.files[0].size = 100;
        QTest::newRow("size smaller than manifest")
            << with(main, wrongSize) << "'main.js' has 15 bytes, the manifest says 100";
        Manifest wrongSha = manifestFor(main);
        wrongSha.files[0].sha256 = QByteArray(64, 'a');
        QTest::newRow("sha256") << with(main, wrongSha)
                                << "the SHA-256 of 'main.js' does not match the manifest";
        QTest::newRow("not in manifest") << with({main[0], {"extra.js", "x"}}, manifestFor(main))
                                         << "'extra.js' is in the archive but not in the manifest";
        QTest::newRow("missing from archive")
            << with({}, manifestFor(main)) << "'main.js' is in the manifest but not in the archive";
        Manifest noEntry = manifestFor(main, QStringLiteral("app.js"));
        QTest::newRow("missing entry")
            << with(main, noEntry) << "the entry module 'app.js' is not in \"files\"";
        QTest::newRow("no manifest") << makeZip(main) << "there is no manifest.json";
        QTest::newRow("empty zip") << makeZip({}) << "there is no manifest.json";
        QTest::newRow("manifest not JSON")
            << makeZip({{"manifest.json", "{ nope"}, main[0]}) << "manifest.json: not JSON";
        QByteArray json = manifestFor(main).toJson();
        QTest::newRow("manifest wrong type")
            << makeZip(
                   {{"manifest.json", QByteArray(json).replace("\"name\": \"t\"", "\"name\": 5")},
                    main[0]})
            << "\"name\" must be a string";
        QTest::newRow("manifest unknown version")
            << makeZip(
                   {{"manifest.json", QByteArray(json).replace("\"format\": 1", "\"format\": 7")},
                    main[0]})
            << "unknown format version 7";
        const QVector<ZipEntry> bomb = {main[0], {"zeros.bin", QByteArray(4 << 20, '\0')}};
        QTest::newRow("ratio") << goodBundle(bomb)
                               << "'zeros.bin' inflates to more than 100 times its compressed size";
    }

    void hostileArchivesAreRefused()
    {
        QFETCH(QByteArray, archive);
        QFETCH(QString, message);
        // From a file, as nanojs reads it: the folder holds nothing new afterwards.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hostile.nanobundle"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(archive);
        file.close();
        QString error;
        QVERIFY(!readBundleFile(path, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY2(error.startsWith(path), qPrintable(error));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                 QStringList{QStringLiteral("hostile.nanobundle")});
    }

    void theTotalLimitHolds()
    {
        const QByteArray archive =
            goodBundle({{"main.js", "1;"}, {"big.txt", QByteArray(5000, 'x')}});
        Limits limits;
        limits.maxTotalBytes = 4000;
        QVERIFY2(readError(archive, limits).contains(QLatin1String("over the limit of 4000")),
                 qPrintable(readError(archive, limits)));
        // A manifest that understates the sizes does not get past it either: inflating stops.
        Manifest lying = manifestFor({{"main.js", "1;"}, {"big.txt", QByteArray(5000, 'x')}});
        lying.files[1].size = 3000;
        const QByteArray understated = makeZip({{"manifest.json", lying.toJson()},
                                                {"main.js", "1;"},
                                                {"big.txt", QByteArray(5000, 'x')}});
        QVERIFY(readError(understated, limits).contains(QLatin1String("holds more than the 3000")));
        QVERIFY(readError(archive).contains(QLatin1String("(accepted)")));
    }

    void manifestRoundTrips()
    {
        Manifest m = manifestFor({{"main.js", "1;"}});
        m.description = QStringLiteral("Grüße");
        m.netPermissions = {QStringLiteral("https://example.com")};
        QString error;
        const std::optional<Manifest> back = parseManifest(m.toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->description, m.description);
        QCOMPARE(back->netPermissions, m.netPermissions);
        QCOMPARE(back->files.first().sha256, m.files.first().sha256);
        QVERIFY(!parseManifest(
            QByteArray(m.toJson()).replace("https://example.com", "https://example.com/x"),
            &error));
        QVERIFY2(error.contains(QLatin1String("not a serialized http(s) origin")),
                 qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestBundle)
#include "tst_bundle.moc"
