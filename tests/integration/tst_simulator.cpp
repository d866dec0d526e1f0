// The simulator validates like the service and enforces its limits, over real HTTP.
#include "testsupport.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>

using namespace bw;
using namespace bw::test;

class TestSimulator : public QObject
{
    Q_OBJECT

    sim::ApiSimulator *m_sim = nullptr;
    QNetworkAccessManager m_nam;

    struct Answer
    {
        int status = 0;
        QJsonObject json;
        QByteArray body;
        QList<QByteArray> headers;
    };

    Answer post(const QByteArray &path, const QByteArray &body,
                QList<QPair<QByteArray, QByteArray>> headers)
    {
        QNetworkRequest req(QUrl(m_sim->baseUrl().toString() + QString::fromLatin1(path)));
        for (const auto &[k, v] : headers)
            req.setRawHeader(k, v);
        req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        QNetworkReply *reply = body.isNull() ? m_nam.get(req) : m_nam.post(req, body);
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!done.wait(5000))
            qFatal("no answer");
        Answer a;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.body = reply->readAll();
        a.json = QJsonDocument::fromJson(a.body).object();
        a.headers = reply->rawHeaderList();
        reply->deleteLater();
        return a;
    }

    static QList<QPair<QByteArray, QByteArray>> auth()
    {
        return {{"x-api-key", "k"}, {"anthropic-version", "2026-10-21"}};
    }

