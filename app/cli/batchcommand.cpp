#include "budgetoptions.h"
#include "commands.h"
#include "engineoptions.h"
#include "eventwriter.h"
#include "exitcodes.h"

#include "api/anthropicclient.h"
#include "base/clock.h"
#include "base/interruptwatcher.h"
#include "chat/batchqueue.h"
#include "chat/modelcatalogue.h"
#include "chat/pricetable.h"
#include "chat/spendmeter.h"
#include "resilience/resilientclient.h"
#include "secrets/apikeysource.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QTimer>

#include <csignal>
#include <cstdio>

namespace bw::cli {

namespace {

QStringList readPrompts(const QString &source, QString *error)
{
    QFile file;
    if (source == u"-") {
        if (!file.open(stdin, QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read standard input");
            return {};
        }
    } else {
        file.setFileName(source);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read %1: %2").arg(source, file.errorString());
            return {};
        }
    }
    QStringList prompts;
    for (const QByteArray &line : file.readAll().split('\n')) {
        const QString p = QString::fromUtf8(line).trimmed();
        if (!p.isEmpty())
            prompts << p;
    }
    return prompts;
}

} // namespace

int runBatchesApi(const QStringList &prompts, const EngineSettings &settings, const QByteArray &key,
                  QFile &out, EventWriter &events, bool notices, SpendMeter &meter);

int runBatch(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Sends every line of FILE as its own prompt, in parallel under a "
                       "concurrency limit, each under the\n"
                       "full guard, and writes one JSON object per prompt, in the prompts' order: "
                       "index, prompt, text,\n"
                       "status (\"ok\" or \"failed\"), kind, attempts, usage, ms.\n"
                       "Exit status: 0 when every prompt succeeded; otherwise that of the first "
                       "failed prompt's kind\n"
                       "(as for ask: 11 when a budget stopped the rest); 2 usage."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("batch"), QStringLiteral("The command."));
    parser.addPositionalArgument(
        QStringLiteral("FILE"),
        QStringLiteral("Prompts, one per line; \"-\" reads standard input."));
    EngineOptions engineOptions;
    engineOptions.addTo(parser);
    BudgetOptions budgetOptions;
    budgetOptions.addTo(parser);
    const QCommandLineOption concurrency(
        QStringLiteral("concurrency"),
        QStringLiteral("Calls at once: a number, or \"auto\" to find the highest level that avoids "
                       "429s (default auto)."),
        QStringLiteral("N|auto"), QStringLiteral("auto"));
    const QCommandLineOption outOption(
        {QStringLiteral("o"), QStringLiteral("out")},
        QStringLiteral("Write the JSON Lines results to FILE (default: standard output)."),
        QStringLiteral("FILE"));
    const QCommandLineOption eventsOption(
        QStringLiteral("events"),
        QStringLiteral("Write JSON Lines lifecycle events to FILE (\"-\": standard error)."),
        QStringLiteral("FILE"));
    const QCommandLineOption viaBatches(
        QStringLiteral("via-batches-api"),
        QStringLiteral("Submit the prompts through the Message Batches API (half price, for large "
                       "offline jobs; results can take minutes to hours)."));
    const QCommandLineOption quietOption({QStringLiteral("q"), QStringLiteral("quiet")},
                                         QStringLiteral("No progress on standard error."));
    parser.addOptions({concurrency, outOption, eventsOption, viaBatches, quietOption});
    QStringList positional;
    if (const auto exit = parseCommand(parser, arguments, &positional))
        return *exit;
    if (positional.size() != 1) {
        printDiagnostic(
            QStringLiteral("batch takes exactly one FILE of prompts (\"-\" for standard input)"));
        return kExitUsage;
    }
    QString error;
    const QStringList prompts = readPrompts(positional.first(), &error);
    if (!error.isEmpty()) {
        printDiagnostic(error);
        return kExitUsage;
    }
    if (prompts.isEmpty()) {
        printDiagnostic(
            QStringLiteral("there are no prompts in %1 (one per line)").arg(positional.first()));
        return kExitUsage;
    }
    LimiterConfig limiterConfig;
    const QString level = parser.value(concurrency);
    if (level == u"auto") {
        limiterConfig.adaptive = true;
    } else {
        bool ok = false;
        limiterConfig.initial = level.toInt(&ok);
        if (!ok || limiterConfig.initial < 1 || limiterConfig.initial > 256) {
            printDiagnostic(
                QStringLiteral("--concurrency takes a number from 1 to 256, or \"auto\" (got '%1')")
                    .arg(level));
            return kExitUsage;
        }
        limiterConfig.maximum = std::max(limiterConfig.maximum, limiterConfig.initial);
    }
    EngineSettings settings;
    QStringList warnings, errors;
    const SettingsStore store;
    if (!engineOptions.resolve(parser, store, settings, warnings, errors)) {
        for (const QString &e : std::as_const(errors))
            printDiagnostic(e);
        return kExitUsage;
    }
    const PriceTable prices = PriceTable::load();
    SpendMeter meter(Clock::system(), &prices);
    if (!budgetOptions.apply(parser, settings, meter, errors)) {
        for (const QString &e : std::as_const(errors))
            printDiagnostic(e);
        return kExitUsage;
    }
    EventWriter events;
    if (!events.open(parser.value(eventsOption), &error)) {
        printDiagnostic(error);
        return kExitUsage;
    }
    const bool notices = !events.isStderr() && !parser.isSet(quietOption);
    for (const QString &w : std::as_const(warnings))
        if (!events.isStderr())
            printDiagnostic(QStringLiteral("warning: ") + w);
    QFile out;
    if (parser.isSet(outOption)) {
        out.setFileName(parser.value(outOption));
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            printDiagnostic(
                QStringLiteral("cannot write %1: %2").arg(out.fileName(), out.errorString()));
            return kExitUsage;
        }
    } else {
        out.open(stdout, QIODevice::WriteOnly);
    }

    ApiKeyStore keyStore;
    ApiKeySource keySource(&keyStore);
    ApiKeySource::Lookup key;
    keySource.find(settings.profile, [&key](const ApiKeySource::Lookup &l) {
        key = l;
        QCoreApplication::exit(0);
    });
    QCoreApplication::exec();
    if (key.key.isEmpty()) {
        printDiagnostic(QStringLiteral("error: no API key: set ANTHROPIC_API_KEY, or store one "
                                       "with `breakwater-cli key set`. ") +
                        key.problem);
        return exitCodeFor(ErrorKind::Auth);
    }
    if (parser.isSet(viaBatches))
        return runBatchesApi(prompts, settings, key.key, out, events, notices, meter);

    AnthropicClient client(settings.clientConfig(key.key));
    // Batch work: more patience per item than a chat, since the limiter keeps the load sane.
    GuardConfig guard = settings.guard;
    guard.retry.maxAttempts = std::max(guard.retry.maxAttempts, 8);
    ResilientClient engine(&client, nullptr, guard, settings.breaker);
    ConcurrencyLimiter limiter(limiterConfig, engine.clock());
    BatchQueue queue(&engine, &limiter);
    queue.setModel(settings.model);
    ModelCatalogue models;
    models.setCacheFile(ModelCatalogue::cacheFileFor(settings.profile));
    queue.setMaxTokens(settings.maxTokensFor(models.info(settings.model)));
    queue.setSystemPrompt(settings.systemPrompt);
    queue.setSpendMeter(&meter);
    QObject::connect(&queue, &BatchQueue::notice, [&](const QString &text) {
        events.write("notice", {{QStringLiteral("message"), text}});
        if (notices)
            printDiagnostic(text);
    });

    events.write("concurrency", {{QStringLiteral("limit"), limiter.limit()}});
    QObject::connect(&limiter, &ConcurrencyLimiter::limitChanged, [&](int limit) {
        events.write("concurrency", {{QStringLiteral("limit"), limit}});
    });
    QObject::connect(&limiter, &ConcurrencyLimiter::paused, [&](qint64 ms) {
        events.write("paused", {{QStringLiteral("ms"), ms}});
    });
    int written = 0;
    int firstFailedKind = -1;
    QObject::connect(&queue, &BatchQueue::itemChanged, [&](int index) {
        const BatchItem &item = queue.items()[index];
        if (!item.isDone())
            return;
        events.write("item", {{QStringLiteral("index"), index},
                              {QStringLiteral("status"), item.state == BatchItem::State::Succeeded
                                                             ? QStringLiteral("ok")
                                                             : QStringLiteral("failed")},
                              {QStringLiteral("attempts"), item.attempts},
                              {QStringLiteral("ms"), item.ms}});
        // Results in the prompts' order: write every finished item up to the first unfinished.
        while (written < queue.items().size() && queue.items()[written].isDone()) {
            const BatchItem &w = queue.items()[written];
            if (w.state != BatchItem::State::Succeeded && firstFailedKind < 0)
                firstFailedKind = int(w.error.kind);
            out.write(QJsonDocument(w.toJson()).toJson(QJsonDocument::Compact) + '\n');
            out.flush();
            ++written;
        }
    });
    QElapsedTimer clock;
    clock.start();
    QTimer progressTimer;
    QObject::connect(&progressTimer, &QTimer::timeout, [&] {
        if (notices)
            printDiagnostic(QStringLiteral("%1/%2 done, %3 failed · %4 at once · %5 rate-limited")
                                .arg(queue.doneCount())
                                .arg(prompts.size())
                                .arg(queue.doneCount() - queue.succeededCount())
                                .arg(limiter.limit())
                                .arg(limiter.rateLimitedCount()));
    });
    progressTimer.start(2000);
    QObject::connect(&queue, &BatchQueue::finished, [] { QCoreApplication::quit(); });
    InterruptWatcher interrupts; // Ctrl+C: the rest is written as cancelled
    QObject::connect(&interrupts, &InterruptWatcher::interrupted, [] { QCoreApplication::quit(); });
    queue.submit(prompts);
    QCoreApplication::exec();
    if (!queue.isFinished())
        queue.cancelAll(); // interrupted: the rest is written as cancelled
    events.write("done", {{QStringLiteral("succeeded"), queue.succeededCount()},
                          {QStringLiteral("failed"), int(prompts.size()) - queue.succeededCount()},
                          {QStringLiteral("ms"), clock.elapsed()},
                          {QStringLiteral("rate_limited"), limiter.rateLimitedCount()},
                          {QStringLiteral("cost_usd"), queue.spentUsd()}});
    if (notices)
        printDiagnostic(
            QStringLiteral("%1 of %2 prompts succeeded in %3 s (%4 rate-limited responses), %5")
                .arg(queue.succeededCount())
                .arg(prompts.size())
                .arg(double(clock.elapsed()) / 1000.0, 0, 'f', 1)
                .arg(limiter.rateLimitedCount())
                .arg(BudgetVerdict::money(queue.spentUsd())));
    if (queue.succeededCount() == prompts.size())
        return kExitOk;
    return firstFailedKind >= 0 ? exitCodeFor(ErrorKind(firstFailedKind)) : 1;
}

} // namespace bw::cli
