// Model fallback over the simulator: a model overloaded before its answer begins hands the answer
// to the next model of the profile's list (automatically, after asking, or never), only before
// the first token; the answer records which model wrote it and costs what that model costs. And
// the per-model breakers under it: one model's overload pauses no other.
#include "attachmenttesting.h"
#include "base/manualclock.h"
#include "chat/answerjob.h"
#include "chat/attachmentpreparer.h"
#include "chat/attachmentstore.h"
#include "chat/chatsession.h"
#include "chat/conversationfile.h"
#include "chat/modelcatalogue.h"
#include "chat/pricetable.h"
#include "chat/spendmeter.h"
#include "resilience/circuitbreaker.h"
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

const QString kOpus = QStringLiteral("claude-opus-4-8");     // adaptive thinking only, 128k out
const QString kSonnet = QStringLiteral("claude-sonnet-4-6"); // both kinds, 64k out
const QString kHaiku = QStringLiteral("claude-haiku-4-5");   // a thinking budget only, 64k out

struct Ending
{
    QPointer<AnswerJob> job;
    int finished = 0;
    int failed = 0;
    ApiError error;
    QList<QStringList> switches; // from, to, reason
    QList<QStringList> offers;

    int finals() const { return finished + failed; }
};

void watch(AnswerJob *job, Ending &e, bool listenToOffers)
{
    e.job = job;
    QObject::connect(job, &AnswerJob::finished, [&e] { ++e.finished; });
    QObject::connect(job, &AnswerJob::failed, [&e](const ApiError &err) {
        ++e.failed;
        e.error = err;
    });
    QObject::connect(job, &AnswerJob::modelSwitched,
                     [&e](const QString &from, const QString &to, const QString &reason) {
                         e.switches << QStringList{from, to, reason};
                     });
    if (listenToOffers)
        QObject::connect(job, &AnswerJob::fallbackOffered,
                         [&e](const QString &from, const QString &to, const QString &reason) {
                             e.offers << QStringList{from, to, reason};
                         });
}

} // namespace

class TestFallback : public QObject
{
    Q_OBJECT

    sim::ApiSimulator *m_sim = nullptr;
    AnthropicClient *m_client = nullptr;
    ManualClock *m_clock = nullptr;
    SeededRandom m_random{5};
    ResilientClient *m_engine = nullptr;
    ModelCatalogue *m_models = nullptr; // the built-in list
    Conversation *m_conversation = nullptr;
    ChatSession *m_session = nullptr;
    PriceTable m_prices = PriceTable::load();

    // Runs the network; moves the manual clock only through retry waits. Returns early when the
    // job asks about a fallback.
    void waitIdle()
    {
        QElapsedTimer t;
        t.start();
        while (m_session->isBusy() && t.elapsed() < 10000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            AnswerJob *job = m_session->activeJob();
            if (job && job->isAskingFallback())
                return;
            if (job && job->isWaiting())
                m_clock->advanceToNext();
        }
        QVERIFY(!m_session->isBusy());
    }

    AnswerJob *send(const QString &text, Ending &ending, bool listenToOffers = true)
    {
        QMetaObject::Connection c = connect(
            m_session, &ChatSession::answerStarted, this,
            [&ending, listenToOffers](AnswerJob *job) { watch(job, ending, listenToOffers); });
        AnswerJob *job = m_session->send(text);
        disconnect(c);
        return job;
    }

    // The model of every /v1/messages request, in order.
    QStringList modelsAsked() const
    {
        QStringList models;
        for (const QJsonObject &body : m_sim->messageRequests())
            models << body.value(QLatin1String("model")).toString();
        return models;
    }

    QString replyToLastRequest() const
    {
        return m_sim->replyTokens(m_sim->messageRequests().constLast()).join(QString());
    }

    void useFallback(FallbackPolicy::Mode mode, const QStringList &models)
    {
        m_session->setFallback({mode, models});
    }

    static void openBreaker(CircuitBreaker *b)
    {
        while (b->state() != BreakerState::Open) {
            const auto p = b->acquire();
            QVERIFY(p.allowed);
            b->recordFailure(p, ErrorKind::Overloaded);
        }
    }

    static void settle(const Ending &e) { QTRY_VERIFY(!e.job); }

private Q_SLOTS:
    void init()
    {
        m_sim = new sim::ApiSimulator;
        m_sim->config().checkMaxTokens = true; // as the API: a fallback must get its own limit
        QVERIFY(m_sim->listen());
        m_client = new AnthropicClient(configFor(*m_sim));
        m_clock = new ManualClock;
        GuardConfig g;
        g.retry.maxAttempts = 3;
        g.totalTimeoutMs = 0;
        BreakerConfig b;
        b.failureThreshold = 100;
        m_engine = new ResilientClient(m_client, nullptr, g, b, m_clock, &m_random);
        m_models = new ModelCatalogue;
        m_conversation = new Conversation;
        m_session = new ChatSession(m_engine, m_conversation, &m_prices);
        m_session->setCatalogue(m_models);
        m_session->setModel(kOpus);
        m_session->setMaxTokens(1000);
    }

