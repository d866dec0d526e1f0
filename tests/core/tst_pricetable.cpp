#include "chat/pricetable.h"

#include <QTest>

using namespace bw;

class TestPriceTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtInTableHasTheApiPrices()
    {
        const PriceTable t = PriceTable::load();
        QVERIFY(!t.isEmpty());
        QCOMPARE(t.priceFor(QStringLiteral("claude-haiku-4-5"))->inputPerMillion, 1.0);
        QCOMPARE(t.priceFor(QStringLiteral("claude-sonnet-4-6"))->outputPerMillion, 15.0);
        QCOMPARE(t.priceFor(QStringLiteral("claude-opus-4-8"))->inputPerMillion, 5.0);
        QCOMPARE(t.priceFor(QStringLiteral("claude-opus-5-5"))->outputPerMillion, 20.0);
    }

    void datedIdsMatchTheirFamily()
    {
        const PriceTable t = PriceTable::load();
        QCOMPARE(t.priceFor(QStringLiteral("claude-sonnet-4-6-20261001"))->inputPerMillion, 3.0);
        QVERIFY(!t.priceFor(QStringLiteral("claude-sonnet-4")).has_value());
        QVERIFY(!t.priceFor(QStringLiteral("gpt-x")).has_value());
    }

    void costCountsCacheAtItsMultipliers()
    {
        const PriceTable t = PriceTable::load();
        Usage u;
        u.inputTokens = 1'000'000;
        u.outputTokens = 100'000;
        u.cacheCreationInputTokens = 400'000;
        u.cacheReadInputTokens = 2'000'000;
        // sonnet: 3 in, 15 out; writes 1.25x, reads 0.1x input
        QCOMPARE(t.cost(QStringLiteral("claude-sonnet-4-6"), u), 3.0 + 1.5 + 1.5 + 0.6);
        QCOMPARE(t.cost(QStringLiteral("unknown-model"), u), 0.0);
    }

    void userFileOverridesAndBadFilesAreRefused()
    {
        PriceTable t = PriceTable::load();
        QVERIFY(t.merge(
            R"({"models":{"claude-haiku-4-5":{"input":0.5,"output":2.5},"my-model":{"input":2,"output":4}}})"));
        QCOMPARE(t.priceFor(QStringLiteral("claude-haiku-4-5"))->inputPerMillion, 0.5);
        QCOMPARE(t.priceFor(QStringLiteral("my-model"))->outputPerMillion, 4.0);
        QString error;
        QVERIFY(!t.merge("{nope", &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!t.merge(R"({"models":{"x":{"input":"cheap"}}})", &error));
        QVERIFY(error.contains(QStringLiteral("x")));
    }
};

QTEST_GUILESS_MAIN(TestPriceTable)
#include "tst_pricetable.moc"
