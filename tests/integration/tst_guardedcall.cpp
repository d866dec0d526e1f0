// The whole guard over real loopback sockets; every wait and deadline runs on a manual clock,
// so no test sleeps through a backoff.
#include "base/manualclock.h"
#include "base/systemclock.h"
#include "resilience/breakerregistry.h"
#include "resilience/guardedcall.h"
#include "resilience/randomsource.h"
#include "resilience/resilientclient.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QSignalSpy>

#include <numeric>

using namespace bw;
using namespace bw::test;

namespace {

struct Record
{
    QList<int> attempts;
    QList<qint64> retryDelays;
    QList<ErrorKind> retryReasons;
    QList<qint64> ticks;
    QByteArray text;
    qint64 firstTokenMs = -1;
    bool ended = false;
    bool succeeded = false;
    ApiError error;
    AssistantMessage message;
};

// Every connection goes through `scope`: when the Record's frame ends, so do they (a call deletes
// itself later; its destroyed() must not write into a frame that is gone).
void record(GuardedCall *call, Record &r, QObject *scope)
{
    QObject::connect(call, &GuardedCall::attemptStarted, scope, [&r](int n) { r.attempts << n; });
    QObject::connect(call, &GuardedCall::retryScheduled, scope,
                     [&r](int, qint64 delay, const ApiError &e) {
                         r.retryDelays << delay;
                         r.retryReasons << e.kind;
                     });
    QObject::connect(call, &GuardedCall::waitTick, scope, [&r](qint64 ms) { r.ticks << ms; });
    QObject::connect(call, &GuardedCall::committed, scope,
                     [&r](qint64 ms) { r.firstTokenMs = ms; });
    QObject::connect(call, &GuardedCall::textReceived, scope,
                     [&r](const QByteArray &t) { r.text += t; });
    QObject::connect(call, &GuardedCall::finished, scope, [&r, call] {
        r.ended = r.succeeded = true;
        r.message = call->message();
    });
    QObject::connect(call, &GuardedCall::failed, scope, [&r, call](const ApiError &e) {
        r.ended = true;
        r.error = e;
        r.message = call->message();
    });
}

void record(GuardedCall *call, Record &r)
{
    record(call, r, call);
}

qint64 sum(const QList<qint64> &v)
{
    return std::accumulate(v.begin(), v.end(), qint64(0));
}

} // namespace

class TestGuardedCall : public QObject
{
    Q_OBJECT

    sim::ApiSimulator *m_sim = nullptr;
    AnthropicClient *m_client = nullptr;
    ManualClock *m_clock = nullptr;
    SeededRandom *m_random = nullptr;
    CircuitBreaker *m_breaker = nullptr;

    GuardConfig guard(int maxAttempts = 4)
    {
        GuardConfig g;
        g.retry.maxAttempts = maxAttempts;
        g.retry.baseDelayMs = 500;
        g.retry.maxDelayMs = 8000;
        g.headersTimeoutMs = 5000;
        g.idleTimeoutMs = 10000;
        g.totalTimeoutMs = 0;
        return g;
    }

    GuardedCall *makeCall(const GuardConfig &g, const MessageRequest &request = simpleRequest())
    {
        return new GuardedCall(m_client, m_breaker, request, g, m_clock, m_random);
    }

    // Lets the network run; whenever the call is waiting, moves the manual clock to the next
    // timer. Never advances through a headers/idle deadline.
    void drive(Record &r)
    {
        QElapsedTimer guardTime;
        guardTime.start();
        while (!r.ended && guardTime.elapsed() < 10000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            if (m_waiting && *m_waiting)
                m_clock->advanceToNext();
        }
        QVERIFY2(r.ended, "the call did not end");
    }

    const bool *m_waiting = nullptr;

