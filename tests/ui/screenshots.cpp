// Takes the README's screenshots of the real window in demo mode: a normal chat, a retry
// countdown, the breaker open. Run by tests/ui/screenshots.sh under Xvfb (or offscreen).
#include "app/application.h"
#include "attachmenttesting.h"
#include "attachmenttray.h"
#include "base/translations.h"
#include "batchwindow.h"
#include "chat/chatsession.h"
#include "chat/conversation.h"
#include "chat/usageledger.h"
#include "composer.h"
#include "mainwindow.h"
#include "resilience/circuitbreaker.h"
#include "resilience/resilientclient.h"
#include "settingsdialog.h"
#include "sim/apisimulator.h"
#include "simulatorpanel.h"
#include "summarypanel.h"
#include "theme.h"
#include "usagewindow.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QPainter>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace bw;

static void waitUntil(const std::function<bool()> &done, int timeoutMs = 20000)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

static void pause(int ms)
{
    waitUntil([] { return false; }, ms);
}

// A photo to attach: a harbour with its breakwater and lighthouse, at a camera's size.
static QByteArray harbourPhoto()
{
    QImage image(4000, 3000, QImage::Format_RGB32);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QLinearGradient sky(0, 0, 0, 1700);
    sky.setColorAt(0, QColor(0x4a, 0x90, 0xd9));
    sky.setColorAt(1, QColor(0xc8, 0xe0, 0xf4));
    p.fillRect(0, 0, 4000, 1700, sky);
    QLinearGradient sea(0, 1700, 0, 3000);
    sea.setColorAt(0, QColor(0x1f, 0x5f, 0x8b));
    sea.setColorAt(1, QColor(0x0b, 0x2e, 0x4a));
    p.fillRect(0, 1700, 4000, 1300, sea);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0x8a, 0x86, 0x80)); // the breakwater
    p.drawPolygon(
        QPolygon({QPoint(0, 2050), QPoint(2900, 1780), QPoint(2900, 1900), QPoint(0, 2300)}));
    p.setBrush(Qt::white); // the lighthouse
    p.drawRect(2780, 1250, 120, 560);
    p.setBrush(QColor(0xc6, 0x28, 0x28));
    p.drawRect(2780, 1400, 120, 90);
    p.drawRect(2780, 1600, 120, 90);
    p.setBrush(QColor(0xff, 0xd5, 0x4f));
    p.drawEllipse(QPoint(2840, 1220), 70, 50);
    p.setBrush(QColor(255, 255, 255, 90)); // waves breaking on it
    for (int x = 100; x < 2800; x += 260)
        p.drawEllipse(QPoint(x, 2000 - x / 11), 110, 28);
    return bw::test::encodeImage(image, "jpeg", 88);
}

