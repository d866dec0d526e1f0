// The ledger summed up: totals by day, model, conversation and profile, the chart's days, CSV.
#include "chat/usagereport.h"

#include <QTest>

using namespace bw;

namespace {

// Local noon: that day in any time zone (ctest runs this in UTC, Auckland and St. John's). Noon
// UTC was another day in Auckland (UTC+13).
QDateTime noon(int month, int day)
{
    return QDateTime(QDate(2026, month, day), QTime(12, 0));
}

UsageRecord rec(const QDateTime &time, const QString &model, const QString &conversation,
                double cost, const QString &profile = QStringLiteral("default"))
{
    UsageRecord r;
    r.time = time;
    r.profile = profile;
    r.model = model;
    r.conversationId = conversation;
    r.usage = {100, 10, 1, 2};
    r.costUsd = cost;
    return r;
}

const QString kSonnet = QStringLiteral("claude-sonnet-4-6");
const QString kHaiku = QStringLiteral("claude-haiku-4-5");
const QString kOpus = QStringLiteral("claude-opus-4-8");

UsageReport sample(QDate since = {})
{
    UsageReport report(QDate(2026, 3, 15), since);
    report.keepDetail(true);
    report.add(rec(noon(3, 15), kSonnet, QStringLiteral("a"), 0.50));
    report.add(rec(noon(3, 15), kHaiku, QStringLiteral("a"), 0.25));
    report.add(rec(noon(3, 14), kSonnet, QStringLiteral("b"), 1.00));
    report.add(rec(noon(3, 1), kOpus, QString(), 2.00, QStringLiteral("work")));
    report.add(rec(noon(2, 20), kSonnet, QStringLiteral("b"), 4.00)); // last month, in the chart
    report.add(rec(noon(1, 2), kOpus, QStringLiteral("c"), 8.00));    // before the chart
    return report;
}

} // namespace

class TestUsageReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void totalsByDay()
    {
        const QList<UsageTotal> days = sample().totals(UsageReport::By::Day);
        QCOMPARE(days.size(), 5);
        QCOMPARE(days.first().key, QStringLiteral("2026-01-02")); // oldest first
        QCOMPARE(days.last().key, QStringLiteral("2026-03-15"));
        QCOMPARE(days.last().requests, 2);
        QCOMPARE(days.last().costUsd, 0.75);
        QCOMPARE(days.last().usage.inputTokens, 200);
        QCOMPARE(days.last().usage.cacheReadInputTokens, 4);
    }

    void totalsByModelAreTheMostExpensiveFirst()
    {
        const QList<UsageTotal> models = sample().totals(UsageReport::By::Model);
        QCOMPARE(models.size(), 3);
        QCOMPARE(models[0].key, kOpus);
        QCOMPARE(models[0].costUsd, 10.0);
        QCOMPARE(models[1].key, kSonnet);
        QCOMPARE(models[1].costUsd, 5.5);
        QCOMPARE(models[1].requests, 3);
        QCOMPARE(models[2].key, kHaiku);
    }

    void totalsByConversationKeepOneShotsApart()
    {
        const QList<UsageTotal> conversations = sample().totals(UsageReport::By::Conversation);
        QCOMPARE(conversations.size(), 4);
        QCOMPARE(conversations[0].key, QStringLiteral("c"));
        QCOMPARE(conversations[1].key, QStringLiteral("b"));
        QCOMPARE(conversations[1].costUsd, 5.0);
        QCOMPARE(conversations[2].key, QString()); // one-shots and batches
        QCOMPARE(conversations[3].key, QStringLiteral("a"));
        QCOMPARE(conversations[3].requests, 2);
    }

    void totalsByProfile()
    {
        const UsageReport report = sample();
        const QList<UsageTotal> profiles = report.totals(UsageReport::By::Profile);
        QCOMPARE(profiles.size(), 2);
        QCOMPARE(profiles[0].key, QStringLiteral("default"));
        QCOMPARE(profiles[0].costUsd, 13.75);
        QCOMPARE(profiles[1].key, QStringLiteral("work"));
        QCOMPARE(profiles[0].requests, 5);
        QCOMPARE(profiles[0].usage.inputTokens, 500);
        const QList<UsageReport::ProfileSpend> spend = report.profiles();
        QCOMPARE(spend[0].profile, QStringLiteral("default"));
        QCOMPARE(spend[0].today, 0.75);
        QCOMPARE(spend[0].month, 1.75);
        QCOMPARE(spend[0].chart, 5.75); // 30 days back reach 14 February
        QCOMPARE(spend[0].all, 13.75);
        QCOMPARE(spend[0].requests, 5);
        QCOMPARE(spend[1].month, 2.0);
        QCOMPARE(report.total().costUsd, 15.75);
        QCOMPARE(report.total().requests, 6);
    }

    void sinceLeavesOutWhatCameBefore()
    {
        const UsageReport report = sample(QDate(2026, 3, 14));
        QCOMPARE(report.total().requests, 3);
        QCOMPARE(report.total().costUsd, 1.75);
        QCOMPARE(report.totals(UsageReport::By::Day).size(), 2);
    }

    void theChartHasThirtyDaysByModel()
    {
        const UsageReport report = sample();
        const QList<QDate> days = report.chartDays();
        QCOMPARE(days.size(), 30);
        QCOMPARE(days.first(), QDate(2026, 2, 14));
        QCOMPARE(days.last(), QDate(2026, 3, 15));
        QCOMPARE(report.chartModels(), (QStringList{kSonnet, kOpus, kHaiku}));
        QCOMPARE(report.chartCost(QDate(2026, 3, 15), kSonnet), 0.5);
        QCOMPARE(report.chartCost(QDate(2026, 3, 15), kHaiku), 0.25);
        QCOMPARE(report.chartCost(QDate(2026, 2, 20), kSonnet), 4.0);
        QCOMPARE(report.chartCost(QDate(2026, 1, 2), kOpus), 0.0); // outside
    }

    void csv()
    {
        const QByteArray byModel =
            UsageReport::toCsv(sample().totals(UsageReport::By::Model), UsageReport::By::Model);
        const QList<QByteArray> lines = byModel.trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines[0], QByteArray("model,requests,input_tokens,output_tokens,"
                                      "cache_creation_input_tokens,cache_read_input_tokens,"
                                      "cost_usd"));
        QCOMPARE(lines[1], QByteArray("claude-opus-4-8,2,200,20,2,4,10.000000"));
        const QByteArray detail = sample().detailCsv();
        QVERIFY(detail.startsWith("date,profile,model,conversation,requests,"));
        QVERIFY2(detail.contains("\n2026-03-15,default,claude-haiku-4-5,a,1,100,10,1,2,0.250000\n"),
                 detail.constData());
        QCOMPARE(detail.count('\n'), 7); // six day, profile, model, conversation rows
        // A field with a comma or a quote is quoted.
        UsageReport odd(QDate(2026, 3, 15));
        odd.keepDetail(true);
        odd.add(rec(noon(3, 15), QStringLiteral("a,\"b\""), QString(), 1));
        QVERIFY(odd.detailCsv().contains(",\"a,\"\"b\"\"\",,1,"));
    }

    // Regression: a cell starting with = + - @ is a formula to a spreadsheet opening the CSV.
    void csvCellsAreNeverFormulas()
    {
        UsageReport report(QDate(2026, 3, 15));
        report.keepDetail(true);
        report.add(rec(noon(3, 15), QStringLiteral("=HYPERLINK(\"http://x\")"),
                       QStringLiteral("+1"), 1, QStringLiteral("@home")));
        report.add(rec(noon(3, 15), QStringLiteral("-2+3"), QString(), 1));
        const QByteArray detail = report.detailCsv();
        QVERIFY2(detail.contains(",'@home,\"'=HYPERLINK(\"\"http://x\"\")\",'+1,"),
                 detail.constData());
        QVERIFY2(detail.contains(",default,'-2+3,,"), detail.constData());
        const QByteArray byModel =
            UsageReport::toCsv(report.totals(UsageReport::By::Model), UsageReport::By::Model);
        QVERIFY2(byModel.contains("\n'-2+3,"), byModel.constData());
        QVERIFY(!byModel.contains("\n=") && !byModel.contains("\n-"));
    }

    void byNames()
    {
        for (auto by : {UsageReport::By::Day, UsageReport::By::Model, UsageReport::By::Conversation,
                        UsageReport::By::Profile})
            QCOMPARE(UsageReport::byFromName(UsageReport::byName(by)), std::optional(by));
        QVERIFY(!UsageReport::byFromName(u"week"));
    }

    // Days, "today" and "this month" turn at local midnight.
    void daysTurnAtLocalMidnight()
    {
        const QDateTime lastSecondOfMarch(QDate(2026, 3, 31), QTime(23, 59, 59));
        UsageReport report(QDate(2026, 4, 1));
        report.add(rec(lastSecondOfMarch, kSonnet, QString(), 1.0));
        report.add(rec(lastSecondOfMarch.addSecs(2), kSonnet, QString(), 2.0));
        const QList<UsageTotal> days = report.totals(UsageReport::By::Day);
        QCOMPARE(days.size(), 2);
        QCOMPARE(days[0].key, QStringLiteral("2026-03-31"));
        QCOMPARE(days[0].costUsd, 1.0);
        QCOMPARE(days[1].key, QStringLiteral("2026-04-01"));
        QCOMPARE(report.profiles().value(0).today, 2.0);
        QCOMPARE(report.profiles().value(0).month, 2.0);
        QCOMPARE(report.chartCost(QDate(2026, 3, 31), kSonnet), 1.0);
    }

    // The one rule for "this month" (the meter, its records in flight and the report use it).
    void thisMonthIsItsDaysUpToToday()
    {
        const QDate today(2026, 3, 15);
        QVERIFY(LocalDays::isThisMonth(QDate(2026, 3, 1), today));
        QVERIFY(LocalDays::isThisMonth(today, today));
        QVERIFY(!LocalDays::isThisMonth(QDate(2026, 3, 16), today)); // a clock set back
        QVERIFY(!LocalDays::isThisMonth(QDate(2026, 2, 28), today));
        QVERIFY(!LocalDays::isThisMonth(QDate(2025, 3, 15), today));
    }

    void localDaysFollowTheLocalCalendar()
    {
        LocalDays days;
        for (int h = 0; h < 48; ++h) {
            const QDateTime t =
                QDateTime(QDate(2026, 3, 14), QTime(0, 0), Qt::UTC).addSecs(h * 3600 + 59);
            QCOMPARE(days.dayOf(t), t.toLocalTime().date());
        }
    }
};

QTEST_GUILESS_MAIN(TestUsageReport)
#include "tst_usagereport.moc"