    Record run(GuardedCall *call)
    {
        // Regression: these lambdas outlived this frame, and the call's destroyed() (at its
        // deleteLater, in a later test's event loop) wrote into a stack that was gone: "stack
        // smashing detected" under load. The scope ends them with the frame.
        QObject scope;
        Record r;
        record(call, r, &scope);
        bool waiting = false;
        QObject::connect(call, &GuardedCall::retryScheduled, &scope,
                         [&waiting] { waiting = true; });
        QObject::connect(call, &GuardedCall::attemptStarted, &scope,
                         [&waiting] { waiting = false; });
        QObject::connect(call, &QObject::destroyed, &scope, [&waiting] { waiting = false; });
        m_waiting = &waiting;
        call->start();
        drive(r);
        m_waiting = nullptr;
        return r;
    }

private Q_SLOTS:
    void init()
    {
        m_sim = new sim::ApiSimulator;
        QVERIFY(m_sim->listen());
        m_client = new AnthropicClient(configFor(*m_sim));
        m_clock = new ManualClock;
        m_random = new SeededRandom(11);
        BreakerConfig b;
        b.failureThreshold = 50;
        b.recoveryMs = 30000;
        m_breaker = new CircuitBreaker(b, m_clock);
    }

    void cleanup()
    {
        delete m_breaker;
        delete m_client;
        delete m_sim;
        delete m_random;
        delete m_clock;
    }

    void retriesOverloadThenSucceeds()
    {
        m_sim->setScript(script(QStringLiteral("529,529,ok")));
        const MessageRequest request = simpleRequest();
        const Record r = run(makeCall(guard(), request));
        QVERIFY(r.succeeded);
        QCOMPARE(r.attempts, (QList<int>{1, 2, 3}));
        QCOMPARE(r.retryReasons, (QList<ErrorKind>{ErrorKind::Overloaded, ErrorKind::Overloaded}));
        // Equal jitter: retry n waits in [cap/2, cap) with cap = 500 ms * 2^(n-1).
        QVERIFY(r.retryDelays[0] >= 250 && r.retryDelays[0] < 500);
        QVERIFY(r.retryDelays[1] >= 500 && r.retryDelays[1] < 1000);
        QCOMPARE(m_clock->nowMs(), sum(r.retryDelays)); // the waits taken were exactly those
        QCOMPARE(QString::fromUtf8(r.text), expectedReply(*m_sim, request));
        QCOMPARE(r.message.text(), expectedReply(*m_sim, request));
        QCOMPARE(m_sim->requestCount(), 3);
        QCOMPARE(r.firstTokenMs, sum(r.retryDelays));
    }

    void honoursServerHints_data()
    {
        QTest::addColumn<QString>("behaviour");
        QTest::addColumn<qint64>("minMs");
        QTest::addColumn<qint64>("maxMs");
        QTest::newRow("retry-after seconds") << "429:retry-after=2" << qint64(2000) << qint64(2200);
        QTest::newRow("retry-after-ms")
            << "429:retry-after-ms=1500" << qint64(1500) << qint64(1650);
        QTest::newRow("retry-after http-date")
            << "429:retry-after-date=3" << qint64(1000) << qint64(3300);
        QTest::newRow("529 with retry-after")
            << "529:retry-after=4" << qint64(4000) << qint64(4400);
    }

    void honoursServerHints()
    {
        QFETCH(QString, behaviour);
        QFETCH(qint64, minMs);
        QFETCH(qint64, maxMs);
        m_sim->setScript(script(behaviour + QStringLiteral(",ok")));
        const Record r = run(makeCall(guard()));
        QVERIFY(r.succeeded);
        QCOMPARE(r.attempts.size(), 2);
        QCOMPARE(r.retryDelays.size(), 1);
        QVERIFY2(r.retryDelays[0] >= minMs && r.retryDelays[0] <= maxMs,
                 qPrintable(QString::number(r.retryDelays[0])));
        QCOMPARE(m_clock->nowMs(), r.retryDelays[0]);
    }

