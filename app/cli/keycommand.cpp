#include "commands.h"

#include "secrets/apikeysource.h"
#include "settings/settingsstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <cstdio>

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

namespace bw::cli {

namespace {

// Reads the key from standard input, never from the command line (where `ps` and shell history
// would see it). On a terminal the typing is not echoed.
QByteArray readKeyFromStdin()
{
#ifdef Q_OS_UNIX
    if (::isatty(STDIN_FILENO)) {
        std::fputs("Paste your Anthropic API key (it will not be shown), then press Enter: ",
                   stderr);
        std::fflush(stderr);
        termios old{};
        ::tcgetattr(STDIN_FILENO, &old);
        termios quiet = old;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        char buffer[1024] = {};
        const bool got = std::fgets(buffer, sizeof buffer, stdin) != nullptr;
        ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
        std::fputs("\n", stderr);
        QByteArray key = got ? QByteArray(buffer).trimmed() : QByteArray();
        std::fill(std::begin(buffer), std::end(buffer), '\0');
        return key;
    }
#endif
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    return in.readAll().trimmed();
}

int finish(int code)
{
    QCoreApplication::exit(code);
    return code;
}

} // namespace

int runKey(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Manages the API key in the OS keychain (never in a file).\n"
        "  key set      read the key from standard input and store it for the profile\n"
        "  key status   say where the profile's key comes from, masked\n"
        "  key clear    remove the profile's key from the keychain\n"
        "ANTHROPIC_API_KEY, when set, takes precedence over the keychain.\n"
        "Exit status: 0 done, 1 no key / keychain problem, 2 usage."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("key"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("ACTION"), QStringLiteral("set, status or clear."));
    const QCommandLineOption profileOption(QStringLiteral("profile"),
                                           QStringLiteral("Profile (default: the current one)."),
                                           QStringLiteral("P"));
    parser.addOption(profileOption);
    QStringList positional;
    if (const auto exit = parseCommand(parser, arguments, &positional))
        return *exit;
    const QString action = positional.value(0);
    if (positional.size() != 1 || (action != u"set" && action != u"status" && action != u"clear")) {
        printDiagnostic(QStringLiteral(
            "key takes one action: set, status or clear (the key itself is read from "
            "standard input, never from the command line)"));
        return kExitUsage;
    }
    const SettingsStore settings;
    const QString profile =
        parser.isSet(profileOption) ? parser.value(profileOption) : settings.currentProfile();
    if (!SettingsStore::isValidProfileName(profile)) {
        printDiagnostic(QStringLiteral("'%1' is not a valid profile name").arg(profile));
        return kExitUsage;
    }

    ApiKeyStore store;
    ApiKeySource source(&store);
    if (action == u"set") {
        const QByteArray key = readKeyFromStdin();
        if (key.isEmpty()) {
            printDiagnostic(QStringLiteral(
                "no key on standard input: pipe it in, e.g. `breakwater-cli key set < keyfile`"));
            return kExitUsage;
        }
        if (key.contains('\n') || key.contains(' ')) {
            printDiagnostic(QStringLiteral(
                "that does not look like one API key (it contains spaces or line breaks)"));
            return kExitUsage;
        }
        store.write(profile, key, [profile, masked = ApiKeyStore::mask(key)](const KeyResult &r) {
            if (!r.ok()) {
                printDiagnostic(r.message);
                finish(1);
                return;
            }
            std::printf("Stored the API key for profile '%s' in the keychain (%s).\n",
                        qPrintable(profile), qPrintable(masked));
            if (!ApiKeySource::environmentKey().isEmpty())
                printDiagnostic(QStringLiteral(
                    "note: ANTHROPIC_API_KEY is set in this environment and takes precedence"));
            finish(0);
        });
    } else if (action == u"status") {
        source.find(profile, [profile](const ApiKeySource::Lookup &l) {
            if (l.key.isEmpty()) {
                std::printf("profile '%s': no API key\n", qPrintable(profile));
                printDiagnostic(l.problem);
                finish(1);
                return;
            }
            std::printf("profile '%s': API key %s: %s\n", qPrintable(profile),
                        qPrintable(l.originText()), qPrintable(ApiKeyStore::mask(l.key)));
            finish(0);
        });
    } else {
        store.remove(profile, [profile](const KeyResult &r) {
            if (r.status == KeyResult::Status::NotFound) {
                std::printf("profile '%s': there was no key in the keychain\n",
                            qPrintable(profile));
                finish(0);
                return;
            }
            if (!r.ok()) {
                printDiagnostic(r.message);
                finish(1);
                return;
            }
            std::printf("Removed the API key of profile '%s' from the keychain.\n",
                        qPrintable(profile));
            finish(0);
        });
    }
    return QCoreApplication::exec();
}

} // namespace bw::cli
