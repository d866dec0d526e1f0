// breakwater-cli: the engine from the command line. One engine for CLI and window.
#include "commands.h"

#include "base/translations.h"
#include "secrets/processprotection.h"
#include "settings/settingsstore.h"

#include <QCoreApplication>

#include <cstdio>

using namespace bw::cli;

static const char kUsage[] =
    "Usage: breakwater-cli COMMAND [options]\n"
    "\n"
    "Commands:\n"
    "  ask PROMPT     Send a prompt and stream the answer to standard output\n"
    "  key ACTION     Manage the API key in the OS keychain: set, status, clear\n"
    "  batch FILE     Send every line of FILE as a prompt, in parallel, results as JSON Lines\n"
    "  export FILE    Write a saved conversation as Markdown\n"
    "  usage          What the requests cost: by day, model, conversation or profile\n"
    "\n"
    "Run breakwater-cli COMMAND --help for a command's options.\n"
    "  --help, -h     Show this help\n"
    "  --version, -v  Show the version\n";

int main(int argc, char **argv)
{
    bw::protectProcessMemory();
    bw::restrictNewFilesToOwner();
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Breakwater"));
    QCoreApplication::setApplicationName(QStringLiteral("breakwater"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BW_VERSION));
    // The command line speaks English whatever the locale (scripts read its messages), with
    // proper plurals ("1 message", "3 messages"), and writes numbers the C way ("$0.0009", not
    // "$0,0009" under LANG=de_DE.UTF-8).
    QLocale::setDefault(QLocale::c());
    bw::installTranslations(QLocale(QLocale::English));

    const QStringList args = app.arguments();
    const QString command = args.value(1);
    if (command.isEmpty() || command == u"--help" || command == u"-h" || command == u"help") {
        std::fputs(kUsage, command.isEmpty() ? stderr : stdout);
        return command.isEmpty() ? kExitUsage : kExitOk;
    }
    if (command == u"--version" || command == u"-v") {
        std::printf("breakwater-cli %s\n", BW_VERSION);
        return kExitOk;
    }
    // QCommandLineParser sees the command as its first positional argument.
    if (command == u"ask")
        return runAsk(args);
    if (command == u"key")
        return runKey(args);
    if (command == u"export")
        return runExport(args);
    if (command == u"batch")
        return runBatch(args);
    if (command == u"usage")
        return runUsage(args);
    printDiagnostic(
        QStringLiteral("unknown command '%1' (see breakwater-cli --help)").arg(command));
    return kExitUsage;
}
