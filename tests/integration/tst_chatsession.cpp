// ChatSession and its AnswerJobs over the simulator: the conversation receives the stream,
// failures keep every word that arrived, and every answer ends exactly once in every path.
#include "base/manualclock.h"
#include "chat/answerjob.h"
#include "chat/autosaver.h"
#include "chat/chatsession.h"
#include "chat/contextcompressor.h"
#include "chat/conversationstore.h"
#include "chat/pricetable.h"
#include "chat/storagequeue.h"
#include "chat/streamstats.h"
#include "resilience/randomsource.h"
#include "resilience/resilientclient.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace bw;
using namespace bw::test;

namespace {

// Everything one job said about its end.
struct Ending
{
    QPointer<AnswerJob> job;
    int finished = 0;
    int failed = 0;
    int ended = 0;
    ApiError error;
    QList<AnswerJob::Stage> stages;

    int finals() const { return finished + failed; }
};

void watch(AnswerJob *job, Ending &e)
{
    e.job = job;
    QObject::connect(job, &AnswerJob::finished, [&e] { ++e.finished; });
    QObject::connect(job, &AnswerJob::failed, [&e](const ApiError &err) {
        ++e.failed;
        e.error = err;
    });
    QObject::connect(job, &AnswerJob::ended, [&e] { ++e.ended; });
    QObject::connect(job, &AnswerJob::stageChanged, [&e](AnswerJob::Stage s) { e.stages << s; });
}

} // namespace

class TestChatSession : public QObject
{
    Q_OBJECT

    sim::ApiSimulator *m_sim = nullptr;
    AnthropicClient *m_client = nullptr;
    ManualClock *m_clock = nullptr;
    SeededRandom m_random{3};
    ResilientClient *m_engine = nullptr;
    Conversation *m_conversation = nullptr;
    ChatSession *m_session = nullptr;
    PriceTable m_prices = PriceTable::load();

    // Runs the network; moves the manual clock only through retry waits (never through a deadline).
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

    QString expected(int assistantIndex) const
    {
        const QJsonObject body =
            QJsonDocument::fromJson(m_session->requestFor(assistantIndex).toJson(true)).object();
        return m_sim->replyTokens(body).join(QString());
    }

    // Sends, watching the job from before it starts.
    AnswerJob *send(const QString &text, Ending &ending)
    {
        QMetaObject::Connection c = connect(m_session, &ChatSession::answerStarted, this,
                                            [&ending](AnswerJob *job) { watch(job, ending); });
        AnswerJob *job = m_session->send(text);
        disconnect(c);
        return job;
    }

    // Until the job is gone (deleted after its end): a second final signal, had there been one,
    // would have come before.
    static void settle(const Ending &e) { QTRY_VERIFY(!e.job); }

private Q_SLOTS:
    void init()
    {
        m_sim = new sim::ApiSimulator;
        QVERIFY(m_sim->listen());
        m_client = new AnthropicClient(configFor(*m_sim));
        m_clock = new ManualClock;
        GuardConfig g;
        g.retry.maxAttempts = 3;
        g.totalTimeoutMs = 0;
        BreakerConfig b;
        b.failureThreshold = 100;
        m_engine = new ResilientClient(m_client, nullptr, g, b, m_clock, &m_random);
        m_conversation = new Conversation;
        m_session = new ChatSession(m_engine, m_conversation, &m_prices);
        m_session->setModel(QStringLiteral("claude-sonnet-4-6"));
        m_session->setMaxTokens(1000);
    }

    void cleanup()
    {
        delete m_session;
        delete m_conversation;
        delete m_engine;
        delete m_client;
        delete m_sim;
        delete m_clock;
    }