static void shoot(QWidget *w, const QString &path)
{
    w->grab().save(path);
    std::printf("wrote %s\n", qPrintable(path));
}

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    installTranslations(); // LANGUAGE=de takes the German screenshots
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("screenshots");
    QDir().mkpath(out);
    QTemporaryDir home;
    AppOptions options;
    options.settingsFile = home.filePath(QStringLiteral("settings.ini"));
    options.conversationsFolder = home.filePath(QStringLiteral("conversations"));
    Application backend(options);
    SettingsStore &settings = backend.settingsStore();
    backend.useDemo(settings.load());
    ui::MainWindow window(&backend);
    window.resize(1400, 880);
    window.show();
    pause(300);

    auto answer = [&](const QString &prompt) {
        window.send(prompt);
        waitUntil([&] { return !window.session()->isBusy(); });
        pause(400);
    };
    answer(QStringLiteral("How does a breakwater protect a harbour?"));
    answer(
        QStringLiteral("Show me how exponential backoff with jitter works, with a code example."));
    shoot(&window, out + QStringLiteral("/chat.png"));

    // Versions: the last answer regenerated, the first one shown again.
    window.session()->regenerate(window.conversation()->count() - 1);
    waitUntil([&] { return !window.session()->isBusy(); });
    window.conversation()->showVersion(window.conversation()->count() - 1, 0);
    pause(400);
    shoot(&window, out + QStringLiteral("/versions.png"));
    window.conversation()->showVersion(window.conversation()->count() - 1, 1);

    // Thinking streaming live above the answer (a model that thinks by default, slowed down).
    {
        sim::SimConfig &c = backend.simulator()->config();
        const sim::SimConfig saved = c;
        c.tokensPerSecond = 25;
        c.thinkingTokens = 400;
        window.modelPicker()->setCurrentIndex(
            window.modelPicker()->findData(QStringLiteral("claude-opus-4-8")));
        window.send(QStringLiteral("Why do waves break as they reach the shore?"));
        waitUntil([&] {
            const int last = window.conversation()->count() - 1;
            return window.conversation()->at(last).thinking.size() > 900;
        });
        shoot(&window, out + QStringLiteral("/thinking.png"));
        c = saved;
        c.tokensPerSecond = 0;
        waitUntil([&] { return !window.session()->isBusy(); }, 60000);
        c = saved;
        pause(300);
        shoot(&window, out + QStringLiteral("/thought.png"));
        window.modelPicker()->setCurrentIndex(
            window.modelPicker()->findData(QStringLiteral("claude-sonnet-4-6")));
    }

    // An answer cut off at its token limit.
    window.simulatorPanel()->inject(QStringLiteral("stop:reason=max_tokens:after=40"));
    answer(QStringLiteral("Write a long guide to harbour engineering."));
    shoot(&window, out + QStringLiteral("/cut-off.png"));

    // Prompt caching: a few more turns read the conversation from the cache; the Stats panel
    // counts what it saved.
    answer(QStringLiteral("Which is cheaper to build: a rubble mound or a caisson?"));
    answer(QStringLiteral("And which lasts longer?"));
    window.dock(QStringLiteral("statsDock"))->raise();
    pause(300);
    shoot(&window, out + QStringLiteral("/cache.png"));

    window.simulatorPanel()->inject(QStringLiteral("429:retry-after=6"));
    window.send(QStringLiteral("And what does a 429 mean?"));
    waitUntil([&] {
        return window.session()->activeJob() && window.session()->activeJob()->isWaiting();
    });
    pause(1600);
    shoot(&window, out + QStringLiteral("/retry.png"));
    waitUntil([&] { return !window.session()->isBusy(); });

    window.simulatorPanel()->inject(QStringLiteral("529*8"));
    window.send(QStringLiteral("Is the service healthy?"));
    waitUntil([&] { return !window.session()->isBusy(); });
    waitUntil(
        [&] {
            return backend.engine()->breakerFor(window.session()->model())->state() ==
                   BreakerState::Open;
        },
        3000);
    pause(1200);
    shoot(&window, out + QStringLiteral("/breaker-open.png"));

    // Opus overloaded: after its retries its breaker opens, and Sonnet answers instead; the
    // panel shows one light per model, the answer says who wrote it.
    {
        const QString opus = QStringLiteral("claude-opus-4-8");
        backend.simulator()->setScript({});
        backend.engine()->resetBreakers();
        window.session()->setFallback(
            {FallbackPolicy::Mode::Automatic, {QStringLiteral("claude-sonnet-4-6")}});
        window.modelPicker()->setCurrentIndex(window.modelPicker()->findData(opus));
        window.simulatorPanel()->overloadButton()->click(); // the chosen model: Opus
        answer(QStringLiteral("Which model answers when Opus is busy?"));
        pause(800);
        shoot(&window, out + QStringLiteral("/fallback.png"));
        window.simulatorPanel()->overloadModel(QString());
        window.session()->setFallback({FallbackPolicy::Mode::Never, {}});
        window.modelPicker()->setCurrentIndex(
            window.modelPicker()->findData(QStringLiteral("claude-sonnet-4-6")));
        backend.engine()->resetBreakers();
    }

    ui::SettingsDialog dialog(backend.settings(), settings.appearance(), settings.profiles(),
                              &window);
    dialog.setKeyStatus(QCoreApplication::translate("bw::ApiKeySource", "from the keychain") +
                        QStringLiteral(": sk-ant-…Xy12"));
    dialog.resize(620, 520);
    dialog.show();
    pause(200);
    shoot(&dialog, out + QStringLiteral("/settings.png"));
    dialog.hide();

    // The batch window: 60 prompts, automatic limit, a simulator that serves 5 at once.
    {
        sim::SimConfig &c = backend.simulator()->config();
        const sim::SimConfig saved = c;
        c.capacity = 5;
        c.capacityRetryAfterMs = 300;
        c.ttftMs = 100;
        c.tokensPerSecond = 60;
        c.replyTokens = 20;
        backend.simulator()->setScript({});
        backend.engine()->resetBreakers();
        ui::BatchWindow *batch = window.openBatchWindow();
        batch->resize(1100, 760);
        QStringList prompts;
        for (int i = 1; i <= 60; ++i)
            prompts << QStringLiteral("Question %1: what protects harbour number %1?").arg(i);
        batch->setPrompts(prompts.join(QLatin1Char('\n')));
        batch->setAdaptive(true);
        batch->run();
        waitUntil([&] { return !batch->isRunning(); }, 60000);
        pause(300);
        shoot(batch, out + QStringLiteral("/batch.png"));
        batch->close();
        c = saved;
    }

    // The summary panel after Compress now.
    window.simulatorPanel()->inject(QString());
    backend.engine()->resetBreakers();
    window.summaryPanel()->compressNow();
    waitUntil([&] { return !window.conversation()->summary().isEmpty(); }, 10000);
    window.dock(QStringLiteral("summaryDock"))->raise();
    pause(400);
    shoot(&window, out + QStringLiteral("/summary.png"));
    window.dock(QStringLiteral("resilienceDock"))->raise();

    // The Usage window: a month of made-up history in the demo's ledger beside today's real
    // requests, and budgets for the profile.
    {
        const UsageLedger ledger(backend.usageLedgerPath());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QString conversations[] = {window.conversation()->id(),
                                         QStringLiteral("3f2a9c1e-0000-4000-8000-00000000a1b2"),
                                         QString()};
        const struct
        {
            const char *model;
            qint64 input, output;
            int every; // used on every n-th day
        } models[] = {{"claude-sonnet-4-6", 42'000, 6'500, 1},
                      {"claude-opus-4-8", 30'000, 9'000, 3},
                      {"claude-haiku-4-5", 120'000, 20'000, 2}};
        const PriceTable &prices = backend.prices();
        for (int day = 29; day >= 1; --day) {
            for (const auto &m : models) {
                if ((day + 1) % m.every != 0)
                    continue;
                UsageRecord r;
                r.time = now.addDays(-day);
                r.profile = day % 7 == 3 ? QStringLiteral("work") : QStringLiteral("default");
                r.model = QLatin1String(m.model);
                r.conversationId = conversations[day % 3];
                // Busier in the middle of the week, a little different every day.
                const double scale = 0.6 + 0.5 * ((day * 37) % 11) / 10.0;
                r.usage = {qint64(double(m.input) * scale), qint64(double(m.output) * scale), 0,
                           qint64(double(m.input) * scale * 2)};
                r.costUsd = prices.cost(r.model, r.usage);
                ledger.append(r);
            }
        }
        EngineSettings budgeted = backend.settings();
        budgeted.budgets = {5.00, 60.00, 10.00};
        backend.useDemo(budgeted);
        ui::UsageWindow *usage = window.openUsageWindow();
        usage->resize(1100, 760);
        bool shown = false;
        QObject::connect(usage, &ui::UsageWindow::refreshed, usage, [&shown] { shown = true; });
        usage->refresh();
        waitUntil([&] { return shown; }, 10000);
        pause(400);
        shoot(usage, out + QStringLiteral("/usage.png"));
        usage->close();
    }

    // Files in a message: a photo and a PDF above the composer, then the answer citing the PDF.
    {
        const QString before = backend.conversationPath(window.conversation()->id());
        backend.newConversation();
        const QString photo = home.filePath(QStringLiteral("harbour.jpg"));
        const QString pdf = home.filePath(QStringLiteral("breakwater-survey.pdf"));
        for (const auto &[path, bytes] :
             {std::pair{photo, harbourPhoto()},
              std::pair{pdf, bw::test::makePdf(
                                 12, 2'400'000,
                                 QStringLiteral("The breakwater is 420 m long and rises 6 m "
                                                "above mean sea level."))}}) {
            QFile f(path);
            f.open(QIODevice::WriteOnly);
            f.write(bytes);
        }
        window.attachmentTray()->addFiles({photo, pdf});
        window.composer()->setPlainText(
            QStringLiteral("Is the breakwater in the photo the one the survey describes?"));
        waitUntil([&] {
            return !window.attachmentTray()->isPreparing() && window.attachmentTray()->isCounted();
        });
        pause(300);
        shoot(&window, out + QStringLiteral("/attach.png"));
        window.send(window.composer()->toPlainText());
        waitUntil([&] { return !window.session()->isBusy(); });
        pause(600);
        shoot(&window, out + QStringLiteral("/attachments.png"));
        backend.openConversation(before);
        waitUntil([&] { return window.conversation()->count() > 2; });
        pause(300);
    }

    ui::applyAppearance({QStringLiteral("dark"), 0});
    pause(300);
    window.simulatorPanel()->inject(QString());
    window.session()->retry(window.conversation()->count() - 1);
    waitUntil([&] { return !window.session()->isBusy(); }, 15000);
    pause(500);
    shoot(&window, out + QStringLiteral("/dark.png"));
    return 0;
}
