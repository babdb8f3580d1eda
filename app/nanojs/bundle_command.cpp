#include "bundle_command.h"

#include "bundle_reader.h"
#include "bundle_writer.h"

#include <QFileInfo>
#include <cstdio>

namespace nano::cli {

namespace {

void print(FILE* stream, const QString& text)
{
    std::fputs(text.toLocal8Bit().constData(), stream);
}

int usageError(const QString& why)
{
    print(stderr, QStringLiteral("nanojs: %1\nRun 'nanojs --help' for usage.\n").arg(why));
    return 2;
}

int create(const QStringList& args)
{
    bundle::CreateOptions options;
    for (int i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        const bool takesValue = arg == QLatin1String("-o") || arg == QLatin1String("--name") ||
                                arg == QLatin1String("--description") ||
                                arg == QLatin1String("--allow-net") ||
                                arg == QLatin1String("--add");
        if (takesValue) {
            if (i + 1 >= args.size()) return usageError(arg + QStringLiteral(" needs a value"));
            const QString value = args.at(++i);
            if (arg == QLatin1String("-o")) options.outputPath = value;
            if (arg == QLatin1String("--name")) options.name = value;
            if (arg == QLatin1String("--description")) options.description = value;
            if (arg == QLatin1String("--allow-net")) options.allowNet.append(value);
            if (arg == QLatin1String("--add")) options.addFiles.append(value);
        } else if (arg.startsWith(QLatin1Char('-'))) {
            return usageError(QStringLiteral("unknown option '%1' for bundle create").arg(arg));
        } else if (options.entryPath.isEmpty()) {
            options.entryPath = arg;
        } else {
            return usageError(QStringLiteral("bundle create takes one ENTRY; '%1' is extra; "
                                             "add files with --add")
                                  .arg(arg));
        }
    }
    if (options.entryPath.isEmpty()) return usageError(QStringLiteral("missing ENTRY module"));
    if (options.outputPath.isEmpty())
        return usageError(QStringLiteral("missing -o OUT.nanobundle"));
    QString error;
    const std::optional<bundle::CreatePlan> plan = bundle::createBundle(options, &error);
    if (!plan) {
        print(stderr, QStringLiteral("nanojs: %1\n").arg(error));
        return 1;
    }
    for (const QString& warning : plan->warnings)
        print(stderr, QStringLiteral("nanojs: warning: %1\n").arg(warning));
    print(stdout, QStringLiteral("%1: %2 files, entry %3\n")
                      .arg(options.outputPath)
                      .arg(plan->manifest.files.size())
                      .arg(plan->manifest.entry));
    return 0;
}

int inspectOrVerify(const QStringList& args, bool verify)
{
    if (args.size() != 1)
        return usageError(QStringLiteral("bundle %1 takes one FILE")
                              .arg(verify ? QStringLiteral("verify") : QStringLiteral("inspect")));
    QString error;
    const std::optional<bundle::Bundle> read = bundle::readBundleFile(args.first(), &error);
    if (!read) {
        print(stderr, QStringLiteral("nanojs: %1\n").arg(error));
        return 1;
    }
    const bundle::Manifest& m = read->manifest;
    if (verify) {
        print(stdout, QStringLiteral("%1: OK (%2 files, every size and SHA-256 matches)\n")
                          .arg(args.first())
                          .arg(m.files.size()));
        return 0;
    }
    QString text = QStringLiteral("Name:         %1\n").arg(m.name);
    if (!m.description.isEmpty()) text += QStringLiteral("Description:  %1\n").arg(m.description);
    text +=
        QStringLiteral("Entry:        %1\nCreated:      %2\nNANO version: %3\nFormat:       %4\n")
            .arg(m.entry, m.created.toUTC().toString(Qt::ISODate), m.nanoVersion)
            .arg(m.format);
    text += QStringLiteral("Network:      %1\n")
                .arg(m.netPermissions.isEmpty() ? QStringLiteral("(none)")
                                                : m.netPermissions.join(QStringLiteral(", ")));
    text += QStringLiteral("Files:\n");
    for (const bundle::FileEntry& file : m.files)
        text += QStringLiteral("  %1  %2  %3\n")
                    .arg(file.size, 10)
                    .arg(QString::fromLatin1(file.sha256), file.path);
    print(stdout, text);
    return 0;
}

} // namespace

QString bundleUsage()
{
    return QStringLiteral(
        "  nanojs bundle create ENTRY -o OUT.nanobundle [--name N] [--description D]\n"
        "                [--allow-net ORIGIN]... [--add FILE]...\n"
        "                                        pack ENTRY, the modules it imports and FILEs\n"
        "  nanojs bundle inspect FILE            print a bundle's manifest and files\n"
        "  nanojs bundle verify FILE             check every size and SHA-256 (exit 0 if all "
        "match)\n");
}

int bundleCommand(const QStringList& arguments)
{
    const QString action = arguments.value(0);
    const QStringList rest = arguments.mid(1);
    if (action == QLatin1String("create")) return create(rest);
    if (action == QLatin1String("inspect")) return inspectOrVerify(rest, false);
    if (action == QLatin1String("verify")) return inspectOrVerify(rest, true);
    return usageError(action.isEmpty() ? QStringLiteral("bundle needs create, inspect or verify")
                                       : QStringLiteral("unknown bundle command '%1'").arg(action));
}

} // namespace nano::cli