    void hintAboveTheCeilingFailsAtOnce()
    {
        m_sim->setScript(script(QStringLiteral("429:retry-after=120,ok")));
        const Record r = run(makeCall(guard()));
        QCOMPARE(r.error.kind, ErrorKind::RateLimited);
        QVERIFY2(r.error.message.contains(QStringLiteral("120 s")), qPrintable(r.error.message));
        QCOMPARE(r.attempts.size(), 1);
        QVERIFY(r.retryDelays.isEmpty());
        QCOMPARE(m_clock->nowMs(), qint64(0));
    }

    void shouldRetryHeaderOverrides()
    {
        m_sim->setScript(script(QStringLiteral("503:should-retry=false,ok")));
        Record r = run(makeCall(guard()));
        QCOMPARE(r.error.kind, ErrorKind::Server);
        QCOMPARE(r.attempts.size(), 1);

        m_sim->setScript(script(QStringLiteral("400:should-retry=true,ok")));
        r = run(makeCall(guard()));
        QVERIFY(r.succeeded);
        QCOMPARE(r.attempts.size(), 2);
        QCOMPARE(r.retryReasons, QList<ErrorKind>{ErrorKind::InvalidRequest});
    }

    void rejectedRequestsAreNotRetried_data()
    {
        QTest::addColumn<QString>("behaviour");
        QTest::addColumn<ErrorKind>("kind");
        QTest::newRow("401") << "401" << ErrorKind::Auth;
        QTest::newRow("400") << "400" << ErrorKind::InvalidRequest;
        QTest::newRow("403") << "403" << ErrorKind::Permission;
        QTest::newRow("404") << "404" << ErrorKind::NotFound;
        QTest::newRow("413") << "413" << ErrorKind::TooLarge;
        QTest::newRow("malformed stream") << "malformed:after=0" << ErrorKind::Protocol;
    }

    void rejectedRequestsAreNotRetried()
    {
        QFETCH(QString, behaviour);
        QFETCH(ErrorKind, kind);
        m_sim->setScript(script(behaviour + QStringLiteral(",ok")));
        const Record r = run(makeCall(guard()));
        QCOMPARE(r.error.kind, kind);
        QCOMPARE(r.attempts.size(), 1);
        QCOMPARE(m_sim->requestCount(), 1);
    }

    void retryableStatusesAreRetried_data()
    {
        QTest::addColumn<QString>("behaviour");
        QTest::addColumn<ErrorKind>("reason");
        QTest::newRow("408") << "408" << ErrorKind::Timeout;
        QTest::newRow("409") << "409" << ErrorKind::Server;
        QTest::newRow("429") << "429" << ErrorKind::RateLimited;
        QTest::newRow("500") << "500" << ErrorKind::Server;
        QTest::newRow("502 html") << "html502" << ErrorKind::Server;
        QTest::newRow("503") << "503" << ErrorKind::Server;
        QTest::newRow("504") << "504" << ErrorKind::Server;
        QTest::newRow("529") << "529" << ErrorKind::Overloaded;
        QTest::newRow("reset twice before headers")
            << "reset-headers,reset-headers" << ErrorKind::Network;
        QTest::newRow("close before any token") << "close-early:after=0" << ErrorKind::Incomplete;
        QTest::newRow("error event before any token")
            << "error-mid:after=0" << ErrorKind::Overloaded;
    }

    void retryableStatusesAreRetried()
    {
        QFETCH(QString, behaviour);
        QFETCH(ErrorKind, reason);
        m_sim->setScript(script(behaviour + QStringLiteral(",ok")));
        const MessageRequest request = simpleRequest();
        const Record r = run(makeCall(guard(), request));
        QVERIFY2(r.succeeded, qPrintable(r.error.describe()));
        QCOMPARE(r.attempts.size(), 2);
        QCOMPARE(r.retryReasons, QList<ErrorKind>{reason});
        QCOMPARE(QString::fromUtf8(r.text), expectedReply(*m_sim, request)); // nothing duplicated
    }

