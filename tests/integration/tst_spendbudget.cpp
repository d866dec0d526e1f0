// Spend over the simulator: every request that reached the API lands in the usage ledger once
// (answers, interrupted ones, summaries, batch items), budgets stop a request before it is sent
// (and "send this one anyway" sends it), a batch stops at its budget between items, and the
// workspace's spend limit fails at once: exactly one request reaches the server.
#include "base/manualclock.h"
#include "chat/answerjob.h"
#include "chat/batchqueue.h"
#include "chat/chatsession.h"
#include "chat/contextcompressor.h"
#include "chat/conversation.h"
#include "chat/pricetable.h"
#include "chat/spendmeter.h"
#include "chat/storagequeue.h"
#include "chat/usageledger.h"
#include "resilience/concurrencylimiter.h"
#include "resilience/randomsource.h"
#include "resilience/resilientclient.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace bw;
using namespace bw::test;

namespace {

// Noon UTC: the same calendar day in every time zone within twelve hours of it.
const QDateTime kNow(QDate(2026, 3, 15), QTime(12, 0), Qt::UTC);
const QString kModel = QStringLiteral("claude-sonnet-4-6");

} // namespace

class TestSpendBudget : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    sim::ApiSimulator *m_sim = nullptr;
    AnthropicClient *m_client = nullptr;
    ManualClock *m_clock = nullptr;
    SeededRandom m_random{5};
    ResilientClient *m_engine = nullptr;
    Conversation *m_conversation = nullptr;
    ChatSession *m_session = nullptr;
    SpendMeter *m_meter = nullptr;
    PriceTable m_prices = PriceTable::load();

    QString ledgerPath() const { return m_dir.filePath(QStringLiteral("usage.jsonl")); }

    QList<UsageRecord> ledger(int *damaged = nullptr) const
    {
        QList<UsageRecord> list;
        const UsageLedger::Read r =
            UsageLedger(ledgerPath()).read(0, [&list](const UsageRecord &x) { list << x; });
        if (damaged)
            *damaged = r.damaged;
        return list;
    }

    // What was spent before this process: one record of `usd` now, in `conversation`.
    void spentBefore(double usd, const QString &conversation = {})
    {
        UsageRecord r;
        r.time = kNow.addSecs(-60);
        r.profile = QStringLiteral("default");
        r.model = kModel;
        r.conversationId = conversation;
        r.usage = {1, 1, 0, 0};
        r.costUsd = usd;
        QVERIFY(UsageLedger(ledgerPath()).append(r));
    }

    void waitIdle()
    {
        QElapsedTimer t;
        t.start();
        while (m_session->isBusy() && t.elapsed() < 10000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            if (m_session->activeJob() && m_session->activeJob()->isWaiting())
                m_clock->advanceToNext();
        }
        QVERIFY(!m_session->isBusy());
    }

    // Runs the network (the clock stands still: no test here waits for a retry).
    static void waitFinished(const BatchQueue &queue) { QTRY_VERIFY(queue.isFinished()); }

    struct Outcome
    {
        bool finished = false;
        ApiError error;
        QStringList notices;
        int retries = 0;
    };

    Outcome send(const QString &text)
    {
        Outcome o;
        QMetaObject::Connection c =
            connect(m_session, &ChatSession::answerStarted, this, [&o](AnswerJob *job) {
                connect(job, &AnswerJob::finished, [&o] { o.finished = true; });
                connect(job, &AnswerJob::failed, [&o](const ApiError &e) { o.error = e; });
                connect(job, &AnswerJob::notice, [&o](const QString &n) { o.notices << n; });
                connect(job, &AnswerJob::retryScheduled, [&o] { ++o.retries; });
            });
        if (text.isEmpty())
            m_session->retry(m_conversation->count() - 1);
        else
            m_session->send(text);
        disconnect(c);
        waitIdle();
        return o;
    }

