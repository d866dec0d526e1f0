// The batch queue and the concurrency limiter against the simulator over real sockets.
#include "base/systemclock.h"
#include "chat/batchqueue.h"
#include "chat/messagebatchjob.h"
#include "resilience/circuitbreaker.h"
#include "resilience/resilientclient.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QSignalSpy>

using namespace bw;
using namespace bw::test;

class TestBatchQueue : public QObject
{
    Q_OBJECT

    sim::ApiSimulator *m_sim = nullptr;
    AnthropicClient *m_client = nullptr;
    ResilientClient *m_engine = nullptr;

    static QStringList prompts(int n)
    {
        QStringList p;
        for (int i = 0; i < n; ++i)
            p << QStringLiteral("Question %1 about the harbour").arg(i);
        return p;
    }

    void waitFinished(BatchQueue &q, int timeoutMs = 20000)
    {
        QTRY_VERIFY_WITH_TIMEOUT(q.isFinished(), timeoutMs);
    }

private Q_SLOTS:
    void init()
    {
        m_sim = new sim::ApiSimulator;
        QVERIFY(m_sim->listen());
        m_sim->config().ttftMs = 30;
        m_sim->config().tokensPerSecond = 300;
        m_sim->config().replyTokens = 6;
        m_client = new AnthropicClient(configFor(*m_sim));
        GuardConfig g;
        g.retry.maxAttempts = 8;
        g.retry.baseDelayMs = 20;
        g.retry.maxDelayMs = 100;
        BreakerConfig b;
        b.failureThreshold = 1000;
        m_engine = new ResilientClient(m_client, nullptr, g, b);
    }

    void cleanup()
    {
        delete m_engine;
        delete m_client;
        delete m_sim;
    }

    void fixedLimitIsNeverExceededAndResultsKeepTheirOrder()
    {
        LimiterConfig c;
        c.initial = 3;
        ConcurrencyLimiter limiter(c, m_engine->clock());
        BatchQueue q(m_engine, &limiter);
        q.setModel(QStringLiteral("claude-sonnet-4-6"));
        q.setMaxTokens(100);
        const QStringList ps = prompts(30);
        q.submit(ps);
        waitFinished(q);
        QCOMPARE(m_sim->maxInFlight(), 3); // used fully, never more
        QCOMPARE(q.succeededCount(), 30);
        for (int i = 0; i < 30; ++i) {
            const BatchItem &item = q.items()[i];
            QCOMPARE(item.index, i);
            QCOMPARE(item.prompt, ps[i]);
            QCOMPARE(item.text, expectedReply(*m_sim, simpleRequest(ps[i], 100)));
            QCOMPARE(item.attempts, 1);
            QVERIFY(item.usage.outputTokens > 0);
            QCOMPARE(item.toJson().value(QLatin1String("status")).toString(), QStringLiteral("ok"));
        }
    }

    void moreThanSixAtOnceOverHttp1()
    {
        LimiterConfig c;
        c.initial = 10;
        ConcurrencyLimiter limiter(c, m_engine->clock());
        BatchQueue q(m_engine, &limiter);
        q.setModel(QStringLiteral("m"));
        m_sim->config().ttftMs = 200;
        q.submit(prompts(20));
        waitFinished(q);
        QCOMPARE(m_sim->maxInFlight(), 10); // Qt's 6 connections per manager are not the limit
        QVERIFY(m_client->laneCount() >= 2);
    }

    void autoConvergesNearTheCapacity()
    {
        m_sim->config().capacity = 5;
        m_sim->config().capacityRetryAfterMs = 60;
        LimiterConfig c;
        c.adaptive = true;
        c.initial = 2;
        ConcurrencyLimiter limiter(c, m_engine->clock());
        QList<int> limits;
        connect(&limiter, &ConcurrencyLimiter::limitChanged, [&](int l) { limits << l; });
        BatchQueue q(m_engine, &limiter);
        q.setModel(QStringLiteral("m"));
        q.submit(prompts(150));
        waitFinished(q, 40000);
        QCOMPARE(q.succeededCount(), 150);
        QVERIFY2(limits.contains(5), qPrintable(QStringLiteral("%1").arg(limits.size())));
        QVERIFY2(limiter.limit() >= 4 && limiter.limit() <= 6,
                 qPrintable(QString::number(limiter.limit())));
        QVERIFY2(m_sim->rejectedForCapacity() <= 150 / 10,
                 qPrintable(QString::number(m_sim->rejectedForCapacity())));
    }