    void givesUpAfterMaxAttempts()
    {
        m_sim->setScript(script(QStringLiteral("529*10")));
        const Record r = run(makeCall(guard(3)));
        QCOMPARE(r.error.kind, ErrorKind::Overloaded);
        QCOMPARE(r.attempts, (QList<int>{1, 2, 3}));
        QCOMPARE(r.retryDelays.size(), 2);
        QVERIFY2(r.error.message.contains(QStringLiteral("3 attempts")),
                 qPrintable(r.error.message));
        QCOMPARE(m_sim->requestCount(), 3);
    }

    void stallBeforeHeadersIsTimedOutAndRetried()
    {
        m_sim->setScript(script(QStringLiteral("stall-headers,ok")));
        GuardedCall *call = makeCall(guard());
        Record r;
        record(call, r);
        call->start();
        QTRY_COMPARE(m_sim->requestCount(), 1);
        m_clock->advance(4999);
        QCoreApplication::processEvents();
        QVERIFY(r.retryDelays.isEmpty());
        m_clock->advance(1); // the headers deadline
        QCOMPARE(r.retryReasons, QList<ErrorKind>{ErrorKind::Timeout});
        m_clock->advance(r.retryDelays[0]);
        QTRY_VERIFY(r.ended);
        QVERIFY(r.succeeded);
        QCOMPARE(r.attempts.size(), 2);
        QTRY_COMPARE(m_sim->inFlight(), 0); // the stalled connection was closed
    }

    void stallMidStreamEndsWithThePartialText()
    {
        m_sim->setScript(script(QStringLiteral("stall-mid:after=4,ok")));
        const MessageRequest request = simpleRequest();
        GuardedCall *call = makeCall(guard(), request);
        Record r;
        record(call, r);
        call->start();
        QTRY_COMPARE(QString::fromUtf8(r.text), expectedPrefix(*m_sim, request, 4));
        m_clock->advance(9999);
        QVERIFY(!r.ended);
        m_clock->advance(1); // the idle deadline
        QVERIFY(r.ended);
        QCOMPARE(r.error.kind, ErrorKind::Stalled);
        QVERIFY(r.error.partial);
        QCOMPARE(r.attempts.size(), 1); // committed: never replayed
        QCOMPARE(r.message.text(), expectedPrefix(*m_sim, request, 4));
        QTRY_COMPARE(m_sim->inFlight(), 0);
        QCOMPARE(m_sim->requestCount(), 1);
    }

    void stallBeforeTheFirstTokenIsRetried()
    {
        m_sim->setScript(script(QStringLiteral("stall-mid:after=0,ok")));
        const MessageRequest request = simpleRequest();
        GuardedCall *call = makeCall(guard(), request);
        Record r;
        record(call, r);
        call->start();
        QTRY_COMPARE(m_sim->requestCount(), 1);
        QTest::qWait(20); // let the headers arrive so the idle deadline is the one that runs
        m_clock->advance(10000);
        QCOMPARE(r.retryReasons, QList<ErrorKind>{ErrorKind::Stalled});
        m_clock->advance(r.retryDelays[0]);
        QTRY_VERIFY(r.ended);
        QVERIFY(r.succeeded);
        QCOMPARE(QString::fromUtf8(r.text), expectedReply(*m_sim, request));
    }

    void midStreamErrorAfterTokensKeepsThePartialAndDoesNotRetry()
    {
        m_sim->setScript(script(QStringLiteral("error-mid:after=3,ok")));
        const MessageRequest request = simpleRequest();
        const Record r = run(makeCall(guard(), request));
        QCOMPARE(r.error.kind, ErrorKind::Overloaded);
        QVERIFY(r.error.partial);
        QCOMPARE(r.attempts.size(), 1);
        QCOMPARE(QString::fromUtf8(r.text), expectedPrefix(*m_sim, request, 3));
        QCOMPARE(m_sim->requestCount(), 1);
    }

