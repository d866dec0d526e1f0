#include "base/manualclock.h"
#include "resilience/concurrencylimiter.h"

#include <QSignalSpy>
#include <QTest>

using namespace bw;
using Ticket = ConcurrencyLimiter::Ticket;

class TestConcurrencyLimiter : public QObject
{
    Q_OBJECT

    static LimiterConfig fixed(int n)
    {
        LimiterConfig c;
        c.initial = n;
        return c;
    }

    static LimiterConfig adaptive(int initial = 4, int maximum = 64)
    {
        LimiterConfig c;
        c.adaptive = true;
        c.initial = initial;
        c.maximum = maximum;
        return c;
    }

    static ApiError rateLimited(qint64 hintMs)
    {
        ApiError e = ApiError::make(ErrorKind::RateLimited, QStringLiteral("slow down"), 429);
        e.retryAfterMs = hintMs;
        return e;
    }

private Q_SLOTS:
    void fixedLimitIsNeverExceededAndFifo()
    {
        ManualClock clock;
        ConcurrencyLimiter l(fixed(3), &clock);
        QList<int> order;
        QList<Ticket> tickets;
        for (int i = 0; i < 10; ++i)
            l.acquire([&, i](Ticket t) {
                order << i;
                tickets << t;
            });
        QCOMPARE(order, (QList<int>{0, 1, 2}));
        QCOMPARE(l.inFlight(), 3);
        QCOMPARE(l.waiting(), 7);
        for (int round = 0; round < 7; ++round) {
            l.release(tickets.takeFirst());
            QVERIFY(l.inFlight() <= 3);
        }
        QCOMPARE(order, (QList<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
        QCOMPARE(l.limit(), 3); // fixed: successes do not move it
    }

    void withdrawnTicketsAreSkipped()
    {
        ManualClock clock;
        ConcurrencyLimiter l(fixed(1), &clock);
        QList<int> order;
        Ticket first = l.acquire([&](Ticket) { order << 0; });
        const Ticket second = l.acquire([&](Ticket) { order << 1; });
        l.acquire([&](Ticket) { order << 2; });
        l.withdraw(second);
        l.release(first);
        QCOMPARE(order, (QList<int>{0, 2}));
    }

    void adaptiveGrowsOnlyWhileTheLimitIsInUse()
    {
        ManualClock clock;
        ConcurrencyLimiter l(adaptive(4), &clock);
        QSignalSpy changes(&l, &ConcurrencyLimiter::limitChanged);
        // One call at a time: an idle limit proves nothing and does not grow.
        for (int i = 0; i < 50; ++i) {
            Ticket t = 0;
            l.acquire([&](Ticket x) { t = x; });
            l.release(t);
        }
        QCOMPARE(l.limit(), 4);
        // Saturated: about +1 per window of successes.
        QList<Ticket> running;
        std::function<void(Ticket)> keep = [&](Ticket t) { running << t; };
        for (int i = 0; i < 200; ++i)
            l.acquire(keep);
        for (int i = 0; i < 30; ++i)
            l.release(running.takeFirst());
        QVERIFY2(l.limit() >= 7 && l.limit() <= 9, qPrintable(QString::number(l.limit())));
        QVERIFY(changes.size() >= 3);
    }

    void troubleShrinksOncePerBurstAndIsRemembered()
    {
        ManualClock clock;
        ConcurrencyLimiter l(adaptive(8), &clock);
        QList<Ticket> running;
        for (int i = 0; i < 8; ++i)
            l.acquire([&](Ticket t) { running << t; });
        // Three of the burst come back 429: one decrease, not three.
        l.release(running[0], ErrorKind::RateLimited);
        const int after = l.limit();
        QCOMPARE(after, 7); // 8 * 0.875
        l.release(running[1], ErrorKind::RateLimited);
        l.release(running[2], ErrorKind::Overloaded);
        QCOMPARE(l.limit(), 7);
        // Client errors are not the server's capacity talking.
        l.release(running[3], ErrorKind::InvalidRequest);
        QCOMPARE(l.limit(), 7);
    }

    void failedProbeReturnsToTheLastGoodLevel()
    {
        ManualClock clock;
        ConcurrencyLimiter l(adaptive(10), &clock);
        QList<Ticket> running;
        std::function<void(Ticket)> keep = [&](Ticket t) { running << t; };
        for (int i = 0; i < 500; ++i)
            l.acquire(keep);
        l.release(running.takeFirst(), ErrorKind::RateLimited); // 10 -> 8, known good 9
        QCOMPARE(l.limit(), 8);
        while (l.limit() < 10 && !running.isEmpty())
            l.release(running.takeFirst()); // grows back, slowly past 9
        QCOMPARE(l.limit(), 10);
        l.release(running.takeLast(),
                  ErrorKind::RateLimited); // a call granted at 10: the probe failed
        QCOMPARE(l.limit(), 9);
    }

    void aRateLimitHintPausesTheWholeQueue()
    {
        ManualClock clock;
        ConcurrencyLimiter l(fixed(4), &clock);
        QList<Ticket> running;
        std::function<void(Ticket)> keep = [&](Ticket t) { running << t; };
        for (int i = 0; i < 10; ++i)
            l.acquire(keep);
        QCOMPARE(running.size(), 4);
        QSignalSpy paused(&l, &ConcurrencyLimiter::paused);
        l.reportRetry(running[0], rateLimited(2000));
        QCOMPARE(paused.size(), 1);
        QVERIFY(l.isPaused());
        l.release(running[1]);
        l.release(running[2]);
        QCOMPARE(running.size(), 4); // free slots, but nothing starts during the pause
        clock.advance(1999);
        QCOMPARE(running.size(), 4);
        clock.advance(1);
        QCOMPARE(running.size(), 6); // resumed: the freed slots fill
        QVERIFY(!l.isPaused());
        QCOMPARE(l.rateLimitedCount(), 1);
    }

    void boundsHold()
    {
        ManualClock clock;
        LimiterConfig c = adaptive(2, 3);
        c.minimum = 2;
        ConcurrencyLimiter l(c, &clock);
        QList<Ticket> running;
        std::function<void(Ticket)> keep = [&](Ticket t) { running << t; };
        for (int i = 0; i < 100; ++i)
            l.acquire(keep);
        for (int i = 0; i < 60; ++i)
            l.release(running.takeFirst());
        QCOMPARE(l.limit(), 3);
        for (int i = 0; i < 5; ++i)
            l.release(running.takeLast(), ErrorKind::Timeout);
        QCOMPARE(l.limit(), 2);
    }
};

QTEST_GUILESS_MAIN(TestConcurrencyLimiter)
#include "tst_concurrencylimiter.moc"
