// Money in the window, offscreen on the simulator: the Usage window over the ledger (chart,
// tables, Export CSV), budgets at 80% and 100% with "Send this one anyway", the Settings fields,
// and a batch that stops at its budget. The engine's clock is a manual one at noon; the ledger is
// never read or written on the window's thread.
#include "app/application.h"
#include "app/conversationlibrary.h"
#include "base/manualclock.h"
#include "base/translations.h"
#include "batchwindow.h"
#include "chat/batchqueue.h"
#include "chat/chatsession.h"
#include "chat/conversation.h"
#include "chat/conversationstore.h"
#include "chat/spendmeter.h"
#include "chat/usageledger.h"
#include "mainwindow.h"
#include "messagebody.h"
#include "messagewidget.h"
#include "resilience/randomsource.h"
#include "settingsdialog.h"
#include "sim/apisimulator.h"
#include "transcriptview.h"
#include "usagewindow.h"

#include <QAbstractButton>
#include <QApplication>
#include <QBarSet>
#include <QChart>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace bw;
using namespace bw::ui;

namespace {

// Noon UTC: the same calendar day in every time zone within twelve hours of it.
const QDateTime kNow(QDate(2026, 3, 15), QTime(12, 0), Qt::UTC);

UsageRecord spent(const QDateTime &time, double usd, const QString &model,
                  const QString &conversation = {},
                  const QString &profile = QStringLiteral("default"))
{
    UsageRecord r;
    r.time = time;
    r.profile = profile;
    r.model = model;
    r.conversationId = conversation;
    r.usage = {1000, 100, 0, 0};
    r.costUsd = usd;
    return r;
}

} // namespace

class TestUsageWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ManualClock *m_clock = nullptr;
    SeededRandom *m_random = nullptr;
    Application *m_app = nullptr;
    MainWindow *m_window = nullptr;

    sim::ApiSimulator *sim() const { return m_app->simulator(); }
    // The window runs on the simulator: its spend goes to the demo's own ledger.
    QString demoLedger() const { return m_dir.filePath(QStringLiteral("usage-demo.jsonl")); }

    void start(const QList<UsageRecord> &history = {}, const SpendBudgets &budgets = {},
               const QByteArray &damage = {})
    {
        {
            const UsageLedger ledger(demoLedger());
            for (const UsageRecord &r : history)
                QVERIFY(ledger.append(r));
            if (!damage.isEmpty()) {
                QFile f(demoLedger());
                QVERIFY(f.open(QIODevice::Append));
                f.write(damage);
            }
        }
        m_clock = new ManualClock(kNow);
        m_random = new SeededRandom(4);
        AppOptions options;
        options.settingsFile = m_dir.filePath(QStringLiteral("settings.ini"));
        options.conversationsFolder = m_dir.filePath(QStringLiteral("conversations"));
        options.clock = m_clock;
        options.random = m_random;
        m_app = new Application(options);
        EngineSettings s = m_app->settingsStore().load();
        s.budgets = budgets;
        m_app->useDemo(s);
        sim()->config().ttftMs = 0;
        sim()->config().tokensPerSecond = 0;
        m_window = new MainWindow(m_app);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        QTRY_VERIFY(m_app->spendMeter()->isLoaded());
        ConversationStore::resetGuiThreadUse();
        UsageLedger::resetGuiThreadCalls();
    }

    void waitForAnswer()
    {
        QElapsedTimer t;
        t.start();
        while (m_window->session()->isBusy() && t.elapsed() < 15000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            if (AnswerJob *job = m_window->session()->activeJob(); job && job->isWaiting())
                m_clock->advanceToNext();
        }
        QVERIFY(!m_window->session()->isBusy());
        QTest::qWait(MessageBody::kFrameMs * 2);
    }

    UsageWindow *openUsage()
    {
        UsageWindow *usage = m_window->openUsageWindow();
        QSignalSpy refreshed(usage, &UsageWindow::refreshed);
        if (refreshed.isEmpty())
            refreshed.wait(5000);
        return usage;
    }

    // Clicks `button` of the next message box that opens (within `ms`), and says what it read.
    QString answerNextMessageBox(const QString &button, int ms = 10000)
    {
        QString text;
        QElapsedTimer t;
        t.start();
        auto *poll = new QTimer(this);
        connect(poll, &QTimer::timeout, this, [&, poll] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            poll->stop();
            text = box->text();
            for (QAbstractButton *b : box->buttons()) {
                if (b->text() == button)
                    b->click();
            }
        });
        poll->start(20);
        while (poll->isActive() && t.elapsed() < ms)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        poll->deleteLater();
        return text;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(!installTranslations(QLocale(QLocale::English)).isEmpty()); }

    void cleanup()
    {
        delete m_window;
        delete m_app;
        m_window = nullptr;
        m_app = nullptr;
        // The ledger, like the conversations, is the storage thread's.
        QCOMPARE(UsageLedger::guiThreadCalls(), 0);
        QCOMPARE(ConversationStore::guiThreadUse().calls, 0);
        delete m_random;
        delete m_clock;
        QDir(m_dir.filePath(QStringLiteral("conversations"))).removeRecursively();
        QFile::remove(m_dir.filePath(QStringLiteral("settings.ini")));
        QFile::remove(demoLedger());
        QFile::remove(m_dir.filePath(QStringLiteral("usage.jsonl")));
    }

    void theUsageWindowShowsTheLedger()
    {
        const QString sonnet = QStringLiteral("claude-sonnet-4-6");
        const QString opus = QStringLiteral("claude-opus-4-8");
        const QString haiku = QStringLiteral("claude-haiku-4-5");
        start({spent(kNow.addSecs(-600), 0.50, sonnet, QStringLiteral("deadbeef-gone")),
               spent(kNow.addDays(-1), 0.25, haiku),
               spent(kNow.addDays(-10), 2.00, opus, {}, QStringLiteral("work")),
               spent(kNow.addDays(-40), 4.00, sonnet)},
              {5, 50, 0}, "a damaged line\n");
        // One real answer today, in a conversation with a title.
        m_window->send(QStringLiteral("How do breakwaters work?"));
        waitForAnswer();
        const double answerCost = m_window->conversation()->at(1).costUsd;
        QVERIFY(answerCost > 0);
        QTRY_VERIFY(!m_app->library()->entries().isEmpty());

        UsageWindow *usage = openUsage();
        QTRY_COMPARE(usage->report().total().requests, 5);
        QCOMPARE(usage->report().damagedLines, 1);
        // The chart: 30 days, one stacked set per model, today's sonnet = both of today's.
        QStackedBarSeries *series = usage->series();
        QCOMPARE(series->count(), 3);
        QStringList labels;
        for (QBarSet *set : series->barSets())
            labels << set->label();
        QCOMPARE(labels, (QStringList{opus, sonnet, haiku}));
        QBarSet *sonnetSet = series->barSets().at(1);
        QCOMPARE(sonnetSet->count(), 30);
        QVERIFY(qAbs(sonnetSet->at(29) - (0.50 + answerCost)) < 1e-9);
        QCOMPARE(series->barSets().at(2)->at(28), 0.25); // yesterday
        QCOMPARE(series->barSets().at(0)->at(19), 2.00); // ten days ago
        // Per profile: the current one against its budgets.
        QTableWidget *profiles = usage->profileTable();
        QCOMPARE(profiles->rowCount(), 2);
        QCOMPARE(profiles->item(0, 0)->text(), QStringLiteral("default (current)"));
        QVERIFY2(profiles->item(0, 1)->text().endsWith(QStringLiteral("of $5.00")),
                 qPrintable(profiles->item(0, 1)->text()));
        QCOMPARE(profiles->item(1, 0)->text(), QStringLiteral("work"));
        // Per conversation: titles where known; spend of a deleted one still counts.
        QTableWidget *conversations = usage->conversationTable();
        QCOMPARE(conversations->rowCount(), 3);
        QStringList names;
        for (int r = 0; r < conversations->rowCount(); ++r)
            names << conversations->item(r, 0)->text();
        QVERIFY2(names.contains(m_window->conversation()->title()), qPrintable(names.join(u'|')));
        QVERIFY(names.contains(QStringLiteral("Deleted or elsewhere (deadbeef…)")));
        QVERIFY(names.contains(QStringLiteral("One-shots and batches")));
        QVERIFY2(usage->summaryText().contains(QStringLiteral("1 damaged line skipped")),
                 qPrintable(usage->summaryText()));
        QVERIFY(usage->summaryText().contains(demoLedger()));
    }

    void aNewAnswerShowsUpWhileItIsOpen()
    {
        start();
        UsageWindow *usage = openUsage();
        QCOMPARE(usage->report().total().requests, 0);
        m_window->send(QStringLiteral("hello"));
        waitForAnswer();
        QTRY_COMPARE(usage->report().total().requests, 1);
        QCOMPARE(usage->series()->count(), 1);
        // The demo's spend never mixes with what Claude cost.
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("usage.jsonl"))));
    }

    // The ledger is not the conversations: deleting one keeps what it cost.
    void totalsSurviveDeletingTheConversation()
    {
        start();
        m_window->send(QStringLiteral("Something that costs"));
        waitForAnswer();
        const QString id = m_window->conversation()->id();
        QTRY_VERIFY(!m_app->library()->entries().isEmpty());
        const QString path = m_app->conversationPath(id);
        m_app->deleteConversation(path);
        m_app->waitForStorage();
        QTRY_VERIFY(m_app->library()->entries().isEmpty());
        QVERIFY(!QFile::exists(path));
        UsageWindow *usage = openUsage();
        QTRY_COMPARE(usage->report().total().requests, 1);
        QCOMPARE(usage->report().totals(UsageReport::By::Conversation).first().key, id);
        QCOMPARE(usage->conversationTable()->item(0, 0)->text(),
                 QStringLiteral("Deleted or elsewhere (%1…)").arg(id.left(8)));
    }

    void exportWritesCsv()
    {
        start({spent(kNow, 0.5, QStringLiteral("claude-sonnet-4-6"), QStringLiteral("c1")),
               spent(kNow.addDays(-2), 1.5, QStringLiteral("claude-opus-4-8"))});
        UsageWindow *usage = openUsage();
        const QString path = m_dir.filePath(QStringLiteral("export.csv"));
        usage->exportCsv(path);
        QTRY_VERIFY(usage->statusText().contains(QStringLiteral("exported")));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith("date,profile,model,conversation,requests,"));
        QVERIFY2(lines[1].startsWith("2026-03-13,default,claude-opus-4-8,,1,"),
                 lines[1].constData());
        QVERIFY2(lines[2].endsWith(",0.500000"), lines[2].constData());
        QCOMPARE(f.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());
        QFile::remove(path);
    }

    // At 80% of the day's budget a warning in the status bar, and the answer goes out; at 100%
    // nothing goes out: a dialog says which budget, Cancel keeps it unsent, "Send this one
    // anyway" sends it.
    void budgetsWarnThenStopWithSendAnyway()
    {
        start({spent(kNow.addSecs(-60), 0.85, QStringLiteral("claude-sonnet-4-6"))}, {1, 0, 0});
        QSignalSpy messages(m_window->statusBar(), &QStatusBar::messageChanged);
        m_window->send(QStringLiteral("First"));
        waitForAnswer();
        QCOMPARE(sim()->requestCount(), 1);
        bool warned = false;
        for (const QList<QVariant> &m : messages)
            warned |= m.first().toString().contains(QStringLiteral("of today's budget of $1.00"));
        QVERIFY(warned);

        m_app->spendMeter()->record(QStringLiteral("claude-sonnet-4-6"), {50000, 0, 0, 0}, {},
                                    UsageRecord::Source::Chat); // $0.15: over it now
        m_window->send(QStringLiteral("Second"));
        QString asked = answerNextMessageBox(QStringLiteral("Cancel"));
        QVERIFY2(asked.contains(QStringLiteral("daily budget of $1.00 is reached")),
                 qPrintable(asked));
        waitForAnswer();
        QCOMPARE(sim()->requestCount(), 1);
        const int last = m_window->conversation()->count() - 1;
        QCOMPARE(m_window->conversation()->at(last).errorKind, ErrorKind::Budget);
        QCOMPARE(m_window->conversation()->at(last - 1).text, QStringLiteral("Second"));
        QVERIFY(m_window->transcript()->widgetAt(last)->bannerText().contains(
            QStringLiteral("budget")));

        // The banner's Retry asks again; this time: send it anyway.
        m_window->session()->retry(last);
        asked = answerNextMessageBox(QStringLiteral("Send this one anyway"));
        QVERIFY(!asked.isEmpty());
        waitForAnswer();
        QCOMPARE(sim()->requestCount(), 2);
        QCOMPARE(m_window->conversation()->at(last).status, MessageStatus::Complete);
        // The one after it is stopped again.
        m_window->send(QStringLiteral("Third"));
        answerNextMessageBox(QStringLiteral("Cancel"));
        waitForAnswer();
        QCOMPARE(sim()->requestCount(), 2);
    }

    // The month's and the conversation's budgets warn and stop in the window as the day's does.
    void monthAndConversationBudgetsWarnThenStop_data()
    {
        QTest::addColumn<bool>("month");
        QTest::addColumn<QString>("warning");
        QTest::addColumn<QString>("stop");
        QTest::newRow("month") << true << QStringLiteral("of this month's budget of $1.00")
                               << QStringLiteral("monthly budget of $1.00 is reached");
        QTest::newRow("conversation")
            << false << QStringLiteral("of this conversation's budget of $1.00")
            << QStringLiteral("This conversation's budget of $1.00 is reached");
    }

    void monthAndConversationBudgetsWarnThenStop()
    {
        QFETCH(bool, month);
        QFETCH(QString, warning);
        QFETCH(QString, stop);
        const QString sonnet = QStringLiteral("claude-sonnet-4-6");
        // Spent earlier this month, in another conversation: counts for the month only.
        start({spent(kNow.addDays(-10), month ? 0.85 : 5.0, sonnet, QStringLiteral("other"))},
              {0, month ? 1.0 : 0, month ? 0 : 1.0});
        const QString id = m_window->conversation()->id();
        QVERIFY(!id.isEmpty());
        if (!month) // $0.85 in this conversation
            m_app->spendMeter()->record(sonnet, {283'334, 0, 0, 0}, id, UsageRecord::Source::Chat);
        QSignalSpy messages(m_window->statusBar(), &QStatusBar::messageChanged);
        m_window->send(QStringLiteral("First"));
        waitForAnswer();
        QCOMPARE(sim()->requestCount(), 1);
        QStringList shown;
        for (const QList<QVariant> &m : messages)
            shown << m.first().toString();
        QVERIFY2(shown.join(u'\n').contains(warning), qPrintable(shown.join(u'\n')));

        m_app->spendMeter()->record(sonnet, {50'000, 0, 0, 0}, month ? QString() : id,
                                    UsageRecord::Source::Chat); // $0.15: over it now
        m_window->send(QStringLiteral("Second"));
        const QString asked = answerNextMessageBox(QStringLiteral("Cancel"));
        QVERIFY2(asked.contains(stop), qPrintable(asked));
        waitForAnswer();
        QCOMPARE(sim()->requestCount(), 1);
        QCOMPARE(m_window->conversation()->at(m_window->conversation()->count() - 1).errorKind,
                 ErrorKind::Budget);
    }

    void settingsHaveTheProfilesBudgets()
    {
        start();
        EngineSettings s = m_app->settingsStore().load();
        s.budgets = {5, 50, 2.5};
        SettingsDialog dialog(s, {}, {QStringLiteral("default"), QStringLiteral("work")});
        EngineSettings work = s;
        work.profile = QStringLiteral("work");
        work.budgets = {1, 0, 0};
        dialog.setProfileLoader([&work](const QString &) { return work; });
        auto box = [&dialog](const QString &name) {
            for (QDoubleSpinBox *b : dialog.findChildren<QDoubleSpinBox *>()) {
                if (b->accessibleName() == name)
                    return b;
            }
            return static_cast<QDoubleSpinBox *>(nullptr);
        };
        QDoubleSpinBox *day = box(QStringLiteral("Daily budget"));
        QDoubleSpinBox *month = box(QStringLiteral("Monthly budget"));
        QDoubleSpinBox *conversation = box(QStringLiteral("Budget per conversation"));
        QVERIFY(day && month && conversation);
        QCOMPARE(day->value(), 5.0);
        QCOMPARE(month->value(), 50.0);
        QCOMPARE(conversation->value(), 2.5);
        QCOMPARE(month->specialValueText(), QStringLiteral("No limit"));
        day->setValue(7.25);
        QCOMPARE(dialog.values().budgets, (SpendBudgets{7.25, 50, 2.5}));
        // Another profile, its own budgets.
        QComboBox *profile = nullptr;
        for (QComboBox *c : dialog.findChildren<QComboBox *>()) {
            if (c->accessibleName() == u"Profile")
                profile = c;
        }
        QVERIFY(profile);
        profile->setCurrentText(QStringLiteral("work"));
        QCOMPARE(day->value(), 1.0);
        QCOMPARE(month->value(), 0.0);
        // Saved per profile and read back.
        QVERIFY(m_app->settingsStore().save(dialog.values()));
        QCOMPARE(m_app->settingsStore().load(QStringLiteral("work")).budgets,
                 (SpendBudgets{1, 0, 0}));
        QCOMPARE(m_app->settingsStore().load(QStringLiteral("default")).budgets, SpendBudgets{});
    }

    // Regression: the boxes had two decimals: a settings.ini budget of 0.004 showed "No limit"
    // and OK saved 0. A budget the box cannot show in cents shows more digits and is kept.
    void aBudgetBelowACentIsKept()
    {
        start();
        EngineSettings s = m_app->settingsStore().load();
        s.budgets = {0.004, 0.1234567, 3};
        SettingsDialog dialog(s, {}, {QStringLiteral("default")});
        QDoubleSpinBox *day = nullptr;
        for (QDoubleSpinBox *b : dialog.findChildren<QDoubleSpinBox *>()) {
            if (b->accessibleName() == u"Daily budget")
                day = b;
        }
        QVERIFY(day);
        QVERIFY2(!day->text().contains(QStringLiteral("No limit")), qPrintable(day->text()));
        QVERIFY2(day->text().contains(QStringLiteral("0.004")), qPrintable(day->text()));
        QCOMPARE(dialog.values().budgets, s.budgets); // OK changes nothing
        day->setValue(0.5);
        QCOMPARE(dialog.values().budgets.dayUsd, 0.5);
    }

    void aBatchStopsAtTheBudget()
    {
        // Just under the day's budget: the first prompt goes, the rest wait for nothing.
        start({spent(kNow.addSecs(-60), 0.0099, QStringLiteral("claude-sonnet-4-6"))},
              {0.01, 0, 0});
        BatchWindow *batch = m_window->openBatchWindow();
        batch->setAdaptive(false, 1);
        batch->setPrompts(QStringLiteral("one\ntwo\nthree\nfour"));
        QVERIFY(batch->run());
        m_clock->advance(100); // the queue's flush interval, on the engine's clock
        QTRY_VERIFY_WITH_TIMEOUT(!batch->isRunning(), 15000);
        QCOMPARE(sim()->requestCount(), 1);
        QCOMPARE(batch->table()->item(0, 2)->text(), QStringLiteral("ok"));
        for (int row = 1; row < 4; ++row)
            QCOMPARE(batch->table()->item(row, 2)->text(), QStringLiteral("failed: budget"));
        QVERIFY2(batch->progressText().contains(QStringLiteral("Stopped: The daily budget")),
                 qPrintable(batch->progressText()));
        QVERIFY(batch->queue()->spentUsd() > 0);
        QVERIFY2(batch->progressText().contains(BudgetVerdict::money(batch->queue()->spentUsd())),
                 qPrintable(batch->progressText()));
    }
};

QTEST_MAIN(TestUsageWindow)
#include "tst_usagewindow.moc"
