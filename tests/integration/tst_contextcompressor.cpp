// Pattern 8 end to end against the simulator, which answers count_tokens and summary requests
// deterministically.
#include "base/manualclock.h"
#include "chat/chatsession.h"
#include "chat/contextcompressor.h"
#include "chat/conversationstore.h"
#include "chat/pricetable.h"
#include "resilience/randomsource.h"
#include "resilience/resilientclient.h"
#include "sim/simreply.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace bw;
using namespace bw::test;
using Kind = ContextCompressor::Outcome::Kind;

namespace {
const QDateTime kT(QDate(2025, 12, 1), QTime(9, 0), Qt::UTC); // before the manual clock starts
}

class TestContextCompressor : public QObject
{
    Q_OBJECT

    sim::ApiSimulator *m_sim = nullptr;
    AnthropicClient *m_client = nullptr;
    ManualClock *m_clock = nullptr;
    SeededRandom m_random{4};
    ResilientClient *m_engine = nullptr;
    ContextCompressor *m_compressor = nullptr;

    // Six finished turns (12 messages) about different topics.
    static void fill(Conversation &c, int turns = 6, int answerChars = 1000, int firstTopic = 0)
    {
        const QStringList topics{QStringLiteral("harbours"),  QStringLiteral("lighthouses"),
                                 QStringLiteral("tides"),     QStringLiteral("storm surge"),
                                 QStringLiteral("sea walls"), QStringLiteral("piers"),
                                 QStringLiteral("dredging"),  QStringLiteral("buoys")};
        for (int i = 0; i < turns; ++i) {
            c.append(ChatMessage::user(QStringLiteral("Tell me about %1 please")
                                           .arg(topics[(firstTopic + i) % topics.size()]),
                                       kT));
            ChatMessage a = ChatMessage::assistant(QStringLiteral("claude-sonnet-4-6"), kT);
            a.text = QString(answerChars, QLatin1Char('w'));
            a.status = MessageStatus::Complete;
            c.append(a);
        }
    }

