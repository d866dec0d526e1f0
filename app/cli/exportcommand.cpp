#include "commands.h"

#include "chat/attachmentstore.h"
#include "chat/conversationstore.h"
#include "chat/markdownexport.h"

#include <QCommandLineParser>
#include <QFile>

#include <cstdio>

namespace bw::cli {

int runExport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Writes a saved conversation as Markdown; with --output, its attachments "
                       "are copied into a folder beside OUT (OUT_files) and linked.\n"
                       "Exit status: 0 done, 1 the file cannot be read or written or an attachment "
                       "was not copied (the Markdown is written and names it), 2 usage."));
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
    if (parser.isSet(output)) {
        const AttachmentStore attachments(AttachmentStore::folderFor(store.directory()));
        QStringList notCopied;
        if (!MarkdownExport::write(data, parser.value(output), &attachments,
                                   parser.isSet(allBranches), &problem, &notCopied)) {
            printDiagnostic(problem);
            return 1;
        }
        for (const QString &p : std::as_const(notCopied))
            printDiagnostic(QStringLiteral("an attachment was not copied: ") + p);
        if (!notCopied.isEmpty()) {
            printDiagnostic(QStringLiteral("%1 written, but not all of its attachments were "
                                           "copied")
                                .arg(parser.value(output)));
            return 1;
        }
        return kExitOk;
    }
    const QByteArray md = ConversationFile::toMarkdown(data, parser.isSet(allBranches)).toUtf8();
    std::fwrite(md.constData(), 1, size_t(md.size()), stdout);
    return kExitOk;
}

} // namespace bw::cli
