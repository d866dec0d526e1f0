// Budgets against the ledger: what counts as today, this month and this conversation (on an
// injected clock), the warning at 80% and the stop at 100%, the run's own budget, and what a
// meter in the background counts before and after its appends are read back.
#include "base/manualclock.h"
#include "chat/pricetable.h"
#include "chat/spendmeter.h"
#include "chat/storagequeue.h"
#include "chat/usageledger.h"

#include <QDir>
#include <QSignalSpy>

#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace bw;

namespace {

// Noon on 15 March in the local time zone (ctest runs this in UTC, Auckland and St. John's).
// Noon UTC was another day in Auckland (UTC+13).
QDateTime localNoon()
{
    return QDateTime(QDate(2026, 3, 15), QTime(12, 0));
}

UsageRecord spent(const QDateTime &time, double usd, const QString &conversation = {},
                  const QString &profile = QStringLiteral("default"))
{
    UsageRecord r;
    r.time = time;
    r.profile = profile;
    r.model = QStringLiteral("claude-sonnet-4-6");
    r.conversationId = conversation;
    r.usage = {100, 10, 0, 0};
    r.costUsd = usd;
    return r;
}

} // namespace

class TestSpendMeter : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ManualClock *m_clock = nullptr;
    PriceTable m_prices;

    QString path() const { return m_dir.filePath(QStringLiteral("usage.jsonl")); }
    void fill(const QList<UsageRecord> &records)
    {
        const UsageLedger ledger(path());
        for (const UsageRecord &r : records)
            QVERIFY(ledger.append(r));
    }

