// breakwater-cli and money, as real processes against the simulator: the usage ledger `ask` and
// `batch` append to, the profile's budgets and --budget-usd (exit 11, nothing sent),
// --ignore-budget, the workspace's spend limit (one request, no retry), and `usage`.
#include "processrunner.h"
#include "testsupport.h"

#include "chat/pricetable.h"
#include "chat/usageledger.h"
#include "settings/settingsstore.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace bw;
using namespace bw::test;

class TestCliSpend : public QObject
{
    Q_OBJECT

    sim::ApiSimulator *m_sim = nullptr;
    QTemporaryDir m_home;

    QString ledgerPath() const
    {
        return m_home.filePath(QStringLiteral("data/breakwater/usage.jsonl"));
    }
    QString settingsPath() const
    {
        return m_home.filePath(QStringLiteral("config/breakwater/settings.ini"));
    }

    QProcessEnvironment env() const
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.remove(QStringLiteral("ANTHROPIC_BASE_URL"));
        e.insert(QStringLiteral("ANTHROPIC_API_KEY"), QString::fromLatin1(kTestKey));
        e.insert(QStringLiteral("HOME"), m_home.path());
        e.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        e.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        e.insert(QStringLiteral("BREAKWATER_BATCH_POLL_MS"), QStringLiteral("50"));
        e.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        return e;
    }

    ProcessResult cli(const QString &command, QStringList args, const QString &behaviours = {},
                      const QByteArray &input = {})
    {
        if (!behaviours.isEmpty())
            m_sim->setScript(sim::SimBehaviour::parseScript(behaviours).value());
        if (command == u"ask" || command == u"batch")
            args = QStringList{QStringLiteral("--base-url"),   m_sim->baseUrl().toString(),
                               QStringLiteral("--base-delay"), QStringLiteral("0.01"),
                               QStringLiteral("--max-delay"),  QStringLiteral("0.05")} +
                   args;
        return runProcess(QStringLiteral(BW_CLI_PATH), QStringList{command} + args, env(), input);
    }

    QList<UsageRecord> ledger(int *damaged = nullptr) const
    {
        QList<UsageRecord> list;
        const UsageLedger::Read r =
            UsageLedger(ledgerPath()).read(0, [&list](const UsageRecord &x) { list << x; });
        if (damaged)
            *damaged = r.damaged;
        return list;
    }

    // Spent before this run, now (the process's "today" is the real one), by profile "default".
    void spentBefore(double usd, const QString &model = QStringLiteral("claude-sonnet-4-6"),
                     const QString &conversation = {}, const QDateTime &when = {})
    {
        UsageRecord r;
        r.time = when.isValid() ? when : QDateTime::currentDateTimeUtc();
        r.profile = QStringLiteral("default");
        r.model = model;
        r.conversationId = conversation;
        r.usage = {10, 20, 0, 0};
        r.costUsd = usd;
        QVERIFY(UsageLedger(ledgerPath()).append(r));
    }

    void setBudgets(const SpendBudgets &budgets)
    {
        SettingsStore store(settingsPath());
        EngineSettings s = store.load();
        s.budgets = budgets;
        QVERIFY(store.save(s));
    }