    void cleanCloseBeforeMessageStopIsNeverSuccess()
    {
        m_sim->setScript(script(QStringLiteral("close-early:after=6,ok")));
        const MessageRequest request = simpleRequest();
        const Record r = run(makeCall(guard(), request));
        QVERIFY(!r.succeeded);
        QCOMPARE(r.error.kind, ErrorKind::Incomplete);
        QVERIFY(r.error.partial);
        QCOMPARE(QString::fromUtf8(r.text), expectedPrefix(*m_sim, request, 6));
    }

    void resetMidStreamAfterTokensIsPartial()
    {
        m_sim->setScript(script(QStringLiteral("reset-mid:after=2:delay-ms=300,ok")));
        const Record r = run(makeCall(guard()));
        QCOMPARE(r.error.kind, ErrorKind::Network);
        QVERIFY(r.error.partial);
        QCOMPARE(r.attempts.size(), 1);
    }

    void cancelDuringBackoff()
    {
        m_sim->setScript(script(QStringLiteral("529,ok")));
        GuardedCall *call = makeCall(guard());
        Record r;
        record(call, r);
        QObject::connect(call, &GuardedCall::retryScheduled, call, &GuardedCall::cancel,
                         Qt::QueuedConnection);
        call->start();
        QTRY_VERIFY(r.ended);
        QCOMPARE(r.error.kind, ErrorKind::Cancelled);
        QVERIFY(!r.error.partial);
        m_clock->advance(60000);
        QTest::qWait(20);
        QCOMPARE(m_sim->requestCount(), 1); // nothing sent after the cancel
        QCOMPARE(r.attempts.size(), 1);
        QCOMPARE(m_breaker->consecutiveFailures(), 1); // the 529 counted; the cancel did not
    }

    void cancelWhileStreamingKeepsThePartialAndCountsAsNothing()
    {
        m_sim->setScript(script(QStringLiteral("stall-mid:after=3")));
        const MessageRequest request = simpleRequest();
        GuardedCall *call = makeCall(guard(), request);
        Record r;
        record(call, r);
        call->start();
        QTRY_COMPARE(QString::fromUtf8(r.text), expectedPrefix(*m_sim, request, 3));
        call->cancel();
        QCOMPARE(r.error.kind, ErrorKind::Cancelled);
        QVERIFY(r.error.partial);
        QCOMPARE(r.message.text(), expectedPrefix(*m_sim, request, 3));
        QCOMPARE(m_breaker->consecutiveFailures(), 0);
        QTRY_COMPARE(m_sim->inFlight(), 0);
    }

    void totalDeadlineHoldsAcrossRetries()
    {
        m_sim->setScript(script(QStringLiteral("529*50")));
        GuardConfig g = guard(50);
        g.retry.baseDelayMs = 1000;
        g.totalTimeoutMs = 5000;
        const Record r = run(makeCall(g));
        QVERIFY(!r.succeeded);
        QVERIFY2(r.error.message.contains(QStringLiteral("total time limit")),
                 qPrintable(r.error.message));
        QVERIFY2(m_clock->nowMs() <= 5000, qPrintable(QString::number(m_clock->nowMs())));
        QVERIFY(r.attempts.size() >= 3);
        QCOMPARE(m_sim->requestCount(), r.attempts.size());
    }

    void totalDeadlineEndsAStalledStream()
    {
        m_sim->setScript(script(QStringLiteral("stall-mid:after=2")));
        GuardConfig g = guard();
        g.idleTimeoutMs = 0; // off: only the total deadline is left
        g.totalTimeoutMs = 3000;
        GuardedCall *call = makeCall(g);
        Record r;
        record(call, r);
        call->start();
        QTRY_VERIFY(!r.text.isEmpty());
        m_clock->advance(3000);
        QVERIFY(r.ended);
        QCOMPARE(r.error.kind, ErrorKind::Timeout);
        QVERIFY(r.error.partial);
    }

