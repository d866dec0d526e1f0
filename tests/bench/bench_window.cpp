// Benchmark (not a test): 200,000 token-sized deltas from breakwater-sim (a separate process)
// into the chat window, offscreen. Prints the time until the answer is fully rendered, the same
// stream through breakwater-cli for comparison, the longest event-loop stall while streaming (a
// 5 ms timer measuring its own lateness), and how much the GUI thread touched conversation
// files meanwhile (it should not at all).
//   bench_window [DELTAS [TPS [SAVED [SEARCH]]]]
// TPS: tokens per second from the simulator (0: as fast as the socket takes them); SAVED: saved
// conversations of ~20 KB in the store; SEARCH: a text typed into the conversation search.
#include "app/application.h"
#include "chat/chatsession.h"
#include "chat/conversation.h"
#include "chat/conversationstore.h"
#include "conversationlist.h"
#include "mainwindow.h"
#include "messagebody.h"
#include "messagewidget.h"
#include "transcriptview.h"

#include <QLineEdit>

#include <QApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace bw;

int main(int argc, char **argv)
{
    const int deltas = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 200000;
    const int tps = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 0;
    const int saved = argc > 3 ? QString::fromLocal8Bit(argv[3]).toInt() : 0;
    const QString search = argc > 4 ? QString::fromLocal8Bit(argv[4]) : QString();
    // Thinking deltas before the text (a budget on a model the catalogue does not know, so that
    // neither its limits nor its thinking forms are assumed).
    const int thinking = argc > 5 ? QString::fromLocal8Bit(argv[5]).toInt() : 0;
    const QString model = QStringLiteral("bench-model");
    // Saved conversations are made before the GUI exists (the store is for the storage thread).
    QTemporaryDir home;
    {
        ConversationStore store(home.filePath(QStringLiteral("conversations")));
        for (int i = 0; i < saved; ++i) {
            ConversationData d;
            d.id = QStringLiteral("saved-%1").arg(i);
            d.title = QStringLiteral("Saved conversation %1 about a breakwater").arg(i);
            d.created = d.updated = QDateTime::currentDateTimeUtc();
            for (int m = 0; m < 10; ++m) {
                ChatMessage msg = m % 2 ? ChatMessage::assistant(QStringLiteral("m"), d.created)
                                        : ChatMessage::user(QString(), d.created);
                msg.text = QString(2000, QLatin1Char(m % 2 ? 'a' : 'q'));
                d.messages.append(msg);
            }
            store.save(d);
        }
    }
    QApplication app(argc, argv);
    const QString dir = QCoreApplication::applicationDirPath() + QStringLiteral("/../../app");

    QProcess simProcess;
    QStringList simArguments{QStringLiteral("--port"), QStringLiteral("0"),
                             QStringLiteral("--reply-tokens"), QString::number(deltas)};
    if (tps > 0)
        simArguments << QStringLiteral("--tps") << QString::number(tps);
    if (thinking > 0)
        simArguments << QStringLiteral("--thinking-tokens") << QString::number(thinking);
    simProcess.start(dir + QStringLiteral("/sim/breakwater-sim"), simArguments);
    if (!simProcess.waitForReadyRead(5000))
        qFatal("breakwater-sim did not start");
    const QString base =
        QString::fromUtf8(simProcess.readLine()).trimmed().section(QLatin1Char(' '), -1);
    std::printf("simulator %s, %d thinking deltas, then %d text deltas\n", qPrintable(base),
                thinking, deltas);
    QStringList modelArguments{QStringLiteral("--model"), model};
    if (thinking > 0)
        modelArguments << QStringLiteral("--thinking") << QString::number(thinking + 1024);

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
                QStringList{QStringLiteral("ask"), QStringLiteral("--base-url"), base,
                            QStringLiteral("--max-tokens"), QStringLiteral("1000000"),
                            QStringLiteral("bench")} +
                    modelArguments);
        p.waitForFinished(60000);
        cli << double(t.nsecsElapsed()) / 1e6;
    }
    std::sort(cli.begin(), cli.end());

    AppOptions options;
    options.settingsFile = home.filePath(QStringLiteral("settings.ini"));
    options.conversationsFolder = home.filePath(QStringLiteral("conversations"));
    Application application(options);
    EngineSettings s = application.settingsStore().load();
    s.baseUrl = QUrl(base);
    s.maxTokens = 1000000;
    s.model = model;
    if (thinking > 0) {
        s.thinking.mode = ThinkingConfig::Mode::Budget;
        s.thinking.budgetTokens = thinking + 1024;
    }
    s.guard.idleTimeoutMs = 120'000;
    application.useApi(s, "bench");
    ui::MainWindow window(&application);
    window.resize(1400, 900);
    window.show();
    if (!search.isEmpty())
        window.conversationList()->searchField()->setText(search);
    for (int i = 0; i < 20; ++i)
        QCoreApplication::processEvents();
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 500) // the list and the search have run
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);

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
    ConversationStore::resetGuiThreadUse();
    window.send(QStringLiteral("bench"));
    while (window.session()->isBusy())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    const double streamed = double(t.nsecsElapsed()) / 1e6;
    probe.stop();
    const ConversationStore::GuiThreadUse storage = ConversationStore::guiThreadUse();
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
    std::printf("GUI thread in conversation storage: %d calls, %.1f ms (while streaming)\n",
                storage.calls, double(storage.nanoseconds) / 1e6);
    std::printf("answer: %lld characters in %d segments; outcome %s\n", qlonglong(chars),
                answer ? answer->body()->segmentCount() : 0,
                window.conversation()->at(1).status == MessageStatus::Complete ? "complete"
                                                                               : "NOT complete");
    if (thinking > 0)
        std::printf("thinking: %lld characters shown, %lld blocks kept\n",
                    qlonglong(answer ? answer->thinkingText().size() : 0),
                    qlonglong(window.conversation()->at(1).thinkingBlocks.size()));
    simProcess.kill();
    simProcess.waitForFinished();
    return 0;
}
