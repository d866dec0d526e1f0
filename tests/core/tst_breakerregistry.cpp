// One circuit breaker per base URL and model: overload is per model, so one model's open breaker
// holds back no other, and calls that name no model have the base URL's own.
#include "base/manualclock.h"
#include "resilience/breakerregistry.h"
#include "resilience/circuitbreaker.h"

#include <QSignalSpy>
#include <QTest>

using namespace bw;

class TestBreakerRegistry : public QObject
{
    Q_OBJECT

    static BreakerConfig config(int threshold = 2, qint64 recoveryMs = 10000)
    {
        BreakerConfig c;
        c.failureThreshold = threshold;
        c.recoveryMs = recoveryMs;
        return c;
    }

    static void fail(CircuitBreaker *b, int times)
    {
        for (int i = 0; i < times; ++i) {
            const auto p = b->acquire();
            QVERIFY(p.allowed);
            b->recordFailure(p, ErrorKind::Overloaded);
        }
    }

    const QUrl m_api{QStringLiteral("https://api.example.com")};
    const QString m_opus = QStringLiteral("claude-opus-4-8");
    const QString m_sonnet = QStringLiteral("claude-sonnet-4-6");

private Q_SLOTS:
    void anOverloadedModelDoesNotHoldBackAnother()
    {
        ManualClock clock;
        BreakerRegistry registry(&clock);
        CircuitBreaker *opus = registry.breakerFor(m_api, m_opus, config());
        CircuitBreaker *sonnet = registry.breakerFor(m_api, m_sonnet, config());
        QVERIFY(opus != sonnet);
        fail(opus, 2);
        QCOMPARE(opus->state(), BreakerState::Open);
        QVERIFY(!opus->acquire().allowed);
        QCOMPARE(sonnet->state(), BreakerState::Closed);
        const auto p = sonnet->acquire();
        QVERIFY(p.allowed);
        sonnet->recordSuccess(p);
        // The open one recovers on its own clock.
        clock.advance(10000);
        QCOMPARE(opus->state(), BreakerState::HalfOpen);
    }

    void theSameModelAtTheSameUrlSharesOneBreaker()
    {
        ManualClock clock;
        BreakerRegistry registry(&clock);
        CircuitBreaker *a = registry.breakerFor(m_api, m_opus, config());
        QCOMPARE(
            registry.breakerFor(QUrl(QStringLiteral("https://api.example.com/")), m_opus, config()),
            a);
        QCOMPARE(registry.breakerFor(QUrl(QStringLiteral("https://user:pw@api.example.com")),
                                     QStringLiteral(" claude-opus-4-8 "), config()),
                 a);
        // Another service's model of the same name is another breaker.
        QVERIFY(registry.breakerFor(QUrl(QStringLiteral("https://gateway.example.com")), m_opus,
                                    config()) != a);
    }

    void callsWithoutAModelHaveTheUrlsOwnBreaker()
    {
        ManualClock clock;
        BreakerRegistry registry(&clock);
        CircuitBreaker *service = registry.breakerFor(m_api, QString(), config());
        CircuitBreaker *opus = registry.breakerFor(m_api, m_opus, config());
        QVERIFY(service != opus);
        fail(service, 2);
        QCOMPARE(service->state(), BreakerState::Open);
        QCOMPARE(opus->state(), BreakerState::Closed);
    }

    void aLookupUpdatesTheConfiguration()
    {
        ManualClock clock;
        BreakerRegistry registry(&clock);
        CircuitBreaker *b = registry.breakerFor(m_api, m_opus, config(2));
        QCOMPARE(registry.breakerFor(m_api, m_opus, config(7)), b);
        QCOMPARE(b->config().failureThreshold, 7);
    }

    void breakersAreListedPerUrlInTheOrderTheyWereMade()
    {
        ManualClock clock;
        BreakerRegistry registry(&clock);
        QSignalSpy added(&registry, &BreakerRegistry::breakerAdded);
        QCOMPARE(registry.find(m_api, m_opus), nullptr); // finding makes nothing
        QVERIFY(registry.breakersAt(m_api).isEmpty());
        CircuitBreaker *sonnet = registry.breakerFor(m_api, m_sonnet, config());
        CircuitBreaker *opus = registry.breakerFor(m_api, m_opus, config());
        registry.breakerFor(m_api, m_sonnet, config()); // known: not added again
        registry.breakerFor(QUrl(QStringLiteral("https://other.example")), m_opus, config());
        QCOMPARE(added.size(), 3);
        QCOMPARE(added.at(1).at(1).toString(), m_opus);
        const QList<BreakerRegistry::Entry> here = registry.breakersAt(m_api);
        QCOMPARE(here.size(), 2);
        QCOMPARE(here.at(0).model, m_sonnet);
        QCOMPARE(here.at(0).breaker, sonnet);
        QCOMPARE(here.at(1).model, m_opus);
        QCOMPARE(registry.find(m_api, m_opus), opus);
    }

    void aBreakerKnowsWhetherItWasUsed()
    {
        ManualClock clock;
        BreakerRegistry registry(&clock);
        CircuitBreaker *b = registry.breakerFor(m_api, m_opus, config());
        QVERIFY(!b->wasUsed()); // chosen, not yet asked
        b->release(b->acquire());
        QVERIFY(b->wasUsed());
    }
};

QTEST_GUILESS_MAIN(TestBreakerRegistry)
#include "tst_breakerregistry.moc"