private Q_SLOTS:
    void initTestCase() { m_prices = PriceTable::load(); }
    void init() { m_clock = new ManualClock(localNoon()); }
    void cleanup()
    {
        delete m_clock;
        QFile::remove(path());
    }

    // Each budget, just under 80%, at 80%, and at 100%: nothing, a warning, a stop.
    void eachBudgetWarnsAndStops_data()
    {
        QTest::addColumn<int>("scope");
        QTest::addColumn<double>("used");
        QTest::addColumn<int>("level");
        using L = BudgetVerdict::Level;
        using S = BudgetVerdict::Scope;
        for (S scope : {S::Day, S::Month, S::Conversation}) {
            const char *name = scope == S::Day     ? "day"
                               : scope == S::Month ? "month"
                                                   : "conversation";
            QTest::addRow("%s 79%%", name) << int(scope) << 0.79 << int(L::Ok);
            QTest::addRow("%s 80%%", name) << int(scope) << 0.80 << int(L::Warning);
            QTest::addRow("%s 100%%", name) << int(scope) << 1.00 << int(L::Reached);
            QTest::addRow("%s 150%%", name) << int(scope) << 1.50 << int(L::Reached);
        }
    }

    void eachBudgetWarnsAndStops()
    {
        QFETCH(int, scope);
        QFETCH(double, used);
        QFETCH(int, level);
        const auto s = BudgetVerdict::Scope(scope);
        // Spent today in conversation "c"; the budget under test is $1, the others far away.
        fill({spent(localNoon().addSecs(-3600), used, QStringLiteral("c"))});
        SpendMeter meter(m_clock, &m_prices);
        meter.setProfile(QStringLiteral("default"));
        meter.setLedger(path());
        SpendBudgets b{100, 100, 100};
        (s == BudgetVerdict::Scope::Day     ? b.dayUsd
         : s == BudgetVerdict::Scope::Month ? b.monthUsd
                                            : b.conversationUsd) = 1.0;
        meter.setBudgets(b);
        const BudgetVerdict v = meter.check(QStringLiteral("c"));
        QCOMPARE(int(v.level), level);
        if (v.level == BudgetVerdict::Level::Ok)
            return;
        QCOMPARE(int(v.scope), scope);
        QCOMPARE(v.spentUsd, used);
        QCOMPARE(v.limitUsd, 1.0);
        const QString which = s == BudgetVerdict::Scope::Day     ? QStringLiteral("day")
                              : s == BudgetVerdict::Scope::Month ? QStringLiteral("month")
                                                                 : QStringLiteral("conversation");
        QVERIFY2(v.sentence().contains(which), qPrintable(v.sentence()));
        QVERIFY2(v.sentence().contains(BudgetVerdict::money(used)), qPrintable(v.sentence()));
        if (v.level == BudgetVerdict::Level::Warning)
            QVERIFY2(v.sentence().contains(QStringLiteral("$0.20 left")), qPrintable(v.sentence()));
        // "Send this one anyway" passes it.
        QCOMPARE(meter.check(QStringLiteral("c"), true).level, BudgetVerdict::Level::Ok);
    }

    // Today and this month end at local midnight: a request a second before it counts for the
    // day and month before, one a second after for the new ones (1 April here).
    void daysAndMonthsTurnAtLocalMidnight()
    {
        const QDateTime lastSecondOfMarch(QDate(2026, 3, 31), QTime(23, 59, 59));
        fill({spent(lastSecondOfMarch, 1.0, QStringLiteral("c")),
              spent(lastSecondOfMarch.addSecs(2), 2.0, QStringLiteral("c"))});
        ManualClock march(lastSecondOfMarch);
        ManualClock april(QDateTime(QDate(2026, 4, 1), QTime(0, 0, 30)));
        for (ManualClock *clock : {&march, &april}) {
            SpendMeter meter(clock, &m_prices);
            meter.setProfile(QStringLiteral("default"));
            meter.setLedger(path());
            meter.setBudgets({1000, 1000, 1000});
            const Spent s = meter.spent(QStringLiteral("c"));
            const double expected = clock == &march ? 1.0 : 2.0;
            QCOMPARE(s.today, expected);
            QCOMPARE(s.month, expected);
            QCOMPARE(s.conversation, 3.0);
        }
    }

    // Regression: ten requests of $0.10 against a budget of $1.00 read "$1.00 of $1.00 spent;
    // $0.0000 left" and still sent (the double sum is a hair under 1). Compared in micro-dollars.
    void tenDimesReachOneDollar()
    {
        Spent s;
        for (int i = 0; i < 10; ++i)
            s.today += 0.1;
        QVERIFY(s.today < 1.0); // the hair
        BudgetVerdict v = BudgetVerdict::judge(s, {1.0, 0, 0});
        QCOMPARE(v.level, BudgetVerdict::Level::Reached);
        Spent eight;
        for (int i = 0; i < 8; ++i)
            eight.run += 0.1;
        QVERIFY(eight.run < 0.8);
        QCOMPARE(BudgetVerdict::judge(eight, {}, 1.0).level, BudgetVerdict::Level::Warning);
        s.today = 0.999998;
        QCOMPARE(BudgetVerdict::judge(s, {1.0, 0, 0}).level, BudgetVerdict::Level::Warning);
    }

    // Regression: a conversation id too long for a ledger line made its spend vanish (the line
    // was skipped when read): it counts against the conversation's budget.
    void aLongConversationIdCountsAgainstItsBudget()
    {
        const QString id(300, u'c');
        SpendMeter meter(m_clock, &m_prices);
        meter.setProfile(QStringLiteral("default"));
        meter.setLedger(path());
        meter.setBudgets({0, 0, 0.001});
        const double cost = meter.record(QStringLiteral("claude-sonnet-4-6"), {1000, 400, 0, 0}, id,
                                         UsageRecord::Source::Chat);
        QCOMPARE(meter.check(id).level, BudgetVerdict::Level::Reached);
        SpendMeter later(m_clock, &m_prices); // the next process reads it back
        later.setProfile(QStringLiteral("default"));
        later.setLedger(path());
        later.setBudgets({0, 0, 0.001});
        QCOMPARE(later.spent(id).conversation, cost);
        QCOMPARE(later.damagedLines(), 0);
    }

    // Regression: a model the price table does not know costs $0, so a budget silently never
    // applied. With a budget set, that is said once per model.
    void aModelWithoutAPriceIsSaidOnce()
    {
        SpendMeter meter(m_clock, &m_prices);
        meter.setProfile(QStringLiteral("default"));
        meter.setLedger(path());
        QSignalSpy problems(&meter, &SpendMeter::problem);
        const Usage usage{1000, 400, 0, 0};
        meter.record(QStringLiteral("my-model"), usage, {}, UsageRecord::Source::Chat);
        QCOMPARE(problems.count(), 0); // no budget: nothing to say
        meter.setBudgets({5, 0, 0});
        QCOMPARE(meter.record(QStringLiteral("my-model"), usage, {}, UsageRecord::Source::Chat),
                 0.0);
        meter.record(QStringLiteral("my-model"), usage, {}, UsageRecord::Source::Chat);
        meter.record(QStringLiteral("claude-sonnet-4-6"), usage, {}, UsageRecord::Source::Chat);
        QCOMPARE(problems.count(), 1);
        QVERIFY2(problems.first().first().toString().contains(
                     QStringLiteral("No price is known for my-model")),
                 qPrintable(problems.first().first().toString()));
        SpendMeter run(m_clock, &m_prices);
        QSignalSpy runProblems(&run, &SpendMeter::problem);
        run.setRunBudget(1);
        run.record(QStringLiteral("other-model"), usage, {}, UsageRecord::Source::Chat);
        QCOMPARE(runProblems.count(), 1);
    }

    // Today is the clock's day, this month its month; another profile's spend and another
    // conversation's do not count.
    void whatCountsWhere()
    {
        fill({
            spent(localNoon().addSecs(-3600), 1.0, QStringLiteral("c")),
            spent(localNoon().addDays(-1), 2.0, QStringLiteral("c")),
            spent(localNoon().addDays(-14), 4.0, QStringLiteral("d")), // 1 March
            spent(localNoon().addDays(-15), 8.0, QStringLiteral("c")), // 28 February
            spent(localNoon(), 16.0, QStringLiteral("c"), QStringLiteral("work")),
        });
        SpendMeter meter(m_clock, &m_prices);
        meter.setProfile(QStringLiteral("default"));
        meter.setLedger(path());
        meter.setBudgets({1000, 1000, 1000});
        Spent s = meter.spent(QStringLiteral("c"));
        QCOMPARE(s.today, 1.0);
        QCOMPARE(s.month, 7.0);
        QCOMPARE(s.conversation, 27.0); // a conversation's spend, whichever profile spent it
        QCOMPARE(meter.spent(QStringLiteral("d")).conversation, 4.0);
        QCOMPARE(meter.spent(QString()).conversation, 0.0);
        meter.setProfile(QStringLiteral("work"));
        QCOMPARE(meter.spent(QString()).today, 16.0);
        // The next day, today starts from nothing.
        meter.setProfile(QStringLiteral("default"));
        m_clock->advance(24 * 3600 * 1000LL);
        s = meter.spent(QStringLiteral("c"));
        QCOMPARE(s.today, 0.0);
        QCOMPARE(s.month, 7.0);
        // And the next month.
        m_clock->advance(17 * 24 * 3600 * 1000LL);
        QCOMPARE(meter.spent(QString()).month, 0.0);
    }

    void aProfileBudgetOfZeroIsNone()
    {
        fill({spent(localNoon(), 50.0)});
        SpendMeter meter(m_clock, &m_prices);
        meter.setProfile(QStringLiteral("default"));
        meter.setLedger(path());
        meter.setBudgets({0, 0, 0});
        QCOMPARE(meter.check({}).level, BudgetVerdict::Level::Ok);
        QVERIFY(!meter.isLoaded()); // no budget: the ledger is not even read
    }

    // breakwater-cli --budget-usd: what this process spent, against its own cap; 0 allows
    // nothing. --ignore-budget does not lift it.
    void theRunsOwnBudget()
    {
        SpendMeter meter(m_clock, &m_prices);
        meter.setProfile(QStringLiteral("default"));
        meter.setLedger(path());
        meter.setRunBudget(0.01);
        meter.setProfileBudgetsIgnored(true);
        QCOMPARE(meter.check({}).level, BudgetVerdict::Level::Ok);
        const double cost = meter.record(QStringLiteral("claude-sonnet-4-6"), {1000, 400, 0, 0}, {},
                                         UsageRecord::Source::Chat);
        QCOMPARE(cost, m_prices.cost(QStringLiteral("claude-sonnet-4-6"), {1000, 400, 0, 0}));
        QVERIFY(qAbs(cost - 0.009) < 1e-9); // 3 and 15 USD per million tokens
        QCOMPARE(meter.runSpentUsd(), cost);
        QCOMPARE(meter.check({}).level, BudgetVerdict::Level::Warning);
        meter.record(QStringLiteral("claude-sonnet-4-6"), {1000, 400, 0, 0}, {},
                     UsageRecord::Source::Chat);
        const BudgetVerdict v = meter.check({}, true);
        QCOMPARE(v.level, BudgetVerdict::Level::Reached);
        QCOMPARE(v.scope, BudgetVerdict::Scope::Run);
        meter.setRunBudget(0);
        SpendMeter fresh(m_clock, &m_prices);
        fresh.setRunBudget(0);
        QCOMPARE(fresh.check({}).level, BudgetVerdict::Level::Reached);
    }

    void aRequestWithoutUsageIsNotRecorded()
    {
        SpendMeter meter(m_clock, &m_prices);
        meter.setProfile(QStringLiteral("default"));
        meter.setLedger(path());
        QSignalSpy recorded(&meter, &SpendMeter::recorded);
        QCOMPARE(
            meter.record(QStringLiteral("claude-sonnet-4-6"), {}, {}, UsageRecord::Source::Chat),
            0.0);
        QCOMPARE(recorded.count(), 0);
        QVERIFY(!QFile::exists(path()));
        // The Message Batches API is billed at half price.
        meter.record(QStringLiteral("claude-sonnet-4-6"), {1000, 100, 0, 0}, {},
                     UsageRecord::Source::BatchesApi, SpendMeter::kBatchesApiPriceFactor);
        QCOMPARE(recorded.count(), 1);
        const auto r = recorded.first().first().value<UsageRecord>();
        QCOMPARE(r.costUsd,
                 m_prices.cost(QStringLiteral("claude-sonnet-4-6"), {1000, 100, 0, 0}) / 2);
        QCOMPARE(r.time, localNoon());
        QCOMPARE(r.source, UsageRecord::Source::BatchesApi);
    }

    // The model a request is recorded under: what the server says answered only when it is a
    // plausible Claude id; its text never goes into the ledger unchecked.
    void theBilledModel_data()
    {
        QTest::addColumn<QString>("served");
        QTest::addColumn<QString>("recorded");
        const QString asked = QStringLiteral("claude-sonnet-4-6");
        QTest::newRow("the same") << asked << asked;
        QTest::newRow("dated") << QStringLiteral("claude-sonnet-4-6-20261001")
                               << QStringLiteral("claude-sonnet-4-6-20261001");
        QTest::newRow("another model")
            << QStringLiteral("claude-haiku-4-5") << QStringLiteral("claude-haiku-4-5");
        QTest::newRow("none") << QString() << asked;
        QTest::newRow("the key echoed") << QStringLiteral("test-key-echoed-by-a-proxy") << asked;
        QTest::newRow("a line break") << QStringLiteral("claude-x\n{\"cost_usd\":0}") << asked;
        QTest::newRow("endless") << QStringLiteral("claude-") + QString(300, u'x') << asked;
    }

    void theBilledModel()
    {
        QFETCH(QString, served);
        QFETCH(QString, recorded);
        QCOMPARE(SpendMeter::billedModel(served, QStringLiteral("claude-sonnet-4-6")), recorded);
    }

    // The window's way: the ledger is read on the storage thread. A record counts at once, and
    // once: not again when the append is read back. Another process's records count once read.
    void inTheBackgroundEveryRecordCountsOnce()
    {
        fill({spent(localNoon(), 0.5, QStringLiteral("c"))});
        StorageQueue queue;
        SpendMeter meter(m_clock, &m_prices);
        meter.setProfile(QStringLiteral("default"));
        meter.setBudgets({10, 10, 10});
        QSignalSpy loaded(&meter, &SpendMeter::loaded);
        meter.setLedger(path(), &queue);
        QVERIFY(!meter.isLoaded());
        QVERIFY(loaded.wait());
        QCOMPARE(meter.spent(QStringLiteral("c")).today, 0.5);

        // Another process appends: not seen yet.
        QVERIFY(UsageLedger(path()).append(spent(localNoon(), 2.0, QStringLiteral("c"))));
        QCOMPARE(meter.spent(QStringLiteral("c")).today, 0.5);
        const Usage usage{1000, 500, 0, 0};
        const double cost = meter.record(QStringLiteral("claude-sonnet-4-6"), usage,
                                         QStringLiteral("c"), UsageRecord::Source::Chat);
        QCOMPARE(meter.spent(QStringLiteral("c")).today, 0.5 + cost); // at once
        queue.waitForDone();
        QTRY_COMPARE(meter.spent(QStringLiteral("c")).today, 0.5 + cost + 2.0);
        QCoreApplication::processEvents();
        QCOMPARE(meter.spent(QStringLiteral("c")).conversation, 0.5 + cost + 2.0);
        // A damaged line in between is counted, and costs nothing else.
        QFile f(path());
        QVERIFY(f.open(QIODevice::Append));
        f.write("{\"time\":\"garbage\n");
        f.close();
        meter.record(QStringLiteral("claude-sonnet-4-6"), usage, QStringLiteral("c"),
                     UsageRecord::Source::Chat);
        queue.waitForDone();
        QTRY_COMPARE(meter.damagedLines(), 1);
        QCOMPARE(meter.spent(QStringLiteral("c")).today, 0.5 + 2 * cost + 2.0);
        // The file holds what was recorded, each once.
        UsageLedger::Read r = UsageLedger(path()).read(0, {});
        QCOMPARE(r.lines, 4);
        QCOMPARE(r.damaged, 1);
    }

    void aLedgerThatCannotBeWrittenIsReportedAndStillCounts()
    {
        QVERIFY(QDir().mkpath(path())); // a folder where the file should be
        SpendMeter meter(m_clock, &m_prices);
        meter.setProfile(QStringLiteral("default"));
        meter.setLedger(path());
        meter.setBudgets({1, 0, 0});
        QSignalSpy problems(&meter, &SpendMeter::problem);
        meter.record(QStringLiteral("claude-sonnet-4-6"), {100000, 50000, 0, 0}, {},
                     UsageRecord::Source::Chat);
        QVERIFY(problems.count() >= 1);
        QVERIFY2(problems.first().first().toString().contains(QStringLiteral("not recorded")),
                 qPrintable(problems.first().first().toString()));
        QCOMPARE(meter.check({}).level, BudgetVerdict::Level::Reached); // $1.05 spent today
        // Regression: the folder goes; the next read finds no ledger and starts the index
        // afresh — the spend that never reached the file still counts.
        QVERIFY(QDir(path()).removeRecursively());
        QCOMPARE(meter.spent({}).today, 1.05);
        QCOMPARE(meter.check({}).level, BudgetVerdict::Level::Reached);
    }

    // Regression: a ledger that cannot be read (a folder, a FIFO, a link) only warned, and the
    // budgets silently stopped working. With a budget set it now stops like a reached budget,
    // saying why; "send this one anyway" and no budget at all still go.
    void anUnreadableLedgerStopsABudgetedRequest_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("background");
        for (const char *kind : {"folder", "fifo", "link"}) {
            QTest::addRow("%s, command line", kind) << QString::fromLatin1(kind) << false;
            QTest::addRow("%s, window", kind) << QString::fromLatin1(kind) << true;
        }
    }

    void anUnreadableLedgerStopsABudgetedRequest()
    {
        QFETCH(QString, kind);
        QFETCH(bool, background);
        const QString target = m_dir.filePath(QStringLiteral("elsewhere.jsonl"));
        if (kind == u"folder") {
            QVERIFY(QDir().mkpath(path()));
        } else if (kind == u"fifo") {
            QCOMPARE(::mkfifo(QFile::encodeName(path()).constData(), 0600), 0);
        } else {
            QVERIFY(UsageLedger(target).append(spent(localNoon(), 0.1)));
            QVERIFY(QFile::link(target, path()));
        }
        StorageQueue queue;
        SpendMeter meter(m_clock, &m_prices);
        meter.setProfile(QStringLiteral("default"));
        meter.setBudgets({5, 0, 0});
        QSignalSpy problems(&meter, &SpendMeter::problem);
        QSignalSpy loaded(&meter, &SpendMeter::loaded);
        meter.setLedger(path(), background ? &queue : nullptr);
        if (background)
            QVERIFY(loaded.wait());
        BudgetVerdict v = meter.check({});
        QCOMPARE(v.level, BudgetVerdict::Level::Reached);
        QCOMPARE(v.scope, BudgetVerdict::Scope::Ledger);
        QVERIFY2(v.sentence().contains(QStringLiteral("budgets cannot be checked")),
                 qPrintable(v.sentence()));
        QVERIFY2(v.sentence().contains(path()), qPrintable(v.sentence()));
        QCOMPARE(meter.check({}, true).level, BudgetVerdict::Level::Ok);
        meter.setBudgets({});
        QCOMPARE(meter.check({}).level, BudgetVerdict::Level::Ok);
        meter.setBudgets({5, 0, 0});
        queue.waitForDone();
        QCoreApplication::processEvents();
        QCOMPARE(problems.count(), 1); // said once, not at every check
        // Repaired: the budgets count again.
        if (kind == u"folder")
            QVERIFY(QDir(path()).removeRecursively());
        else
            QVERIFY(QFile::remove(path()));
        fill({spent(localNoon(), 1.0)});
        meter.check({});
        queue.waitForDone();
        QTRY_COMPARE(meter.check({}).level, BudgetVerdict::Level::Ok);
        QCOMPARE(meter.spent({}).today, 1.0);
        QFile::remove(target);
    }

    // Regression: in the window a check before the first read had ended counted $0 spent.
    // whenLoaded() waits for it, and only there.
    void aCheckWaitsForTheFirstRead()
    {
        fill({spent(localNoon(), 5.0)});
        StorageQueue queue;
        SpendMeter meter(m_clock, &m_prices);
        meter.setProfile(QStringLiteral("default"));
        meter.setBudgets({1, 0, 0});
        meter.setLedger(path(), &queue);
        QVERIFY(!meter.canCheck());
        bool ran = false;
        BudgetVerdict v;
        meter.whenLoaded(this, [&] {
            ran = true;
            v = meter.check({});
        });
        QVERIFY(!ran);
        QTRY_VERIFY(ran);
        QCOMPARE(v.level, BudgetVerdict::Level::Reached);
        // Loaded (or on the command line): at once.
        ran = false;
        meter.whenLoaded(this, [&] { ran = true; });
        QVERIFY(ran);
        SpendMeter cli(m_clock, &m_prices);
        cli.setBudgets({1, 0, 0});
        cli.setLedger(path());
        QVERIFY(cli.canCheck());
    }

    // The same in the background (the window): a whole-ledger read does not wipe it either.
    void unrecordedSpendSurvivesAWholeRead()
    {
        fill({spent(localNoon(), 0.5), spent(localNoon(), 0.5)});
        StorageQueue queue;
        SpendMeter meter(m_clock, &m_prices);
        meter.setProfile(QStringLiteral("default"));
        meter.setBudgets({1, 0, 0});
        QSignalSpy loaded(&meter, &SpendMeter::loaded);
        meter.setLedger(path(), &queue);
        QVERIFY(loaded.wait());
        QVERIFY(QFile::remove(path()));
        QVERIFY(QDir().mkpath(path())); // now it cannot be written
        meter.record(QStringLiteral("claude-sonnet-4-6"), {100000, 50000, 0, 0}, {},
                     UsageRecord::Source::Chat);
        queue.waitForDone();
        QCoreApplication::processEvents();
        QVERIFY(QDir(path()).removeRecursively());
        fill({spent(localNoon(), 0.25)}); // another process starts a new ledger
        QTRY_COMPARE(meter.spent({}).today, 0.25 + 1.05);
    }
};

QTEST_GUILESS_MAIN(TestSpendMeter)
#include "tst_spendmeter.moc"
