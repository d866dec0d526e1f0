// Thinking, stop reasons and the model catalogue, end to end over the simulator: the request's
// thinking in the form each model takes (the simulator answers 400 to any other), thinking blocks
// kept byte-exact through the file and the next request (the simulator checks their signatures),
// every stop reason handled, and the model list read from every page, kept, and fallen back on.
#include "base/manualclock.h"
#include "chat/answerjob.h"
#include "chat/chatsession.h"
#include "chat/contextcompressor.h"
#include "chat/conversationfile.h"
#include "chat/conversationstore.h"
#include "chat/modelcatalogue.h"
#include "chat/pricetable.h"
#include "chat/streamstats.h"
#include "resilience/randomsource.h"
#include "resilience/resilientclient.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace bw;
using namespace bw::test;
using Mode = ThinkingConfig::Mode;

class TestThinking : public QObject
{
    Q_OBJECT

    sim::ApiSimulator *m_sim = nullptr;
    AnthropicClient *m_client = nullptr;
    ManualClock *m_clock = nullptr;
    SeededRandom m_random{5};
    ResilientClient *m_engine = nullptr;
    Conversation *m_conversation = nullptr;
    ChatSession *m_session = nullptr;
    ModelCatalogue *m_models = nullptr;
    ContextCompressor *m_compressor = nullptr;
    PriceTable m_prices = PriceTable::load();

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

    QJsonObject lastBody() const { return m_sim->messageRequests().constLast(); }

    static ThinkingConfig config(Mode mode, const QString &effort = QStringLiteral("high"),
                                 int budget = 8192)
    {
        ThinkingConfig c;
        c.mode = mode;
        c.effort = effort;
        c.budgetTokens = budget;
        return c;
    }

