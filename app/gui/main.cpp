// breakwater: the desktop window. Parses arguments, builds the application layer and the window,
// runs the loop.
#include "app/application.h"
#include "base/interruptwatcher.h"
#include "base/translations.h"
#include "mainwindow.h"
#include "secrets/processprotection.h"
#include "selftest.h"
#include "theme.h"
#include "welcomedialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace bw;

namespace {

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
    protectProcessMemory();
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
    AppOptions options;
    if (scratchOnly) {
        options.settingsFile = scratch.filePath(QStringLiteral("settings.ini"));
        options.conversationsFolder = scratch.filePath(QStringLiteral("conversations"));
    }
    Application application(options);
    SettingsStore &settings = application.settingsStore();
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
    problems += application.priceProblems();

    std::unique_ptr<ui::MainWindow> window;
    auto show = [&] {
        window = std::make_unique<ui::MainWindow>(&application);
        window->show();
        if (!problems.isEmpty())
            QMessageBox::warning(window.get(), QObject::tr("Some settings were not used"),
                                 problems.join(QStringLiteral("\n")));
    };

    // Ctrl+C or a polite kill closes the window as a user would: what arrived is saved.
    InterruptWatcher interrupts;
    QObject::connect(&interrupts, &InterruptWatcher::interrupted, &app, [&] {
        if (window)
            window->close();
        QApplication::quit();
    });

    if (parser.isSet(demo)) {
        application.useDemo(engineSettings);
        show();
        if (scratchOnly)
            ui::runSelfTest(window.get());
        return QApplication::exec();
    }
    // The window opens once the engine is connected: with the profile's key, or on the demo.
    QObject::connect(&application, &Application::engineChanged, &app, [&] {
        if (!window)
            show();
    });
    application.connectProfile(engineSettings, [&](const ApiKeySource::Lookup &lookup) {
        // First start without a key: offer the demo, or the key (outside the keychain's
        // callback, which a modal dialog must not block).
        QTimer::singleShot(0, &application, [&, lookup] {
            const ui::WelcomeChoice choice = ui::askHowToStart(lookup.problem);
            if (choice == ui::WelcomeChoice::Quit) {
                QApplication::quit();
                return;
            }
            application.useDemo(engineSettings);
            if (choice == ui::WelcomeChoice::EnterKey && window)
                QTimer::singleShot(0, window.get(), &ui::MainWindow::openSettings);
        });
    });
    return QApplication::exec();
}
