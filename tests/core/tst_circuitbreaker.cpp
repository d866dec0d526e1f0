#include "base/manualclock.h"
#include "resilience/circuitbreaker.h"

#include <QSignalSpy>
#include <QTest>

using namespace bw;

class TestCircuitBreaker : public QObject
{
    Q_OBJECT

    static BreakerConfig config(int threshold = 3, qint64 recoveryMs = 10000, int successes = 1)
    {
        BreakerConfig c;
        c.failureThreshold = threshold;
        c.recoveryMs = recoveryMs;
        c.successThreshold = successes;
        c.probeTimeoutMs = 5000;
        return c;
    }

    static void fail(CircuitBreaker &b, int times, ErrorKind kind = ErrorKind::Overloaded)
    {
        for (int i = 0; i < times; ++i) {
            const auto p = b.acquire();
            QVERIFY(p.allowed);
            b.recordFailure(p, kind);
        }
    }

private Q_SLOTS:
    void opensAfterConsecutiveFailures()
    {
        ManualClock clock;
        CircuitBreaker b(config(3), &clock);
        QSignalSpy changes(&b, &CircuitBreaker::stateChanged);
        fail(b, 2);
        QCOMPARE(b.state(), BreakerState::Closed);
        QCOMPARE(b.consecutiveFailures(), 2);
        fail(b, 1);
        QCOMPARE(b.state(), BreakerState::Open);
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.first().first().value<BreakerState>(), BreakerState::Open);
    }

    void successResetsTheCount()
    {
        ManualClock clock;
        CircuitBreaker b(config(3), &clock);
        fail(b, 2);
        const auto p = b.acquire();
        b.recordSuccess(p);
        fail(b, 2);
        QCOMPARE(b.state(), BreakerState::Closed);
    }

    void openRefusesWithTheRemainingTime()
    {
        ManualClock clock;
        CircuitBreaker b(config(1, 10000), &clock);
        fail(b, 1);
        clock.advance(4000);
        const auto p = b.acquire();
        QVERIFY(!p.allowed);
        QCOMPARE(p.retryInMs, qint64(6000));
        QCOMPARE(b.remainingOpenMs(), qint64(6000));
        const ApiError e = b.refusal(p);
        QCOMPARE(e.kind, ErrorKind::CircuitOpen);
        QCOMPARE(e.retryAfterMs, std::optional<qint64>(6000));
        QVERIFY2(e.message.contains(QStringLiteral("6 s")), qPrintable(e.message));
    }

    void becomesHalfOpenByItselfAfterRecovery()
    {
        ManualClock clock;
        CircuitBreaker b(config(1, 10000), &clock);
        QSignalSpy changes(&b, &CircuitBreaker::stateChanged);
        fail(b, 1);
        clock.advance(9999);
        QCOMPARE(b.state(), BreakerState::Open);
        clock.advance(1);
        QCOMPARE(b.state(), BreakerState::HalfOpen);
        QCOMPARE(changes.size(), 2);
        QCOMPARE(b.remainingOpenMs(), qint64(0));
    }

    void halfOpenAdmitsOneProbeAtATime()
    {
        ManualClock clock;
        CircuitBreaker b(config(1, 1000), &clock);
        fail(b, 1);
        clock.advance(1000);
        const auto probe = b.acquire();
        QVERIFY(probe.allowed);
        QVERIFY(probe.probe);
        const auto second = b.acquire();
        QVERIFY(!second.allowed);
        QCOMPARE(b.refusal(second).kind, ErrorKind::CircuitOpen);
        b.recordSuccess(probe);
        QCOMPARE(b.state(), BreakerState::Closed);
        QVERIFY(b.acquire().allowed);
    }

    void failedProbeReopensForAWholePeriod()
    {
        ManualClock clock;
        CircuitBreaker b(config(1, 1000), &clock);
        fail(b, 1);
        clock.advance(1000);
        const auto probe = b.acquire();
        clock.advance(300);
        b.recordFailure(probe, ErrorKind::Server);
        QCOMPARE(b.state(), BreakerState::Open);
        QCOMPARE(b.remainingOpenMs(), qint64(1000));
        clock.advance(999);
        QCOMPARE(b.state(), BreakerState::Open);
        clock.advance(1);
        QCOMPARE(b.state(), BreakerState::HalfOpen);
    }

    void stuckProbeTimesOut()
    {
        ManualClock clock;
        CircuitBreaker b(config(1, 1000), &clock);
        fail(b, 1);
        clock.advance(1000);
        const auto probe = b.acquire();
        QVERIFY(probe.probe);
        clock.advance(5000); // probeTimeoutMs
        QCOMPARE(b.state(), BreakerState::Open);
        // The stuck probe's late success does not close the circuit.
        b.recordSuccess(probe);
        QCOMPARE(b.state(), BreakerState::Open);
        clock.advance(1000);
        const auto next = b.acquire();
        QVERIFY(next.allowed && next.probe);
    }

    void quotaAndClientErrorsDoNotCount_data()
    {
        QTest::addColumn<ErrorKind>("kind");
        QTest::addColumn<bool>("counts");
        QTest::newRow("rate limited") << ErrorKind::RateLimited << false;
        QTest::newRow("invalid request") << ErrorKind::InvalidRequest << false;
        QTest::newRow("auth") << ErrorKind::Auth << false;
        QTest::newRow("not found") << ErrorKind::NotFound << false;
        QTest::newRow("cancelled") << ErrorKind::Cancelled << false;
        QTest::newRow("protocol") << ErrorKind::Protocol << false;
        QTest::newRow("overloaded") << ErrorKind::Overloaded << true;
        QTest::newRow("server") << ErrorKind::Server << true;
        QTest::newRow("network") << ErrorKind::Network << true;
        QTest::newRow("timeout") << ErrorKind::Timeout << true;
        QTest::newRow("stalled") << ErrorKind::Stalled << true;
    }

    void quotaAndClientErrorsDoNotCount()
    {
        QFETCH(ErrorKind, kind);
        QFETCH(bool, counts);
        ManualClock clock;
        CircuitBreaker b(config(2), &clock);
        int refused = 0;
        for (int i = 0; i < 5; ++i) {
            const auto p = b.acquire();
            if (p.allowed)
                b.recordFailure(p, kind);
            else
                ++refused;
        }
        QCOMPARE(b.state() == BreakerState::Open, counts);
        QCOMPARE(refused, counts ? 3 : 0);
    }

    void neutralOutcomeFreesTheProbeSlot()
    {
        ManualClock clock;
        CircuitBreaker b(config(1, 1000), &clock);
        fail(b, 1);
        clock.advance(1000);
        const auto probe = b.acquire();
        b.recordFailure(probe, ErrorKind::RateLimited); // says nothing about health
        QCOMPARE(b.state(), BreakerState::HalfOpen);
        QVERIFY(b.acquire().probe);
    }

    void needsConfiguredSuccessesToClose()
    {
        ManualClock clock;
        CircuitBreaker b(config(1, 1000, 2), &clock);
        fail(b, 1);
        clock.advance(1000);
        auto p = b.acquire();
        b.recordSuccess(p);
        QCOMPARE(b.state(), BreakerState::HalfOpen);
        p = b.acquire();
        QVERIFY(p.probe);
        b.recordSuccess(p);
        QCOMPARE(b.state(), BreakerState::Closed);
    }

    void lateFailureOfAnOlderCallChangesNothing()
    {
        ManualClock clock;
        CircuitBreaker b(config(2, 1000), &clock);
        const auto older = b.acquire();
        fail(b, 2);
        QCOMPARE(b.state(), BreakerState::Open);
        const qint64 remaining = b.remainingOpenMs();
        clock.advance(500);
        b.recordFailure(older, ErrorKind::Server);
        QCOMPARE(b.remainingOpenMs(), remaining - 500); // not extended
    }

    void manualReset()
    {
        ManualClock clock;
        CircuitBreaker b(config(1, 100000), &clock);
        fail(b, 1);
        QSignalSpy changes(&b, &CircuitBreaker::stateChanged);
        b.reset();
        QCOMPARE(b.state(), BreakerState::Closed);
        QCOMPARE(changes.size(), 1);
        QVERIFY(b.acquire().allowed);
        clock.advance(100000); // the old recovery timer must not fire into the closed state
        QCOMPARE(b.state(), BreakerState::Closed);
    }

    void stateNames()
    {
        QCOMPARE(breakerStateName(BreakerState::Closed), QStringLiteral("closed"));
        QCOMPARE(breakerStateName(BreakerState::Open), QStringLiteral("open"));
        QCOMPARE(breakerStateName(BreakerState::HalfOpen), QStringLiteral("half_open"));
    }
};

QTEST_GUILESS_MAIN(TestCircuitBreaker)
#include "tst_circuitbreaker.moc"
