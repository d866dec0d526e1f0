// breakwater: the desktop window. Parses arguments, wires objects, runs the loop.
#include "backend.h"
#include "chat/conversationstore.h"
#include "mainwindow.h"
#include "secrets/apikeysource.h"
#include "settings/settingsstore.h"
#include "theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>

using namespace bw;

int main(int argc, char **argv)
{
    restrictNewFilesToOwner();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Breakwater"));
    QApplication::setApplicationName(QStringLiteral("breakwater"));
    QApplication::setApplicationDisplayName(QStringLiteral("Breakwater"));
    QApplication::setApplicationVersion(QStringLiteral(BW_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.breakwater_app.Breakwater"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/breakwater/icons/breakwater.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Breakwater: a resilient desktop client for Claude."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QStringLiteral("Start on the built-in simulator (no key, no network)."));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     QStringLiteral("Settings and key profile to use."),
                                     QStringLiteral("P"));
    parser.addOptions({demo, profile});
    parser.process(app);

    SettingsStore settings;
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
    ConversationStore conversations;
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