    void cleanup()
    {
        delete m_session;
        delete m_conversation;
        delete m_models;
        delete m_engine;
        delete m_client;
        delete m_sim;
        delete m_clock;
    }

    // --- The simulator's side: one model overloaded while the others answer.

    void theSimulatorOverloadsOneModelOnly()
    {
        m_sim->config().modelFaults.insert(kOpus, QStringLiteral("529"));
        MessageRequest opus = simpleRequest();
        opus.setModel(kOpus);
        const StreamOutcome refused = runStream(m_client->streamMessage(opus));
        QCOMPARE(refused.error.kind, ErrorKind::Overloaded);
        QCOMPARE(refused.error.httpStatus, 529);
        const StreamOutcome answered = runStream(m_client->streamMessage(simpleRequest()));
        QVERIFY2(answered.succeeded, qPrintable(answered.error.describe()));
        QCOMPARE(m_sim->scriptRemaining(), 0);
    }

    // The API refuses a max_tokens above the model's largest: a fallback must get its own.
    void theSimulatorRefusesMoreTokensThanTheModelTakes()
    {
        MessageRequest r = simpleRequest(QStringLiteral("hello"), 64001);
        r.setModel(kHaiku);
        const StreamOutcome out = runStream(m_client->streamMessage(r));
        QCOMPARE(out.error.kind, ErrorKind::InvalidRequest);
        QVERIFY2(out.error.message.contains(QStringLiteral("64000")),
                 qPrintable(out.error.message));
        r.setMaxTokens(64000);
        QVERIFY(runStream(m_client->streamMessage(r)).succeeded);
    }

    // --- Per-model breakers under the engine.

    void anOverloadedModelPausesNoOtherModel()
    {
        m_engine->setBreakerConfig({2, 30000, 1, 120000});
        m_sim->config().modelFaults.insert(kOpus, QStringLiteral("529"));
        MessageRequest opus = simpleRequest();
        opus.setModel(kOpus);
        GuardedCall *call = m_engine->stream(opus);
        QSignalSpy failed(call, &GuardedCall::failed);
        call->start();
        QTRY_VERIFY(call->isWaiting() || !failed.isEmpty());
        while (failed.isEmpty()) {
            m_clock->advanceToNext();
            QTRY_VERIFY(call->isWaiting() || !failed.isEmpty());
        }
        QCOMPARE(m_engine->breakerFor(kOpus)->state(), BreakerState::Open);
        QCOMPARE(m_sim->requestCount(), 2); // the 2nd 529 opened it: the 3rd was not sent

        // Another model's answer, the models list (no model) and count_tokens for the healthy
        // model all go through.
        GuardedCall *sonnet = m_engine->stream(simpleRequest());
        QSignalSpy sonnetDone(sonnet, &GuardedCall::finished);
        sonnet->start();
        QVERIFY(sonnetDone.wait());
        QCOMPARE(m_engine->breakerFor(kSonnet)->state(), BreakerState::Closed);
        GuardedCall *list = m_engine->call([](AnthropicClient &c) { return c.listModels(); });
        QSignalSpy listed(list, &GuardedCall::finished);
        list->start();
        QVERIFY(listed.wait());
        QCOMPARE(m_engine->serviceBreaker()->state(), BreakerState::Closed);
        // count_tokens asks about one model: under that model's breaker, refused at once.
        const int before = m_sim->totalRequests();
        GuardedCall *count =
            m_engine->call(kOpus, [opus](AnthropicClient &c) { return c.countTokens(opus); });
        QSignalSpy refused(count, &GuardedCall::failed);
        count->start();
        QVERIFY(refused.wait());
        QCOMPARE(refused.first().first().value<ApiError>().kind, ErrorKind::CircuitOpen);
        QCOMPARE(m_sim->totalRequests(), before);
    }

    // --- Fallback.

    void anOverloadedModelHandsTheAnswerToTheNextAfterItsRetries()
    {
        m_sim->config().modelFaults.insert(kOpus, QStringLiteral("529"));
        useFallback(FallbackPolicy::Mode::Automatic, {kSonnet, kHaiku});
        Ending e;
        QSignalSpy attempts(m_session, &ChatSession::answerStarted);
        QVERIFY(send(QStringLiteral("hello"), e));
        waitIdle();
        QCOMPARE(modelsAsked(), (QStringList{kOpus, kOpus, kOpus, kSonnet}));
        const ChatMessage &a = m_conversation->at(1);
        QCOMPARE(a.status, MessageStatus::Complete);
        QCOMPARE(a.text, replyToLastRequest());
        QCOMPARE(a.model, kSonnet);
        QCOMPARE(a.fallbackFrom, QStringList{kOpus});
        QCOMPARE(a.fallbackReason, QStringLiteral("overloaded"));
        QCOMPARE(a.attempts, 4); // counted on across both models
        QCOMPARE(e.switches, (QList<QStringList>{{kOpus, kSonnet, QStringLiteral("overloaded")}}));
        settle(e);
        QCOMPARE(e.finished, 1);
        QCOMPARE(e.failed, 0);
        QCOMPARE(attempts.size(), 1); // one answer, not a second one
    }

