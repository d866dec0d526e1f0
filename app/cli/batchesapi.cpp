#include "commands.h"
#include "eventwriter.h"

#include "exitcodes.h"

#include "api/anthropicclient.h"
#include "chat/messagebatchjob.h"
#include "chat/modelcatalogue.h"
#include "chat/spendmeter.h"
#include "resilience/resilientclient.h"
#include "settings/enginesettings.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>

namespace bw::cli {

// `batch --via-batches-api`: the same prompts and output format, through the Message Batches API.
int runBatchesApi(const QStringList &prompts, const EngineSettings &settings, const QByteArray &key,
                  QFile &out, EventWriter &events, bool notices, SpendMeter &meter)
{
    // One batch carries every prompt: the budgets are checked once, before it is created.
    if (const BudgetVerdict v = meter.check(QString()); v.isReached()) {
        const ApiError e =
            ApiError::make(ErrorKind::Budget, v.sentence() + QStringLiteral(" Not sent."));
        events.write("error", {{QStringLiteral("kind"), e.kindName()},
                               {QStringLiteral("message"), e.message}});
        printDiagnostic(QStringLiteral("error: ") + e.sentence());
        printDiagnostic(e.advice());
        return exitCodeFor(e.kind);
    }
    AnthropicClient client(settings.clientConfig(key));
    ResilientClient engine(&client, nullptr, settings.guard, settings.breaker);
    auto *job = new MessageBatchJob(&engine, &engine); // goes with the engine if it never ends
    if (const QByteArray ms = qgetenv("BREAKWATER_BATCH_POLL_MS"); !ms.isEmpty()) {
        MessageBatchJob::Polling polling; // tests and demos on the simulator poll faster
        polling.firstMs = ms.toLongLong();
        job->setPolling(polling);
    }
    ModelCatalogue models;
    models.setCacheFile(ModelCatalogue::cacheFileFor(settings.profile));
    const int maxTokens = settings.maxTokensFor(models.info(settings.model));
    QList<MessageRequest> requests;
    for (const QString &p : prompts) {
        MessageRequest r;
        r.setModel(settings.model)
            .setMaxTokens(maxTokens)
            .setSystem(settings.systemPrompt)
            .addMessage(QStringLiteral("user"), p);
        requests << r;
    }
    QElapsedTimer clock;
    clock.start();
    int exitCode = kExitOk;
    QObject::connect(job, &MessageBatchJob::created, [&](const QString &id) {
        events.write("batch_created", {{QStringLiteral("id"), id}});
        if (notices)
            printDiagnostic(
                QStringLiteral("batch %1 created with %2 requests; waiting for results…")
                    .arg(id)
                    .arg(prompts.size()));
    });
    QObject::connect(job, &MessageBatchJob::statusChanged,
                     [&](const QString &status, int processing, int succeeded, int errored) {
                         events.write("batch_status", {{QStringLiteral("status"), status},
                                                       {QStringLiteral("processing"), processing},
                                                       {QStringLiteral("succeeded"), succeeded},
                                                       {QStringLiteral("errored"), errored}});
                     });
    QObject::connect(job, &MessageBatchJob::failed, [&](const ApiError &e) {
        events.write("error", {{QStringLiteral("kind"), e.kindName()},
                               {QStringLiteral("message"), e.message}});
        printDiagnostic(QStringLiteral("error: the batch failed: ") + e.sentence());
        printDiagnostic(e.advice());
        exitCode = exitCodeFor(e.kind);
        QCoreApplication::quit();
    });
    QObject::connect(job, &MessageBatchJob::finished, [&, job] {
        const QList<MessageBatchJob::Result> &results = job->results();
        int succeeded = 0;
        for (const MessageBatchJob::Result &r : results) {
            // Under the model that answered, like every other request.
            meter.record(SpendMeter::billedModel(r.model, settings.model), r.usage, QString(),
                         UsageRecord::Source::BatchesApi, SpendMeter::kBatchesApiPriceFactor);
            QJsonObject o{
                {QStringLiteral("index"), r.index},
                {QStringLiteral("prompt"), prompts.value(r.index)},
                {QStringLiteral("text"), r.text},
                {QStringLiteral("status"), r.ok ? QStringLiteral("ok") : QStringLiteral("failed")},
                {QStringLiteral("kind"), r.ok ? QJsonValue::Null : QJsonValue(r.error.kindName())},
                {QStringLiteral("attempts"), 1},
                {QStringLiteral("usage"), r.usage.toJson()},
                {QStringLiteral("ms"), clock.elapsed()}};
            if (!r.ok)
                o.insert(QStringLiteral("error"), r.error.sentence());
            out.write(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
            succeeded += r.ok;
            if (!r.ok && exitCode == kExitOk)
                exitCode = exitCodeFor(r.error.kind);
        }
        out.flush();
        events.write("done", {{QStringLiteral("succeeded"), succeeded},
                              {QStringLiteral("failed"), int(results.size()) - succeeded},
                              {QStringLiteral("ms"), clock.elapsed()},
                              {QStringLiteral("polls"), job->polls()}});
        if (notices)
            printDiagnostic(QStringLiteral("%1 of %2 prompts succeeded through the Batches API")
                                .arg(succeeded)
                                .arg(results.size()));
        QCoreApplication::quit();
    });
    job->start(requests);
    QCoreApplication::exec();
    return exitCode;
}

} // namespace bw::cli
