// breakwater: the desktop window. Parses arguments, wires objects, runs the loop.
#include "backend.h"
#include "chat/chatsession.h"
#include "chat/conversation.h"
#include "chat/conversationstore.h"
#include "mainwindow.h"
#include "secrets/apikeysource.h"
#include "settings/settingsstore.h"
#include "simulatorpanel.h"
#include "theme.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTimer>

using namespace bw;

namespace {

// --self-test: one scripted exchange with the built-in simulator through the real window — the
// first answer is refused with 529 (overloaded), the guard retries, the reply streams in — then
// a verdict on stdout and the exit status (0 ok, 1 failed). Touches no settings or conversations
// of the user's.
void runSelfTest(ui::MainWindow *window)
{
    auto finish = [](bool ok, const QString &line) {
        std::fprintf(ok ? stdout : stderr, "self-test: %s %s\n", ok ? "ok" : "FAILED",
                     qPrintable(line));
        QCoreApplication::exit(ok ? 0 : 1);
    };
    ChatSession *session = window->session();
    QObject::connect(session, &ChatSession::answerFinished, window, [=](int index) {
        const ChatMessage &m = window->conversation()->at(index);
        if (m.text.isEmpty() || m.attempts != 2)
            return finish(false, QStringLiteral("the answer has %1 characters after %2 attempts "
                                                "(expected text after 2 attempts)")
                                     .arg(m.text.size())
                                     .arg(m.attempts));
        finish(true, QStringLiteral("— %1 characters, %2 output tokens, %3 attempts "
                                    "(one 529 retried), first token after %4 ms")
                         .arg(m.text.size())
                         .arg(m.usage.outputTokens)
                         .arg(m.attempts)
                         .arg(m.timeToFirstTokenMs));
    });
    QObject::connect(session, &ChatSession::answerFailed, window,
                     [=](int, const ApiError &error) { finish(false, error.describe()); });
    QTimer::singleShot(60000, window, [=] { finish(false, QStringLiteral("no answer in 60 s")); });
    QTimer::singleShot(0, window, [=] {
        window->simulatorPanel()->inject(QStringLiteral("529"));
        if (!window->send(QStringLiteral("Self-test: how does a breakwater protect a harbour?")))
            finish(false, QStringLiteral("the message could not be sent"));
    });
}

// The command line; --help and --version also work where no display is (see main).
struct CommandLine
{
    QCommandLineParser parser;
    const QCommandLineOption demo{
        QStringLiteral("demo"),
        QStringLiteral("Start on the built-in simulator (no key, no network).")};
    const QCommandLineOption profile{QStringLiteral("profile"),
                                     QStringLiteral("Settings and key profile to use."),
                                     QStringLiteral("P")};
    const QCommandLineOption language{
        QStringLiteral("language"),
        QStringLiteral("Language of the window, e.g. de or en (default: the system's)."),
        QStringLiteral("code")};
    const QCommandLineOption selfTest{
        QStringLiteral("self-test"),
        QStringLiteral("With --demo: send one scripted message through the window (the simulator "
                       "refuses it once with 529, the retry succeeds), print the result and exit "
                       "(status 0 when it worked). Uses a temporary profile and folder.")};