    // The demo's breaker opens after 3 failures while the guard would try 4 times: the answer
    // leaves the model when its breaker opens mid-answer, and the reason is still the overload.
    void aBreakerOpeningDuringTheRetriesHandsTheAnswerOn()
    {
        m_engine->setBreakerConfig({2, 30000, 1, 120000});
        m_sim->config().modelFaults.insert(kOpus, QStringLiteral("529"));
        useFallback(FallbackPolicy::Mode::Automatic, {kSonnet});
        Ending e;
        QVERIFY(send(QStringLiteral("hello"), e));
        waitIdle();
        QCOMPARE(modelsAsked(), (QStringList{kOpus, kOpus, kSonnet}));
        QCOMPARE(m_conversation->at(1).model, kSonnet);
        QCOMPARE(m_conversation->at(1).fallbackReason, QStringLiteral("overloaded"));
        QCOMPARE(m_engine->breakerFor(kOpus)->state(), BreakerState::Open);
        QCOMPARE(m_engine->breakerFor(kSonnet)->state(), BreakerState::Closed);
    }

    void anOpenBreakerHandsTheAnswerOnWithoutAsking()
    {
        openBreaker(m_engine->breakerFor(kOpus));
        useFallback(FallbackPolicy::Mode::Automatic, {kSonnet});
        Ending e;
        QVERIFY(send(QStringLiteral("hello"), e));
        waitIdle();
        QCOMPARE(modelsAsked(), QStringList{kSonnet}); // nothing went to the resting model
        const ChatMessage &a = m_conversation->at(1);
        QCOMPARE(a.status, MessageStatus::Complete);
        QCOMPARE(a.model, kSonnet);
        QCOMPARE(a.fallbackReason, QStringLiteral("circuit_open"));
        QCOMPARE(a.attempts, 1);
        settle(e);
        QCOMPARE(e.finals(), 1);
    }

    void aFallbackWhoseBreakerIsOpenIsSkipped()
    {
        m_sim->config().modelFaults.insert(kOpus, QStringLiteral("529"));
        openBreaker(m_engine->breakerFor(kSonnet));
        useFallback(FallbackPolicy::Mode::Automatic, {kSonnet, kHaiku});
        Ending e;
        QVERIFY(send(QStringLiteral("hello"), e));
        waitIdle();
        QCOMPARE(modelsAsked(), (QStringList{kOpus, kOpus, kOpus, kHaiku}));
        QCOMPARE(m_conversation->at(1).model, kHaiku);
        QCOMPARE(e.switches.size(), 1);
    }

    // A conversation with an image or a PDF goes only to a model that reads them: the others
    // would refuse the request.
    void aFallbackThatCannotReadTheFilesIsSkipped()
    {
        ModelCatalogue::Cached list;
        for (ModelInfo info : m_models->models()) {
            if (info.id == kSonnet)
                info.capabilities.insert(QStringLiteral("image_input"),
                                         QJsonObject{{QStringLiteral("supported"), false}});
            list.models.append(info);
        }
        list.fetchedAt = QDateTime::currentDateTimeUtc();
        m_models->adoptCache(list);
        QVERIFY(!m_models->info(kSonnet).supports(u"image_input"));
        QTemporaryDir dir;
        AttachmentStore store(dir.filePath(QStringLiteral("attachments")));
        m_session->setAttachmentStore(&store);
        AttachmentPreparer::Result photo =
            AttachmentPreparer::fromBytes(test::makePng(64, 48), QStringLiteral("shot.png"), {});
        QVERIFY2(photo.ok, qPrintable(photo.error));
        QString error;
        QVERIFY2(store.store(photo.attachment, &error), qPrintable(error));

        m_sim->config().modelFaults.insert(kOpus, QStringLiteral("529"));
        useFallback(FallbackPolicy::Mode::Automatic, {kSonnet, kHaiku});
        Ending e;
        const QMetaObject::Connection c = connect(m_session, &ChatSession::answerStarted, this,
                                                  [&e](AnswerJob *job) { watch(job, e, true); });
        QVERIFY(m_session->send(QStringLiteral("what is this?"), {photo.attachment}));
        disconnect(c);
        waitIdle();
        QCOMPARE(modelsAsked(), (QStringList{kOpus, kOpus, kOpus, kHaiku}));
        QCOMPARE(m_conversation->at(1).model, kHaiku);
        QCOMPARE(m_conversation->at(1).status, MessageStatus::Complete);

        m_session->setAttachmentStore(nullptr);
    }