    const ChatMessage &answer() const { return m_conversation->at(m_conversation->count() - 1); }

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
        m_models = new ModelCatalogue;
        m_session = new ChatSession(m_engine, m_conversation, &m_prices);
        m_session->setCatalogue(m_models);
        m_session->setModel(QStringLiteral("claude-sonnet-4-6"));
        m_session->setMaxTokens(4000);
        m_compressor = new ContextCompressor(m_engine);
    }

    void cleanup()
    {
        delete m_session;
        delete m_compressor;
        delete m_models;
        delete m_conversation;
        delete m_engine;
        delete m_client;
        delete m_sim;
        delete m_clock;
    }

    void requestFormsFollowTheModel_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("effort");
        QTest::addColumn<QString>("type");       // "" : no thinking field
        QTest::addColumn<QString>("sentEffort"); // "" : no output_config
        QTest::addColumn<bool>("thinks");
        // Adaptive-only: off cannot be sent (disabled is a 400): left to the model, which thinks.
        QTest::newRow("opus off") << "claude-opus-4-8" << int(Mode::Off) << "high"
                                  << ""
                                  << "" << true;
        QTest::newRow("opus adaptive max") << "claude-opus-4-8" << int(Mode::Adaptive) << "max"
                                           << "adaptive"
                                           << "max" << true;
        QTest::newRow("opus budget") << "claude-opus-4-8" << int(Mode::Budget) << "high"
                                     << "adaptive"
                                     << "medium" << true;
        // Both types, no max effort: max steps down to high.
        QTest::newRow("sonnet adaptive max") << "claude-sonnet-4-6" << int(Mode::Adaptive) << "max"
                                             << "adaptive"
                                             << "high" << true;
        QTest::newRow("sonnet off") << "claude-sonnet-4-6" << int(Mode::Off) << "high"
                                    << "disabled"
                                    << "" << false;
        QTest::newRow("sonnet default") << "claude-sonnet-4-6" << int(Mode::ModelDefault) << "high"
                                        << ""
                                        << "" << false;
        // Budget only: adaptive becomes a budget.
        QTest::newRow("haiku adaptive") << "claude-haiku-4-5" << int(Mode::Adaptive) << "low"
                                        << "enabled"
                                        << "" << true;
    }

    void requestFormsFollowTheModel()
    {
        QFETCH(QString, model);
        QFETCH(int, mode);
        QFETCH(QString, effort);
        QFETCH(QString, type);
        QFETCH(QString, sentEffort);
        QFETCH(bool, thinks);
        m_session->setModel(model);
        m_session->setThinking(config(Mode(mode), effort, 8192));
        QSignalSpy thinking(m_conversation, &Conversation::thinkingAppended);
        QVERIFY(m_session->send(QStringLiteral("Why is the sea salty?")));
        waitIdle();
        const ChatMessage &a = answer();
        QVERIFY2(a.status == MessageStatus::Complete, qPrintable(a.errorText)); // no 400
        const QJsonObject body = lastBody();
        QCOMPARE(body.value(QStringLiteral("thinking"))
                     .toObject()
                     .value(QStringLiteral("type"))
                     .toString(),
                 type);
        QCOMPARE(body.value(QStringLiteral("output_config"))
                     .toObject()
                     .value(QStringLiteral("effort"))
                     .toString(),
                 sentEffort);
        if (type == u"enabled")
            QVERIFY(body.value(QStringLiteral("thinking"))
                        .toObject()
                        .value(QStringLiteral("budget_tokens"))
                        .toInt() < body.value(QStringLiteral("max_tokens")).toInt());
        QCOMPARE(a.hasThinking(), thinks);
        QCOMPARE(!thinking.isEmpty(), thinks);
        QCOMPARE(!a.thinkingBlocks.isEmpty(), thinks);
        QVERIFY(!a.text.isEmpty());
    }

    void theSimulatorRefusesFormsAModelDoesNotTake()
    {
        // The check the tests above rely on: the wrong form is a 400 there.
        m_session->setModel(QStringLiteral("claude-opus-4-8"));
        MessageRequest r = m_session->requestFor(0);
        r.setMessages({{QStringLiteral("user"), QStringLiteral("hi"), {}}});
        r.setThinking(config(Mode::Off)); // unresolved: {type: disabled}
        GuardedCall *call = m_engine->stream(r);
        QSignalSpy failed(call, &GuardedCall::failed);
        call->start();
        QTRY_COMPARE(failed.size(), 1);
        const ApiError e = failed.first().first().value<ApiError>();
        QCOMPARE(e.kind, ErrorKind::InvalidRequest);
        QVERIFY(e.message.contains(QStringLiteral("disabled")));
    }

    void thinkingRoundTripsByteExactThroughTheFileAndTheNextRequest()
    {
        m_session->setModel(QStringLiteral("claude-opus-4-8")); // thinks by default
        m_sim->setScript(script(QStringLiteral("redacted-thinking")));
        QVERIFY(m_session->send(QStringLiteral("first")));
        waitIdle();
        const ChatMessage first = m_conversation->at(1);
        QCOMPARE(first.status, MessageStatus::Complete);
        QCOMPARE(first.thinkingBlocks.size(), 2); // thinking, then redacted
        QVERIFY(first.hasRedactedThinking());
        QVERIFY(!first.thinking.isEmpty());
        QVERIFY(first.thinkingMs >= 0);
        QVERIFY(first.timeToFirstThinkingMs >= 0);
        QVERIFY(first.usage.thinkingTokens > 0);

        // Through the file.
        QTemporaryDir dir;
        ConversationStore store(dir.path());
        const QString path = dir.filePath(QStringLiteral("c.json"));
        QString error;
        QVERIFY2(
            store.save(ConversationData::of(*m_conversation, m_clock->wallNow()), path, 0, &error),
            qPrintable(error));
        ConversationData data;
        QVERIFY2(store.load(path, data, &error), qPrintable(error));
        Conversation reopened;
        data.applyTo(reopened);
        QCOMPARE(reopened.at(1).thinkingBlocks, first.thinkingBlocks);
        QCOMPARE(reopened.at(1).thinking, first.thinking);
        QCOMPARE(reopened.at(1).thinkingMs, first.thinkingMs);

        // Into the next request, first in the answer's turn, exactly as received (the simulator
        // checks the signature: a changed byte is a 400).
        m_session->setConversation(&reopened);
        QVERIFY(m_session->send(QStringLiteral("second")));
        waitIdle();
        QCOMPARE(reopened.at(3).status, MessageStatus::Complete);
        const QJsonArray content = lastBody()
                                       .value(QStringLiteral("messages"))
                                       .toArray()
                                       .at(1)
                                       .toObject()
                                       .value(QStringLiteral("content"))
                                       .toArray();
        QCOMPARE(content.size(), 3);
        QCOMPARE(content.at(0).toObject(), first.thinkingBlocks.at(0).toObject());
        QCOMPARE(content.at(1).toObject(), first.thinkingBlocks.at(1).toObject());
        QCOMPARE(content.at(2).toObject().value(QStringLiteral("text")).toString(), first.text);
        m_session->setConversation(m_conversation);
    }

    void aChangedThinkingBlockIsRefused()
    {
        // The simulator's check can fail: one edited character and the service says 400.
        m_session->setModel(QStringLiteral("claude-opus-4-8"));
        QVERIFY(m_session->send(QStringLiteral("first")));
        waitIdle();
        m_conversation->update(1, [](ChatMessage &m) {
            QJsonObject b = m.thinkingBlocks.at(0).toObject();
            b.insert(QStringLiteral("thinking"),
                     b.value(QStringLiteral("thinking")).toString() + u'!');
            m.thinkingBlocks.replace(0, b);
        });
        QVERIFY(m_session->send(QStringLiteral("second")));
        waitIdle();
        QCOMPARE(answer().status, MessageStatus::Failed);
        QCOMPARE(answer().errorKind, ErrorKind::InvalidRequest);
    }

    void timeToFirstTokenIsSplit()
    {
        m_session->setModel(QStringLiteral("claude-opus-4-8"));
        QList<qint64> order; // 1: thinking first seen, 2: text first seen
        // The model thinks for 700 ms (on the manual clock) before its first word.
        connect(m_session, &ChatSession::answerStarted, this, [this, &order](AnswerJob *job) {
            connect(job, &AnswerJob::firstThinking, [this, &order](qint64) {
                order << 1;
                m_clock->advance(700);
            });
            connect(job, &AnswerJob::firstText, [&order](qint64) { order << 2; });
        });
        QVERIFY(m_session->send(QStringLiteral("hello")));
        waitIdle();
        QCOMPARE(order, (QList<qint64>{1, 2}));
        const StreamStats *stats = m_session->stats();
        QVERIFY(stats->timeToFirstThinkingMs() >= 0);
        QCOMPARE(stats->timeToFirstTokenMs(), stats->timeToFirstThinkingMs() + 700);
        QCOMPARE(stats->thinkingMs(), 700);
        QCOMPARE(answer().thinkingMs, 700);
        QVERIFY(stats->thinkingDeltas() > 0);
        QCOMPARE(answer().timeToFirstTokenMs, stats->timeToFirstTokenMs());
        QCOMPARE(answer().timeToFirstThinkingMs, stats->timeToFirstThinkingMs());
    }

    void maxTokensOffersContinueAndAHigherLimit()
    {
        m_session->setMaxTokens(5);
        QVERIFY(m_session->send(QStringLiteral("Tell me a long story about the sea.")));
        waitIdle();
        QCOMPARE(answer().status, MessageStatus::Complete);
        QCOMPARE(answer().stopReason, QStringLiteral("max_tokens"));
        QVERIFY(answer().stopNotice().contains(QStringLiteral("5 tokens")));
        // Retry with a higher limit: a new version with twice the limit.
        QString why;
        QVERIFY2(m_session->retryWithHigherLimit(1, &why), qPrintable(why));
        waitIdle();
        QCOMPARE(lastBody().value(QStringLiteral("max_tokens")).toInt(), 10);
        QCOMPARE(m_conversation->versionCount(1), 2);
        // Continue: a new user turn asking to go on.
        QVERIFY(m_session->continueAnswer(&why));
        waitIdle();
        QCOMPARE(m_conversation->count(), 4);
        QCOMPARE(m_conversation->at(2).text, ChatSession::continuePrompt());
        // At the model's largest there is nothing higher.
        m_session->setMaxTokens(0);
        m_conversation->update(3, [](ChatMessage &m) { m.usage.outputTokens = 64000; });
        QVERIFY(!m_session->retryWithHigherLimit(3, &why));
        QVERIFY(why.contains(QStringLiteral("largest")));
    }

    void defaultMaxTokensComeFromTheModel()
    {
        m_session->setMaxTokens(0);
        QCOMPARE(m_session->effectiveMaxTokens(), 64000); // sonnet 4.6's largest
        m_session->setModel(QStringLiteral("claude-opus-4-8"));
        QCOMPARE(m_session->effectiveMaxTokens(), 128000);
        m_session->setMaxTokens(2000); // the user can lower it
        QCOMPARE(m_session->effectiveMaxTokens(), 2000);
        m_session->setMaxTokens(500'000); // not raise it past the model
        QCOMPARE(m_session->effectiveMaxTokens(), 128000);
    }

    void refusalIsAnAnswerNotAnError()
    {
        m_sim->setScript(script(QStringLiteral("refusal:after=2")));
        QVERIFY(m_session->send(QStringLiteral("something")));
        waitIdle();
        const ChatMessage &a = answer();
        QCOMPARE(a.status, MessageStatus::Complete);
        QCOMPARE(a.errorKind, ErrorKind::None);
        QCOMPARE(a.attempts, 1);                                           // not retried
        QCOMPARE(m_engine->breakerFor(a.model)->consecutiveFailures(), 0); // not counted
        QCOMPARE(a.stopReason, QStringLiteral("refusal"));
        QVERIFY(a.stopNotice().contains(QStringLiteral("declined")));
        QVERIFY(a.stopNotice().contains(QStringLiteral("cyber")));
        QCOMPARE(m_sim->requestCount(), 1);
    }

    void fullContextIsCompressedAndAskedOnce()
    {
        CompressionSettings cs;
        cs.compressAtTokens = 1'000'000; // on, but never reached on its own
        cs.keepRecent = 2;
        m_compressor->setSettings(cs);
        m_session->setCompressor(m_compressor);
        for (int i = 0; i < 3; ++i) {
            QVERIFY(m_session->send(QStringLiteral("turn %1").arg(i)));
            waitIdle();
        }
        // Full before any word: nothing was shown, so the answer is asked again after folding.
        m_sim->setScript(script(QStringLiteral("context-full:after=0")));
        QStringList notices;
        connect(m_session, &ChatSession::answerStarted, this, [&notices](AnswerJob *job) {
            connect(job, &AnswerJob::notice, [&notices](const QString &n) { notices << n; });
        });
        QVERIFY(m_session->send(QStringLiteral("one more")));
        waitIdle();
        QCOMPARE(answer().status, MessageStatus::Complete);
        QCOMPARE(answer().stopReason, QStringLiteral("end_turn"));
        QVERIFY(!m_conversation->summary().isEmpty());
        QVERIFY(notices.join(u' ').contains(QStringLiteral("compress")));
        // Three turns, the answer that filled the context, the summary, the answer after it.
        QCOMPARE(m_sim->requestCount(), 3 + 1 + 1 + 1);
    }

    void fullContextAfterWordsKeepsThemAndIsNotReplayed()
    {
        // Regression (review): the retry cleared text the user had seen, and the CLI printed
        // both answers. What was shown stays; nothing is asked again by itself.
        CompressionSettings cs;
        cs.compressAtTokens = 1'000'000;
        cs.keepRecent = 2;
        m_compressor->setSettings(cs);
        m_session->setCompressor(m_compressor);
        for (int i = 0; i < 3; ++i) {
            QVERIFY(m_session->send(QStringLiteral("turn %1").arg(i)));
            waitIdle();
        }
        m_sim->setScript(script(QStringLiteral("context-full:after=3")));
        QByteArray delivered;
        connect(m_session, &ChatSession::answerStarted, this, [&delivered](AnswerJob *job) {
            connect(job, &AnswerJob::textReceived,
                    [&delivered](const QByteArray &utf8) { delivered += utf8; });
        });
        QVERIFY(m_session->send(QStringLiteral("one more")));
        waitIdle();
        QCOMPARE(m_sim->requestCount(), 4);
        QVERIFY(!delivered.isEmpty());
        QCOMPARE(answer().text, QString::fromUtf8(delivered));
        QCOMPARE(answer().stopReason, QStringLiteral("model_context_window_exceeded"));
        QVERIFY(answer().stopNotice().contains(QStringLiteral("Compress")));
        QVERIFY(m_conversation->summary().isEmpty());
    }

    void pauseTurnThinkingSurvivesTheFileOnce()
    {
        // Regression (review): two thinking blocks (a pause, then the rest) came back from the
        // file doubled.
        m_session->setModel(QStringLiteral("claude-opus-4-8"));
        m_sim->setScript(script(QStringLiteral("pause-turn:after=2")));
        QVERIFY(m_session->send(QStringLiteral("think twice")));
        waitIdle();
        const ChatMessage a = answer();
        QCOMPARE(a.thinkingBlocks.size(), 2);
        QCOMPARE(a.thinking, thinkingTextOf(a.thinkingBlocks));
        const QByteArray bytes =
            ConversationFile::serialize(ConversationData::of(*m_conversation, m_clock->wallNow()));
        ConversationData d;
        QString error;
        QVERIFY2(ConversationFile::parse(bytes, d, &error), qPrintable(error));
        QCOMPARE(d.messages.at(1).thinking, a.thinking);
        QCOMPARE(d.messages.at(1).thinkingBlocks, a.thinkingBlocks);
    }

    void aPageThatRepeatsEndsTheModelList()
    {
        // Regression (review): a server answering has_more with the same page forever kept the
        // catalogue asking.
        m_sim->config().models = {QStringLiteral("claude-opus-4-8")};
        m_sim->config().modelsPageSize = 1;
        m_sim->config().modelsRepeatForever = true;
        ModelCatalogue catalogue;
        QSignalSpy changed(&catalogue, &ModelCatalogue::changed);
        catalogue.refresh(m_engine);
        QTRY_COMPARE(changed.size(), 1);
        QCOMPARE(catalogue.ids(), QStringList{QStringLiteral("claude-opus-4-8")});
        QCOMPARE(m_sim->requestCount("/v1/models"), 2); // the page, and the one that repeated it
    }

    void aTurnPausedAfterThinkingOnlyGoesOn()
    {
        // Paused before any text (a server tool called right after thinking): the turn goes
        // back with its thinking alone, not as an empty message the request check refuses.
        m_session->setModel(QStringLiteral("claude-opus-4-8")); // thinks by default
        m_sim->setScript(script(QStringLiteral("pause-turn:after=0")));
        QVERIFY(m_session->send(QStringLiteral("search the web")));
        waitIdle();
        QVERIFY2(answer().status == MessageStatus::Complete, qPrintable(answer().errorText));
        QCOMPARE(m_sim->requestCount(), 2);
        QCOMPARE(answer().stopReason, QStringLiteral("end_turn"));
        const QJsonObject resent =
            lastBody().value(QStringLiteral("messages")).toArray().last().toObject();
        QCOMPARE(resent.value(u"role").toString(), QStringLiteral("assistant"));
        const QJsonArray content = resent.value(u"content").toArray();
        QCOMPARE(content.size(), 1); // the thinking, and no empty text block
        QCOMPARE(content.at(0).toObject(), answer().thinkingBlocks.at(0).toObject());
    }

    void fullContextWithoutCompressionSaysWhatToDo()
    {
        m_sim->setScript(script(QStringLiteral("context-full:after=3")));
        QVERIFY(m_session->send(QStringLiteral("hello")));
        waitIdle();
        QCOMPARE(answer().stopReason, QStringLiteral("model_context_window_exceeded"));
        QVERIFY(answer().stopNotice().contains(QStringLiteral("compression")));
        QVERIFY(!answer().text.isEmpty());
        QCOMPARE(m_sim->requestCount(), 1);
    }

    void pauseTurnIsResentToGoOn()
    {
        m_sim->setScript(script(QStringLiteral("pause-turn:after=3,pause-turn:after=2")));
        QVERIFY(m_session->send(QStringLiteral("search the web")));
        waitIdle();
        QCOMPARE(m_sim->requestCount(), 3);
        QCOMPARE(answer().stopReason, QStringLiteral("end_turn"));
        QCOMPARE(answer().status, MessageStatus::Complete);
        // The resent request carries the answer so far as the last turn.
        const QJsonArray sent = lastBody().value(QStringLiteral("messages")).toArray();
        QCOMPARE(sent.last().toObject().value(QStringLiteral("role")).toString(),
                 QStringLiteral("assistant"));
        QVERIFY(answer().text.startsWith(
            sent.last().toObject().value(QStringLiteral("content")).toString()));
        QVERIFY(answer().usage.outputTokens > 5); // every call's tokens counted
    }

    void pauseTurnGivesUpAfterAFew()
    {
        m_sim->setScript(script(QStringLiteral("pause-turn:after=1*6")));
        QVERIFY(m_session->send(QStringLiteral("loop")));
        waitIdle();
        QCOMPARE(m_sim->requestCount(), 4); // the first and three resends
        QCOMPARE(answer().stopReason, QStringLiteral("pause_turn"));
        QVERIFY(!answer().stopNotice().isEmpty());
    }

    void unknownStopReasonsAreShownByName()
    {
        m_sim->setScript(script(QStringLiteral("stop:reason=tea_break:after=2")));
        QVERIFY(m_session->send(QStringLiteral("hello")));
        waitIdle();
        QCOMPARE(answer().status, MessageStatus::Complete);
        QVERIFY(answer().stopNotice().contains(QStringLiteral("tea_break")));
    }

    void catalogueReadsEveryPageAndKeepsIt()
    {
        QTemporaryDir dir;
        const QString cache = dir.filePath(QStringLiteral("models.json"));
        m_sim->config().models = {
            QStringLiteral("claude-opus-4-8"), QStringLiteral("claude-haiku-4-5"),
            QStringLiteral("claude-sonnet-4-6"), QStringLiteral("claude-new-9")};
        m_sim->config().modelsPageSize = 1;
        ModelCatalogue catalogue;
        QCOMPARE(catalogue.source(), ModelCatalogue::Source::BuiltIn);
        catalogue.setCacheFile(cache);
        QSignalSpy changed(&catalogue, &ModelCatalogue::changed);
        catalogue.refresh(m_engine);
        QTRY_COMPARE(changed.size(), 1);
        QCOMPARE(catalogue.source(), ModelCatalogue::Source::Api);
        QCOMPARE(catalogue.ids(), m_sim->config().models);
        QCOMPARE(m_sim->requestCount("/v1/models"), 4);
        const ModelInfo opus = catalogue.info(QStringLiteral("claude-opus-4-8"));
        QCOMPARE(opus.displayName, QStringLiteral("Claude Opus 4.8"));
        QCOMPARE(opus.maxOutputTokens, 128000);
        QVERIFY(opus.supportsThinking(u"adaptive"));
        QVERIFY(!opus.supportsThinking(u"enabled"));
        // A dated id of a listed model is that model.
        QCOMPARE(catalogue.info(QStringLiteral("claude-haiku-4-5-20251001")).maxOutputTokens,
                 catalogue.info(QStringLiteral("claude-haiku-4-5")).maxOutputTokens);
        // Kept on disk (written in the background) with its time; read back by the next start.
        QTRY_VERIFY(QFileInfo::exists(cache));
        ModelCatalogue next;
        next.setCacheFile(cache);
        QCOMPARE(next.source(), ModelCatalogue::Source::Cache);
        QCOMPARE(next.ids(), m_sim->config().models);
        QCOMPARE(next.fetchedAt().toString(Qt::ISODate),
                 catalogue.fetchedAt().toString(Qt::ISODate));
    }

    void catalogueFallsBackWhenOffline()
    {
        QTemporaryDir dir;
        // Nothing cached and nobody answering: the built-in list serves, and stays.
        delete m_sim;
        m_sim = nullptr;
        ModelCatalogue catalogue;
        catalogue.setCacheFile(dir.filePath(QStringLiteral("none.json")));
        QSignalSpy changed(&catalogue, &ModelCatalogue::changed);
        catalogue.refresh(m_engine);
        QTest::qWait(200);
        for (int i = 0; i < 20 && changed.isEmpty(); ++i) {
            m_clock->advanceToNext();
            QTest::qWait(20);
        }
        QCOMPARE(changed.size(), 0);
        QCOMPARE(catalogue.source(), ModelCatalogue::Source::BuiltIn);
        QVERIFY(catalogue.ids().contains(QStringLiteral("claude-sonnet-4-6")));
        QVERIFY(!catalogue.models().isEmpty());
        // A damaged cache is no list: the built-in one serves.
        const QString bad = dir.filePath(QStringLiteral("bad.json"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"data\": [{\"id\": 5}, \"x\"");
        f.close();
        ModelCatalogue damaged;
        damaged.setCacheFile(bad);
        QCOMPARE(damaged.source(), ModelCatalogue::Source::BuiltIn);
        m_sim = new sim::ApiSimulator; // for cleanup
    }
};

QTEST_GUILESS_MAIN(TestThinking)
#include "tst_thinking.moc"
