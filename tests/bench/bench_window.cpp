// Benchmark (not a test): 200,000 token-sized deltas from breakwater-sim (a separate process)
// into the chat window, offscreen. Prints the time until the answer is fully rendered, the same
// stream through breakwater-cli for comparison, and the longest event-loop stall while
// streaming (a 5 ms timer measuring its own lateness).
#include "backend.h"
#include "chat/chatsession.h"
#include "chat/conversationstore.h"
#include "mainwindow.h"
#include "messagebody.h"
#include "messagewidget.h"
#include "secrets/apikeystore.h"
#include "settings/settingsstore.h"
#include "transcriptview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace bw;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const int deltas = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 200000;
    const QString dir = QCoreApplication::applicationDirPath() + QStringLiteral("/../../app");

    QProcess simProcess;
    simProcess.start(dir + QStringLiteral("/sim/breakwater-sim"),
                     {QStringLiteral("--port"), QStringLiteral("0"),
                      QStringLiteral("--reply-tokens"), QString::number(deltas)});
    if (!simProcess.waitForReadyRead(5000))
        qFatal("breakwater-sim did not start");
    const QString base =
        QString::fromUtf8(simProcess.readLine()).trimmed().section(QLatin1Char(' '), -1);
    std::printf("simulator %s, %d deltas\n", qPrintable(base), deltas);

    // The CLI on the same stream, three times; the median.
    QList<double> cli;
    for (int i = 0; i < 3; ++i) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ANTHROPIC_API_KEY"), QStringLiteral("bench"));
        p.setProcessEnvironment(env);
        p.setStandardOutputFile(QProcess::nullDevice());
        QElapsedTimer t;
        t.start();
        p.start(dir + QStringLiteral("/cli/breakwater-cli"),
                {QStringLiteral("ask"), QStringLiteral("--base-url"), base,
                 QStringLiteral("--max-tokens"), QStringLiteral("1000000"),
                 QStringLiteral("bench")});
        p.waitForFinished(60000);
        cli << double(t.nsecsElapsed()) / 1e6;
    }
    std::sort(cli.begin(), cli.end());

    QTemporaryDir home;
    SettingsStore settings(home.filePath(QStringLiteral("settings.ini")));
    ApiKeyStore keys;
    ui::Backend backend;
    EngineSettings s = settings.load();
    s.baseUrl = QUrl(base);
    s.maxTokens = 1000000;
    backend.useApi(s, "bench");
    ConversationStore conversations(home.filePath(QStringLiteral("conversations")));
    ui::MainWindow window(&backend, &settings, &keys, &conversations);
    window.resize(1400, 900);
    window.show();
    for (int i = 0; i < 20; ++i)
        QCoreApplication::processEvents();

    // Lateness probe.
    QElapsedTimer clock;
    qint64 last = 0, worst = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        worst = std::max(worst, now - last - 5);
        last = now;
    });

    QElapsedTimer t;
    t.start();
    clock.start();
    probe.start(5);
    window.send(QStringLiteral("bench"));
    while (window.session()->isBusy())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    const double streamed = double(t.nsecsElapsed()) / 1e6;
    probe.stop();
    // Fully rendered: the final segments laid out and the visible part painted.
    ui::MessageWidget *answer = window.transcript()->widgetAt(1);
    window.grab();
    const double rendered = double(t.nsecsElapsed()) / 1e6;
    const qsizetype chars = answer ? answer->text().size() : 0;

    std::printf("breakwater-cli ask:            %7.0f ms (median of 3)\n", cli[1]);
    std::printf("window, stream finished:       %7.0f ms\n", streamed);
    std::printf("window, fully rendered:        %7.0f ms  = %.2fx the CLI\n", rendered,
                rendered / cli[1]);
    std::printf("longest event-loop stall:      %7lld ms (while streaming)\n", qlonglong(worst));
    std::printf("answer: %lld characters in %d segments; outcome %s\n", qlonglong(chars),
                answer ? answer->body()->segmentCount() : 0,
                window.conversation()->at(1).status == MessageStatus::Complete ? "complete"
                                                                               : "NOT complete");
    simProcess.kill();
    simProcess.waitForFinished();
    return 0;
}