    void fallbacksAreTriedInOrder()
    {
        m_sim->config().modelFaults.insert(kOpus, QStringLiteral("529"));
        m_sim->config().modelFaults.insert(kSonnet, QStringLiteral("529"));
        useFallback(FallbackPolicy::Mode::Automatic, {kSonnet, kHaiku});
        Ending e;
        QVERIFY(send(QStringLiteral("hello"), e));
        waitIdle();
        QCOMPARE(modelsAsked(),
                 (QStringList{kOpus, kOpus, kOpus, kSonnet, kSonnet, kSonnet, kHaiku}));
        const ChatMessage &a = m_conversation->at(1);
        QCOMPARE(a.status, MessageStatus::Complete);
        QCOMPARE(a.model, kHaiku);
        QCOMPARE(a.fallbackFrom, (QStringList{kOpus, kSonnet}));
        QCOMPARE(a.attempts, 7);
        QCOMPARE(e.switches.size(), 2);
    }

    void whenEveryModelIsOverloadedTheAnswerFailsOnce()
    {
        m_sim->config().modelFaults.insert(kOpus, QStringLiteral("529"));
        m_sim->config().modelFaults.insert(kSonnet, QStringLiteral("529"));
        useFallback(FallbackPolicy::Mode::Automatic, {kSonnet});
        Ending e;
        QVERIFY(send(QStringLiteral("hello"), e));
        waitIdle();
        QCOMPARE(modelsAsked().size(), 6);
        const ChatMessage &a = m_conversation->at(1);
        QCOMPARE(a.status, MessageStatus::Failed);
        QCOMPARE(a.errorKind, ErrorKind::Overloaded);
        QCOMPARE(a.model, kSonnet); // the last one asked
        settle(e);
        QCOMPARE(e.failed, 1);
        QCOMPARE(e.finished, 0);
        QCOMPARE(e.error.kind, ErrorKind::Overloaded);
        // Regression (issue 15, #3): it said "gave up after 3 attempts" after 6 on two models,
        // and nothing of the fallback.
        QVERIFY2(
            e.error.message.contains(QStringLiteral("models tried: %1, %2").arg(kOpus, kSonnet)),
            qPrintable(e.error.message));
        QVERIFY2(e.error.message.contains(QStringLiteral("6 attempts in all")),
                 qPrintable(e.error.message));
        QVERIFY2(!e.error.message.contains(QStringLiteral("gave up after 3")),
                 qPrintable(e.error.message));
        QVERIFY2(m_conversation->at(1).errorText.contains(QStringLiteral("models tried")),
                 qPrintable(m_conversation->at(1).errorText));
    }

    // Regression (issue 15, #1): --timeout is a total across the whole answer. The fallback
    // model's call gets what the overloaded model's attempts and waits left of it, not all of it
    // again.
    void theTotalTimeLimitHoldsAcrossTheFallbacks()
    {
        GuardConfig g = m_engine->guardConfig();
        g.totalTimeoutMs = 20000;
        g.headersTimeoutMs = g.idleTimeoutMs = 0; // only the total limit ends the silent call
        m_engine->setGuardConfig(g);
        m_sim->config().modelFaults.insert(kOpus, QStringLiteral("529"));
        m_sim->config().modelFaults.insert(kSonnet, QStringLiteral("stall-headers"));
        useFallback(FallbackPolicy::Mode::Automatic, {kSonnet});
        Ending e;
        const qint64 began = m_clock->nowMs();
        QVERIFY(send(QStringLiteral("hello"), e));
        QElapsedTimer t;
        t.start();
        while (!modelsAsked().contains(kSonnet) && t.elapsed() < 10000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            if (AnswerJob *job = m_session->activeJob(); job && job->isWaiting())
                m_clock->advanceToNext();
        }
        QCOMPARE(modelsAsked(), (QStringList{kOpus, kOpus, kOpus, kSonnet}));
        const qint64 spent = m_clock->nowMs() - began;
        QVERIFY2(spent > 0 && spent < 20000, qPrintable(QString::number(spent)));
        m_clock->advance(20000 - spent - 1);
        QTest::qWait(20);
        QVERIFY(m_session->isBusy()); // not yet
        m_clock->advance(1);
        QTRY_VERIFY(!m_session->isBusy());
        settle(e);
        QCOMPARE(e.failed, 1);
        QCOMPARE(e.error.kind, ErrorKind::Timeout);
        QVERIFY2(e.error.message.contains(QStringLiteral("total time limit of 20 s")),
                 qPrintable(e.error.message));
        QCOMPARE(m_conversation->at(1).model, kSonnet);
        QCOMPARE(m_conversation->at(1).errorKind, ErrorKind::Timeout);
    }

    // ... and a call that would start with nothing left sends nothing.
    void aCallWithNoTotalTimeLeftSendsNothing()
    {
        GuardConfig g = m_engine->guardConfig();
        g.totalTimeoutMs = 5000;
        m_engine->setGuardConfig(g);
        GuardedCall *call = m_engine->stream(simpleRequest(), this);
        call->setTotalTimeFrom(m_clock->nowMs() - 5000);
        QSignalSpy failed(call, &GuardedCall::failed);
        call->start();
        QTRY_COMPARE(failed.size(), 1);
        const auto e = failed.first().first().value<ApiError>();
        QCOMPARE(e.kind, ErrorKind::Timeout);
        QVERIFY2(e.message.contains(QStringLiteral("total time limit of 5 s")),
                 qPrintable(e.message));
        QCOMPARE(m_sim->requestCount(), 0);
    }

