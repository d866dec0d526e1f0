#include "base/manualclock.h"
#include "chat/streamstats.h"

#include <QTest>

using namespace bw;

class TestStreamStats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timeToFirstTokenAndLiveRate()
    {
        ManualClock clock;
        StreamStats s(&clock);
        s.start();
        clock.advance(800);
        QCOMPARE(s.timeToFirstTokenMs(), qint64(-1));
        s.recordText(1);
        QCOMPARE(s.timeToFirstTokenMs(), qint64(800));
        for (int i = 0; i < 20; ++i) {
            clock.advance(50);
            s.recordText(2); // 40 deltas a second
        }
        QCOMPARE(s.outputTokens(), qint64(41));
        QVERIFY(qAbs(s.tokensPerSecond() - 41.0) < 0.01); // 41 tokens in 1 s
        QCOMPARE(s.series().size(), 4);                   // a sample every 250 ms
        QVERIFY(qAbs(s.series().constLast().y() - 40.0) < 0.01);
    }

    void stallShowsAsZeroRateInTheSeries()
    {
        ManualClock clock;
        StreamStats s(&clock);
        s.start();
        s.recordText(10);
        clock.advance(1000);
        QCOMPARE(s.series().size(), 4);
        QCOMPARE(s.series().constLast().y(), 0.0);
    }

    void usageCorrectsTheEstimateAtTheEnd()
    {
        ManualClock clock;
        StreamStats s(&clock);
        s.start();
        clock.advance(100);
        s.recordText(30);
        clock.advance(900);
        s.recordText(30);
        QVERIFY(!s.isOutputFinal());
        Usage u;
        u.inputTokens = 12;
        u.outputTokens = 90; // the API counts differently than the deltas
        s.recordUsage(u);
        s.finish();
        QVERIFY(s.isOutputFinal());
        QCOMPARE(s.outputTokens(), qint64(90));
        QVERIFY(qAbs(s.tokensPerSecond() - 100.0) < 0.01); // 90 tokens over 0.9 s
        QCOMPARE(s.usage().inputTokens, qint64(12));
        clock.advance(5000);
        QVERIFY(qAbs(s.tokensPerSecond() - 100.0) < 0.01); // frozen after the end
    }
};

QTEST_GUILESS_MAIN(TestStreamStats)
#include "tst_streamstats.moc"
