#include "wpt_suite.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace nano::wpt {

namespace {

QString readText(const QString& path, bool* ok)
{
    QFile file(path);
    *ok = file.open(QIODevice::ReadOnly);
    return *ok ? QString::fromUtf8(file.readAll()) : QString();
}

// The JSON string at the start of `text` (a name or message the reporter wrote with
// JSON.stringify), and where it ends; nullopt-like (-1) when there is none.
int jsonStringAt(const QString& text, int from, QString* value)
{
    while (from < text.size() && text.at(from) == QLatin1Char(' '))
        ++from;
    if (from >= text.size() || text.at(from) != QLatin1Char('"')) return -1;
    int at = from + 1;
    while (at < text.size() && text.at(at) != QLatin1Char('"'))
        at += text.at(at) == QLatin1Char('\\') ? 2 : 1;
    if (at >= text.size()) return -1;
    const QString literal = text.mid(from, at - from + 1);
    const QJsonDocument doc = QJsonDocument::fromJson(QStringLiteral("[%1]").arg(literal).toUtf8());
    if (!doc.isArray()) return -1;
    *value = doc.array().at(0).toString();
    return at + 1;
}

// ../shared/wpt/wptlib.py resolve_script: "/x" from the root, "x" beside the test.
QString resolveScript(const QString& testPath, QString ref)
{
    ref = ref.section(QLatin1Char('?'), 0, 0);
    if (ref.startsWith(QLatin1Char('/'))) return QDir::cleanPath(ref.mid(1));
    const int slash = testPath.lastIndexOf(QLatin1Char('/'));
    const QString dir = slash < 0 ? QString() : testPath.left(slash + 1);
    return QDir::cleanPath(dir + ref);
}

} // namespace

Manifest parseManifest(const QString& text, const QString& fileName)
{
    Manifest manifest;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].section(QLatin1Char('#'), 0, 0).trimmed();
        if (line.isEmpty()) continue;
        const QStringList words = line.split(QRegularExpression(QStringLiteral("\\s+")));
        if (words.size() != 2 ||
            (words[0] != QLatin1String("on") && words[0] != QLatin1String("off"))) {
            manifest.errors << QStringLiteral(
                                   "%1:%2: expected \"on PATH\" or \"off PATH\", got \"%3\"")
                                   .arg(fileName)
                                   .arg(i + 1)
                                   .arg(line);
            continue;
        }
        manifest.entries.push_back({words[1], words[0] == QLatin1String("on"), i + 1});
    }
    return manifest;
}

ExpectationsParse parseExpectations(const QString& markdown, const QString& fileName)
{
    ExpectationsParse parse;
    const QStringList lines = markdown.split(QLatin1Char('\n'));
    bool inBlock = false;
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (!inBlock) {
            inBlock = line == QLatin1String("```wpt-expected-failures");
            continue;
        }
        if (line.startsWith(QLatin1String("```"))) {
            inBlock = false;
            continue;
        }
        if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) continue;
        const int split = line.indexOf(QLatin1String(".js: "));
        if (split < 0) {
            parse.errors << QStringLiteral("%1:%2: expected \"FILE.js: SUBTEST NAME\", got \"%3\"")
                                .arg(fileName)
                                .arg(i + 1)
                                .arg(line);
            continue;
        }
        parse.expected[line.left(split + 3)].insert(line.mid(split + 5));
    }
    if (inBlock)
        parse.errors
            << QStringLiteral("%1: a wpt-expected-failures block is not closed").arg(fileName);
    return parse;
}

FileResult parseOutput(const QString& stdoutText)
{
    FileResult result;
    QHash<QString, int> seen;
    for (const QString& line : stdoutText.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("WPTRESULT "))) {
            const int statusEnd = line.indexOf(QLatin1Char(' '), 10);
            if (statusEnd < 0) continue;
            Subtest subtest;
            subtest.status = line.mid(10, statusEnd - 10);
            const int nameEnd = jsonStringAt(line, statusEnd, &subtest.name);
            if (nameEnd < 0)
                subtest.name = line.mid(statusEnd + 1);
            else
                jsonStringAt(line, nameEnd, &subtest.message);
            const int count = ++seen[subtest.name];
            if (count > 1) subtest.name += QStringLiteral(" #%1").arg(count);
            result.subtests.push_back(subtest);
        } else if (line.startsWith(QLatin1String("WPTHARNESS "))) {
            const int statusEnd = line.indexOf(QLatin1Char(' '), 11);
            result.harnessStatus = line.mid(11, statusEnd < 0 ? -1 : statusEnd - 11).trimmed();
            if (statusEnd >= 0) jsonStringAt(line, statusEnd, &result.harnessMessage);
        } else if (line.startsWith(QLatin1String("WPTDONE"))) {
            result.done = true;
        }
    }
    return result;
}

QString describe(const Problem& p)
{
    const QString where = p.subtest.isEmpty() ? p.file : p.file + QStringLiteral(": ") + p.subtest;
    QString what;
    switch (p.kind) {
    case Problem::Kind::MissingFile: what = QStringLiteral("missing file"); break;
    case Problem::Kind::UnexpectedFailure: what = QStringLiteral("unexpected failure"); break;
    case Problem::Kind::UnexpectedPass:
        what = QStringLiteral(
            "listed as a known failure but passes (remove it from docs/conformance.md)");
        break;
    case Problem::Kind::ListedNotReported:
        what = QStringLiteral("listed as a known failure but no such subtest ran");
        break;
    case Problem::Kind::HarnessError: what = QStringLiteral("harness error"); break;
    case Problem::Kind::Incomplete: what = QStringLiteral("did not complete"); break;
    }
    return p.detail.isEmpty() ? QStringLiteral("%1: %2").arg(what, where)
                              : QStringLiteral("%1: %2 -- %3").arg(what, where, p.detail);
}