    // Only before the first token: what the user saw is never started over by another model.
    void noFallbackOnceTextArrived()
    {
        m_session->setModel(kSonnet); // thinks only when asked: the first output is text
        m_sim->config().modelFaults.insert(kSonnet, QStringLiteral("error-mid:after=3"));
        useFallback(FallbackPolicy::Mode::Automatic, {kHaiku});
        Ending e;
        QVERIFY(send(QStringLiteral("hello"), e));
        waitIdle();
        QCOMPARE(modelsAsked(), QStringList{kSonnet});
        const ChatMessage &a = m_conversation->at(1);
        QCOMPARE(a.status, MessageStatus::Interrupted);
        QCOMPARE(a.text, m_sim->replyTokens(m_sim->messageRequests().constFirst())
                             .mid(0, 3)
                             .join(QString())); // the partial, kept once
        QCOMPARE(a.model, kSonnet);
        QVERIFY(!a.isFallback());
        settle(e);
        QCOMPARE(e.failed, 1);
        QVERIFY(e.error.partial);
        QCOMPARE(e.error.kind, ErrorKind::Overloaded);
        QVERIFY(e.switches.isEmpty());
    }

    // Opus thinks before it answers: its thinking is the first output, and commits the answer.
    void noFallbackOnceThinkingArrived()
    {
        m_sim->config().thinkingTokens = 6;
        ThinkingConfig t;
        t.mode = ThinkingConfig::Mode::Adaptive;
        m_session->setThinking(t);
        m_sim->config().modelFaults.insert(kOpus, QStringLiteral("error-mid:after=3"));
        useFallback(FallbackPolicy::Mode::Automatic, {kSonnet});
        Ending e;
        QVERIFY(send(QStringLiteral("hello"), e));
        waitIdle();
        QCOMPARE(modelsAsked(), QStringList{kOpus});
        const ChatMessage &a = m_conversation->at(1);
        QVERIFY(!a.thinking.isEmpty()); // kept, as the user saw it
        QVERIFY(a.text.isEmpty());
        QVERIFY(!a.isFallback());
        settle(e);
        QVERIFY(e.error.partial);
        QVERIFY(e.switches.isEmpty());
    }

    void neverMeansNever()
    {
        m_sim->config().modelFaults.insert(kOpus, QStringLiteral("529"));
        useFallback(FallbackPolicy::Mode::Never, {kSonnet});
        Ending e;
        QVERIFY(send(QStringLiteral("hello"), e));
        waitIdle();
        QCOMPARE(modelsAsked(), (QStringList{kOpus, kOpus, kOpus}));
        QCOMPARE(m_conversation->at(1).status, MessageStatus::Failed);
        settle(e);
        QCOMPARE(e.error.kind, ErrorKind::Overloaded);
        QVERIFY(e.switches.isEmpty());
        QVERIFY(e.offers.isEmpty());
    }

    // A 5xx, a network failure or a timeout says nothing about one model.
    void otherFailuresAreNoReasonToSwitch()
    {
        m_sim->config().modelFaults.insert(kOpus, QStringLiteral("500"));
        useFallback(FallbackPolicy::Mode::Automatic, {kSonnet});
        Ending e;
        QVERIFY(send(QStringLiteral("hello"), e));
        waitIdle();
        QCOMPARE(modelsAsked(), (QStringList{kOpus, kOpus, kOpus}));
        settle(e);
        QCOMPARE(e.error.kind, ErrorKind::Server);
        QVERIFY(e.switches.isEmpty());
    }

    void askModeWaitsForTheUserAndFollowsAYes()
    {
        m_sim->config().modelFaults.insert(kOpus, QStringLiteral("529"));
        useFallback(FallbackPolicy::Mode::Ask, {kSonnet});
        Ending e;
        QPointer<AnswerJob> job = send(QStringLiteral("hello"), e);
        waitIdle();
        QVERIFY(job);
        QVERIFY(job->isAskingFallback());
        QVERIFY(m_session->isBusy());
        QCOMPARE(e.offers, (QList<QStringList>{{kOpus, kSonnet, QStringLiteral("overloaded")}}));
        QCOMPARE(modelsAsked(), (QStringList{kOpus, kOpus, kOpus})); // nothing sent meanwhile
        QVERIFY(e.switches.isEmpty());
        job->acceptFallback();
        waitIdle();
        QCOMPARE(modelsAsked().constLast(), kSonnet);
        QCOMPARE(m_conversation->at(1).status, MessageStatus::Complete);
        QCOMPARE(m_conversation->at(1).model, kSonnet);
        settle(e);
        QCOMPARE(e.finished, 1);
        QCOMPARE(e.switches.size(), 1);
    }