    void waitCountdownTicks()
    {
        m_sim->setScript(script(QStringLiteral("429:retry-after=3,ok")));
        const Record r = run(makeCall(guard()));
        QVERIFY(r.succeeded);
        QVERIFY(r.ticks.size() >= 4);
        QCOMPARE(r.ticks.first(), r.retryDelays.first());
        for (qsizetype i = 1; i < r.ticks.size(); ++i)
            QVERIFY(r.ticks[i] < r.ticks[i - 1]);
        QCOMPARE(r.ticks.last(), qint64(0));
    }

    void breakerIsSharedAcrossCallsAndRecovers()
    {
        BreakerConfig bc;
        bc.failureThreshold = 3;
        bc.recoveryMs = 20000;
        GuardConfig g = guard(2);
        BreakerRegistry registry(m_clock); // the application layer makes one per process
        ResilientClient first(m_client, &registry, g, bc, m_clock, m_random);
        ResilientClient second(m_client, &registry, g, bc, m_clock, m_random);
        const QString model = simpleRequest().model();
        QCOMPARE(first.breakerFor(model), second.breakerFor(model)); // one per base URL and model
        CircuitBreaker *breaker = first.breakerFor(model);
        QSignalSpy states(breaker, &CircuitBreaker::stateChanged);

        m_sim->setScript(script(QStringLiteral("529*3,ok,ok")));
        Record a = run(first.stream(simpleRequest()));
        GuardedCall *observed = second.stream(simpleRequest());
        QSignalSpy fromCall(observed, &GuardedCall::breakerStateChanged);
        QCOMPARE(a.error.kind, ErrorKind::Overloaded);
        QCOMPARE(breaker->state(), BreakerState::Closed);
        Record b = run(observed);
        QCOMPARE(breaker->state(), BreakerState::Open);
        QCOMPARE(fromCall.size(), 1); // the call tells its observers about the breaker too
        QCOMPARE(fromCall.first().first().value<BreakerState>(), BreakerState::Open);
        QCOMPARE(b.error.kind, ErrorKind::CircuitOpen); // the 3rd failure opened it mid-call
        QVERIFY2(b.error.message.contains(QStringLiteral("overloaded")),
                 qPrintable(b.error.message));
        const int requestsBefore = m_sim->requestCount();

        Record c = run(first.stream(simpleRequest()));
        QCOMPARE(c.error.kind, ErrorKind::CircuitOpen);
        QVERIFY(c.attempts.isEmpty());
        QCOMPARE(m_sim->requestCount(), requestsBefore); // nothing reached the sick service
        QVERIFY(c.error.retryAfterMs.has_value() && *c.error.retryAfterMs > 0);

        m_clock->advance(breaker->remainingOpenMs());
        QCOMPARE(breaker->state(), BreakerState::HalfOpen);
        Record d = run(second.stream(simpleRequest()));
        QVERIFY(d.succeeded);
        QCOMPARE(breaker->state(), BreakerState::Closed);
        QCOMPARE(states.size(), 3); // open, half-open, closed
    }

    void rateLimitsDoNotTripTheBreaker()
    {
        BreakerConfig bc;
        bc.failureThreshold = 2;
        m_breaker->setConfig(bc);
        m_sim->setScript(script(QStringLiteral("429:retry-after-ms=10*6")));
        const Record r = run(makeCall(guard(4)));
        QCOMPARE(r.error.kind, ErrorKind::RateLimited);
        QCOMPARE(r.attempts.size(), 4);
        QCOMPARE(m_breaker->state(), BreakerState::Closed);
        QCOMPARE(m_breaker->consecutiveFailures(), 0);
    }

