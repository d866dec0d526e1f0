#include "commands.h"

#include "chat/conversationstore.h"

#include <QCommandLineParser>
#include <QFile>

#include <cstdio>

namespace bw::cli {

int runExport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Writes a saved conversation as Markdown.\n"
                       "Exit status: 0 done, 1 the file cannot be read or written, 2 usage."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("export"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("A conversation file (.json)."));
    const QCommandLineOption markdown(
        QStringLiteral("markdown"),
        QStringLiteral("Markdown output (the only format, and the default)."));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write to OUT instead of standard output."),
                                    QStringLiteral("OUT"));
    const QCommandLineOption allBranches(
        QStringLiteral("all-branches"),
        QStringLiteral("Every branch, each under a heading that names its fork (default: the "
                       "shown path only)."));
    parser.addOptions({markdown, output, allBranches});
    QStringList positional;
    if (const auto exit = parseCommand(parser, arguments, &positional))
        return *exit;
    if (positional.size() != 1) {
        printDiagnostic(QStringLiteral("export takes exactly one conversation FILE"));
        return kExitUsage;
    }
    ConversationStore store;
    ConversationData data;
    QString problem;
    if (!store.load(positional.first(), data, &problem)) {
        printDiagnostic(QStringLiteral("cannot export %1: %2").arg(positional.first(), problem));
        return 1;
    }
    const QByteArray md = ConversationFile::toMarkdown(data, parser.isSet(allBranches)).toUtf8();
    if (parser.isSet(output)) {
        if (!ConversationStore::writeAtomically(parser.value(output), md, &problem)) {
            printDiagnostic(problem);
            return 1;
        }
        return kExitOk;
    }
    std::fwrite(md.constData(), 1, size_t(md.size()), stdout);
    return kExitOk;
}

} // namespace bw::cli
