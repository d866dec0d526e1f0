// Prompt caching, end to end: the request's cache_control, a prefix that stays byte-identical
// from one turn to the next (thinking, branches and compressions included), the simulator's cache
// accounting on an injected clock (prefix match, TTL, minimum length, usage fields), and what the
// cache saved, per answer and per conversation.
#include "attachmenttesting.h"
#include "base/manualclock.h"
#include "chat/answerjob.h"
#include "chat/attachmentpreparer.h"
#include "chat/chatsession.h"
#include "chat/contextcompressor.h"
#include "chat/conversation.h"
#include "chat/modelcatalogue.h"
#include "chat/pricetable.h"
#include "chat/streamstats.h"
#include "resilience/randomsource.h"
#include "resilience/resilientclient.h"
#include "sim/simattachments.h"
#include "sim/simpromptcache.h"
#include "sim/simreply.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace bw;
using namespace bw::test;
using Ttl = PromptCache::Ttl;

namespace {

constexpr qint64 kMinute = 60'000;

QJsonObject parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QByteArray bytes(const QJsonValue &v)
{
    return v.isObject() ? QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)
                        : QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
}

QJsonObject body(const QString &system, const QStringList &turns, Ttl ttl = Ttl::FiveMinutes)
{
    MessageRequest r;
    r.setModel(QStringLiteral("claude-sonnet-4-6")).setMaxTokens(100).setSystem(system);
    for (int i = 0; i < turns.size(); ++i)
        r.addMessage(i % 2 ? QStringLiteral("assistant") : QStringLiteral("user"), turns[i]);
    r.setPromptCache(PromptCache{ttl});
    return parse(r.toJson(true));
}

// The bytes of a top-level field's value in a JSON body as it was sent (empty when missing).
QByteArray rawField(const QByteArray &body, const QByteArray &name)
{
    const QByteArray key = '"' + name + "\":";
    qsizetype at = body.indexOf(key);
    if (at < 0)
        return {};
    at += key.size();
    int depth = 0;
    bool inString = false;
    for (qsizetype i = at; i < body.size(); ++i) {
        const char c = body.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            if (!inString && depth == 0)
                return body.mid(at, i + 1 - at);
            continue;
        }
        if (c == '"')
            inString = true;
        else if (c == '[' || c == '{')
            ++depth;
        else if (c == ']' || c == '}') {
            if (--depth == 0)
                return body.mid(at, i + 1 - at);
        } else if (depth == 0 && (c == ',' || c == '}'))
            return body.mid(at, i - at);
    }
    return {};
}

qint64 sum(const sim::SimPromptCache::Usage &u)
{
    return u.inputTokens + u.cacheCreationInputTokens + u.cacheReadInputTokens;
}

} // namespace

class TestPromptCache : public QObject
{
    Q_OBJECT

    sim::ApiSimulator *m_sim = nullptr;
    AnthropicClient *m_client = nullptr;
    ManualClock *m_clock = nullptr;
    SeededRandom m_random{7};
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

    void say(const QString &text)
    {
        QVERIFY(m_session->send(text));
        waitIdle();
        QCOMPARE(m_conversation->at(m_conversation->count() - 1).status, MessageStatus::Complete);
    }

    const ChatMessage &answer(int fromEnd = 0) const
    {
        return m_conversation->at(m_conversation->count() - 1 - 2 * fromEnd);
    }

    // Long enough that every prefix passes the simulator's minimum.
    static QString longSystem()
    {
        QString s;
        for (int i = 0; i < 60; ++i)
            s += QStringLiteral("Rule %1: answer plainly, cite what you rely on, keep it short. ")
                     .arg(i);
        return s;
    }

