// ChatSession over the simulator: the conversation receives the stream, and failures keep
// every word that arrived.
#include "chat/chatsession.h"
#include "chat/pricetable.h"
#include "chat/streamstats.h"
#include "resilience/manualclock.h"
#include "resilience/randomsource.h"
#include "resilience/resilientclient.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>

using namespace bw;
using namespace bw::test;

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
            if (m_session->activeCall() && m_session->activeCall()->isWaiting())
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
        m_engine = new ResilientClient(m_client, g, b, m_clock, &m_random);
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
        BreakerRegistry::instance().clear();
    }

    void answerStreamsIntoTheConversation()
    {
        QSignalSpy appended(m_conversation, &Conversation::textAppended);
        QSignalSpy busy(m_session, &ChatSession::busyChanged);
        QVERIFY(m_session->send(QStringLiteral("What is a breakwater?")));
        QVERIFY(m_session->isBusy());
        QCOMPARE(m_conversation->count(), 2);
        QCOMPARE(m_conversation->at(0).text, QStringLiteral("What is a breakwater?"));
        QCOMPARE(m_conversation->title(), QStringLiteral("What is a breakwater?"));
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
        QCOMPARE(busy.size(), 2);
        QCOMPARE(m_session->stats()->outputTokens(), a.usage.outputTokens);
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
        QVERIFY(m_session->send(QStringLiteral("hello")));
        waitIdle();
        QCOMPARE(m_conversation->at(1).attempts, 3);
        QCOMPARE(m_conversation->at(1).status, MessageStatus::Complete);
    }

    void failureAfterTokensKeepsThePartialMarkedInterrupted()
    {
        m_sim->setScript(script(QStringLiteral("error-mid:after=4")));
        QSignalSpy failed(m_session, &ChatSession::answerFailed);
        QVERIFY(m_session->send(QStringLiteral("hello")));
        waitIdle();
        const ChatMessage &a = m_conversation->at(1);
        QCOMPARE(a.status, MessageStatus::Interrupted);
        QCOMPARE(a.errorKind, ErrorKind::Overloaded);
        QVERIFY(a.errorText.contains(QStringLiteral("overloaded")));
        QCOMPARE(a.text, expected(1).left(a.text.size()));
        QVERIFY(!a.text.isEmpty());
        QCOMPARE(failed.size(), 1);
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

    void stopMidStreamKeepsThePartial()
    {
        m_sim->setScript(script(QStringLiteral("stall-mid:after=3")));
        QVERIFY(m_session->send(QStringLiteral("hello")));
        QTRY_VERIFY(!m_conversation->at(1).text.isEmpty());
        m_session->stop();
        QVERIFY(!m_session->isBusy());
        QCOMPARE(m_conversation->at(1).status, MessageStatus::Interrupted);
        QCOMPARE(m_conversation->at(1).errorKind, ErrorKind::Cancelled);
        QVERIFY(m_conversation->at(1).errorText.contains(QStringLiteral("Stopped")));
        QTRY_COMPARE(m_sim->inFlight(), 0);
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

    void turnsAlternateAndSkipEmptyAnswers()
    {
        QList<ChatMessage> ms;
        ms << ChatMessage::user(QStringLiteral("a"))
           << ChatMessage::assistant(QStringLiteral("m")) // empty: failed
           << ChatMessage::user(QStringLiteral("b"));
        ChatMessage partial = ChatMessage::assistant(QStringLiteral("m"));
        partial.text = QStringLiteral("half");
        ms << partial << ChatMessage::user(QStringLiteral("c"));
        const QList<ChatTurn> turns = ChatSession::turnsFrom(ms, 0, int(ms.size()));
        QCOMPARE(turns.size(), 3);
        QCOMPARE(turns[0], (ChatTurn{QStringLiteral("user"), QStringLiteral("a\n\nb")}));
        QCOMPARE(turns[1], (ChatTurn{QStringLiteral("assistant"), QStringLiteral("half")}));
        QCOMPARE(turns[2], (ChatTurn{QStringLiteral("user"), QStringLiteral("c")}));
        QList<ChatMessage> assistantFirst{partial, ChatMessage::user(QStringLiteral("x"))};
        QCOMPARE(ChatSession::turnsFrom(assistantFirst, 0, 2).first().role, QStringLiteral("user"));
    }
};

QTEST_GUILESS_MAIN(TestChatSession)
#include "tst_chatsession.moc"