private Q_SLOTS:
    void init()
    {
        m_sim = new sim::ApiSimulator;
        QVERIFY(m_sim->listen());
    }

    void cleanup()
    {
        delete m_sim;
        QFile::remove(ledgerPath());
        QFile::remove(settingsPath());
    }

    void askAppendsOneLineToTheLedger()
    {
        ProcessResult r = cli(QStringLiteral("ask"), {QStringLiteral("A private prompt")});
        QCOMPARE(r.exitCode, 0);
        r = cli(QStringLiteral("ask"),
                {QStringLiteral("--model"), QStringLiteral("claude-haiku-4-5"),
                 QStringLiteral("Another one")});
        QCOMPARE(r.exitCode, 0);
        const QList<UsageRecord> lines = ledger();
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0].model, QStringLiteral("claude-sonnet-4-6"));
        QCOMPARE(lines[1].model, QStringLiteral("claude-haiku-4-5"));
        QCOMPARE(lines[0].profile, QStringLiteral("default"));
        QCOMPARE(lines[0].conversationId, QString()); // a one-shot
        QVERIFY(lines[0].usage.outputTokens > 0);
        QVERIFY(lines[0].costUsd > 0);
        QFile f(ledgerPath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(!bytes.contains("private"));
        QVERIFY(!bytes.contains(kTestKey));
        QCOMPARE(f.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                                    QFileDevice::WriteGroup | QFileDevice::WriteOther),
                 QFileDevice::Permissions());
    }

    void aConversationsRequestsCarryItsId()
    {
        const QString file = m_home.filePath(QStringLiteral("chat.json"));
        QCOMPARE(cli(QStringLiteral("ask"),
                     {QStringLiteral("--conversation"), file, QStringLiteral("hello")})
                     .exitCode,
                 0);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString id =
            QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("id")).toString();
        QVERIFY(!id.isEmpty());
        QCOMPARE(ledger().value(0).conversationId, id);
    }

    // The day's budget reached: nothing is sent, exit 11, the reason on standard error;
    // --ignore-budget sends it.
    void aReachedBudgetSendsNothing()
    {
        setBudgets({1.0, 0, 0});
        spentBefore(1.0);
        ProcessResult r = cli(QStringLiteral("ask"), {QStringLiteral("hello")});
        QCOMPARE(r.exitCode, 11);
        QCOMPARE(m_sim->requestCount(), 0);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("daily budget of $1.00 is reached"), r.err.constData());
        QVERIFY2(r.err.contains("--ignore-budget"), r.err.constData());
        QCOMPARE(ledger().size(), 1);

        r = cli(QStringLiteral("ask"),
                {QStringLiteral("--ignore-budget"), QStringLiteral("hello")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(m_sim->requestCount(), 1);
        QCOMPARE(ledger().size(), 2);
    }

    // Regression (issue 15, #10): each refused --regenerate or --edit-last added an empty failed
    // version to the file.
    void aRefusedNewVersionLeavesTheFileAsItWas()
    {
        const QString file = m_home.filePath(QStringLiteral("versions.json"));
        QCOMPARE(cli(QStringLiteral("ask"),
                     {QStringLiteral("--conversation"), file, QStringLiteral("first")})
                     .exitCode,
                 0);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray before = f.readAll();
        f.close();
        setBudgets({1.0, 0, 0});
        spentBefore(1.0);
        const QStringList tries[] = {{QStringLiteral("--regenerate")},
                                     {QStringLiteral("--edit-last"), QStringLiteral("again")}};
        for (const QStringList &args : tries) {
            const ProcessResult r = cli(QStringLiteral("ask"),
                                        QStringList{QStringLiteral("--conversation"), file} + args);
            QCOMPARE(r.exitCode, 11);
            QVERIFY2(r.err.contains("daily budget of $1.00 is reached"), r.err.constData());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), before);
            f.close();
        }
        QCOMPARE(m_sim->requestCount(), 1);
        const ProcessResult r = cli(QStringLiteral("ask"), {QStringLiteral("--conversation"), file,
                                                            QStringLiteral("--regenerate"),
                                                            QStringLiteral("--ignore-budget")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(m_sim->requestCount(), 2);
    }

    void theMonthsBudgetCountsEarlierDays()
    {
        setBudgets({0, 5.0, 0});
        // Earlier this month (or today, on the 1st): counts for the month, not for the day.
        const QDate today = QDate::currentDate();
        const QDateTime first(QDate(today.year(), today.month(), 1), QTime(12, 0));
        spentBefore(5.0, QStringLiteral("claude-sonnet-4-6"), {}, first.toUTC());
        const ProcessResult r = cli(QStringLiteral("ask"), {QStringLiteral("hello")});
        QCOMPARE(r.exitCode, 11);
        QVERIFY2(r.err.contains("monthly budget"), r.err.constData());
        QCOMPARE(m_sim->requestCount(), 0);
    }

    void aConversationsBudgetIsItsOwn()
    {
        setBudgets({0, 0, 0.5});
        const QString file = m_home.filePath(QStringLiteral("budgeted.json"));
        QCOMPARE(cli(QStringLiteral("ask"),
                     {QStringLiteral("--conversation"), file, QStringLiteral("first")})
                     .exitCode,
                 0);
        const QString id = ledger().value(0).conversationId;
        spentBefore(0.5, QStringLiteral("claude-sonnet-4-6"), id);
        ProcessResult r = cli(QStringLiteral("ask"),
                              {QStringLiteral("--conversation"), file, QStringLiteral("second")});
        QCOMPARE(r.exitCode, 11);
        QVERIFY2(r.err.contains("conversation's budget"), r.err.constData());
        // Regression: its advice was to wait for the next day or month; it never resets.
        QVERIFY2(r.err.contains("does not reset"), r.err.constData());
        QVERIFY2(!r.err.contains("next day") && !r.err.contains("tomorrow"), r.err.constData());
        QCOMPARE(m_sim->requestCount(), 1);
        // A one-shot is no conversation: it goes.
        r = cli(QStringLiteral("ask"), {QStringLiteral("third")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(m_sim->requestCount(), 2);
    }

    void eightyPercentWarnsOnStandardError_data()
    {
        QTest::addColumn<int>("which"); // 0 day, 1 month, 2 conversation
        QTest::addColumn<QString>("warning");
        QTest::newRow("day") << 0
                             << QStringLiteral("of today's budget of $1.00 is spent; $0.15 left");
        QTest::newRow("month") << 1
                               << QStringLiteral(
                                      "of this month's budget of $1.00 is spent; $0.15 left");
        QTest::newRow("conversation")
            << 2 << QStringLiteral("of this conversation's budget of $1.00 is spent");
    }

    void eightyPercentWarnsOnStandardError()
    {
        QFETCH(int, which);
        QFETCH(QString, warning);
        SpendBudgets budgets;
        (which == 0   ? budgets.dayUsd
         : which == 1 ? budgets.monthUsd
                      : budgets.conversationUsd) = 1.0;
        setBudgets(budgets);
        QStringList args{QStringLiteral("hello")};
        if (which == 2) {
            const QString file = m_home.filePath(QStringLiteral("warned.json"));
            QFile::remove(file);
            QCOMPARE(cli(QStringLiteral("ask"),
                         {QStringLiteral("--conversation"), file, QStringLiteral("first")})
                         .exitCode,
                     0);
            spentBefore(0.85, QStringLiteral("claude-sonnet-4-6"),
                        ledger().value(0).conversationId);
            args.prepend(file);
            args.prepend(QStringLiteral("--conversation"));
        } else {
            spentBefore(0.85);
        }
        const ProcessResult r = cli(QStringLiteral("ask"), args);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(warning.toUtf8()), r.err.constData());
        QVERIFY(!r.out.contains("budget of $1.00")); // the answer alone on standard output
    }

    // Regression: under a German locale the CLI wrote "$0,85" — its output is English and
    // script-readable whatever the locale.
    void moneyIsWrittenTheCWayInAnyLocale()
    {
        setBudgets({1.0, 0, 0});
        spentBefore(0.85);
        QProcessEnvironment e = env();
        e.insert(QStringLiteral("LANG"), QStringLiteral("de_DE.UTF-8"));
        e.insert(QStringLiteral("LC_ALL"), QStringLiteral("de_DE.UTF-8"));
        const ProcessResult r = runProcess(QStringLiteral(BW_CLI_PATH),
                                           {QStringLiteral("ask"), QStringLiteral("--base-url"),
                                            m_sim->baseUrl().toString(), QStringLiteral("hello")},
                                           e);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("$0.85 of today's budget of $1.00 is spent; $0.15 left"),
                 r.err.constData());
    }

    void budgetUsdCapsTheRun()
    {
        ProcessResult r = cli(QStringLiteral("ask"), {QStringLiteral("--budget-usd"),
                                                      QStringLiteral("0"), QStringLiteral("hi")});
        QCOMPARE(r.exitCode, 11);
        QCOMPARE(m_sim->requestCount(), 0);
        QVERIFY2(r.err.contains("budget of this run"), r.err.constData());
        // --ignore-budget does not lift a run's own cap, and (regression) the message no longer
        // suggests it.
        r = cli(QStringLiteral("ask"), {QStringLiteral("--budget-usd"), QStringLiteral("0"),
                                        QStringLiteral("--ignore-budget"), QStringLiteral("hi")});
        QCOMPARE(r.exitCode, 11);
        QVERIFY2(!r.err.contains("anyway"), r.err.constData());
        QVERIFY2(r.err.contains("larger --budget-usd"), r.err.constData());
        r = cli(QStringLiteral("ask"),
                {QStringLiteral("--budget-usd"), QStringLiteral("0.50"), QStringLiteral("hi")});
        QCOMPARE(r.exitCode, 0);
        for (const char *bad : {"abc", "-1", "nan", "1e9"}) {
            r = cli(QStringLiteral("ask"),
                    {QStringLiteral("--budget-usd"), QLatin1String(bad), QStringLiteral("hi")});
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains("--budget-usd takes an amount"), r.err.constData());
        }
        QCOMPARE(m_sim->requestCount(), 1);
    }

    // Today the CLI retried this 429 four times. Now: one request, exit 11, a plain sentence.
    void aSpendLimitIsAskedOnce_data()
    {
        QTest::addColumn<QString>("behaviour");
        QTest::newRow("429") << QStringLiteral("spend-limit*4");
        QTest::newRow("400") << QStringLiteral("spend-limit:status=400*4");
    }

    void aSpendLimitIsAskedOnce()
    {
        QFETCH(QString, behaviour);
        const ProcessResult r = cli(QStringLiteral("ask"), {QStringLiteral("hello")}, behaviour);
        QCOMPARE(r.exitCode, 11);
        QCOMPARE(m_sim->requestCount(), 1);
        QVERIFY2(r.err.contains("the workspace has reached its spend limit"), r.err.constData());
        QVERIFY2(!r.err.contains("retrying"), r.err.constData());
    }

    void aBatchStopsAtItsBudget()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("out.jsonl"));
        const ProcessResult r = cli(QStringLiteral("batch"),
                                    {QStringLiteral("--concurrency"), QStringLiteral("1"),
                                     QStringLiteral("--budget-usd"), QStringLiteral("0.0001"),
                                     QStringLiteral("--out"), out, QStringLiteral("-")},
                                    {}, "one\ntwo\nthree\nfour\n");
        QCOMPARE(r.exitCode, 11);
        QCOMPARE(m_sim->requestCount(), 1);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        for (int i = 1; i < 4; ++i) {
            const QJsonObject o = QJsonDocument::fromJson(lines[i]).object();
            QCOMPARE(o.value(QLatin1String("kind")).toString(), QStringLiteral("budget"));
            QVERIFY(
                o.value(QLatin1String("error")).toString().contains(QStringLiteral("Not sent")));
        }
        const QList<UsageRecord> records = ledger();
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.first().source, UsageRecord::Source::Batch);
    }

    void theBatchesApiIsRecordedAtHalfPrice()
    {
        const ProcessResult r =
            cli(QStringLiteral("batch"), {QStringLiteral("--via-batches-api"), QStringLiteral("-")},
                {}, "one\ntwo\n");
        QCOMPARE(r.exitCode, 0);
        const QList<UsageRecord> records = ledger();
        QCOMPARE(records.size(), 2);
        const PriceTable prices = PriceTable::load();
        for (const UsageRecord &rec : records) {
            QCOMPARE(rec.source, UsageRecord::Source::BatchesApi);
            QCOMPARE(rec.costUsd, prices.cost(rec.model, rec.usage) / 2);
        }
        // Over budget, the batch is never created.
        setBudgets({0.000001, 0, 0});
        const int before = m_sim->totalRequests();
        const ProcessResult stopped =
            cli(QStringLiteral("batch"), {QStringLiteral("--via-batches-api"), QStringLiteral("-")},
                {}, "three\n");
        QCOMPARE(stopped.exitCode, 11);
        QCOMPARE(m_sim->totalRequests(), before);
    }

    void usageSumsTheLedger()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        spentBefore(1.25, QStringLiteral("claude-opus-4-8"), QStringLiteral("conv-a"), now);
        spentBefore(0.50, QStringLiteral("claude-haiku-4-5"), QStringLiteral("conv-a"), now);
        spentBefore(2.00, QStringLiteral("claude-opus-4-8"), {}, now.addDays(-40));
        // Damage: garbage and a half-written last line.
        QFile f(ledgerPath());
        QVERIFY(f.open(QIODevice::Append));
        f.write("not a record\n{\"time\":\"2026-");
        f.close();

        ProcessResult r =
            cli(QStringLiteral("usage"), {QStringLiteral("--by"), QStringLiteral("model")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("2 damaged line(s)"), r.err.constData());
        const QList<QByteArray> rows = r.out.trimmed().split('\n');
        QCOMPARE(rows.size(), 4); // header, two models, total
        QVERIFY(rows[0].startsWith("model"));
        QVERIFY2(rows[1].startsWith("claude-opus-4-8") && rows[1].endsWith("3.2500"),
                 rows[1].constData());
        QVERIFY2(rows[3].startsWith("total") && rows[3].endsWith("3.7500"), rows[3].constData());

        r = cli(QStringLiteral("usage"), {QStringLiteral("--csv"), QStringLiteral("--since"),
                                          QDate::currentDate().addDays(-1).toString(Qt::ISODate)});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> csv = r.out.trimmed().split('\n');
        QCOMPARE(csv.size(), 2);
        QVERIFY(csv[0].startsWith("day,requests,"));
        QVERIFY2(csv[1].endsWith(",1.750000"), csv[1].constData());

        r = cli(QStringLiteral("usage"), {QStringLiteral("--by"), QStringLiteral("conversation")});
        QVERIFY2(r.out.contains("conv-a"), r.out.constData());
        QVERIFY(r.out.contains("(none: one-shot or batch)"));

        for (const QStringList &bad :
             {QStringList{QStringLiteral("--by"), QStringLiteral("week")},
              QStringList{QStringLiteral("--since"), QStringLiteral("May")},
              QStringList{QStringLiteral("extra")}}) {
            r = cli(QStringLiteral("usage"), bad);
            QCOMPARE(r.exitCode, 2);
        }
    }

    // Regression: --since took "2026-12-02 garbage" and "2026-12-02T23:59" as the date alone, and
    // --profile any text. Both are refused with exit 2 and a message.
    void usageRefusesWhatItCannotRead_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("says");
        QTest::newRow("date and garbage")
            << QStringList{QStringLiteral("--since"), QStringLiteral("2026-12-02 garbage")}
            << QByteArray("--since takes a date");
        QTest::newRow("date and time")
            << QStringList{QStringLiteral("--since"), QStringLiteral("2026-12-02T23:59")}
            << QByteArray("--since takes a date");
        QTest::newRow("no such day")
            << QStringList{QStringLiteral("--since"), QStringLiteral("2026-02-30")}
            << QByteArray("--since takes a date");
        QTest::newRow("bad profile")
            << QStringList{QStringLiteral("--profile"), QStringLiteral("bad name!")}
            << QByteArray("--profile takes a profile's name");
    }

    void usageRefusesWhatItCannotRead()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, says);
        spentBefore(1.0);
        const ProcessResult r = cli(QStringLiteral("usage"), args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(says), r.err.constData());
        QVERIFY(r.out.isEmpty());
        QCOMPARE(
            cli(QStringLiteral("usage"), {QStringLiteral("--since"), QStringLiteral("2026-12-02"),
                                          QStringLiteral("--profile"), QStringLiteral("work.2")})
                .exitCode,
            0);
    }

    void usageWithoutALedgerSaysSo()
    {
        const ProcessResult r = cli(QStringLiteral("usage"), {});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("no usage recorded yet"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliSpend)
#include "tst_cli_spend.moc"