    ContextCompressor::Outcome run(const std::function<void(ContextCompressor::Done)> &start)
    {
        ContextCompressor::Outcome outcome;
        bool done = false;
        start([&](const ContextCompressor::Outcome &o) {
            outcome = o;
            done = true;
        });
        QElapsedTimer t;
        t.start();
        while (!done && t.elapsed() < 10000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (!done)
            qFatal("compression did not finish");
        return outcome;
    }

    qint64 simCount(const Conversation &c, int index) const
    {
        return sim::SimReply::inputTokens(
            QJsonDocument::fromJson(
                ContextCompressor::requestFor(c, index, QStringLiteral("m"), 1).toCountTokensJson())
                .object());
    }

private Q_SLOTS:
    void init()
    {
        m_sim = new sim::ApiSimulator;
        QVERIFY(m_sim->listen());
        m_client = new AnthropicClient(configFor(*m_sim));
        m_clock = new ManualClock;
        GuardConfig g;
        g.retry.maxAttempts = 1;
        m_engine = new ResilientClient(m_client, nullptr, g, BreakerConfig{}, m_clock, &m_random);
        m_compressor = new ContextCompressor(m_engine);
        CompressionSettings s;
        s.keepRecent = 4;
        m_compressor->setSettings(s);
    }

    void cleanup()
    {
        delete m_compressor;
        delete m_engine;
        delete m_client;
        delete m_sim;
        delete m_clock;
    }

    void triggersExactlyAtTheThreshold()
    {
        Conversation c;
        fill(c);
        c.append(ChatMessage::user(QStringLiteral("And now?"), kT));
        const int index = c.count(); // the answer to come
        const qint64 exact = simCount(c, index);
        CompressionSettings s = m_compressor->settings();
        s.compressAtTokens = exact + 1;
        m_compressor->setSettings(s);
        ContextCompressor::Outcome o =
            run([&](auto done) { m_compressor->prepare(&c, index, QStringLiteral("m"), done); });
        QCOMPARE(o.kind, Kind::NotNeeded);
        QCOMPARE(o.tokensBefore, exact); // measured by count_tokens, not guessed
        QVERIFY(c.summary().isEmpty());
        QVERIFY(m_sim->requestCount("/v1/messages/count_tokens") >= 1);
        QCOMPARE(m_sim->requestCount("/v1/messages"), 0);

        s.compressAtTokens = exact;
        m_compressor->setSettings(s);
        o = run([&](auto done) { m_compressor->prepare(&c, index, QStringLiteral("m"), done); });
        QCOMPARE(o.kind, Kind::Compressed);
        QCOMPARE(o.tokensBefore, exact);
        QVERIFY(o.tokensAfter < o.tokensBefore);
        QCOMPARE(m_sim->requestCount("/v1/messages"), 1); // the summary
        const QJsonObject summaryRequest = m_sim->messageRequests().constLast();
        QCOMPARE(summaryRequest.value(QLatin1String("model")).toString(),
                 QStringLiteral("claude-haiku-4-5"));
        QVERIFY(summaryRequest.value(QLatin1String("system"))
                    .toString()
                    .startsWith(QLatin1String("Summarize the conversation")));
    }

    // count_tokens only sharpens the estimate: when it hangs, the estimate decides after a short
    // wait — one try, not the guard's full retries and 30 s deadlines.
    void aStalledCountFallsBackToTheEstimateQuickly()
    {
        Conversation c;
        fill(c);
        c.append(ChatMessage::user(QStringLiteral("And now?"), kT));
        const int index = c.count();
        const qint64 estimate = ContextCompressor::estimateTokens(c, index);
        CompressionSettings s = m_compressor->settings();
        s.compressAtTokens = estimate + 1; // near: the count is asked for
        m_compressor->setSettings(s);
        m_sim->setEndpointScript(script(QStringLiteral("stall-headers")));
        bool done = false;
        ContextCompressor::Outcome outcome;
        m_compressor->prepare(&c, index, QStringLiteral("m"), [&](const auto &o) {
            outcome = o;
            done = true;
        });
        QTRY_COMPARE(m_sim->requestCount("/v1/messages/count_tokens"), 1);
        m_clock->advance(ContextCompressor::kCountTimeoutMs);
        QTRY_VERIFY(done);
        QCOMPARE(outcome.kind, Kind::NotNeeded);
        QCOMPARE(outcome.tokensBefore, estimate);
        QCOMPARE(m_sim->requestCount("/v1/messages/count_tokens"), 1); // not tried again
    }

    void payloadCarriesTheSummaryAndTheRecentTurns()
    {
        Conversation c;
        c.setSystemPrompt(QStringLiteral("Be a harbour engineer."));
        fill(c);
        c.append(ChatMessage::user(QStringLiteral("And now?"), kT));
        const int index = c.count();
        CompressionSettings s = m_compressor->settings();
        s.compressAtTokens = 1000;
        m_compressor->setSettings(s);
        const ContextCompressor::Outcome o =
            run([&](auto done) { m_compressor->prepare(&c, index, QStringLiteral("m"), done); });
        QCOMPARE(o.kind, Kind::Compressed);
        // keepRecent 4 would keep [9, 13) — but 9 is an answer, so the fold ends at 8: the kept
        // part starts with a user turn.
        QCOMPARE(c.summary().coveredMessages, 8);
        QVERIFY(c.at(c.summary().coveredMessages).isUser());
        QCOMPARE(o.summarizedMessages, 8);
        QVERIFY2(c.summary().text.contains(QStringLiteral("harbours")),
                 qPrintable(c.summary().text));
        QCOMPARE(c.summary().model, QStringLiteral("claude-haiku-4-5"));
        QVERIFY(c.summary().createdAt.isValid());
        QCOMPARE(c.summary().tokensBefore, o.tokensBefore);

        const MessageRequest r =
            ContextCompressor::requestFor(c, index, QStringLiteral("claude-sonnet-4-6"), 100);
        QVERIFY(r.validate().isEmpty()); // roles alternate, the first is the user's
        QVERIFY(r.system().contains(c.summary().text));
        QVERIFY(r.system().indexOf(c.summary().text) <
                r.system().indexOf(QStringLiteral("Be a harbour engineer.")));
        QCOMPARE(r.messages().size(), 5);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(r.messages()[i].text, c.at(8 + i).text); // recent turns intact
        QCOMPARE(c.count(), 13);                              // the transcript keeps everything
    }

    void laterCompressionsFoldThePreviousSummary()
    {
        Conversation c;
        fill(c);
        c.append(ChatMessage::user(QStringLiteral("continue"), kT));
        CompressionSettings s = m_compressor->settings();
        s.compressAtTokens = 1000;
        m_compressor->setSettings(s);
        QCOMPARE(run([&](auto done) {
                     m_compressor->prepare(&c, c.count(), QStringLiteral("m"), done);
                 }).kind,
                 Kind::Compressed);
        const ConversationSummary first = c.summary();
        ChatMessage a = ChatMessage::assistant(QStringLiteral("m"), kT);
        a.text = QString(400, QLatin1Char('v'));
        a.status = MessageStatus::Complete;
        c.append(a);
        fill(c, 3, 1000, 6);
        c.append(ChatMessage::user(QStringLiteral("and more"), kT));
        QCOMPARE(run([&](auto done) {
                     m_compressor->prepare(&c, c.count(), QStringLiteral("m"), done);
                 }).kind,
                 Kind::Compressed);
        QVERIFY(c.summary().coveredMessages > first.coveredMessages);
        const QString input = m_sim->messageRequests()
                                  .constLast()
                                  .value(QLatin1String("messages"))
                                  .toArray()[0]
                                  .toObject()
                                  .value(QLatin1String("content"))
                                  .toString();
        QVERIFY(input.startsWith(QStringLiteral("Earlier summary:\n") + first.text));
        QVERIFY(!input.contains(QStringLiteral(
            "lighthouses please"))); // folded the first time: only its summary goes again
        QVERIFY(c.summary().text.contains(QStringLiteral("earlier summary")));
    }

    void failedSummaryFallsBackWhenTheWholeConversationFits()
    {
        Conversation c;
        fill(c);
        m_sim->setScript(script(QStringLiteral("400,ok")));
        CompressionSettings s = m_compressor->settings();
        s.compressAtTokens = 1000;
        m_compressor->setSettings(s);
        PriceTable prices;
        ChatSession session(m_engine, &c, &prices);
        session.setModel(QStringLiteral("claude-sonnet-4-6"));
        session.setCompressor(m_compressor);
        QSignalSpy failed(m_compressor, &ContextCompressor::compressionFailed);
        QVERIFY(session.send(QStringLiteral("next question")));
        QTRY_VERIFY(!session.isBusy());
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.first().first().toString().contains(
            QStringLiteral("whole conversation is sent")));
        QVERIFY(c.summary().isEmpty());
        QCOMPARE(c.at(c.count() - 1).status, MessageStatus::Complete); // the chat went on
        QCOMPARE(
            m_sim->messageRequests().constLast().value(QLatin1String("messages")).toArray().size(),
            13); // uncompressed
    }