    void askModeEndsWithTheOverloadOnANo()
    {
        m_sim->config().modelFaults.insert(kOpus, QStringLiteral("529"));
        useFallback(FallbackPolicy::Mode::Ask, {kSonnet});
        Ending e;
        QPointer<AnswerJob> job = send(QStringLiteral("hello"), e);
        waitIdle();
        QVERIFY(job && job->isAskingFallback());
        job->declineFallback();
        job->acceptFallback(); // too late: changes nothing
        settle(e);
        QCOMPARE(e.failed, 1);
        QCOMPARE(e.finished, 0);
        QCOMPARE(e.error.kind, ErrorKind::Overloaded);
        QCOMPARE(modelsAsked(), (QStringList{kOpus, kOpus, kOpus}));
        QCOMPARE(m_conversation->at(1).status, MessageStatus::Failed);
        QCOMPARE(m_conversation->at(1).model, kOpus);
    }

    void stoppingWhileAskingEndsOnce()
    {
        m_sim->config().modelFaults.insert(kOpus, QStringLiteral("529"));
        useFallback(FallbackPolicy::Mode::Ask, {kSonnet});
        Ending e;
        QPointer<AnswerJob> job = send(QStringLiteral("hello"), e);
        waitIdle();
        QVERIFY(job && job->isAskingFallback());
        m_session->stop();
        job->acceptFallback(); // the question's late answer: nothing
        settle(e);
        QCOMPARE(e.finals(), 1);
        QCOMPARE(e.error.kind, ErrorKind::Cancelled);
        QCOMPARE(modelsAsked().size(), 3);
        QVERIFY(!m_session->isBusy());
    }

    // Ask with nobody to ask (no window listening): never.
    void askModeWithNobodyListeningIsNever()
    {
        m_sim->config().modelFaults.insert(kOpus, QStringLiteral("529"));
        useFallback(FallbackPolicy::Mode::Ask, {kSonnet});
        Ending e;
        QVERIFY(send(QStringLiteral("hello"), e, false));
        waitIdle();
        QCOMPARE(modelsAsked(), (QStringList{kOpus, kOpus, kOpus}));
        settle(e);
        QCOMPARE(e.error.kind, ErrorKind::Overloaded);
    }

    // A fallback with other capabilities gets a request it takes: its own largest max_tokens and
    // thinking in its own form; earlier turns' thinking blocks from the first model go back as
    // they were received.
    void theFallbackGetsARequestItTakes()
    {
        m_session->setMaxTokens(0); // the model's largest: 128k for Opus, 64k for Haiku
        m_sim->config().thinkingTokens = 4;
        ThinkingConfig t;
        t.mode = ThinkingConfig::Mode::Adaptive;
        t.effort = QStringLiteral("max");
        m_session->setThinking(t);
        Ending first;
        QVERIFY(send(QStringLiteral("first"), first));
        waitIdle();
        const ChatMessage &earlier = m_conversation->at(1);
        QCOMPARE(earlier.status, MessageStatus::Complete);
        QCOMPARE(earlier.model, kOpus);
        QVERIFY(!earlier.thinkingBlocks.isEmpty());
        const QJsonArray opusBlocks = earlier.thinkingBlocks;

        m_sim->config().modelFaults.insert(kOpus, QStringLiteral("529"));
        useFallback(FallbackPolicy::Mode::Automatic, {kHaiku});
        Ending e;
        QStringList notices;
        connect(m_session, &ChatSession::answerStarted, this, [&notices](AnswerJob *job) {
            connect(job, &AnswerJob::notice, [&notices](const QString &n) { notices << n; });
        });
        QVERIFY(send(QStringLiteral("second"), e));
        waitIdle();
        const QJsonObject sent = m_sim->messageRequests().constLast();
        QCOMPARE(sent.value(QLatin1String("model")).toString(), kHaiku);
        QCOMPARE(sent.value(QLatin1String("max_tokens")).toInt(), 64000);
        const QJsonObject thinking = sent.value(QLatin1String("thinking")).toObject();
        QCOMPARE(thinking.value(QLatin1String("type")).toString(), QStringLiteral("enabled"));
        QVERIFY(thinking.value(QLatin1String("budget_tokens")).toInt() < 64000);
        QVERIFY(!sent.contains(QLatin1String("output_config"))); // Haiku takes no effort
        const QJsonArray content = sent.value(QLatin1String("messages"))
                                       .toArray()
                                       .at(1)
                                       .toObject()
                                       .value(QLatin1String("content"))
                                       .toArray();
        QCOMPARE(content.first().toObject(), opusBlocks.first().toObject()); // as received
        const ChatMessage &a = m_conversation->at(3);
        QVERIFY2(a.status == MessageStatus::Complete, qPrintable(a.errorText));
        QCOMPARE(a.model, kHaiku);
        QVERIFY2(notices.join(u'\n').contains(QStringLiteral("answers instead")),
                 qPrintable(notices.join(u'\n')));
    }

