// breakwater: the desktop window. Until the window issue lands this is a minimal chat on the
// built-in simulator (or the real API when ANTHROPIC_API_KEY is set).
#include "api/anthropicclient.h"
#include "resilience/resilientclient.h"
#include "settings/settingsstore.h"
#include "sim/apisimulator.h"

#include <QApplication>
#include <QLineEdit>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QVBoxLayout>

using namespace bw;

int main(int argc, char **argv)
{
    restrictNewFilesToOwner();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("breakwater"));
    QApplication::setApplicationDisplayName(QStringLiteral("Breakwater"));
    QApplication::setApplicationVersion(QStringLiteral(BW_VERSION));

    EngineSettings settings;
    QByteArray key = qgetenv("ANTHROPIC_API_KEY");
    sim::SimConfig simConfig;
    simConfig.ttftMs = 300;
    simConfig.tokensPerSecond = 40;
    sim::ApiSimulator simulator(simConfig);
    const bool demo = key.isEmpty() || app.arguments().contains(QStringLiteral("--demo"));
    if (demo) {
        simulator.listen();
        settings.baseUrl = simulator.baseUrl();
        key = "demo-key";
    }
    AnthropicClient client(settings.clientConfig(key));
    ResilientClient engine(&client, settings.guard, settings.breaker);

    QMainWindow window;
    window.setWindowTitle(demo ? QStringLiteral("Breakwater — Demo")
                               : QStringLiteral("Breakwater"));
    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    auto *transcript = new QPlainTextEdit;
    transcript->setReadOnly(true);
    auto *composer = new QLineEdit;
    composer->setPlaceholderText(QStringLiteral("Ask Claude… (Enter sends)"));
    layout->addWidget(transcript);
    layout->addWidget(composer);
    window.setCentralWidget(central);
    window.statusBar()->showMessage(
        demo ? QStringLiteral("Demo: the built-in simulator on %1").arg(settings.baseUrl.toString())
             : settings.baseUrl.toString());
    QObject::connect(composer, &QLineEdit::returnPressed, [&] {
        const QString prompt = composer->text().trimmed();
        if (prompt.isEmpty())
            return;
        composer->clear();
        transcript->appendPlainText(QStringLiteral("\nYou: ") + prompt +
                                    QStringLiteral("\n\nClaude: "));
        MessageRequest request;
        request.setModel(settings.model)
            .setMaxTokens(settings.maxTokens)
            .addMessage(QStringLiteral("user"), prompt);
        GuardedCall *call = engine.stream(request);
        QObject::connect(call, &GuardedCall::textReceived, transcript,
                         [transcript](const QByteArray &utf8) {
                             transcript->moveCursor(QTextCursor::End);
                             transcript->insertPlainText(QString::fromUtf8(utf8));
                         });
        QObject::connect(
            call, &GuardedCall::retryScheduled, &window,
            [&window](int, qint64 ms, const ApiError &e) {
                window.statusBar()->showMessage(
                    QStringLiteral("%1 — retrying in %2 ms").arg(e.describe()).arg(ms));
            });
        QObject::connect(call, &GuardedCall::failed, transcript, [transcript](const ApiError &e) {
            transcript->appendPlainText(QStringLiteral("\n[%1] %2").arg(e.describe(), e.advice()));
        });
        call->start();
    });
    window.resize(800, 600);
    window.show();
    composer->setFocus();
    return app.exec();
}