    void failedSummaryOfAConversationTooLongToSendIsAClearError()
    {
        Conversation c;
        fill(c);
        m_sim->setScript(script(QStringLiteral("400")));
        CompressionSettings s = m_compressor->settings();
        s.compressAtTokens = 1000;
        s.contextWindowTokens = 1000; // it does not fit uncompressed
        m_compressor->setSettings(s);
        PriceTable prices;
        ChatSession session(m_engine, &c, &prices);
        session.setModel(QStringLiteral("claude-sonnet-4-6"));
        session.setCompressor(m_compressor);
        QVERIFY(session.send(QStringLiteral("next question")));
        QTRY_VERIFY(!session.isBusy());
        const ChatMessage &answer = c.at(c.count() - 1);
        QCOMPARE(answer.status, MessageStatus::Failed);
        QCOMPARE(answer.errorKind, ErrorKind::TooLarge);
        QVERIFY2(answer.errorText.contains(QStringLiteral("too long")),
                 qPrintable(answer.errorText));
        QCOMPARE(m_sim->requestCount("/v1/messages"),
                 1); // only the failed summary; no chat request
        QCOMPARE(c.at(c.count() - 2).text, QStringLiteral("next question")); // the prompt is kept
    }

    void estimateStartsFromTheApisCount()
    {
        Conversation c;
        c.append(ChatMessage::user(QStringLiteral("q"), kT));
        ChatMessage a = ChatMessage::assistant(QStringLiteral("m"), kT);
        a.text = QStringLiteral("answer");
        a.usage.inputTokens = 40'000;
        a.usage.cacheReadInputTokens = 10'000;
        a.usage.outputTokens = 2'000;
        a.status = MessageStatus::Complete;
        c.append(a);
        c.append(ChatMessage::user(QString(4000, QLatin1Char('x')), kT));
        // 50,000 counted input + 2,000 output + ~1,000 for the new 4,000 characters
        QCOMPARE(ContextCompressor::estimateTokens(c, 3), 40'000 + 10'000 + 2'000 + 1'000 + 4);
        // Without an API count: characters / 4 over everything.
        Conversation fresh;
        fresh.append(ChatMessage::user(QString(800, QLatin1Char('y')), kT));
        QCOMPARE(ContextCompressor::estimateTokens(fresh, 1), 200 + 4);
    }

    void compressNowIgnoresTheThresholdAndReloads()
    {
        Conversation c;
        fill(c);
        const ContextCompressor::Outcome o =
            run([&](auto done) { m_compressor->compressNow(&c, done); });
        QCOMPARE(o.kind, Kind::Compressed);
        QTemporaryDir dir;
        ConversationStore store(dir.path());
        QVERIFY(store.save(ConversationData::of(c, m_clock->wallNow())));
        ConversationData back;
        QString error;
        QVERIFY(store.load(store.pathFor(c.id()), back, &error));
        Conversation reloaded;
        back.applyTo(reloaded);
        QCOMPARE(reloaded.summary().text, c.summary().text);
        QCOMPARE(reloaded.summary().coveredMessages, c.summary().coveredMessages);
        QCOMPARE(ContextCompressor::requestFor(reloaded, reloaded.count(), QStringLiteral("m"), 1)
                     .toJson(false),
                 ContextCompressor::requestFor(c, c.count(), QStringLiteral("m"), 1).toJson(false));
        // Nothing left to fold: a clear answer, nothing sent.
        Conversation small;
        small.append(ChatMessage::user(QStringLiteral("hi"), kT));
        const int before = m_sim->requestCount();
        QCOMPARE(run([&](auto done) { m_compressor->compressNow(&small, done); }).kind,
                 Kind::Failed);
        QCOMPARE(m_sim->requestCount(), before);
    }
};

QTEST_GUILESS_MAIN(TestContextCompressor)
#include "tst_contextcompressor.moc"