private Q_SLOTS:
    void init()
    {
        m_sim = new sim::ApiSimulator;
        QVERIFY(m_sim->listen());
        m_client = new AnthropicClient(configFor(*m_sim));
        m_clock = new ManualClock(kNow);
        GuardConfig g;
        g.retry.maxAttempts = 4;
        g.totalTimeoutMs = 0;
        BreakerConfig b;
        b.failureThreshold = 100;
        m_engine = new ResilientClient(m_client, nullptr, g, b, m_clock, &m_random);
        m_conversation = new Conversation;
        m_session = new ChatSession(m_engine, m_conversation, &m_prices);
        m_session->setModel(kModel);
        m_session->setMaxTokens(1000);
        m_meter = new SpendMeter(m_clock, &m_prices);
        m_meter->setProfile(QStringLiteral("default"));
        m_meter->setLedger(ledgerPath());
        m_session->setSpendMeter(m_meter);
    }

    void cleanup()
    {
        delete m_session;
        delete m_meter;
        delete m_conversation;
        delete m_engine;
        delete m_client;
        delete m_clock;
        delete m_sim;
        QFile::remove(ledgerPath());
    }

    void anAnswerIsRecordedOnceWithoutItsText()
    {
        const Outcome o = send(QStringLiteral("A secret prompt about harbours"));
        QVERIFY(o.finished);
        const QList<UsageRecord> lines = ledger();
        QCOMPARE(lines.size(), 1);
        const ChatMessage &answer = m_conversation->at(1);
        const UsageRecord &r = lines.first();
        QCOMPARE(r.time, kNow); // the injected clock's
        QCOMPARE(r.profile, QStringLiteral("default"));
        QCOMPARE(r.model, kModel);
        QCOMPARE(r.conversationId, m_conversation->id());
        QCOMPARE(r.source, UsageRecord::Source::Chat);
        QVERIFY(r.usage.inputTokens > 0 && r.usage.outputTokens > 0);
        QCOMPARE(r.usage.outputTokens, answer.usage.outputTokens);
        QCOMPARE(r.usage.inputTokens, answer.usage.inputTokens);
        QCOMPARE(r.costUsd, m_prices.cost(kModel, answer.usage));
        QVERIFY(r.costUsd > 0);
        QFile f(ledgerPath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(!bytes.contains("secret"));
        QVERIFY(!bytes.contains(kTestKey));
        QVERIFY(!bytes.contains(answer.text.left(20).toUtf8()));
    }

    // An answer cut off after its first words was billed for what it used: it is recorded.
    void anInterruptedAnswerThatReportedUsageIsRecorded()
    {
        m_sim->setScript(sim::SimBehaviour::parseScript(u"reset-mid:after=5").value());
        const Outcome o = send(QStringLiteral("Tell me about breakwaters"));
        QVERIFY(!o.finished);
        QVERIFY(o.error.partial);
        const QList<UsageRecord> lines = ledger();
        QCOMPARE(lines.size(), 1);
        QVERIFY(lines.first().usage.inputTokens > 0);
    }

    void aRequestRefusedWithoutUsageIsNotRecorded()
    {
        m_sim->setScript(sim::SimBehaviour::parseScript(u"401").value());
        const Outcome o = send(QStringLiteral("hello"));
        QCOMPARE(o.error.kind, ErrorKind::Auth);
        QCOMPARE(m_sim->requestCount(), 1);
        QVERIFY(ledger().isEmpty());
    }

    // Each budget: at 80% a warning and the answer goes; at 100% nothing is sent, the answer says
    // which budget, and "send this one anyway" sends it.
    void eachBudgetWarnsThenStops_data()
    {
        QTest::addColumn<int>("scope");
        QTest::newRow("day") << int(BudgetVerdict::Scope::Day);
        QTest::newRow("month") << int(BudgetVerdict::Scope::Month);
        QTest::newRow("conversation") << int(BudgetVerdict::Scope::Conversation);
    }

    void eachBudgetWarnsThenStops()
    {
        QFETCH(int, scope);
        const auto s = BudgetVerdict::Scope(scope);
        SpendBudgets budgets{100, 100, 100};
        double &budget = s == BudgetVerdict::Scope::Day     ? budgets.dayUsd
                         : s == BudgetVerdict::Scope::Month ? budgets.monthUsd
                                                            : budgets.conversationUsd;
        budget = 1.0;
        m_meter->setBudgets(budgets);
        const QString word = s == BudgetVerdict::Scope::Day     ? QStringLiteral("day")
                             : s == BudgetVerdict::Scope::Month ? QStringLiteral("month")
                                                                : QStringLiteral("conversation");
        // 85%: a warning, and the answer goes out.
        spentBefore(0.85, m_conversation->id());
        Outcome o = send(QStringLiteral("First question"));
        QVERIFY(o.finished);
        QCOMPARE(o.notices.size(), 1);
        QVERIFY2(o.notices.first().contains(word), qPrintable(o.notices.first()));
        QVERIFY2(o.notices.first().contains(QStringLiteral("left")), qPrintable(o.notices.first()));
        QCOMPARE(m_sim->requestCount(), 1);

        // 100%: not sent.
        spentBefore(0.15, m_conversation->id());
        o = send(QStringLiteral("Second question"));
        QVERIFY(!o.finished);
        QCOMPARE(o.error.kind, ErrorKind::Budget);
        QVERIFY2(o.error.message.contains(word), qPrintable(o.error.message));
        QVERIFY2(o.error.message.contains(QStringLiteral("reached")), qPrintable(o.error.message));
        QCOMPARE(m_sim->requestCount(), 1); // nothing reached the server
        const ChatMessage &stopped = m_conversation->at(m_conversation->count() - 1);
        QCOMPARE(stopped.status, MessageStatus::Failed);
        QCOMPARE(stopped.errorKind, ErrorKind::Budget);
        QVERIFY(stopped.errorText.contains(word));
        QCOMPARE(m_conversation->at(m_conversation->count() - 2).text,
                 QStringLiteral("Second question")); // the prompt is kept
        // A conversation's budget is its own: a new one may spend.
        if (s == BudgetVerdict::Scope::Conversation) {
            Conversation other;
            m_session->setConversation(&other);
            QVERIFY(send(QStringLiteral("Elsewhere")).finished);
            m_session->setConversation(m_conversation);
            QCOMPARE(m_sim->requestCount(), 2);
        }
        const int before = m_sim->requestCount();

        // Send this one anyway: the same answer, sent; the next one is checked again.
        m_session->allowNextOverBudget();
        o = send(QString()); // retry the stopped answer
        QVERIFY(o.finished);
        QCOMPARE(m_sim->requestCount(), before + 1);
        o = send(QStringLiteral("Third question"));
        QCOMPARE(o.error.kind, ErrorKind::Budget);
        QCOMPARE(m_sim->requestCount(), before + 1);
    }

    // Regression: the window reads the ledger in the background; an answer sent before that
    // read ended was checked against $0 and went out over the budget. It waits for the read.
    void anAnswerSentBeforeTheLedgerIsReadWaitsForIt()
    {
        spentBefore(2.0);
        StorageQueue queue;
        m_meter->setBudgets({1, 0, 0});
        m_meter->setLedger(ledgerPath(), &queue);
        QVERIFY(!m_meter->isLoaded());
        const Outcome o = send(QStringLiteral("Too early?"));
        QVERIFY(m_meter->isLoaded());
        QVERIFY(!o.finished);
        QCOMPARE(o.error.kind, ErrorKind::Budget);
        QCOMPARE(m_sim->requestCount(), 0);
        queue.waitForDone();
        m_meter->setLedger(ledgerPath()); // before the queue goes
    }

    // A summary is a request: recorded as one, under its conversation, and not written while a
    // budget is reached.
    void aSummaryIsRecordedAsSuch()
    {
        ContextCompressor compressor(m_engine);
        compressor.setSpendMeter(m_meter);
        CompressionSettings cs;
        cs.keepRecent = 2;
        compressor.setSettings(cs);
        for (int i = 0; i < 3; ++i) {
            m_conversation->append(ChatMessage::user(QStringLiteral("Question %1").arg(i), kNow));
            ChatMessage a = ChatMessage::assistant(kModel, kNow);
            a.text = QString(400, QLatin1Char('w'));
            a.status = MessageStatus::Complete;
            m_conversation->append(a);
        }
        auto run = [&]() -> ContextCompressor::Outcome {
            ContextCompressor::Outcome outcome;
            bool done = false;
            compressor.compressNow(m_conversation, [&](const ContextCompressor::Outcome &o) {
                outcome = o;
                done = true;
            });
            QElapsedTimer t;
            t.start();
            while (!done && t.elapsed() < 10000)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            return outcome;
        };
        QCOMPARE(run().kind, ContextCompressor::Outcome::Kind::Compressed);
        const QList<UsageRecord> lines = ledger();
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines.first().source, UsageRecord::Source::Summary);
        QCOMPARE(lines.first().conversationId, m_conversation->id());
        QCOMPARE(lines.first().model, cs.summaryModel);

        m_meter->setBudgets({0.000001, 0, 0});
        m_conversation->append(ChatMessage::user(QStringLiteral("And then?"), kNow));
        ChatMessage a = ChatMessage::assistant(kModel, kNow);
        a.text = QString(400, QLatin1Char('w'));
        a.status = MessageStatus::Complete;
        m_conversation->append(a);
        m_conversation->append(ChatMessage::user(QStringLiteral("And after that?"), kNow));
        QVERIFY(compressor.foldEnd(*m_conversation, m_conversation->count()) >= 0);
        const ContextCompressor::Outcome stopped = run();
        QCOMPARE(stopped.kind, ContextCompressor::Outcome::Kind::Failed);
        QCOMPARE(stopped.error.kind, ErrorKind::Budget);
        QCOMPARE(m_sim->requestCount(), 1);
    }

    // Three turns long enough to be folded into a summary.
    void fillConversation(int turns = 3)
    {
        for (int i = 0; i < turns; ++i) {
            m_conversation->append(ChatMessage::user(QStringLiteral("Question %1").arg(i), kNow));
            ChatMessage a = ChatMessage::assistant(kModel, kNow);
            a.text = QString(2000, QLatin1Char('w'));
            a.status = MessageStatus::Complete;
            m_conversation->append(a);
        }
    }

    // Regression (issue 15, #9): a one-shot `ask` records its answer without a conversation, but
    // the summary made for it was recorded under the conversation's id: a conversation that
    // `usage --by conversation` listed and no file has.
    void aSummaryForAnUntrackedAnswerHasNoConversation()
    {
        ContextCompressor compressor(m_engine);
        compressor.setSpendMeter(m_meter);
        CompressionSettings cs;
        cs.keepRecent = 2;
        cs.compressAtTokens = 1000;
        compressor.setSettings(cs);
        m_session->setCompressor(&compressor);
        m_session->setSpendMeter(m_meter, false);
        fillConversation();
        QVERIFY(send(QStringLiteral("And now?")).finished);
        const QList<UsageRecord> lines = ledger();
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0).source, UsageRecord::Source::Summary);
        QCOMPARE(lines.at(1).source, UsageRecord::Source::Chat);
        for (const UsageRecord &r : lines)
            QVERIFY2(r.conversationId.isEmpty(), qPrintable(r.conversationId));
        m_session->setCompressor(nullptr);
    }

    // ... and the compression an answer asks for after a full context follows the answer's "Send
    // this one anyway" (it checked the budgets again and gave up).
    void aCompressionForAnAnswerSentAnywayGoesToo()
    {
        ContextCompressor compressor(m_engine);
        compressor.setSpendMeter(m_meter);
        CompressionSettings cs;
        cs.keepRecent = 2;
        cs.compressAtTokens = 1'000'000; // not before the request: only after the full context
        compressor.setSettings(cs);
        m_session->setCompressor(&compressor);
        fillConversation();
        m_meter->setBudgets({1.0, 0, 0});
        spentBefore(1.0);
        m_sim->setScript(sim::SimBehaviour::parseScript(u"context-full:after=0").value());
        m_session->allowNextOverBudget();
        const Outcome o = send(QStringLiteral("And now?"));
        QVERIFY2(o.finished, qPrintable(o.error.describe() + o.notices.join(u'\n')));
        QVERIFY(!m_conversation->summary().isEmpty()); // compressed, then answered again
        QList<UsageRecord::Source> sources;
        for (const UsageRecord &r : ledger())
            sources << r.source;
        QCOMPARE(sources, (QList<UsageRecord::Source>{UsageRecord::Source::Chat, // the 1.0 before
                                                      UsageRecord::Source::Chat,
                                                      UsageRecord::Source::Summary,
                                                      UsageRecord::Source::Chat}));
        m_session->setCompressor(nullptr);
    }

    // Regression (issue 15, #10): each regenerate or edit a budget refused left an empty failed
    // version behind. Refused before anything is made now; sent anyway, it goes.
    void aRefusedNewVersionLeavesNoVersion()
    {
        QVERIFY(send(QStringLiteral("First question")).finished);
        const ChatMessage answer = m_conversation->at(1);
        m_meter->setBudgets({0.000001, 0, 0});
        QString why;
        QVERIFY(!m_session->regenerate(1, &why));
        QCOMPARE(m_session->refusal().kind, ErrorKind::Budget);
        QVERIFY2(why.contains(QStringLiteral("Not sent")), qPrintable(why));
        QVERIFY(!m_session->edit(0, QStringLiteral("Another question"), &why));
        QCOMPARE(m_session->refusal().kind, ErrorKind::Budget);
        QVERIFY(!m_session->retryWithHigherLimit(1, &why));
        QCOMPARE(m_session->refusal().kind, ErrorKind::Budget);
        QCOMPARE(m_conversation->versionCount(1), 1);
        QCOMPARE(m_conversation->versionCount(0), 1);
        QCOMPARE(m_conversation->count(), 2);
        QCOMPARE(m_conversation->at(1), answer);
        QCOMPARE(m_sim->requestCount(), 1);
        // Another reason to refuse is no budget refusal.
        QVERIFY(!m_session->regenerate(0, &why));
        QCOMPARE(m_session->refusal().kind, ErrorKind::None);
        m_session->allowNextOverBudget();
        QVERIFY(m_session->regenerate(1));
        waitIdle();
        QCOMPARE(m_conversation->versionCount(1), 2);
        QCOMPARE(m_conversation->at(1).status, MessageStatus::Complete);
        QCOMPARE(m_sim->requestCount(), 2);
    }

    // A batch counts what its items cost and stops at the budget between items: the ones not yet
    // sent fail as `budget`, the server never sees them.
    void aBatchStopsAtItsBudgetBetweenItems()
    {
        LimiterConfig c;
        c.initial = 1; // one at a time: the budget is checked after each
        ConcurrencyLimiter limiter(c, m_engine->clock());
        BatchQueue queue(m_engine, &limiter);
        queue.setModel(kModel);
        queue.setMaxTokens(100);
        queue.setMaxBatchSize(1); // flushed at once: the flush timer runs on the manual clock
        queue.setSpendMeter(m_meter);
        m_meter->setRunBudget(0.0001); // less than one answer costs
        QSignalSpy notices(&queue, &BatchQueue::notice);
        queue.submit({QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three"),
                      QStringLiteral("four")});
        waitFinished(queue);
        QCOMPARE(m_sim->requestCount(), 1);
        QCOMPARE(queue.items()[0].state, BatchItem::State::Succeeded);
        for (int i = 1; i < 4; ++i) {
            QCOMPARE(queue.items()[i].state, BatchItem::State::Failed);
            QCOMPARE(queue.items()[i].error.kind, ErrorKind::Budget);
            QVERIFY2(queue.items()[i].error.message.contains(QStringLiteral("this run")),
                     qPrintable(queue.items()[i].error.message));
        }
        const QList<UsageRecord> lines = ledger();
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines.first().source, UsageRecord::Source::Batch);
        QCOMPARE(lines.first().conversationId, QString());
        QCOMPARE(queue.spentUsd(), lines.first().costUsd);
        QCOMPARE(notices.count(), 0); // it went from nothing to over in one item
    }

    // The workspace's spend limit fails at once with a plain sentence: one request, no retry.
    void aSpendLimitIsNotRetried_data()
    {
        QTest::addColumn<QString>("behaviour");
        QTest::addColumn<int>("status");
        QTest::newRow("429 error code") << QStringLiteral("spend-limit") << 429;
        QTest::newRow("429 message only") << QStringLiteral("spend-limit:no-code") << 429;
        QTest::newRow("400 usage limits") << QStringLiteral("spend-limit:status=400") << 400;
    }

    void aSpendLimitIsNotRetried()
    {
        QFETCH(QString, behaviour);
        QFETCH(int, status);
        m_sim->setScript(sim::SimBehaviour::parseScript(behaviour + QStringLiteral("*4")).value());
        const Outcome o = send(QStringLiteral("hello"));
        QCOMPARE(o.error.kind, ErrorKind::SpendLimit);
        QCOMPARE(o.error.httpStatus, status);
        QCOMPARE(o.retries, 0);
        QCOMPARE(m_sim->requestCount(), 1); // exactly one request reached the server
        QVERIFY2(o.error.sentence().startsWith(
                     QStringLiteral("The workspace has reached its spend limit")),
                 qPrintable(o.error.sentence()));
        QVERIFY(ledger().isEmpty()); // refused: nothing billed
    }

    // The control: a plain 429 with a hint is retried.
    void aRateLimitIsStillRetried()
    {
        m_sim->setScript(sim::SimBehaviour::parseScript(u"429:retry-after=1,ok").value());
        const Outcome o = send(QStringLiteral("hello"));
        QVERIFY(o.finished);
        QCOMPARE(o.retries, 1);
        QCOMPARE(m_sim->requestCount(), 2);
    }

    // In a batch, one spend-limit refusal stops the prompts still waiting (they would all fail).
    void aSpendLimitStopsTheRestOfABatch()
    {
        LimiterConfig c;
        c.initial = 1;
        ConcurrencyLimiter limiter(c, m_engine->clock());
        BatchQueue queue(m_engine, &limiter);
        queue.setModel(kModel);
        queue.setMaxTokens(100);
        queue.setMaxBatchSize(1); // flushed at once: the flush timer runs on the manual clock
        m_sim->setScript(sim::SimBehaviour::parseScript(u"spend-limit*5").value());
        queue.submit({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
        waitFinished(queue);
        QCOMPARE(m_sim->requestCount(), 1);
        for (const BatchItem &item : queue.items()) {
            QCOMPARE(item.state, BatchItem::State::Failed);
            QCOMPARE(item.error.kind, ErrorKind::SpendLimit);
        }
    }
};

QTEST_GUILESS_MAIN(TestSpendBudget)
#include "tst_spendbudget.moc"