    void theCostIsTheAnsweringModels()
    {
        m_sim->config().modelFaults.insert(kOpus, QStringLiteral("529"));
        useFallback(FallbackPolicy::Mode::Automatic, {kSonnet});
        Ending e;
        QVERIFY(send(QStringLiteral("hello"), e));
        waitIdle();
        const ChatMessage &a = m_conversation->at(1);
        QVERIFY(a.usage.outputTokens > 0);
        QCOMPARE(a.costUsd, m_prices.cost(kSonnet, a.usage));
        QVERIFY(m_prices.cost(kOpus, a.usage) > a.costUsd); // Opus would have cost more
    }

    // Regression (issue 15, #4): the answer took its model, and so its price, from the server's
    // `model` field unchecked: a proxy that renames the model made the answer cost $0 while the
    // ledger priced it as the model asked.
    void aRenamedModelIsPricedAsTheModelAsked()
    {
        SpendMeter meter(m_clock, &m_prices);
        m_session->setSpendMeter(&meter);
        QSignalSpy recorded(&meter, &SpendMeter::recorded);
        m_sim->config().servedModel = QStringLiteral("gateway/best-model");
        Ending e;
        QVERIFY(send(QStringLiteral("hello"), e));
        waitIdle();
        settle(e);
        const ChatMessage &a = m_conversation->at(1);
        QCOMPARE(a.status, MessageStatus::Complete);
        QCOMPARE(a.model, kOpus);
        QVERIFY(a.costUsd > 0);
        QCOMPARE(a.costUsd, m_prices.cost(kOpus, a.usage));
        QCOMPARE(recorded.size(), 1);
        const auto r = recorded.first().first().value<UsageRecord>();
        QCOMPARE(r.model, a.model);
        QCOMPARE(r.costUsd, a.costUsd);
        m_session->setSpendMeter(nullptr);
    }

    // --- Usage across attempts and models.

    // Regression (issue 15, #5): only the last attempt's usage was recorded, though every attempt
    // whose message began reached the API and was billed. One ledger line each, none twice.
    void everyAttemptThatBeganIsChargedOnce()
    {
        SpendMeter meter(m_clock, &m_prices);
        m_session->setSpendMeter(&meter);
        QSignalSpy recorded(&meter, &SpendMeter::recorded);
        // Each of Opus's attempts begins its message, then the server is overloaded mid-stream.
        m_sim->config().modelFaults.insert(kOpus, QStringLiteral("error-mid:after=0"));
        useFallback(FallbackPolicy::Mode::Automatic, {kSonnet});
        Ending e;
        QVERIFY(send(QStringLiteral("hello"), e));
        waitIdle();
        settle(e);
        QCOMPARE(modelsAsked(), (QStringList{kOpus, kOpus, kOpus, kSonnet}));
        const ChatMessage &a = m_conversation->at(1);
        QCOMPARE(a.status, MessageStatus::Complete);
        QStringList models;
        for (const QList<QVariant> &args : std::as_const(recorded)) {
            const auto r = args.first().value<UsageRecord>();
            models << r.model;
            QVERIFY(r.usage.inputTokens > 0);
        }
        QCOMPARE(models, (QStringList{kOpus, kOpus, kOpus, kSonnet}));
        // The answer's own usage is the answering attempt's: one prompt's input, not four.
        const auto last = recorded.constLast().first().value<UsageRecord>();
        QCOMPARE(a.usage.inputTokens, last.usage.inputTokens);
        QCOMPARE(a.usage.outputTokens, last.usage.outputTokens);
        m_session->setSpendMeter(nullptr);
    }

    // ... and the answer's usage is not an earlier attempt's when the last one failed before its
    // message began (the statistics kept the first attempt's).
    void aLaterAttemptWithoutUsageLeavesNoneOfAnEarlierOne()
    {
        SpendMeter meter(m_clock, &m_prices);
        m_session->setSpendMeter(&meter);
        QSignalSpy recorded(&meter, &SpendMeter::recorded);
        m_session->setModel(kSonnet);
        m_sim->setScript(script(QStringLiteral("error-mid:after=0,529,529")));
        Ending e;
        QVERIFY(send(QStringLiteral("hello"), e));
        waitIdle();
        settle(e);
        QCOMPARE(e.failed, 1);
        QCOMPARE(recorded.size(), 1); // the first attempt, once
        const ChatMessage &a = m_conversation->at(1);
        QCOMPARE(a.status, MessageStatus::Failed);
        QCOMPARE(a.usage, Usage{});
        QCOMPARE(a.costUsd, 0.0);
        m_session->setSpendMeter(nullptr);
    }