    void aPermitCoversTheResponseToItsEnd()
    {
        // The server counts a request until its response ends, 150 ms after message_stop: a
        // limit equal to its capacity must not start the next request before that.
        m_sim->config().capacity = 2;
        m_sim->config().capacityRetryAfterMs = 20;
        m_sim->config().holdAfterStopMs = 150;
        LimiterConfig c;
        c.initial = 2;
        ConcurrencyLimiter limiter(c, m_engine->clock());
        BatchQueue q(m_engine, &limiter);
        q.setModel(QStringLiteral("m"));
        q.submit(prompts(8));
        waitFinished(q);
        QCOMPARE(q.succeededCount(), 8);
        QCOMPARE(m_sim->rejectedForCapacity(), 0);
        QTRY_COMPARE(limiter.inFlight(), 0); // every permit came back
    }

    void aRateLimitPausesTheWholeQueueForTheHint()
    {
        m_sim->setScript(script(QStringLiteral("429:retry-after-ms=400")));
        LimiterConfig c;
        c.initial = 4;
        ConcurrencyLimiter limiter(c, m_engine->clock());
        QElapsedTimer clock;
        clock.start();
        qint64 pausedAt = -1;
        QList<qint64> starts;
        connect(&limiter, &ConcurrencyLimiter::paused, [&](qint64 ms) {
            QCOMPARE(ms, 400);
            pausedAt = clock.elapsed();
        });
        BatchQueue q(m_engine, &limiter);
        connect(&q, &BatchQueue::itemStarted, [&] { starts << clock.elapsed(); });
        q.setModel(QStringLiteral("m"));
        q.submit(prompts(12));
        waitFinished(q);
        QCOMPARE(q.succeededCount(), 12);
        QVERIFY(pausedAt >= 0);
        // Slots freed during the pause stayed empty: the next item started when it ended.
        int after = 0;
        for (qint64 t : std::as_const(starts)) {
            if (t > pausedAt) {
                ++after;
                QVERIFY2(t >= pausedAt + 390,
                         qPrintable(QStringLiteral("an item started at %1, the pause began at %2")
                                        .arg(t)
                                        .arg(pausedAt)));
            }
        }
        QCOMPARE(after, 12 - 4);
        QCOMPARE(limiter.rateLimitedCount(), 1);
        QCOMPARE(q.items()[0].attempts,
                 2); // the rate-limited item itself was retried after the hint
    }

    void eachItemSucceedsOrFailsOnItsOwn()
    {
        // One bad request fails alone (a refused key stops the batch: aRefusedKeyStopsTheBatch).
        m_sim->setScript(script(QStringLiteral("ok,400,ok")));
        LimiterConfig c;
        c.initial = 1; // in order, so the script meets the items in order
        ConcurrencyLimiter limiter(c, m_engine->clock());
        BatchQueue q(m_engine, &limiter);
        q.setModel(QStringLiteral("m"));
        q.submit(prompts(4));
        waitFinished(q);
        QCOMPARE(q.succeededCount(), 3);
        QCOMPARE(q.items()[1].state, BatchItem::State::Failed);
        QCOMPARE(q.items()[1].error.kind, ErrorKind::InvalidRequest);
        const QJsonObject failed = q.items()[1].toJson();
        QCOMPARE(failed.value(QLatin1String("status")).toString(), QStringLiteral("failed"));
        QCOMPARE(failed.value(QLatin1String("kind")).toString(), QStringLiteral("invalid_request"));
        QCOMPARE(q.items()[2].state, BatchItem::State::Succeeded);
    }

