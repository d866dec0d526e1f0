#include "base/manualclock.h"

#include <QTest>

using namespace bw;

class TestManualClock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firesDueTimersInOrderAtTheirTime()
    {
        ManualClock clock;
        QList<QPair<int, qint64>> fired;
        auto a = clock.createTimer();
        auto b = clock.createTimer();
        auto c = clock.createTimer();
        a->setCallback([&] { fired.append({1, clock.nowMs()}); });
        b->setCallback([&] { fired.append({2, clock.nowMs()}); });
        c->setCallback([&] { fired.append({3, clock.nowMs()}); });
        a->start(300);
        b->start(100);
        c->start(500);
        clock.advance(400);
        QCOMPARE(fired, (QList<QPair<int, qint64>>{{2, 100}, {1, 300}}));
        QCOMPARE(clock.nowMs(), qint64(400));
        QVERIFY(c->isActive());
        QVERIFY(!a->isActive());
    }

    void timersStartedInCallbacksFireInTheSameAdvance()
    {
        ManualClock clock;
        int ticks = 0;
        auto t = clock.createTimer();
        t->setCallback([&] {
            if (++ticks < 5)
                t->start(100);
        });
        t->start(100);
        clock.advance(1000);
        QCOMPARE(ticks, 5);
    }

    void restartAndStop()
    {
        ManualClock clock;
        int fired = 0;
        auto t = clock.createTimer();
        t->setCallback([&] { ++fired; });
        t->start(100);
        clock.advance(50);
        t->start(100); // replaces the pending shot
        clock.advance(60);
        QCOMPARE(fired, 0);
        clock.advance(40);
        QCOMPARE(fired, 1);
        t->start(10);
        t->stop();
        clock.advance(100);
        QCOMPARE(fired, 1);
    }

    void destroyedTimersNeverFire()
    {
        ManualClock clock;
        int fired = 0;
        {
            auto t = clock.createTimer();
            t->setCallback([&] { ++fired; });
            t->start(10);
        }
        clock.advance(100);
        QCOMPARE(fired, 0);
        QCOMPARE(clock.pendingTimers(), 0);
    }

    void nextDueAndWallTime()
    {
        ManualClock clock(QDateTime(QDate(2026, 11, 28), QTime(8, 0), Qt::UTC));
        auto t = clock.createTimer();
        QCOMPARE(clock.nextDueIn(), qint64(-1));
        t->start(250);
        QCOMPARE(clock.nextDueIn(), qint64(250));
        QCOMPARE(clock.advanceToNext(), qint64(250));
        QCOMPARE(clock.wallNow(), QDateTime(QDate(2026, 11, 28), QTime(8, 0, 0, 250), Qt::UTC));
    }
};

QTEST_GUILESS_MAIN(TestManualClock)
#include "tst_manualclock.moc"