QVector<Problem> compare(const QString& file, const FileResult& result, const RunOutcome& outcome,
                         const QSet<QString>& expectedFailures)
{
    using Kind = Problem::Kind;
    QVector<Problem> problems;
    QSet<QString> reported;
    for (const Subtest& subtest : result.subtests) {
        reported.insert(subtest.name);
        const bool listed = expectedFailures.contains(subtest.name);
        const bool passed = subtest.status == QLatin1String("PASS");
        if (!passed && !listed)
            problems.push_back({Kind::UnexpectedFailure, file, subtest.name,
                                subtest.status + QStringLiteral(" ") + subtest.message});
        else if (passed && listed)
            problems.push_back({Kind::UnexpectedPass, file, subtest.name, QString()});
    }

    const bool complete = result.done && outcome.exitedByItself && outcome.exitCode == 0;
    const bool harnessOk = result.harnessStatus == QLatin1String("OK");
    if (!complete && !expectedFailures.contains(kIncompleteEntry)) {
        const QString why =
            !outcome.exitedByItself ? outcome.detail
            : !result.done
                ? QStringLiteral("exit code %1 before the harness finished: %2")
                      .arg(outcome.exitCode)
                      .arg(outcome.detail)
                : QStringLiteral("exit code %1: %2").arg(outcome.exitCode).arg(outcome.detail);
        problems.push_back({Kind::Incomplete, file, QString(), why});
    } else if (complete && expectedFailures.contains(kIncompleteEntry)) {
        problems.push_back({Kind::UnexpectedPass, file, kIncompleteEntry, QString()});
    }
    if (result.done && !harnessOk && !expectedFailures.contains(kHarnessEntry))
        problems.push_back({Kind::HarnessError, file, QString(),
                            result.harnessStatus + QStringLiteral(" ") + result.harnessMessage});
    else if (result.done && harnessOk && expectedFailures.contains(kHarnessEntry))
        problems.push_back({Kind::UnexpectedPass, file, kHarnessEntry, QString()});

    // A listed subtest that never ran is a stale line, unless the file stopped early (then
    // the Incomplete problem, or its <incomplete> line, says it all).
    if (complete) {
        for (const QString& name : expectedFailures) {
            if (name != kHarnessEntry && name != kIncompleteEntry && !reported.contains(name))
                problems.push_back({Kind::ListedNotReported, file, name, QString()});
        }
    }
    return problems;
}

QVector<QPair<QString, QString>> parseMeta(const QString& source)
{
    static const QRegularExpression meta(
        QStringLiteral("^//\\s*META:\\s*([a-z_-]+)\\s*=\\s*(.*?)\\s*$"));
    QVector<QPair<QString, QString>> metas;
    for (const QString& raw : source.split(QLatin1Char('\n'))) {
        const QString line = raw.trimmed();
        if (line.isEmpty()) continue;
        const QRegularExpressionMatch match = meta.match(line);
        if (match.hasMatch())
            metas.push_back({match.captured(1), match.captured(2)});
        else if (!line.startsWith(QLatin1String("//")))
            break;
    }
    return metas;
}

Script buildScript(const QString& testPath, const ScriptInputs& in)
{
    static const QRegularExpression strict(
        QStringLiteral("\\A(?:\\s*//[^\\n]*\\n|\\s*/\\*.*?\\*/)*\\s*(['\"])use strict\\1"),
        QRegularExpression::DotMatchesEverythingOption);
    static const QString testharness = QStringLiteral("resources/testharness.js");
    Script script;
    bool ok = false;
    const QString source = readText(QDir(in.testsRoot).filePath(testPath), &ok);
    if (!ok) {
        script.missing << testPath;
        return script;
    }
    const QVector<QPair<QString, QString>> metas = parseMeta(source);
    const bool longTimeout = metas.contains({QStringLiteral("timeout"), QStringLiteral("long")});
    script.timeoutMs = longTimeout ? 3 * in.timeoutMs : in.timeoutMs;
    const int watchdogMs = std::max(1000, script.timeoutMs - 8000);
    const QString preamble =
        QString(in.preamble)
            .replace(QLatin1String("__WPT_TEST_PATH__"), testPath)
            .replace(QLatin1String("__WPT_WATCHDOG_MS__"), QString::number(watchdogMs))
            .replace(QLatin1String("__WPT_RESOURCES__"), QLatin1String("{}"));
    QStringList chunks{preamble};
    auto add = [&](const QString& path) {
        bool found = false;
        const QString text = readText(QDir(in.resourcesRoot).filePath(path), &found);
        if (!found) script.missing << path;
        chunks << QStringLiteral("// ==== ") + path + QLatin1Char('\n') + text;
    };
    add(testharness);
    chunks << in.reporter;
    QSet<QString> seen{testharness};
    for (const auto& [key, value] : metas) {
        if (key != QLatin1String("script")) continue;
        const QString dep = resolveScript(testPath, value);
        if (seen.contains(dep)) continue;
        seen.insert(dep);
        add(dep);
    }
    if (strict.match(source).hasMatch())
        chunks << QStringLiteral(
                      "// ==== %1 (strict, wrapped)\n(function () {\n%2\n}).call(globalThis);")
                      .arg(testPath, source);
    else
        chunks << QStringLiteral("// ==== ") + testPath + QLatin1Char('\n') + source;
    script.text = chunks.join(QLatin1String("\n;\n")) + QLatin1Char('\n');
    return script;
}

} // namespace nano::wpt