    void answerStreamsIntoTheConversation()
    {
        QSignalSpy appended(m_conversation, &Conversation::textAppended);
        QSignalSpy busy(m_session, &ChatSession::busyChanged);
        Ending ending;
        QPointer<AnswerJob> job = send(QStringLiteral("What is a breakwater?"), ending);
        QVERIFY(job);
        QVERIFY(m_session->isBusy());
        QCOMPARE(m_session->activeJob(), job.data());
        QCOMPARE(job->prompt(), QStringLiteral("What is a breakwater?"));
        QCOMPARE(m_conversation->count(), 2);
        QCOMPARE(m_conversation->at(0).text, QStringLiteral("What is a breakwater?"));
        QCOMPARE(m_conversation->title(), QStringLiteral("What is a breakwater?"));
        QCOMPARE(m_conversation->created(), m_clock->wallNow()); // time comes from the clock
        waitIdle();
        const ChatMessage &a = m_conversation->at(1);
        QCOMPARE(a.status, MessageStatus::Complete);
        QCOMPARE(a.text, expected(1));
        QVERIFY(appended.size() >= 1);
        QCOMPARE(a.attempts, 1);
        QCOMPARE(a.usage.outputTokens,
                 qint64(m_sim->replyTokens(m_sim->messageRequests().constLast()).size()));
        QVERIFY(a.usage.inputTokens > 0);
        QVERIFY(a.costUsd > 0);
        QCOMPARE(a.costUsd, m_prices.cost(a.model, a.usage));
        QCOMPARE(a.stopReason, QStringLiteral("end_turn"));
        QCOMPARE(a.finished, m_clock->wallNow());
        QCOMPARE(busy.size(), 2);
        QCOMPARE(m_session->stats()->outputTokens(), a.usage.outputTokens);
        settle(ending);
        QCOMPARE(ending.finished, 1);
        QCOMPARE(ending.failed, 0);
        QCOMPARE(ending.ended, 1);
        QCOMPARE(ending.stages, QList<AnswerJob::Stage>{AnswerJob::Stage::Calling});
        QVERIFY(!job); // deleted after its end
    }

    void followUpCarriesTheHistory()
    {
        QVERIFY(m_session->send(QStringLiteral("first")));
        waitIdle();
        QVERIFY(m_session->send(QStringLiteral("second")));
        waitIdle();
        const QJsonArray sent =
            m_sim->messageRequests().constLast().value(QLatin1String("messages")).toArray();
        QCOMPARE(sent.size(), 3);
        QCOMPARE(sent[1].toObject().value(QLatin1String("content")).toString(),
                 m_conversation->at(1).text);
        QCOMPARE(sent[2].toObject().value(QLatin1String("content")).toString(),
                 QStringLiteral("second"));
    }

    void retriesAreCountedInTheMessage()
    {
        m_sim->setScript(script(QStringLiteral("529,529,ok")));
        Ending ending;
        QSignalSpy retries(m_session, &ChatSession::answerStarted);
        QVERIFY(send(QStringLiteral("hello"), ending));
        waitIdle();
        QCOMPARE(m_conversation->at(1).attempts, 3);
        QCOMPARE(m_conversation->at(1).status, MessageStatus::Complete);
        settle(ending);
        QCOMPARE(ending.finals(), 1);
    }

    void failureAfterTokensKeepsThePartialMarkedInterrupted()
    {
        m_sim->setScript(script(QStringLiteral("error-mid:after=4")));
        Ending ending;
        QVERIFY(send(QStringLiteral("hello"), ending));
        waitIdle();
        const ChatMessage &a = m_conversation->at(1);
        QCOMPARE(a.status, MessageStatus::Interrupted);
        QCOMPARE(a.errorKind, ErrorKind::Overloaded);
        QVERIFY(a.errorText.contains(QStringLiteral("overloaded")));
        QCOMPARE(a.text, expected(1).left(a.text.size()));
        QVERIFY(!a.text.isEmpty());
        settle(ending);
        QCOMPARE(ending.failed, 1);
        QCOMPARE(ending.finals(), 1);
        QVERIFY(ending.error.partial);
    }

    void failureBeforeAnyTokenIsFailedAndRetryable()
    {
        m_sim->setScript(script(QStringLiteral("401,ok")));
        QVERIFY(m_session->send(QStringLiteral("hello")));
        waitIdle();
        QCOMPARE(m_conversation->at(1).status, MessageStatus::Failed);
        QVERIFY(m_conversation->at(1).errorText.contains(QStringLiteral("key")));
        const QString id = m_conversation->at(1).id;
        QVERIFY(m_session->retry(1));
        waitIdle();
        QCOMPARE(m_conversation->count(), 2);
        QCOMPARE(m_conversation->at(1).id, id);
        QCOMPARE(m_conversation->at(1).status, MessageStatus::Complete);
        QCOMPARE(m_conversation->at(1).text, expected(1));
        QVERIFY(!m_session->retry(1)); // complete answers are not retried
    }