    CommandLine()
    {
        parser.setApplicationDescription(
            QStringLiteral("Breakwater: a resilient desktop client for Claude.\n\n"
                           "Settings: ~/.config/breakwater/settings.ini; conversations: "
                           "~/.local/share/breakwater/conversations/; the API key: the system "
                           "keychain (or ANTHROPIC_API_KEY). The window also accepts Qt's options, "
                           "e.g. -platform offscreen."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({demo, profile, language, selfTest});
    }
};

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Breakwater"));
    QCoreApplication::setApplicationName(QStringLiteral("breakwater"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BW_VERSION));
}

bool asksForInformation(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView a(argv[i]);
        if (a == "-h" || a == "--help" || a == "-?" || a == "--help-all" || a == "-v" ||
            a == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    restrictNewFilesToOwner();
    if (asksForInformation(argc, argv)) {
        // Answer without opening a display: process() prints and exits.
        QCoreApplication info(argc, argv);
        setIdentity();
        CommandLine commandLine;
        commandLine.parser.process(info);
        return 0;
    }
    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Breakwater"));
    QApplication::setDesktopFileName(QStringLiteral("io.github.breakwater_app.Breakwater"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/breakwater/icons/breakwater.svg")));

    CommandLine commandLine;
    QCommandLineParser &parser = commandLine.parser;
    const QCommandLineOption &demo = commandLine.demo;
    const QCommandLineOption &profile = commandLine.profile;
    const QCommandLineOption &language = commandLine.language;
    const QCommandLineOption &selfTest = commandLine.selfTest;
    parser.process(app);

    if (parser.isSet(language))
        QLocale::setDefault(QLocale(parser.value(language)));
    installTranslations(QLocale());

    if (parser.isSet(selfTest) && !parser.isSet(demo)) {
        std::fprintf(stderr,
                     "breakwater: --self-test needs --demo (it never calls the real API)\n");
        return 2;
    }
    // The self-test keeps its settings and conversations in a folder of its own.
    QTemporaryDir scratch;
    const bool scratchOnly = parser.isSet(selfTest);
    if (scratchOnly && !scratch.isValid()) {
        std::fprintf(stderr, "self-test: FAILED cannot create a temporary folder\n");
        return 1;
    }
    SettingsStore settings = scratchOnly
                                 ? SettingsStore(scratch.filePath(QStringLiteral("settings.ini")))
                                 : SettingsStore();
    QStringList problems;
    ui::applyAppearance(settings.appearance(&problems));
    if (parser.isSet(profile)) {
        if (!SettingsStore::isValidProfileName(parser.value(profile))) {
            std::fprintf(stderr, "breakwater: '%s' is not a valid profile name\n",
                         qPrintable(parser.value(profile)));
            return 2;
        }
        settings.setCurrentProfile(parser.value(profile));
    }
    const EngineSettings engineSettings = settings.load({}, &problems);

    ApiKeyStore keys;
    ConversationStore conversations =
        scratchOnly ? ConversationStore(scratch.filePath(QStringLiteral("conversations")))
                    : ConversationStore();
    ui::Backend backend;
    std::unique_ptr<ui::MainWindow> window;
    auto show = [&](bool openSettings) {
        window = std::make_unique<ui::MainWindow>(&backend, &settings, &keys, &conversations);
        window->show();
        if (!problems.isEmpty())
            QMessageBox::warning(window.get(), QObject::tr("Some settings were not used"),
                                 problems.join(QStringLiteral("\n")));
        if (openSettings)
            QTimer::singleShot(0, window.get(), &ui::MainWindow::openSettings);
    };

    if (parser.isSet(demo)) {
        backend.useDemo(engineSettings);
        show(false);
        if (scratchOnly)
            runSelfTest(window.get());
        return QApplication::exec();
    }
    ApiKeySource source(&keys);
    source.find(engineSettings.profile, [&](const ApiKeySource::Lookup &lookup) {
        if (!lookup.key.isEmpty()) {
            backend.useApi(engineSettings, lookup.key);
            show(false);
            return;
        }
        QTimer::singleShot(0, &app, [&, lookup] {
            // First start without a key: offer the demo, or the key.
            QMessageBox ask;
            ask.setWindowTitle(QObject::tr("Welcome to Breakwater"));
            ask.setIcon(QMessageBox::Information);
            ask.setText(QObject::tr("No API key is set up yet."));
            ask.setInformativeText(
                QObject::tr(
                    "Try Breakwater on its built-in simulator — no key, no network — and watch it "
                    "handle rate limits, overloads and stalled streams. Or enter your Anthropic "
                    "API key; it is stored in your system keychain, never in a file.\n\n%1")
                    .arg(lookup.problem));
            QPushButton *tryDemo =
                ask.addButton(QObject::tr("Try the demo"), QMessageBox::AcceptRole);
            QPushButton *enterKey =
                ask.addButton(QObject::tr("Enter API key…"), QMessageBox::ActionRole);
            ask.addButton(QMessageBox::Cancel);
            ask.setDefaultButton(tryDemo);
            ask.exec();
            if (ask.clickedButton() != tryDemo && ask.clickedButton() != enterKey) {
                QApplication::quit();
                return;
            }
            backend.useDemo(engineSettings);
            show(ask.clickedButton() == enterKey);
        });
    });
    return QApplication::exec();
}