    // Request n's messages start with request n-1's, byte for byte, after the same system.
    void checkPrefixesStable(int from)
    {
        const QList<QJsonObject> &bodies = m_sim->messageRequests();
        QVERIFY(bodies.size() > from + 1);
        for (int n = from + 1; n < bodies.size(); ++n) {
            const QJsonObject &before = bodies[n - 1];
            const QJsonObject &now = bodies[n];
            QCOMPARE(bytes(now.value(QLatin1String("system"))),
                     bytes(before.value(QLatin1String("system"))));
            QCOMPARE(now.value(QLatin1String("system")), before.value(QLatin1String("system")));
            const QJsonArray a = before.value(QLatin1String("messages")).toArray();
            const QJsonArray b = now.value(QLatin1String("messages")).toArray();
            QVERIFY2(b.size() > a.size(), qPrintable(QString::number(n)));
            for (qsizetype i = 0; i < a.size(); ++i)
                QCOMPARE(bytes(b.at(i)), bytes(a.at(i)));
            // And the bytes as they went over the wire: the earlier request's messages, all but
            // the closing bracket, begin the later one's; the system prompt is the same bytes.
            const QByteArray rawBefore = m_sim->rawMessageRequests().at(n - 1);
            const QByteArray rawNow = m_sim->rawMessageRequests().at(n);
            QCOMPARE(rawField(rawNow, "system"), rawField(rawBefore, "system"));
            const QByteArray messagesBefore = rawField(rawBefore, "messages");
            const QByteArray messagesNow = rawField(rawNow, "messages");
            QVERIFY(messagesBefore.startsWith('[') && messagesBefore.endsWith(']'));
            QVERIFY2(messagesNow.startsWith(messagesBefore.chopped(1) + ','),
                     qPrintable(QString::number(n)));
            QCOMPARE(now.value(QLatin1String("cache_control"))
                         .toObject()
                         .value(QLatin1String("type"))
                         .toString(),
                     QStringLiteral("ephemeral"));
        }
    }

private Q_SLOTS:
    void init()
    {
        m_clock = new ManualClock;
        m_sim = new sim::ApiSimulator;
        m_sim->config().cacheMinTokens = 64;
        m_sim->setClock(m_clock);
        QVERIFY(m_sim->listen());
        m_client = new AnthropicClient(configFor(*m_sim));
        GuardConfig g;
        g.retry.maxAttempts = 3;
        g.totalTimeoutMs = 0;
        BreakerConfig b;
        b.failureThreshold = 100;
        m_engine = new ResilientClient(m_client, nullptr, g, b, m_clock, &m_random);
        m_conversation = new Conversation;
        m_conversation->setSystemPrompt(longSystem());
        m_models = new ModelCatalogue;
        m_session = new ChatSession(m_engine, m_conversation, &m_prices);
        m_session->setCatalogue(m_models);
        m_session->setModel(QStringLiteral("claude-sonnet-4-6"));
        m_session->setMaxTokens(2000);
        m_session->setPromptCache(PromptCache{Ttl::FiveMinutes});
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

    void settingParsesAndNames()
    {
        PromptCache c;
        QCOMPARE(c.ttl, Ttl::FiveMinutes); // on by default
        QVERIFY(PromptCache::parse(u"off", c));
        QCOMPARE(c.ttl, Ttl::Off);
        QVERIFY(PromptCache::parse(u" 1H ", c));
        QCOMPARE(c.ttl, Ttl::OneHour);
        QCOMPARE(c.toString(), QStringLiteral("1h"));
        QString error;
        QVERIFY(!PromptCache::parse(u"10m", c, &error));
        QCOMPARE(c.ttl, Ttl::OneHour); // unchanged
        QVERIFY(error.contains(QLatin1String("10m")));
    }

    void requestCarriesTopLevelCacheControl()
    {
        MessageRequest r = simpleRequest();
        QVERIFY(!parse(r.toJson(true)).contains(QLatin1String("cache_control"))); // off unless set
        r.setPromptCache(PromptCache{Ttl::FiveMinutes});
        QCOMPARE(parse(r.toJson(true)).value(QLatin1String("cache_control")).toObject(),
                 QJsonObject({{QLatin1String("type"), QLatin1String("ephemeral")}}));
        r.setPromptCache(PromptCache{Ttl::OneHour});
        QCOMPARE(parse(r.toJson(false)).value(QLatin1String("cache_control")).toObject(),
                 QJsonObject({{QLatin1String("type"), QLatin1String("ephemeral")},
                              {QLatin1String("ttl"), QLatin1String("1h")}}));
        // Counting caches nothing.
        QVERIFY(!parse(r.toCountTokensJson()).contains(QLatin1String("cache_control")));
        // The same request always serialises to the same bytes.
        QCOMPARE(r.toJson(true), MessageRequest(r).toJson(true));
    }

    void simulatorAccountsPrefixes()
    {
        sim::SimPromptCache cache;
        cache.minTokens = 100;
        const QString system = longSystem();
        const QJsonObject first = body(system, {QStringLiteral("Hello there")});
        const qint64 total1 = sim::SimReply::inputTokens(first);
        auto u = cache.account(first, total1, 0);
        QCOMPARE(u.cacheReadInputTokens, 0);
        QCOMPARE(u.cacheCreationInputTokens, total1); // everything up to the last block
        QCOMPARE(sum(u), total1);
        QCOMPARE(u.toJson()
                     .value(QLatin1String("cache_creation"))
                     .toObject()
                     .value(QLatin1String("ephemeral_5m_input_tokens"))
                     .toInteger(),
                 total1);

        // The conversation grows by an answer and a prompt: the old prefix is read, the new part
        // written.
        const QJsonObject second =
            body(system, {QStringLiteral("Hello there"), QStringLiteral("Hi! How can I help?"),
                          QStringLiteral("Tell me about tides")});
        const qint64 total2 = sim::SimReply::inputTokens(second);
        u = cache.account(second, total2, 2 * kMinute);
        QCOMPARE(u.cacheReadInputTokens, total1);
        QCOMPARE(u.cacheCreationInputTokens, total2 - total1);
        QCOMPARE(u.inputTokens, 0);

        // The same request again reads all of it.
        u = cache.account(second, total2, 3 * kMinute);
        QCOMPARE(u.cacheReadInputTokens, total2);
        QCOMPARE(u.cacheCreationInputTokens, 0);

        // A read refreshes the TTL: 5 min after the last use it is still there at 7:59.
        u = cache.account(second, total2, 3 * kMinute + 5 * kMinute - 1);
        QCOMPARE(u.cacheReadInputTokens, total2);
        // ... and gone 5 min after that.
        u = cache.account(second, total2, 3 * kMinute + 10 * kMinute);
        QCOMPARE(u.cacheReadInputTokens, 0);
        QCOMPARE(u.cacheCreationInputTokens, total2);
    }

    // An image's and a PDF's tokens sit at their place in the prefix: the next turn reads them
    // from the cache like the text around them (the same bytes are sent again).
    void simulatorCachesImagesAndDocuments()
    {
        sim::SimPromptCache cache;
        cache.minTokens = 100;
        QList<Attachment> files;
        for (const auto &[bytes, name] :
             {std::pair{test::makePng(800, 600), QStringLiteral("shot.png")},
              std::pair{test::makePdf(2), QStringLiteral("report.pdf")}}) {
            const AttachmentPreparer::Result r = AttachmentPreparer::fromBytes(bytes, name, {});
            QVERIFY2(r.ok, qPrintable(r.error));
            files.append(r.attachment);
        }
        auto request = [&](const QStringList &later) {
            MessageRequest r;
            r.setModel(QStringLiteral("claude-sonnet-4-6")).setMaxTokens(100);
            QList<ChatTurn> turns{
                {QStringLiteral("user"), QStringLiteral("What is this?"), {}, files}};
            for (int i = 0; i < later.size(); ++i)
                turns.append({i % 2 ? QStringLiteral("user") : QStringLiteral("assistant"),
                              later[i],
                              {},
                              {}});
            r.setMessages(turns);
            r.setPromptCache(PromptCache{Ttl::FiveMinutes});
            return parse(r.toJson(true));
        };
        auto total = [](const QJsonObject &b) {
            return sim::SimReply::inputTokens(b) + sim::SimAttachments::tokens(b);
        };
        const QJsonObject first = request({});
        const qint64 fileTokens = sim::SimAttachments::tokens(first);
        QVERIFY(fileTokens > 1'800); // a page of PDF and a picture
        auto u = cache.account(first, total(first), 0);
        QCOMPARE(u.cacheCreationInputTokens, total(first));
        QCOMPARE(u.inputTokens, 0);

        const QJsonObject second =
            request({QStringLiteral("A screenshot and a report."), QStringLiteral("And then?")});
        u = cache.account(second, total(second), kMinute);
        QCOMPARE(u.cacheReadInputTokens, total(first));
        QCOMPARE(u.cacheCreationInputTokens, total(second) - total(first));
        QCOMPARE(u.inputTokens, 0);
    }

    void simulatorMissesOnAnyEarlierChange()
    {
        sim::SimPromptCache cache;
        cache.minTokens = 100;
        const QStringList turns{QStringLiteral("one"), QStringLiteral("two"),
                                QStringLiteral("three")};
        const QJsonObject base = body(longSystem(), turns);
        cache.account(base, sim::SimReply::inputTokens(base), 0);
        // Another system prompt (a timestamp in it, a rewritten summary): nothing to read.
        const QJsonObject otherSystem = body(longSystem() + QLatin1Char('.'), turns);
        QCOMPARE(cache.account(otherSystem, sim::SimReply::inputTokens(otherSystem), 1)
                     .cacheReadInputTokens,
                 0);
        // An earlier turn changed: read only what came before it (the system prompt was never
        // a breakpoint of its own, so: nothing).
        QStringList edited = turns;
        edited[1] = QStringLiteral("TWO");
        const QJsonObject changed = body(longSystem(), edited);
        QCOMPARE(
            cache.account(changed, sim::SimReply::inputTokens(changed), 2).cacheReadInputTokens, 0);
        // Another model has its own cache.
        QJsonObject otherModel = base;
        otherModel.insert(QLatin1String("model"), QLatin1String("claude-haiku-4-5"));
        QCOMPARE(cache.account(otherModel, sim::SimReply::inputTokens(otherModel), 3)
                     .cacheReadInputTokens,
                 0);
        // An explicit breakpoint on a block does not change the block's bytes for the match.
        QJsonObject marked = base;
        QJsonArray messages = marked.value(QLatin1String("messages")).toArray();
        QJsonObject last = messages.last().toObject();
        last.insert(QLatin1String("content"),
                    QJsonArray{QJsonObject{
                        {QLatin1String("type"), QLatin1String("text")},
                        {QLatin1String("text"), QLatin1String("three")},
                        {QLatin1String("cache_control"),
                         QJsonObject{{QLatin1String("type"), QLatin1String("ephemeral")}}}}});
        messages.replace(messages.size() - 1, last);
        marked.insert(QLatin1String("messages"), messages);
        marked.remove(QLatin1String("cache_control"));
        const qint64 total = sim::SimReply::inputTokens(marked);
        QCOMPARE(cache.account(marked, total, 4).cacheReadInputTokens, total);
    }

    void simulatorMinimumAndHourAndChecks()
    {
        sim::SimPromptCache cache;
        cache.minTokens = 100'000;
        const QJsonObject small = body(longSystem(), {QStringLiteral("hi")});
        const qint64 total = sim::SimReply::inputTokens(small);
        auto u = cache.account(small, total, 0);
        QCOMPARE(u.inputTokens, total); // below the minimum: nothing cached
        QCOMPARE(u.cacheCreationInputTokens, 0);
        QCOMPARE(cache.entryCount(), 0);

        cache.minTokens = 10;
        const QJsonObject hour = body(longSystem(), {QStringLiteral("hi")}, Ttl::OneHour);
        u = cache.account(hour, total, 0);
        QCOMPARE(u.cacheCreation1hInputTokens, total);
        QCOMPARE(cache.account(hour, total, 59 * kMinute).cacheReadInputTokens, total);
        QCOMPARE(cache.account(hour, total, 59 * kMinute + 61 * kMinute).cacheReadInputTokens, 0);

        QJsonObject bad = small;
        bad.insert(QLatin1String("cache_control"),
                   QJsonObject{{QLatin1String("type"), QLatin1String("ephemeral")},
                               {QLatin1String("ttl"), QLatin1String("10m")}});
        QVERIFY(sim::SimPromptCache::check(bad).contains(QLatin1String("cache_control")));
        QVERIFY(sim::SimPromptCache::check(small).isEmpty());
        QJsonArray blocks;
        for (int i = 0; i < 5; ++i)
            blocks.append(
                QJsonObject{{QLatin1String("type"), QLatin1String("text")},
                            {QLatin1String("text"), QStringLiteral("part %1").arg(i)},
                            {QLatin1String("cache_control"),
                             QJsonObject{{QLatin1String("type"), QLatin1String("ephemeral")}}}});
        QJsonObject five = small;
        five.insert(QLatin1String("system"), blocks);
        QVERIFY(sim::SimPromptCache::check(five).contains(QLatin1String("maximum of 4")));
    }

    void simulatorRejectsABadCacheControlWith400()
    {
        MessageRequest r = simpleRequest();
        QJsonObject b = parse(r.toJson(true));
        b.insert(QLatin1String("cache_control"), QJsonObject{{QLatin1String("type"), 1}});
        // Straight onto the wire: the client would never send this.
        QNetworkAccessManager nam;
        QNetworkRequest request(QUrl(m_sim->baseUrl().toString() + QStringLiteral("/v1/messages")));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        request.setRawHeader("anthropic-version", "2023-06-01");
        request.setRawHeader("x-api-key", kTestKey);
        QNetworkReply *reply = nam.post(request, QJsonDocument(b).toJson());
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
        QVERIFY(reply->readAll().contains("cache_control"));
        delete reply;
    }

    void turnsReadThePreviousPrefix()
    {
        for (int i = 1; i <= 6; ++i)
            say(QStringLiteral("Question number %1 about harbours?").arg(i));
        checkPrefixesStable(0);
        // Every answer after the first read exactly what the one before it sent, and wrote the
        // rest.
        QCOMPARE(m_conversation->at(1).usage.cacheReadInputTokens, 0);
        QVERIFY(m_conversation->at(1).usage.cacheCreationInputTokens > 0);
        for (int a = 3; a < m_conversation->count(); a += 2) {
            const Usage &now = m_conversation->at(a).usage;
            const Usage &before = m_conversation->at(a - 2).usage;
            QCOMPARE(now.cacheReadInputTokens, before.totalInputTokens());
            QCOMPARE(now.cacheCreationInputTokens,
                     now.totalInputTokens() - before.totalInputTokens());
            QVERIFY(now.cacheHitRatio() > 0.5);
            QVERIFY(m_conversation->at(a).cacheSavingsUsd > 0);
        }
        // The first answer paid the write premium: caching cost it something.
        QVERIFY(m_conversation->at(1).cacheSavingsUsd < 0);
        QVERIFY(m_conversation->totalCacheSavingsUsd() > 0);
        const Usage total = m_conversation->totalUsage();
        QVERIFY(total.cacheReadInputTokens > total.cacheCreationInputTokens);
        // The same prices, worked out again.
        const ChatMessage &last = answer();
        QCOMPARE(last.cacheSavingsUsd, m_prices.costWithoutCache(last.model, last.usage) -
                                           m_prices.cost(last.model, last.usage));
    }

    void thinkingTurnsStayByteIdentical()
    {
        m_session->setModel(QStringLiteral("claude-opus-4-8")); // thinks, adaptive only
        for (int i = 1; i <= 4; ++i)
            say(QStringLiteral("Think about question %1, then answer.").arg(i));
        QVERIFY(!answer().thinkingBlocks.isEmpty());
        checkPrefixesStable(0);
        QCOMPARE(answer().usage.cacheReadInputTokens, answer(1).usage.totalInputTokens());
    }

    void branchesReuseTheSharedPrefix()
    {
        for (int i = 1; i <= 3; ++i)
            say(QStringLiteral("Branch question %1").arg(i));
        const QJsonObject original = m_sim->messageRequests().constLast();
        const Usage before = answer().usage;
        // A regenerate sends the very same request: all of it is read.
        QVERIFY(m_session->regenerate(m_conversation->count() - 1));
        waitIdle();
        const QJsonObject again = m_sim->messageRequests().constLast();
        QCOMPARE(bytes(again.value(QLatin1String("messages"))),
                 bytes(original.value(QLatin1String("messages"))));
        QCOMPARE(answer().usage.cacheReadInputTokens, before.totalInputTokens());
        QCOMPARE(answer().usage.cacheCreationInputTokens, 0);
        // An edit of the last prompt branches after the second answer: what the second request
        // cached is read.
        const qint64 secondTotal = m_conversation->at(3).usage.totalInputTokens();
        QVERIFY(m_session->edit(m_conversation->count() - 2, QStringLiteral("Branch, edited")));
        waitIdle();
        QCOMPARE(answer().usage.cacheReadInputTokens, secondTotal);
    }

    void cacheExpiresOnTheClock()
    {
        say(QStringLiteral("First"));
        m_clock->advance(6 * kMinute); // past the five minutes
        say(QStringLiteral("Second"));
        QCOMPARE(answer().usage.cacheReadInputTokens, 0);
        QVERIFY(answer().cacheSavingsUsd < 0); // written twice, never read

        m_session->setPromptCache(PromptCache{Ttl::OneHour});
        say(QStringLiteral("Third"));
        QCOMPARE(answer().usage.cacheCreation1hInputTokens,
                 answer().usage.cacheCreationInputTokens);
        QVERIFY(m_sim->messageRequests()
                    .constLast()
                    .value(QLatin1String("cache_control"))
                    .toObject()
                    .contains(QLatin1String("ttl")));
        m_clock->advance(50 * kMinute);
        say(QStringLiteral("Fourth"));
        QVERIFY(answer().usage.cacheReadInputTokens > 0); // an hour holds
        // Written for an hour, it was priced at 2x input.
        Usage hourOnly;
        hourOnly.cacheCreationInputTokens = 1'000'000;
        hourOnly.cacheCreation1hInputTokens = 1'000'000;
        QCOMPARE(m_prices.cost(QStringLiteral("claude-sonnet-4-6"), hourOnly), 6.0);
    }

    void offSendsNoCacheControl()
    {
        m_session->setPromptCache(PromptCache{Ttl::Off});
        say(QStringLiteral("One"));
        say(QStringLiteral("Two"));
        QVERIFY(!m_sim->messageRequests().constLast().contains(QLatin1String("cache_control")));
        QCOMPARE(answer().usage.cacheReadInputTokens, 0);
        QCOMPARE(answer().cacheSavingsUsd, 0.0);
    }

    void compressionRewritesOnceThenHitsAgain()
    {
        CompressionSettings s;
        s.compressAtTokens = 800;
        s.keepRecent = 2;
        s.cacheAware = true;
        m_compressor->setSettings(s);
        m_session->setCompressor(m_compressor);
        m_conversation->setSystemPrompt(QStringLiteral("Be brief."));
        bool compressed = false;
        for (int i = 1; i <= 20 && !compressed; ++i) {
            const int before = m_conversation->summary().coveredMessages;
            say(QStringLiteral("Tell me, at length, fact number %1 about the sea and its "
                               "harbours, moles and jetties.")
                    .arg(i));
            compressed = m_conversation->summary().coveredMessages != before;
        }
        QVERIFY2(compressed, "the conversation never compressed");
        // The answer after the compression had another system prompt: nothing to read.
        QCOMPARE(answer().usage.cacheReadInputTokens, 0);
        QVERIFY(answer().usage.cacheCreationInputTokens > 0);
        // Cache-aware: it folded down to at most half the threshold...
        QVERIFY(ContextCompressor::estimateTokens(*m_conversation, m_conversation->count()) <=
                s.compressAtTokens);
        // ... so the next turn does not compress again, and reads the new prefix, byte-stable.
        const int covered = m_conversation->summary().coveredMessages;
        const qsizetype bodiesBefore = m_sim->messageRequests().size();
        say(QStringLiteral("And one more thing?"));
        QCOMPARE(m_conversation->summary().coveredMessages, covered);
        QCOMPARE(answer().usage.cacheReadInputTokens, answer(1).usage.totalInputTokens());
        checkPrefixesStable(int(bodiesBefore) - 1);
    }

    void cacheAwareFoldingGoesDeeper()
    {
        Conversation c;
        const QDateTime t = QDateTime::currentDateTimeUtc();
        for (int i = 0; i < 10; ++i) {
            c.append(ChatMessage::user(QString(400, QLatin1Char('u')), t)); // ~100 tokens
            ChatMessage a = ChatMessage::assistant(QStringLiteral("m"), t);
            a.text = QString(400, QLatin1Char('a'));
            c.append(a);
        }
        c.append(ChatMessage::user(QStringLiteral("last"), t));
        const int assistantIndex = c.count();
        ContextCompressor compressor(m_engine);
        CompressionSettings s;
        s.compressAtTokens = 600;
        s.keepRecent = 8;
        compressor.setSettings(s);
        const int plain = compressor.foldEnd(c, assistantIndex);
        QCOMPARE(plain, assistantIndex - 9); // keeps the 8 most recent, from a user turn
        s.cacheAware = true;
        compressor.setSettings(s);
        const int deep = compressor.foldEnd(c, assistantIndex);
        QVERIFY(deep > plain);
        QVERIFY(c.at(deep).isUser());
        qint64 kept = 0;
        for (int i = deep; i < assistantIndex; ++i)
            kept += (c.at(i).text.size() + 3) / 4 + 4;
        QVERIFY(kept <= s.compressAtTokens / 2);
        // The prompt itself always stays.
        QVERIFY(deep <= assistantIndex - 1);
    }
};

QTEST_GUILESS_MAIN(TestPromptCache)
#include "tst_promptcache.moc"