    // A request that cannot be made ends the job without any call, on a later turn of the
    // event loop — once.
    void failureBeforeAnyCallEndsOnce()
    {
        m_session->setModel(QString()); // no model: the request does not validate
        Ending ending;
        AnswerJob *job = send(QStringLiteral("hello"), ending);
        QVERIFY(job);
        QCOMPARE(ending.finals(), 0); // not synchronously: callers connect first
        waitIdle();
        settle(ending);
        QCOMPARE(ending.failed, 1);
        QCOMPARE(ending.ended, 1);
        QCOMPARE(ending.error.kind, ErrorKind::InvalidRequest);
        QCOMPARE(m_sim->requestCount(), 0);
        QCOMPARE(m_conversation->at(1).status, MessageStatus::Failed);
    }

    void stopMidStreamKeepsThePartial()
    {
        m_sim->setScript(script(QStringLiteral("stall-mid:after=3")));
        Ending ending;
        QVERIFY(send(QStringLiteral("hello"), ending));
        QTRY_VERIFY(!m_conversation->at(1).text.isEmpty());
        m_session->stop();
        QVERIFY(!m_session->isBusy());
        QCOMPARE(m_conversation->at(1).status, MessageStatus::Interrupted);
        QCOMPARE(m_conversation->at(1).errorKind, ErrorKind::Cancelled);
        QVERIFY(m_conversation->at(1).errorText.contains(QStringLiteral("Stopped")));
        QTRY_COMPARE(m_sim->inFlight(), 0);
        settle(ending);
        QCOMPARE(ending.failed, 1);
        QCOMPARE(ending.finals(), 1);
        QCOMPARE(ending.error.kind, ErrorKind::Cancelled);
        QVERIFY(ending.error.partial);
    }