    // A half-open breaker admits one probe; a probe whose call is destroyed mid-flight (its
    // owner went away) must not block the breaker until the probe timeout.
    void aDestroyedProbeFreesTheBreaker()
    {
        BreakerConfig bc;
        bc.failureThreshold = 1;
        bc.recoveryMs = 1000;
        m_breaker->setConfig(bc);
        m_sim->setScript(script(QStringLiteral("529,stall-headers,ok")));
        Record failed = run(makeCall(guard(1)));
        QCOMPARE(m_breaker->state(), BreakerState::Open);
        m_clock->advance(1000);
        QCOMPARE(m_breaker->state(), BreakerState::HalfOpen);
        GuardedCall *probe = makeCall(guard(1));
        probe->start(); // takes the probe; the server stalls
        QTRY_COMPARE(m_sim->inFlight(), 1);
        delete probe;
        const Record next = run(makeCall(guard(1)));
        QVERIFY2(next.succeeded, qPrintable(next.error.describe()));
        QCOMPARE(m_breaker->state(), BreakerState::Closed);
        QCOMPARE(failed.error.kind, ErrorKind::Overloaded);
    }

    // JSON calls (count_tokens, models, batches) go through the same guard as streams: a 529
    // is retried with backoff and counts in the breaker; an open breaker refuses them too.
    void jsonCallsAreGuardedLikeStreams()
    {
        ResilientClient engine(m_client, nullptr, guard(3), BreakerConfig{2, 30000, 1, 120000},
                               m_clock, m_random);
        m_sim->setEndpointScript(script(QStringLiteral("529")));
        GuardedCall *count =
            engine.call([](AnthropicClient &c) { return c.countTokens(simpleRequest()); });
        Record r = run(count);
        QVERIFY2(r.succeeded, qPrintable(r.error.describe()));
        QCOMPARE(r.attempts, (QList<int>{1, 2}));
        QCOMPARE(r.retryReasons, QList<ErrorKind>{ErrorKind::Overloaded});
        QCOMPARE(m_sim->requestCount("/v1/messages/count_tokens"), 2);

        m_sim->setEndpointScript(script(QStringLiteral("529*2")));
        Record failed = run(engine.call([](AnthropicClient &c) { return c.listModels(); }));
        QCOMPARE(failed.error.kind, ErrorKind::CircuitOpen); // the 2nd 529 opened the breaker
        QCOMPARE(engine.serviceBreaker()->state(), BreakerState::Open); // the list names no model
        const int before = m_sim->requestCount();
        Record refused = run(engine.call([](AnthropicClient &c) { return c.listModels(); }));
        QCOMPARE(refused.error.kind, ErrorKind::CircuitOpen);
        QCOMPARE(m_sim->requestCount(), before); // nothing reached the sick service
    }

    // Timing against the real clock: pings are a sign of life; silence is a stall.
    void pingsKeepASlowStreamAlive()
    {
        m_sim->config().replyTokens = 5;
        m_sim->setScript(script(QStringLiteral("pings:after=2:count=6:interval=100")));
        GuardConfig g = guard();
        g.idleTimeoutMs = 400;
        SystemClock clock;
        GuardedCall *call =
            new GuardedCall(m_client, nullptr, simpleRequest(), g, &clock, m_random);
        Record r;
        record(call, r);
        call->start();
        QTRY_VERIFY_WITH_TIMEOUT(r.ended, 5000);
        QVERIFY2(r.succeeded, qPrintable(r.error.describe()));
    }

    void silenceOfTheSameLengthIsAStall()
    {
        m_sim->config().replyTokens = 5;
        m_sim->setScript(script(QStringLiteral("stall-mid:after=2:ms=700")));
        GuardConfig g = guard();
        g.idleTimeoutMs = 400;
        SystemClock clock;
        GuardedCall *call =
            new GuardedCall(m_client, nullptr, simpleRequest(), g, &clock, m_random);
        Record r;
        record(call, r);
        call->start();
        QTRY_VERIFY_WITH_TIMEOUT(r.ended, 5000);
        QCOMPARE(r.error.kind, ErrorKind::Stalled);
        QVERIFY(r.error.partial);
    }
};

QTEST_GUILESS_MAIN(TestGuardedCall)
#include "tst_guardedcall.moc"