    void cancelAllEndsEverything()
    {
        m_sim->config().tokensPerSecond = 20;
        m_sim->config().replyTokens = 40;
        LimiterConfig c;
        c.initial = 2;
        ConcurrencyLimiter limiter(c, m_engine->clock());
        BatchQueue q(m_engine, &limiter);
        q.setModel(QStringLiteral("m"));
        QSignalSpy finished(&q, &BatchQueue::finished);
        q.submit(prompts(10));
        QTRY_VERIFY(m_sim->inFlight() == 2);
        q.cancelAll();
        QVERIFY(q.isFinished());
        QCOMPARE(finished.size(), 1);
        QCOMPARE(q.succeededCount(), 0);
        for (const BatchItem &item : q.items())
            QCOMPARE(item.state, BatchItem::State::Cancelled);
        QTRY_COMPARE(m_sim->inFlight(), 0);
        QCOMPARE(limiter.inFlight(), 0);
        QCOMPARE(limiter.waiting(), 0);
    }

    void batchesApiEndToEnd()
    {
        m_sim->batches().setProcessingMs(150);
        QPointer<MessageBatchJob> job = new MessageBatchJob(m_engine);
        MessageBatchJob::Polling polling;
        polling.firstMs = 40;
        job->setPolling(polling);
        QList<MessageRequest> requests;
        const QStringList ps = prompts(5);
        for (const QString &p : ps)
            requests << simpleRequest(p, 100);
        requests[3] = simpleRequest(QStringLiteral("   "), 100); // invalid: empty content
        QSignalSpy created(job, &MessageBatchJob::created);
        QSignalSpy status(job, &MessageBatchJob::statusChanged);
        QList<MessageBatchJob::Result> results;
        int polls = 0;
        int ends = 0;
        connect(job, &MessageBatchJob::finished, this, [&] {
            results = job->results();
            polls = job->polls();
        });
        connect(job, &MessageBatchJob::ended, this, [&] { ++ends; });
        // A poll meets an overloaded service: the guard retries it, the job goes on.
        m_sim->setEndpointScript(script(QStringLiteral("ok,529")));
        job->start(requests);
        QTRY_VERIFY_WITH_TIMEOUT(!job, 10000); // ended, and deleted itself
        QCOMPARE(ends, 1);
        // The poll that met the 529 was retried by the guard: one GET more than the job polled.
        const QByteArray statusPrefix = "GET /v1/messages/batches/msgbatch_";
        const qsizetype statusGets = std::count_if(
            m_sim->requestLog().begin(), m_sim->requestLog().end(), [&](const QByteArray &line) {
                return line.startsWith(statusPrefix) && !line.endsWith("/results");
            });
        QCOMPARE(statusGets, qsizetype(polls) + 1);
        QVERIFY(created.first().first().toString().startsWith(QStringLiteral("msgbatch_")));
        QVERIFY(polls >= 2); // in progress at first, then ended
        QCOMPARE(status.first().first().toString(), QStringLiteral("in_progress"));
        QCOMPARE(status.last().first().toString(), QStringLiteral("ended"));
        QCOMPARE(results.size(), 5);
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(results[i].index, i);
            if (i == 3) {
                QVERIFY(!results[i].ok);
                QCOMPARE(results[i].error.kind, ErrorKind::InvalidRequest);
                continue;
            }
            QVERIFY(results[i].ok);
            QCOMPARE(results[i].text, expectedReply(*m_sim, simpleRequest(ps[i], 100)));
            QVERIFY(results[i].usage.outputTokens > 0);
            // What the Batches API is recorded under in the ledger (was always the one asked).
            QCOMPARE(results[i].model, simpleRequest(ps[i], 100).model());
        }
        QCOMPARE(m_sim->requestCount("/v1/messages"), 0); // all through the Batches API
    }

    // Regression: after a 401 every remaining prompt was still sent (and refused).
    void aRefusedKeyStopsTheBatch()
    {
        LimiterConfig c;
        c.initial = 1;
        ConcurrencyLimiter limiter(c, m_engine->clock());
        BatchQueue q(m_engine, &limiter);
        q.setModel(QStringLiteral("m"));
        m_sim->setScript(script(QStringLiteral("ok,401")));
        q.submit(prompts(6));
        waitFinished(q);
        QCOMPARE(m_sim->requestCount("/v1/messages"), 2);
        QCOMPARE(q.items()[0].state, BatchItem::State::Succeeded);
        QCOMPARE(q.items()[1].error.kind, ErrorKind::Auth);
        for (int i = 2; i < 6; ++i) {
            QCOMPARE(q.items()[i].state, BatchItem::State::Failed);
            QCOMPARE(q.items()[i].error.kind, ErrorKind::Auth);
            QVERIFY(q.items()[i].error.message.startsWith(QStringLiteral("not sent")));
        }
    }

    // Regression: creating a batch went through the guard's retries, and a 500 after the batch
    // was made created (and billed) a second one.
    void creatingABatchIsNeverRepeated()
    {
        QPointer<MessageBatchJob> job = new MessageBatchJob(m_engine);
        ApiError error;
        connect(job, &MessageBatchJob::failed, this, [&](const ApiError &e) { error = e; });
        m_sim->setEndpointScript(script(QStringLiteral("500")));
        job->start({simpleRequest()});
        QTRY_VERIFY(!job);
        QCOMPARE(error.kind, ErrorKind::Server);
        QCOMPARE(m_sim->requestCount("/v1/messages/batches"), 1);
    }

    // A service sick for longer than one poll's retries: the job polls again later instead of
    // giving up on a batch that runs (and bills) on the server.
    void pollsOutlastASickService()
    {
        m_sim->batches().setProcessingMs(100);
        GuardConfig g = m_engine->guardConfig();
        g.retry.maxAttempts = 2;
        ResilientClient engine(m_client, nullptr, g, BreakerConfig{1000, 1000, 1, 1000});
        QPointer<MessageBatchJob> job = new MessageBatchJob(&engine);
        MessageBatchJob::Polling polling;
        polling.firstMs = 20;
        polling.maxMs = 40;
        job->setPolling(polling);
        bool finished = false;
        connect(job, &MessageBatchJob::finished, this, [&] { finished = true; });
        m_sim->setEndpointScript(script(QStringLiteral("ok,503*5"))); // create, then 5 bad polls
        job->start({simpleRequest()});
        QTRY_VERIFY_WITH_TIMEOUT(!job, 10000);
        QVERIFY(finished);
    }

    void batchResultsFromAnotherHostAreRefused()
    {
        JsonCall *call = m_client->messageBatchResults(
            QUrl(QStringLiteral("https://elsewhere.example/v1/messages/batches/x/results")));
        QSignalSpy failed(call, &ApiCall::failed);
        QVERIFY(failed.wait());
        QCOMPARE(failed.first().first().value<ApiError>().kind, ErrorKind::Protocol);
        QVERIFY(
            failed.first().first().value<ApiError>().message.contains(QStringLiteral("API key")));
    }

    void anOpenBreakerPausesTheBatchInsteadOfFailingIt()
    {
        BreakerConfig b;
        b.failureThreshold = 2;
        b.recoveryMs = 300;
        m_engine->setBreakerConfig(b);
        m_sim->setScript(script(QStringLiteral("529,529")));
        LimiterConfig c;
        c.initial = 1;
        ConcurrencyLimiter limiter(c, m_engine->clock());
        BatchQueue q(m_engine, &limiter);
        q.setModel(QStringLiteral("m"));
        q.submit(prompts(6));
        waitFinished(q);
        QCOMPARE(q.succeededCount(), 6); // the breaker opened, rested, closed: nothing lost
        QCOMPARE(m_engine->breakerFor(QStringLiteral("m"))->state(), BreakerState::Closed);
    }

    void burstsAreFlushedTogether()
    {
        LimiterConfig c;
        c.initial = 64;
        ConcurrencyLimiter limiter(c, m_engine->clock());
        BatchQueue q(m_engine, &limiter);
        q.setModel(QStringLiteral("m"));
        q.setMaxBatchSize(5);
        q.setFlushInterval(300);
        QSignalSpy started(&q, &BatchQueue::itemStarted);
        q.submit(prompts(3)); // under a burst: waits for the interval
        QTest::qWait(100);
        QCOMPARE(started.size(), 0);
        q.submit(prompts(2)); // a full burst: flushed at once
        QCOMPARE(started.size(), 5);
        waitFinished(q);
    }
};

QTEST_GUILESS_MAIN(TestBatchQueue)
#include "tst_batchqueue.moc"
