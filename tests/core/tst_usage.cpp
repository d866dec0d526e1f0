#include "api/assistantmessage.h"
#include "api/jsoncount.h"
#include "api/usage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <cmath>
#include <limits>

using namespace bw;

namespace {
QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}
} // namespace

class TestUsage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // What the wire turns into a count: a count, or nothing (the field is then left as it was).
    void jsonCountIsACountOrNothing_data()
    {
        QTest::addColumn<QByteArray>("json"); // the value, inside [ ]
        QTest::addColumn<qint64>("expected"); // -1: refused
        QTest::newRow("zero") << QByteArray("0") << qint64(0);
        QTest::newRow("count") << QByteArray("1234") << qint64(1234);
        QTest::newRow("fraction is cut off") << QByteArray("12.9") << qint64(12);
        QTest::newRow("largest exact") << QByteArray("9007199254740992") << kLargestJsonCount;
        QTest::newRow("past the largest exact") << QByteArray("9007199254740994") << qint64(-1);
        QTest::newRow("2^63") << QByteArray("9223372036854775808") << qint64(-1);
        QTest::newRow("1e300") << QByteArray("1e300") << qint64(-1);
        QTest::newRow("negative") << QByteArray("-5") << qint64(-1);
        QTest::newRow("-1e300") << QByteArray("-1e300") << qint64(-1);
        QTest::newRow("tiny negative fraction is zero") << QByteArray("-0.5") << qint64(0);
        QTest::newRow("string") << QByteArray(R"("12")") << qint64(-1);
        QTest::newRow("null") << QByteArray("null") << qint64(-1);
    }

    void jsonCountIsACountOrNothing()
    {
        QFETCH(QByteArray, json);
        QFETCH(qint64, expected);
        const QJsonValue v = QJsonDocument::fromJson("[" + json + "]").array().at(0);
        QCOMPARE(jsonCount(v), expected < 0 ? std::nullopt : std::optional<qint64>(expected));
    }

    void jsonCountRefusesNotANumber()
    {
        QCOMPARE(jsonCount(QJsonValue(std::nan(""))), std::nullopt);
        QCOMPARE(jsonCount(QJsonValue(std::numeric_limits<double>::infinity())), std::nullopt);
    }

    // A usage of 1e300 was reported as INT64_MIN (a double converted out of range).
    void absurdUsageNeverBecomesNegative_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("1e300") << QByteArray("1e300");
        QTest::newRow("1e19") << QByteArray("1e19");
        QTest::newRow("-1e300") << QByteArray("-1e300");
        QTest::newRow("-7") << QByteArray("-7");
    }

    void absurdUsageNeverBecomesNegative()
    {
        QFETCH(QByteArray, value);
        Usage u = Usage::fromJson(object(R"({"input_tokens":9,"output_tokens":3})"));
        u.merge(object(R"({"output_tokens":)" + value + R"(,"cache_read_input_tokens":)" + value +
                       R"(,"cache_creation_input_tokens":)" + value + "}"));
        // The nonsense is ignored as a null would be: the last real numbers stand.
        QCOMPARE(u.inputTokens, 9);
        QCOMPARE(u.outputTokens, 3);
        QCOMPARE(u.cacheReadInputTokens, 0);
        QCOMPARE(u.cacheCreationInputTokens, 0);
        QCOMPARE(u.totalInputTokens(), 9);

        const Usage fresh = Usage::fromJson(object(R"({"input_tokens":)" + value + "}"));
        QCOMPARE(fresh.inputTokens, 0);

        // A whole non-streamed answer goes through the same reading.
        const AssistantMessage m = AssistantMessage::fromJson(
            object(R"({"type":"message","content":[],"usage":{"input_tokens":)" + value +
                   R"(,"output_tokens":5}})"));
        QCOMPARE(m.usage.inputTokens, 0);
        QCOMPARE(m.usage.outputTokens, 5);
    }

    void largeButRealUsageIsKept()
    {
        const Usage u = Usage::fromJson(object(
            R"({"input_tokens":9007199254740992,"output_tokens":9007199254740992,"cache_read_input_tokens":9007199254740992,"cache_creation_input_tokens":9007199254740992})"));
        QCOMPARE(u.inputTokens, kLargestJsonCount);
        QCOMPARE(u.totalInputTokens(), 3 * kLargestJsonCount); // no overflow
    }
};

QTEST_GUILESS_MAIN(TestUsage)
#include "tst_usage.moc"