private Q_SLOTS:
    void init()
    {
        m_sim = new sim::ApiSimulator;
        QVERIFY(m_sim->listen());
    }
    void cleanup() { delete m_sim; }

    void validatesLikeTheService_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad json") << QByteArray("{nope") << "not valid JSON";
        QTest::newRow("missing model")
            << QByteArray(R"({"max_tokens":5,"messages":[{"role":"user","content":"hi"}]})")
            << "model";
        QTest::newRow("missing max_tokens")
            << QByteArray(R"({"model":"m","messages":[{"role":"user","content":"hi"}]})")
            << "max_tokens";
        QTest::newRow("missing messages")
            << QByteArray(R"({"model":"m","max_tokens":5})") << "messages";
        QTest::newRow("empty messages")
            << QByteArray(R"({"model":"m","max_tokens":5,"messages":[]})") << "messages";
        QTest::newRow("first not user")
            << QByteArray(
                   R"({"model":"m","max_tokens":5,"messages":[{"role":"assistant","content":"hi"}]})")
            << "first message";
        QTest::newRow("empty content")
            << QByteArray(
                   R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":"  "}]})")
            << "non-empty";
        QTest::newRow("bad role")
            << QByteArray(
                   R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":"a"},{"role":"robot","content":"b"}]})")
            << "role";
        QTest::newRow("temperature in 2026-10-21")
            << QByteArray(
                   R"({"model":"m","max_tokens":5,"temperature":0.5,"messages":[{"role":"user","content":"a"}]})")
            << "temperature";
    }

    void validatesLikeTheService()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        const Answer a = post("/v1/messages", body, auth());
        QCOMPARE(a.status, 400);
        QCOMPARE(a.json.value(QLatin1String("type")).toString(), QStringLiteral("error"));
        const QJsonObject error = a.json.value(QLatin1String("error")).toObject();
        QCOMPARE(error.value(QLatin1String("type")).toString(),
                 QStringLiteral("invalid_request_error"));
        QVERIFY2(error.value(QLatin1String("message")).toString().contains(message),
                 qPrintable(error.value(QLatin1String("message")).toString()));
        QVERIFY(a.json.value(QLatin1String("request_id"))
                    .toString()
                    .startsWith(QStringLiteral("req_sim_")));
    }

    void authenticationRules()
    {
        const QByteArray body =
            R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}]})";
        QCOMPARE(post("/v1/messages", body, {{"anthropic-version", "2026-10-21"}}).status, 401);
        QCOMPARE(post("/v1/messages", body,
                      {{"authorization", "Bearer k"}, {"anthropic-version", "2026-10-21"}})
                     .status,
                 200);
        m_sim->config().requiredKey = "right";
        QCOMPARE(post("/v1/messages", body, auth()).status, 401);
        QCOMPARE(post("/v1/messages", body,
                      {{"x-api-key", "right"}, {"anthropic-version", "2026-10-21"}})
                     .status,
                 200);
        QCOMPARE(post("/v1/messages", body, {{"x-api-key", "k"}}).status,
                 401); // auth is checked first
        m_sim->config().requiredKey.clear();
        QCOMPARE(post("/v1/messages", body, {{"x-api-key", "k"}}).status,
                 400); // then the version header
    }

    void unknownPathsAre404()
    {
        const Answer a = post("/v1/nothing", "{}", auth());
        QCOMPARE(a.status, 404);
        QCOMPARE(
            a.json.value(QLatin1String("error")).toObject().value(QLatin1String("type")).toString(),
            QStringLiteral("not_found_error"));
    }

    void repliesAreDeterministicAndDependOnThePrompt()
    {
        const QJsonObject a =
            QJsonDocument::fromJson(simpleRequest(QStringLiteral("alpha")).toJson(true)).object();
        const QJsonObject b =
            QJsonDocument::fromJson(simpleRequest(QStringLiteral("beta")).toJson(true)).object();
        QCOMPARE(m_sim->replyTokens(a), m_sim->replyTokens(a));
        QVERIFY(m_sim->replyTokens(a) != m_sim->replyTokens(b));
        sim::SimConfig other;
        other.seed = 99;
        QVERIFY(sim::ApiSimulator(other).replyTokens(a) != m_sim->replyTokens(a));
        m_sim->config().replyTokens = 17;
        QCOMPARE(m_sim->replyTokens(a).size(), 17);
    }

    // A regenerate sends the same request again: the simulator answers with another version, so
    // the new answer visibly differs — deterministically, in the order they were asked for.
    void theSameRequestAgainGetsTheNextVersionOfItsReply()
    {
        const QByteArray body =
            R"({"model":"m","max_tokens":200,"messages":[{"role":"user","content":"again"}]})";
        const Answer first = post("/v1/messages", body, auth());
        const Answer second = post("/v1/messages", body, auth());
        auto text = [](const Answer &a) {
            return a.json.value(QLatin1String("content"))
                .toArray()[0]
                .toObject()
                .value(QLatin1String("text"))
                .toString();
        };
        QVERIFY(text(first) != text(second));
        const QJsonObject request = QJsonDocument::fromJson(body).object();
        QCOMPARE(m_sim->replyTokens(request).join(QString()), text(second)); // the latest
        QCOMPARE(m_sim->replyTokens(request, 0).join(QString()), text(first));
    }

    void maxTokensCapsTheReply()
    {
        m_sim->config().replyTokens = 50;
        const Answer a = post(
            "/v1/messages",
            R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}]})", auth());
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json.value(QLatin1String("stop_reason")).toString(),
                 QStringLiteral("max_tokens"));
        QCOMPARE(a.json.value(QLatin1String("usage"))
                     .toObject()
                     .value(QLatin1String("output_tokens"))
                     .toInt(),
                 5);
    }

    void rateLimitHeadersOnEveryAnswer()
    {
        const Answer a = post(
            "/v1/messages",
            R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}]})", auth());
        QVERIFY(a.headers.contains("anthropic-ratelimit-requests-limit"));
        QVERIFY(a.headers.contains("anthropic-ratelimit-requests-remaining"));
        QVERIFY(a.headers.contains("anthropic-ratelimit-tokens-reset"));
    }

    void capacityLimitAnswers429BeyondIt()
    {
        m_sim->config().capacity = 2;
        m_sim->config().capacityRetryAfterMs = 1500;
        m_sim->setScript(test::script(QStringLiteral("stall-headers,stall-headers")));
        AnthropicClient client(configFor(*m_sim));
        QPointer<MessageStream> s1 = client.streamMessage(simpleRequest());
        QPointer<MessageStream> s2 = client.streamMessage(simpleRequest());
        QTRY_COMPARE(m_sim->inFlight(), 2);
        const StreamOutcome third = runStream(client.streamMessage(simpleRequest()));
        QCOMPARE(third.error.kind, ErrorKind::RateLimited);
        QCOMPARE(third.error.retryAfterMs, std::optional<qint64>(1500));
        QCOMPARE(m_sim->rejectedForCapacity(), 1);
        QCOMPARE(m_sim->maxInFlight(), 2);
        s1->cancel();
        QTRY_COMPARE(m_sim->inFlight(), 1);
        QVERIFY(runStream(client.streamMessage(simpleRequest())).succeeded); // room again
        s2->cancel();
    }

    void faultRatesAreSeededAndApplied()
    {
        m_sim->config().faultRates.insert(QStringLiteral("529"), 0.5);
        AnthropicClient client(configFor(*m_sim));
        int overloaded = 0;
        for (int i = 0; i < 40; ++i)
            overloaded += runStream(client.streamMessage(simpleRequest())).error.kind ==
                          ErrorKind::Overloaded;
        QVERIFY2(overloaded > 8 && overloaded < 32, qPrintable(QString::number(overloaded)));
    }

    void scriptsParseAndReject()
    {
        QString error;
        const auto s = sim::SimBehaviour::parseScript(
            u"529*3, ok ,stall-mid:after=5:ms=100,redirect:to=http://a:1/x", &error);
        QVERIFY(s);
        QCOMPARE(s->size(), 6);
        QCOMPARE(s->at(0).status, 529);
        QCOMPARE(s->at(4).intParam(QStringLiteral("after"), 0), 5);
        QCOMPARE(s->at(5).param(QStringLiteral("to")), QStringLiteral("http://a:1/x"));
        QVERIFY(!sim::SimBehaviour::parseScript(u"gremlins", &error));
        QVERIFY(error.contains(QStringLiteral("gremlins")));
        QVERIFY(!sim::SimBehaviour::parseScript(u"ok*zero", &error));
    }
};

QTEST_GUILESS_MAIN(TestSimulator)
#include "tst_simulator.moc"