    // Regression (issue 15, #6): a stopped answer recorded message_start's output_tokens (1)
    // though 30 tokens had streamed: without message_delta, what arrived is counted.
    void aStoppedAnswerCountsTheTokensThatArrived()
    {
        SpendMeter meter(m_clock, &m_prices);
        m_session->setSpendMeter(&meter);
        QSignalSpy recorded(&meter, &SpendMeter::recorded);
        m_session->setModel(kSonnet); // text from the first token
        m_sim->setScript(script(QStringLiteral("stall-mid:after=30")));
        Ending e;
        AnswerJob *job = send(QStringLiteral("hello"), e);
        QVERIFY(job);
        int deltas = 0;
        connect(job, &AnswerJob::textReceived, this,
                [&deltas](const QByteArray &, int n) { deltas += n; });
        QTRY_COMPARE(deltas, 30);
        m_session->stop();
        settle(e);
        const ChatMessage &a = m_conversation->at(1);
        QCOMPARE(a.status, MessageStatus::Interrupted);
        QCOMPARE(a.usage.outputTokens, 30);
        QVERIFY(a.usage.inputTokens > 0);
        QCOMPARE(recorded.size(), 1);
        QCOMPARE(recorded.first().first().value<UsageRecord>().usage.outputTokens, 30);
        m_session->setSpendMeter(nullptr);
    }

    void theFileRecordsWhoAnsweredAndWhy()
    {
        m_sim->config().modelFaults.insert(kOpus, QStringLiteral("529"));
        useFallback(FallbackPolicy::Mode::Automatic, {kSonnet});
        Ending e;
        QVERIFY(send(QStringLiteral("hello"), e));
        waitIdle();
        const QByteArray bytes =
            ConversationFile::serialize(ConversationData::of(*m_conversation, m_clock->wallNow()));
        const QJsonObject written = QJsonDocument::fromJson(bytes)
                                        .object()
                                        .value(QLatin1String("messages"))
                                        .toArray()
                                        .at(1)
                                        .toObject();
        QCOMPARE(written.value(QLatin1String("model")).toString(), kSonnet);
        QCOMPARE(written.value(QLatin1String("fallback")).toObject(),
                 (QJsonObject{{QStringLiteral("from"), QJsonArray{kOpus}},
                              {QStringLiteral("reason"), QStringLiteral("overloaded")}}));
        ConversationData read;
        QString error;
        QVERIFY2(ConversationFile::parse(bytes, read, &error), qPrintable(error));
        QCOMPARE(read.messages.at(1).fallbackFrom, QStringList{kOpus});
        QCOMPARE(read.messages.at(1).fallbackReason, QStringLiteral("overloaded"));
        QCOMPARE(read.messages.at(1), m_conversation->at(1));
    }

    void aDamagedFallbackFieldIsNamed()
    {
        QJsonObject file = QJsonDocument::fromJson(ConversationFile::serialize(ConversationData::of(
                                                       *m_conversation, m_clock->wallNow())))
                               .object();
        QJsonObject answer{{QStringLiteral("id"), QStringLiteral("a1")},
                           {QStringLiteral("role"), QStringLiteral("assistant")},
                           {QStringLiteral("text"), QStringLiteral("hi")},
                           {QStringLiteral("model"), kSonnet},
                           {QStringLiteral("fallback"),
                            QJsonObject{{QStringLiteral("from"), kOpus}, // not a list
                                        {QStringLiteral("reason"), QStringLiteral("overloaded")}}}};
        QJsonObject question{{QStringLiteral("id"), QStringLiteral("q1")},
                             {QStringLiteral("role"), QStringLiteral("user")},
                             {QStringLiteral("text"), QStringLiteral("hello")}};
        answer.insert(QStringLiteral("parent"), QStringLiteral("q1"));
        question.insert(QStringLiteral("parent"), QJsonValue::Null);
        file.insert(QStringLiteral("messages"), QJsonArray{question, answer});
        ConversationData read;
        QString error;
        QVERIFY(!ConversationFile::parse(QJsonDocument(file).toJson(), read, &error));
        QVERIFY2(error.contains(QStringLiteral("fallback.from")), qPrintable(error));

        // What a newer Breakwater adds inside it is kept on re-save.
        answer.insert(QStringLiteral("fallback"),
                      QJsonObject{{QStringLiteral("from"), QJsonArray{kOpus}},
                                  {QStringLiteral("reason"), QStringLiteral("overloaded")},
                                  {QStringLiteral("asked_user"), true}});
        file.insert(QStringLiteral("messages"), QJsonArray{question, answer});
        QVERIFY2(ConversationFile::parse(QJsonDocument(file).toJson(), read, &error),
                 qPrintable(error));
        const QJsonObject again = QJsonDocument::fromJson(ConversationFile::serialize(read))
                                      .object()
                                      .value(QLatin1String("messages"))
                                      .toArray()
                                      .at(1)
                                      .toObject()
                                      .value(QLatin1String("fallback"))
                                      .toObject();
        QCOMPARE(again.value(QLatin1String("asked_user")), QJsonValue(true));
    }
};

QTEST_GUILESS_MAIN(TestFallback)
#include "tst_fallback.moc"
