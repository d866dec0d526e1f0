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

    void savingsCountTheWritePremium()
    {
        const PriceTable t = PriceTable::load();
        const QString sonnet = QStringLiteral("claude-sonnet-4-6"); // $3 per million in
        Usage u;
        u.inputTokens = 1'000;
        u.outputTokens = 500;
        u.cacheCreationInputTokens = 10'000;
        u.cacheReadInputTokens = 100'000;
        // With caching: 1,000 + 10,000 x 1.25 + 100,000 x 0.1 = 23,500 input-priced tokens.
        QCOMPARE(t.cost(sonnet, u), (23'500 * 3.0 + 500 * 15.0) / 1e6);
        // Without: all 111,000 at the input price.
        QCOMPARE(t.costWithoutCache(sonnet, u), (111'000 * 3.0 + 500 * 15.0) / 1e6);
        QCOMPARE(t.cacheSavings(sonnet, u), 87'500 * 3.0 / 1e6);
        // A write that is never read back costs the premium.
        Usage written;
        written.cacheCreationInputTokens = 1'000'000;
        QCOMPARE(t.cacheSavings(sonnet, written), -0.75);
        // ... twice the input price when written for an hour.
        written.cacheCreation1hInputTokens = 1'000'000;
        QCOMPARE(t.cacheSavings(sonnet, written), -3.0);
        // Half of it for an hour: 500k x 1.25 + 500k x 2 = 1.625M input-priced tokens.
        written.cacheCreation1hInputTokens = 500'000;
        QCOMPARE(t.cost(sonnet, written), 1.625 * 3.0);
        QCOMPARE(t.cacheSavings(QStringLiteral("unknown-model"), u), 0.0);
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

    // Regression: cache multipliers were taken unchecked (a negative one made costs negative,
    // 1e308 made them infinite) and so were huge prices. Refused, and nothing of the file taken.
    void outOfRangeNumbersAreRefused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("named");
        const QByteArray model = R"("models":{"claude-haiku-4-5":{"input":7,"output":7}})";
        QTest::newRow("negative read") << "{" + model + R"(,"cache_read_multiplier":-1})"
                                       << QStringLiteral("cache_read_multiplier");
        QTest::newRow("huge write") << "{" + model + R"(,"cache_write_multiplier":1e308})"
                                    << QStringLiteral("cache_write_multiplier");
        QTest::newRow("text 1h") << "{" + model + R"(,"cache_write_1h_multiplier":"2"})"
                                 << QStringLiteral("cache_write_1h_multiplier");
        QTest::newRow("huge price")
            << QByteArray(R"({"models":{"claude-haiku-4-5":{"input":1e308,"output":1}}})")
            << QStringLiteral("claude-haiku-4-5");
    }

    void outOfRangeNumbersAreRefused()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, named);
        PriceTable t = PriceTable::load();
        const Usage u{1'000'000, 1'000'000, 1'000'000, 1'000'000};
        const double before = t.cost(QStringLiteral("claude-haiku-4-5"), u);
        QString error;
        QVERIFY(!t.merge(json, &error));
        QVERIFY2(error.contains(named), qPrintable(error));
        QCOMPARE(t.cost(QStringLiteral("claude-haiku-4-5"), u), before); // nothing taken
        QVERIFY(t.merge(R"({"models":{"m":{"input":1,"output":1}},"cache_read_multiplier":0})"));
    }
};

QTEST_GUILESS_MAIN(TestPriceTable)
#include "tst_pricetable.moc"