    void stopWhileWaitingForARetryEndsOnce()
    {
        m_sim->setScript(script(QStringLiteral("529,ok")));
        Ending ending;
        AnswerJob *job = send(QStringLiteral("hello"), ending);
        QTRY_VERIFY(job->isWaiting());
        m_session->stop();
        QVERIFY(!m_session->isBusy());
        m_clock->advance(60'000); // the retry's time comes and goes: nothing starts
        settle(ending);
        QCOMPARE(ending.failed, 1);
        QCOMPARE(ending.finals(), 1);
        QCOMPARE(ending.error.kind, ErrorKind::Cancelled);
        QCOMPARE(m_sim->requestCount(), 1);
        QCOMPARE(m_conversation->at(1).status, MessageStatus::Failed);
    }

    void refusesWhileBusyAndEmptyPrompts()
    {
        QString why;
        QVERIFY(!m_session->send(QStringLiteral("   "), &why));
        QVERIFY(!why.isEmpty());
        m_sim->setScript(script(QStringLiteral("stall-headers")));
        QVERIFY(m_session->send(QStringLiteral("one")));
        QVERIFY(!m_session->send(QStringLiteral("two"), &why));
        QVERIFY(why.contains(QStringLiteral("Wait")));
        m_session->stop();
        QCOMPARE(m_conversation->count(), 2);
    }

    // The prompt is on disk before the request carrying it reaches the server.
    void thePromptIsSavedBeforeTheRequestGoes()
    {
        QTemporaryDir dir;
        ConversationStore store(dir.path());
        StorageQueue queue;
        Autosaver saver(&store, &queue, m_clock);
        saver.setConversation(m_conversation);
        m_session->setAutosaver(&saver);
        QStringList onDiskWhenSent;
        connect(m_sim, &sim::ApiSimulator::requestHandled, this, [&] {
            QFile f(saver.path());
            ConversationData d;
            QString e;
            if (f.open(QIODevice::ReadOnly) && ConversationFile::parse(f.readAll(), d, &e))
                onDiskWhenSent << (d.messages.isEmpty() ? QString() : d.messages[0].text);
        });
        Ending ending;
        QVERIFY(send(QStringLiteral("keep me safe"), ending));
        waitIdle();
        QCOMPARE(onDiskWhenSent, QStringList{QStringLiteral("keep me safe")});
        QCOMPARE(ending.finished, 1);
    }

    void stopWhileSavingThePromptEndsOnceAndSendsNothing()
    {
        QTemporaryDir dir;
        ConversationStore store(dir.path());
        StorageQueue queue;
        Autosaver saver(&store, &queue, m_clock);
        saver.setConversation(m_conversation);
        m_session->setAutosaver(&saver);
        Ending ending;
        AnswerJob *job = send(QStringLiteral("never mind"), ending);
        QCOMPARE(job->stage(), AnswerJob::Stage::Saving);
        m_session->stop();
        queue.waitForDone();
        settle(ending);
        QCOMPARE(ending.failed, 1);
        QCOMPARE(ending.finals(), 1);
        QCOMPARE(ending.error.kind, ErrorKind::Cancelled);
        QCOMPARE(m_sim->requestCount(), 0);
        QCOMPARE(m_conversation->at(1).errorText,
                 QStringLiteral("Stopped before the answer began."));
    }

    void stagesRunInOrderAndStopDuringCompressionEndsOnce()
    {
        ContextCompressor compressor(m_engine);
        CompressionSettings cs;
        cs.compressAtTokens = 50; // anything compresses
        cs.keepRecent = 2;
        compressor.setSettings(cs);
        m_session->setCompressor(&compressor);
        for (int i = 0; i < 3; ++i) {
            QVERIFY(m_session->send(QStringLiteral("turn %1 about harbours and tides").arg(i)));
            waitIdle();
        }
        QVERIFY(!m_conversation->summary().isEmpty());
        // The summary request stalls: stop while the job compresses.
        m_sim->setScript(script(QStringLiteral("stall-headers")));
        Ending ending;
        AnswerJob *job = send(QStringLiteral("and now?"), ending);
        QTRY_COMPARE(job->stage(), AnswerJob::Stage::Compressing);
        QTRY_VERIFY(m_sim->inFlight() == 1 || compressor.isBusy());
        m_session->stop();
        settle(ending);
        QCOMPARE(ending.finals(), 1);
        QCOMPARE(ending.ended, 1);
        QCOMPARE(ending.error.kind, ErrorKind::Cancelled);
        QCOMPARE(ending.stages.constFirst(), AnswerJob::Stage::Compressing);
        QVERIFY(!compressor.isBusy());
        QTRY_COMPARE(m_sim->inFlight(), 0);
    }

    // The compressor folds one conversation at a time: while Compress now runs, an answer that
    // would need it waits to be asked for.
    void sendingWhileCompressNowRunsIsRefused()
    {
        ContextCompressor compressor(m_engine);
        CompressionSettings cs;
        cs.compressAtTokens = 100'000;
        cs.keepRecent = 2;
        compressor.setSettings(cs);
        m_session->setCompressor(&compressor);
        for (int i = 0; i < 2; ++i) {
            QVERIFY(m_session->send(QStringLiteral("turn %1").arg(i)));
            waitIdle();
        }
        m_sim->setScript(script(QStringLiteral("stall-headers"))); // the summary hangs
        compressor.compressNow(m_conversation, [](const ContextCompressor::Outcome &) {});
        QTRY_VERIFY(compressor.isBusy() && m_sim->inFlight() == 1);
        QString why;
        QVERIFY(!m_session->send(QStringLiteral("now?"), &why));
        QVERIFY(why.contains(QStringLiteral("compressed")));
        QCOMPARE(m_conversation->count(), 4); // nothing appended
        compressor.cancel();
        QVERIFY(m_session->send(QStringLiteral("now?")));
        m_session->stop();
    }

    // Regenerate: the request is exactly the one that produced the previous answer, and both
    // answers are kept as versions.
    void regenerateSendsTheSameRequestAndKeepsTheOldAnswer()
    {
        QVERIFY(m_session->send(QStringLiteral("first")));
        waitIdle();
        QVERIFY(m_session->send(QStringLiteral("second")));
        waitIdle();
        const QJsonObject before = m_sim->messageRequests().constLast();
        const QString oldAnswer = m_conversation->at(3).text;
        Ending ending;
        connect(m_session, &ChatSession::answerStarted, this,
                [&ending](AnswerJob *job) { watch(job, ending); });
        QVERIFY(m_session->regenerate(3));
        waitIdle();
        settle(ending);
        QCOMPARE(ending.finished, 1);
        QCOMPARE(m_sim->messageRequests().constLast(), before); // same history, same request
        QCOMPARE(m_conversation->count(), 4);
        QCOMPARE(m_conversation->versionCount(3), 2);
        QVERIFY(m_conversation->at(3).text != oldAnswer); // the simulator varies a regenerate
        m_conversation->showVersion(3, 0);
        QCOMPARE(m_conversation->at(3).text, oldAnswer);
        QString why;
        QVERIFY(!m_session->regenerate(2, &why)); // a prompt is edited, not regenerated
        QVERIFY(!why.isEmpty());
    }

    // Edit: a new branch from the edited prompt; the request carries the new text and nothing of
    // the old branch.
    void editStartsABranchAndKeepsTheOldOne()
    {
        QVERIFY(m_session->send(QStringLiteral("first")));
        waitIdle();
        QVERIFY(m_session->send(QStringLiteral("second")));
        waitIdle();
        QVERIFY(m_session->edit(2, QStringLiteral("second, edited")));
        waitIdle();
        const QJsonArray sent =
            m_sim->messageRequests().constLast().value(QLatin1String("messages")).toArray();
        QCOMPARE(sent.size(), 3);
        QCOMPARE(sent[2].toObject().value(QLatin1String("content")).toString(),
                 QStringLiteral("second, edited"));
        QCOMPARE(m_conversation->count(), 4);
        QCOMPARE(m_conversation->at(3).status, MessageStatus::Complete);
        QCOMPARE(m_conversation->versionCount(2), 2);
        m_conversation->showVersion(2, 0);
        QCOMPARE(m_conversation->at(2).text, QStringLiteral("second"));
        QCOMPARE(m_conversation->count(), 4); // its answer came back with it
    }

    // Retry of an interrupted answer keeps the partial text as a version of its own.
    void retryKeepsAnInterruptedAnswerAsAVersion()
    {
        m_sim->setScript(script(QStringLiteral("error-mid:after=4")));
        QVERIFY(m_session->send(QStringLiteral("hello")));
        waitIdle();
        const QString partial = m_conversation->at(1).text;
        QVERIFY(!partial.isEmpty());
        QVERIFY(m_session->retry(1));
        waitIdle();
        QCOMPARE(m_conversation->at(1).status, MessageStatus::Complete);
        QCOMPARE(m_conversation->versionCount(1), 2);
        m_conversation->showVersion(1, 0);
        QCOMPARE(m_conversation->at(1).text, partial);
        QCOMPARE(m_conversation->at(1).status, MessageStatus::Interrupted);
    }

    void turnsAlternateAndSkipEmptyAnswers()
    {
        const QDateTime t = m_clock->wallNow();
        QList<ChatMessage> ms;
        ms << ChatMessage::user(QStringLiteral("a"), t)
           << ChatMessage::assistant(QStringLiteral("m"), t) // empty: failed
           << ChatMessage::user(QStringLiteral("b"), t);
        ChatMessage partial = ChatMessage::assistant(QStringLiteral("m"), t);
        partial.text = QStringLiteral("half");
        ms << partial << ChatMessage::user(QStringLiteral("c"), t);
        const QList<ChatTurn> turns = apiTurns(ms, 0, int(ms.size()));
        QCOMPARE(turns.size(), 3);
        QCOMPARE(turns[0], (ChatTurn{QStringLiteral("user"), QStringLiteral("a\n\nb")}));
        QCOMPARE(turns[1], (ChatTurn{QStringLiteral("assistant"), QStringLiteral("half")}));
        QCOMPARE(turns[2], (ChatTurn{QStringLiteral("user"), QStringLiteral("c")}));
        QList<ChatMessage> assistantFirst{partial, ChatMessage::user(QStringLiteral("x"), t)};
        QCOMPARE(apiTurns(assistantFirst, 0, 2).first().role, QStringLiteral("user"));
    }
};

QTEST_GUILESS_MAIN(TestChatSession)
#include "tst_chatsession.moc"
