// AnthropicClient against the simulator over real loopback sockets: every simulator behaviour.
#include "testsupport.h"

#include "resilience/resilientclient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QThread>

#ifdef Q_OS_LINUX
#include <sched.h>
#include <sys/resource.h>
#endif

using namespace bw;
using namespace bw::test;

namespace {

// Makes Qt's HTTP thread lag behind this thread, as it may on a busy machine: it is moved onto
// this thread's CPU at the lowest priority, so it runs only while this thread waits. Linux only
// (per-thread affinity and nice); elsewhere it does nothing and says so. Create it after a request
// went out (Qt starts the thread then); it puts this thread's affinity back when it goes.
class LaggingHttpThread final
{
    Q_DISABLE_COPY_MOVE(LaggingHttpThread)

public:
    LaggingHttpThread();
    ~LaggingHttpThread();
    bool isActive() const { return m_active; }

private:
    bool m_active = false;
#ifdef Q_OS_LINUX
    cpu_set_t m_saved;
#endif
};

LaggingHttpThread::LaggingHttpThread()
{
#ifdef Q_OS_LINUX
    if (sched_getaffinity(0, sizeof m_saved, &m_saved) != 0)
        return;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(sched_getcpu(), &one);
    const QDir tasks(QStringLiteral("/proc/self/task"));
    bool found = false;
    bool ok = true;
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        // Qt names it "QNetworkAccessManager thread"; the kernel keeps 15 characters.
        if (!comm.open(QIODevice::ReadOnly) || !comm.readAll().startsWith("QNetworkAccessM"))
            continue;
        found = true;
        const pid_t id = tid.toInt();
        ok = ok && sched_setaffinity(id, sizeof one, &one) == 0 &&
             setpriority(PRIO_PROCESS, id, 19) == 0;
    }
    m_active = found && ok && sched_setaffinity(0, sizeof one, &one) == 0;
#endif
}

LaggingHttpThread::~LaggingHttpThread()
{
#ifdef Q_OS_LINUX
    if (m_active)
        sched_setaffinity(0, sizeof m_saved, &m_saved);
#endif
}

// The process's peak resident memory so far (VmHWM), in KiB; -1 where /proc has no such line.
qint64 peakResidentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// Under AddressSanitizer freed memory is held in a quarantine (256 MB by default) so that a use
// after free is caught: resident memory then measures the quarantine, not what the code keeps.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

} // namespace

class TestClient : public QObject
{
    Q_OBJECT

    sim::ApiSimulator *m_sim = nullptr;
    AnthropicClient *m_client = nullptr;

    StreamOutcome streamWith(const QString &behaviours,
                             const MessageRequest &request = simpleRequest())
    {
        m_sim->setScript(script(behaviours));
        return runStream(m_client->streamMessage(request));
    }

private Q_SLOTS:
    void init()
    {
        m_sim = new sim::ApiSimulator;
        QVERIFY(m_sim->listen());
        m_client = new AnthropicClient(configFor(*m_sim));
    }

    void cleanup()
    {
        delete m_client;
        delete m_sim;
    }

    void streamsTheDeterministicReply()
    {
        const MessageRequest request = simpleRequest();
        const StreamOutcome out = streamWith(QStringLiteral("ok"), request);
        QVERIFY(out.succeeded);
        QCOMPARE(QString::fromUtf8(out.text), expectedReply(*m_sim, request));
        QCOMPARE(out.message.text(), expectedReply(*m_sim, request));
        QCOMPARE(out.message.stopReason, QStringLiteral("end_turn"));
        QCOMPARE(out.headersStatus, 200);
        QVERIFY(out.requestId.startsWith(QStringLiteral("req_sim_")));
        QVERIFY(out.rateLimit.requests.limit.has_value());
        QCOMPARE(
            out.lastUsage.outputTokens,
            qint64(
                m_sim->replyTokens(QJsonDocument::fromJson(request.toJson(true)).object()).size()));
        QVERIFY(out.lastUsage.inputTokens > 0);
    }

    void sendsTheRequiredHeadersAndBody()
    {
        m_sim->config().requiredKey = kTestKey;
        MessageRequest request = simpleRequest();
        request.setSystem(QStringLiteral("Be brief."));
        QVERIFY(streamWith(QStringLiteral("ok"), request).succeeded);
        const QJsonObject body = m_sim->messageRequests().constLast();
        QCOMPARE(body.value(QLatin1String("model")).toString(),
                 QStringLiteral("claude-sonnet-4-6"));
        QCOMPARE(body.value(QLatin1String("system")).toString(), QStringLiteral("Be brief."));
        QCOMPARE(body.value(QLatin1String("stream")).toBool(), true);
        QCOMPARE(body.value(QLatin1String("messages")).toArray().size(), 1);
    }

    void wrongKeyIsAnAuthError()
    {
        m_sim->config().requiredKey = "fake-other-key";
        const StreamOutcome out = streamWith(QStringLiteral("ok"));
        QCOMPARE(out.error.kind, ErrorKind::Auth);
        QCOMPARE(out.error.httpStatus, 401);
    }

    void inputTokensGrowWithTheRequest()
    {
        const StreamOutcome small =
            streamWith(QStringLiteral("ok"), simpleRequest(QStringLiteral("hi")));
        const StreamOutcome large =
            streamWith(QStringLiteral("ok"), simpleRequest(QString(4000, QLatin1Char('x'))));
        QVERIFY(small.succeeded && large.succeeded);
        QVERIFY2(large.lastUsage.inputTokens > small.lastUsage.inputTokens + 900,
                 qPrintable(QStringLiteral("%1 vs %2")
                                .arg(large.lastUsage.inputTokens)
                                .arg(small.lastUsage.inputTokens)));
    }

    void statusErrors_data()
    {
        QTest::addColumn<QString>("behaviour");
        QTest::addColumn<ErrorKind>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<qint64>("hintMs"); // -1: none
        QTest::newRow("429 default hint") << "429" << ErrorKind::RateLimited << 429 << qint64(1000);
        QTest::newRow("429 retry-after seconds")
            << "429:retry-after=7" << ErrorKind::RateLimited << 429 << qint64(7000);
        QTest::newRow("429 retry-after-ms")
            << "429:retry-after-ms=1500" << ErrorKind::RateLimited << 429 << qint64(1500);
        QTest::newRow("429 no hint (spend limit)")
            << "429:no-hint" << ErrorKind::RateLimited << 429 << qint64(-1);
        QTest::newRow("500") << "500" << ErrorKind::Server << 500 << qint64(-1);
        QTest::newRow("503") << "503" << ErrorKind::Server << 503 << qint64(-1);
        QTest::newRow("529") << "529" << ErrorKind::Overloaded << 529 << qint64(-1);
        QTest::newRow("401") << "401" << ErrorKind::Auth << 401 << qint64(-1);
        QTest::newRow("400") << "400" << ErrorKind::InvalidRequest << 400 << qint64(-1);
        QTest::newRow("html 502") << "html502" << ErrorKind::Server << 502 << qint64(-1);
    }

    void statusErrors()
    {
        QFETCH(QString, behaviour);
        QFETCH(ErrorKind, kind);
        QFETCH(int, status);
        QFETCH(qint64, hintMs);
        const StreamOutcome out = streamWith(behaviour);
        QVERIFY(out.ended && !out.succeeded);
        QCOMPARE(out.error.kind, kind);
        QCOMPARE(out.error.httpStatus, status);
        QVERIFY(out.error.requestId.startsWith(QStringLiteral("req_sim_")));
        QCOMPARE(out.error.retryAfterMs.value_or(-1), hintMs);
        QVERIFY(!out.error.partial);
        QVERIFY(out.text.isEmpty());
    }

    void retryAfterHttpDateBecomesAWait()
    {
        const StreamOutcome out = streamWith(QStringLiteral("429:retry-after-date=3"));
        QCOMPARE(out.error.kind, ErrorKind::RateLimited);
        QVERIFY(out.error.retryAfterMs.has_value());
        // The date has one-second resolution: 3 s ahead is 2..3 s from now.
        QVERIFY2(*out.error.retryAfterMs >= 1000 && *out.error.retryAfterMs <= 3000,
                 qPrintable(QString::number(*out.error.retryAfterMs)));
    }

    void shouldRetryHeaderArrives()
    {
        const StreamOutcome no = streamWith(QStringLiteral("500:should-retry=false"));
        QCOMPARE(no.error.shouldRetry, std::optional<bool>(false));
        const StreamOutcome yes = streamWith(QStringLiteral("400:should-retry=true"));
        QCOMPARE(yes.error.shouldRetry, std::optional<bool>(true));
    }

    void midStreamFaults_data()
    {
        QTest::addColumn<QString>("behaviour");
        QTest::addColumn<ErrorKind>("kind");
        QTest::addColumn<int>("tokensBefore");
        QTest::newRow("error event after tokens")
            << "error-mid:after=4" << ErrorKind::Overloaded << 4;
        QTest::newRow("api_error event")
            << "error-mid:after=2:type=api_error" << ErrorKind::Server << 2;
        QTest::newRow("reset mid-stream")
            << "reset-mid:after=3:delay-ms=300" << ErrorKind::Network << 3;
        QTest::newRow("clean close before message_stop")
            << "close-early:after=5" << ErrorKind::Incomplete << 5;
        QTest::newRow("malformed json line") << "malformed:after=3" << ErrorKind::Protocol << 3;
        QTest::newRow("invalid utf-8") << "bad-utf8:after=2" << ErrorKind::Protocol << 2;
    }

    void midStreamFaults()
    {
        QFETCH(QString, behaviour);
        QFETCH(ErrorKind, kind);
        QFETCH(int, tokensBefore);
        const MessageRequest request = simpleRequest();
        const StreamOutcome out = streamWith(behaviour, request);
        QVERIFY(out.ended);
        QVERIFY(!out.succeeded);
        QCOMPARE(out.error.kind, kind);
        QVERIFY(out.error.partial);
        // Exactly the tokens sent before the fault, once each.
        QCOMPARE(QString::fromUtf8(out.text), expectedPrefix(*m_sim, request, tokensBefore));
        QCOMPARE(out.message.text(), expectedPrefix(*m_sim, request, tokensBefore));
    }

    void closeBeforeAnyTokenIsIncompleteNotPartial()
    {
        const StreamOutcome out = streamWith(QStringLiteral("close-early:after=0"));
        QCOMPARE(out.error.kind, ErrorKind::Incomplete);
        QVERIFY(!out.error.partial);
    }

    void resetBeforeHeadersIsANetworkError()
    {
        // Qt's HTTP layer itself re-sends a request once when the connection drops before any
        // byte of the answer; a second reset reaches us.
        const StreamOutcome out = streamWith(QStringLiteral("reset-headers,reset-headers"));
        QCOMPARE(out.error.kind, ErrorKind::Network);
        QCOMPARE(out.error.httpStatus, 0);
        QCOMPARE(m_sim->requestCount(), 2);
    }

    void singleResetBeforeHeadersIsResentByQt()
    {
        const StreamOutcome out = streamWith(QStringLiteral("reset-headers"));
        QVERIFY(out.succeeded);
        QCOMPARE(m_sim->requestCount(), 2);
    }

    void answerThatIsNotAnEventStreamIsAProtocolError()
    {
        const StreamOutcome out = streamWith(QStringLiteral("not-sse"));
        QCOMPARE(out.error.kind, ErrorKind::Protocol);
        QVERIFY2(out.error.message.contains(QStringLiteral("text/html")),
                 qPrintable(out.error.message));
    }

    void endlessLineIsCutOffNotBuffered()
    {
        const StreamOutcome out = streamWith(QStringLiteral("huge-line"), simpleRequest());
        QCOMPARE(out.error.kind, ErrorKind::Protocol);
        QVERIFY2(out.error.message.contains(QStringLiteral("MiB")), qPrintable(out.error.message));
    }

    void slowDripAndPingPausesComplete()
    {
        m_sim->config().replyTokens = 6;
        const MessageRequest request = simpleRequest();
        const StreamOutcome drip = streamWith(QStringLiteral("drip:tps=10"), request);
        QVERIFY(drip.succeeded);
        QCOMPARE(QString::fromUtf8(drip.text), expectedReply(*m_sim, request));
        QVERIFY2(drip.textSignals >= 3, "a drip arrives in several pieces");
        const StreamOutcome pings =
            streamWith(QStringLiteral("pings:after=2:count=3:interval=30"), request);
        QVERIFY(pings.succeeded);
        QCOMPARE(QString::fromUtf8(pings.text), expectedReply(*m_sim, request));
    }

    void stallMidStreamCanBeEndedByTheCaller()
    {
        MessageStream *stream = m_client->streamMessage(simpleRequest());
        m_sim->setScript(script(QStringLiteral("stall-mid:after=3")));
        QPointer<MessageStream> guard = stream;
        QObject::connect(
            stream, &MessageStream::textReceived, stream, [stream](const QByteArray &) {
                QTimer::singleShot(50, stream, [stream] {
                    stream->abortWith(ApiError::make(ErrorKind::Stalled, QStringLiteral("test")));
                });
            });
        const StreamOutcome out = runStream(stream);
        QCOMPARE(out.error.kind, ErrorKind::Stalled);
        QVERIFY(out.error.partial);
        QTRY_COMPARE(m_sim->inFlight(), 0); // the connection was really closed
    }

    void cancelEndsWithCancelled()
    {
        m_sim->setScript(script(QStringLiteral("stall-headers")));
        MessageStream *stream = m_client->streamMessage(simpleRequest());
        QTimer::singleShot(20, stream, &ApiCall::cancel);
        const StreamOutcome out = runStream(stream);
        QCOMPARE(out.error.kind, ErrorKind::Cancelled);
        QTRY_COMPARE(m_sim->inFlight(), 0);
    }

    void sameOriginRedirectIsFollowed()
    {
        const StreamOutcome out = streamWith(QStringLiteral("redirect,ok"));
        QVERIFY2(out.succeeded, qPrintable(out.error.describe()));
        QCOMPARE(m_sim->requestCount(), 2);
    }

    void redirectedPostIsSentOnce()
    {
        // Qt 6.4 following a redirect itself sent the first POST a second time whenever its HTTP
        // thread lagged behind this one (see ApiCall::followRedirect): about 1 run in 6 on a busy
        // 2-core machine. Here it lags every time, and each round must still see one POST per hop.
        QVERIFY(streamWith(QStringLiteral("ok")).succeeded); // Qt's HTTP thread exists now
        const LaggingHttpThread lagging;
        if (!lagging.isActive())
            qWarning("Qt's HTTP thread could not be slowed down: this test proves less here");
        const MessageRequest request = simpleRequest();
        for (int round = 0; round < 10; ++round) {
            m_sim->resetStats();
            const StreamOutcome out =
                streamWith(QStringLiteral("redirect:to=/v1/messages?hop=1"), request);
            QVERIFY2(out.succeeded, qPrintable(out.error.describe()));
            QCOMPARE(QString::fromUtf8(out.text), expectedReply(*m_sim, request));
            QCOMPARE(m_sim->requestLog().join(", "),
                     QByteArray("POST /v1/messages, POST /v1/messages?hop=1"));
        }
    }

    void redirectStatusDecidesTheMethod_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("followedWith");
        // RFC 9110 15.4: 307 and 308 repeat the request; after 301, 302 and 303 a client GETs.
        QTest::newRow("307") << 307 << QByteArray("POST /v1/messages?hop=1");
        QTest::newRow("308") << 308 << QByteArray("POST /v1/messages?hop=1");
        QTest::newRow("301") << 301 << QByteArray("GET /v1/messages?hop=1");
        QTest::newRow("302") << 302 << QByteArray("GET /v1/messages?hop=1");
        QTest::newRow("303") << 303 << QByteArray("GET /v1/messages?hop=1");
    }

    void redirectStatusDecidesTheMethod()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, followedWith);
        streamWith(QStringLiteral("redirect:status=%1:to=/v1/messages?hop=1").arg(status));
        QCOMPARE(m_sim->requestLog().join(", "), "POST /v1/messages, " + followedWith);
    }

    void redirectLoopIsRefused()
    {
        const StreamOutcome out = streamWith(QStringLiteral("redirect*20"));
        QCOMPARE(out.error.kind, ErrorKind::Protocol);
        QVERIFY2(out.error.message.contains(QStringLiteral("loop")), qPrintable(out.error.message));
        QCOMPARE(m_sim->requestCount(), ApiCall::kMaxRedirects + 1);
    }

    void redirectToAnotherHostIsRefused()
    {
        sim::ApiSimulator other;
        QVERIFY(other.listen());
        const QString to = other.baseUrl().toString() + QStringLiteral("/v1/messages");
        const StreamOutcome out = streamWith(QStringLiteral("redirect:to=") + to);
        QCOMPARE(out.error.kind, ErrorKind::Protocol);
        QVERIFY2(out.error.message.contains(QStringLiteral("API key")),
                 qPrintable(out.error.message));
        QTest::qWait(50); // give a wrongly followed redirect the chance to arrive
        QCOMPARE(other.totalRequests(), 0);
    }

    void basePathPrefixIsKept()
    {
        m_sim->config().pathPrefix = "/gateway/anthropic";
        ClientConfig c = configFor(*m_sim);
        c.baseUrl.setPath(QStringLiteral("/gateway/anthropic/"));
        m_client->setConfig(c);
        QCOMPARE(m_client->endpoint(u"/v1/messages").path(),
                 QStringLiteral("/gateway/anthropic/v1/messages"));
        QVERIFY(streamWith(QStringLiteral("ok")).succeeded);
    }

    void unreachableHostIsANetworkError()
    {
        // Port 1 (tcpmux) has no listener: a port freed by this test could be taken by another.
        ClientConfig c = configFor(*m_sim);
        c.baseUrl.setPort(1);
        m_client->setConfig(c);
        const StreamOutcome out = runStream(m_client->streamMessage(simpleRequest()));
        QCOMPARE(out.error.kind, ErrorKind::Network);
        QVERIFY2(out.error.message.contains(QStringLiteral("refused")),
                 qPrintable(out.error.message));
    }

    void configurationProblemsFailBeforeSending()
    {
        ClientConfig c = configFor(*m_sim);
        c.baseUrl = QUrl(QStringLiteral("http://api.example.com"));
        m_client->setConfig(c);
        StreamOutcome out = runStream(m_client->streamMessage(simpleRequest()));
        QCOMPARE(out.error.kind, ErrorKind::InvalidRequest);
        QVERIFY(out.error.message.contains(QStringLiteral("https")));

        c = configFor(*m_sim);
        c.apiKey.clear();
        m_client->setConfig(c);
        out = runStream(m_client->streamMessage(simpleRequest()));
        QCOMPARE(out.error.kind, ErrorKind::Auth);
        QCOMPARE(m_sim->totalRequests(), 0);
    }

    void checkBaseUrlRules_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowInsecure");
        QTest::addColumn<bool>("ok");
        QTest::newRow("https") << "https://api.anthropic.com" << false << true;
        QTest::newRow("https with prefix") << "https://gw.example.com/anthropic" << false << true;
        QTest::newRow("http loopback v4") << "http://127.0.0.1:8080" << false << true;
        QTest::newRow("http localhost") << "http://localhost:8080" << false << true;
        QTest::newRow("http loopback v6") << "http://[::1]:8080" << false << true;
        QTest::newRow("http remote") << "http://api.example.com" << false << false;
        QTest::newRow("http remote allowed") << "http://api.example.com" << true << true;
        QTest::newRow("ftp") << "ftp://example.com" << false << false;
        QTest::newRow("no host") << "https://" << false << false;
        QTest::newRow("garbage") << "not a url" << false << false;
        QTest::newRow("query") << "https://a.example.com/?x=1" << false << false;
    }

    void checkBaseUrlRules()
    {
        QFETCH(QString, url);
        QFETCH(bool, allowInsecure);
        QFETCH(bool, ok);
        QCOMPARE(
            AnthropicClient::checkBaseUrl(QUrl(url, QUrl::StrictMode), allowInsecure).isEmpty(),
            ok);
    }

    void nonStreamingCountTokensAndModels()
    {
        m_sim->setScript(script(QStringLiteral("ok")));
        const MessageRequest request = simpleRequest();
        JsonCall *create = m_client->createMessage(request);
        QSignalSpy created(create, &ApiCall::finished);
        QVERIFY(created.wait());
        const AssistantMessage m = AssistantMessage::fromJson(create->json());
        QCOMPARE(m.text(), expectedReply(*m_sim, request));
        QVERIFY(m.usage.outputTokens > 0);

        JsonCall *count = m_client->countTokens(request);
        QSignalSpy counted(count, &ApiCall::finished);
        QVERIFY(counted.wait());
        QVERIFY(count->json().value(QLatin1String("input_tokens")).toInt() > 0);

        JsonCall *models = m_client->listModels();
        QSignalSpy listed(models, &ApiCall::finished);
        QVERIFY(listed.wait());
        const QJsonArray data = models->json().value(QLatin1String("data")).toArray();
        QCOMPARE(data.size(), m_sim->config().models.size());
        QCOMPARE(data.first().toObject().value(QLatin1String("id")).toString(),
                 m_sim->config().models.first());
    }

    void nonStreamingBodyCutShortIsANetworkError()
    {
        m_sim->setScript(script(QStringLiteral("reset-mid")));
        JsonCall *create = m_client->createMessage(simpleRequest());
        QSignalSpy failed(create, &ApiCall::failed);
        QVERIFY(failed.wait());
        QCOMPARE(failed.first().first().value<ApiError>().kind, ErrorKind::Network);
    }

    void hostileAnswersGetAPlainDiagnosis_data()
    {
        QTest::addColumn<QString>("behaviour");
        QTest::addColumn<QString>("says");
        QTest::addColumn<QString>("mustNotSay");
        QTest::newRow("more than 100 headers") << "many-headers:count=150"
                                               << "headers"
                                               << "none";
        QTest::newRow("one 1 MB header") << "huge-header"
                                         << "headers"
                                         << "none";
        QTest::newRow("103 early hints") << "early-hints"
                                         << "informational"
                                         << "event stream";
        QTest::newRow("redirect without location") << "redirect:no-location"
                                                   << "Location"
                                                   << "empty body";
        QTest::newRow("redirect to file://") << "redirect:to=file:///etc/passwd"
                                             << "https"
                                             << "API key";
        QTest::newRow("redirect loop") << "redirect*20"
                                       << "loop"
                                       << "empty body";
    }

    void hostileAnswersGetAPlainDiagnosis()
    {
        QFETCH(QString, behaviour);
        QFETCH(QString, says);
        QFETCH(QString, mustNotSay);
        const StreamOutcome out = streamWith(behaviour);
        QVERIFY(out.ended && !out.succeeded);
        QCOMPARE(out.error.kind, ErrorKind::Protocol);
        QVERIFY2(out.error.message.contains(says) && !out.error.message.contains(mustNotSay),
                 qPrintable(out.error.message));
    }

    void gzipEncodedEventStreamIsDecoded()
    {
        // A proxy compresses the stream although the client asked for identity; Qt decodes only
        // an encoding it asked for itself.
        const MessageRequest request = simpleRequest();
        const StreamOutcome out = streamWith(QStringLiteral("gzip-sse"), request);
        QVERIFY2(out.succeeded, qPrintable(out.error.describe()));
        QCOMPARE(QString::fromUtf8(out.text), expectedReply(*m_sim, request));
        QCOMPARE(m_sim->requestCount(), 1);
    }

    void largeRequestRefusedBeforeItsBodyIsTooLargeAndNotRetried()
    {
        // A proxy with a body limit answers 413 and closes before reading the body; the body
        // still arriving turns the close into a reset, and Qt never sees the 413.
        m_sim->config().maxRequestBytes = 1024 * 1024;
        const MessageRequest request = simpleRequest(QString(3'000'000, QLatin1Char('a')));
        const StreamOutcome out = runStream(m_client->streamMessage(request));
        QCOMPARE(out.error.kind, ErrorKind::TooLarge);
        QVERIFY2(out.error.message.contains(QStringLiteral("MB")), qPrintable(out.error.message));
        QVERIFY(!out.error.advice().isEmpty());
        QVERIFY(m_sim->refusedBeforeBody() >= 1);

        GuardConfig guard;
        guard.retry.baseDelayMs = 1;
        guard.retry.maxDelayMs = 2;
        ResilientClient engine(m_client, nullptr, guard, {});
        GuardedCall *call = engine.stream(request, this);
        int attempts = 0;
        ApiError error;
        connect(call, &GuardedCall::failed, this, [&](const ApiError &e) {
            attempts = call->attempts();
            error = e;
        });
        call->start();
        QTRY_VERIFY_WITH_TIMEOUT(error.isError(), 20000);
        QCOMPARE(error.kind, ErrorKind::TooLarge);
        QCOMPARE(attempts, 1); // 3 MB is not sent four times
    }

    void aSlowReaderDoesNotMakeTheReplyBufferTheStream()
    {
        // breakwater-sim writes as fast as the socket takes the bytes while this thread is busy
        // for a moment (a window painting, a slow terminal). Qt must stop reading the socket at
        // its read buffer instead of holding the whole stream: memory follows the text kept, not
        // the bytes on the wire.
        if (peakResidentKiB() < 0)
            QSKIP("no /proc/self/status here");
        QProcess simProcess;
        simProcess.start(QStringLiteral(BW_SIM_PATH),
                         {QStringLiteral("--port"), QStringLiteral("0"),
                          QStringLiteral("--reply-tokens"), QStringLiteral("300000")});
        QTRY_VERIFY(simProcess.canReadLine()); // "breakwater-sim listening on URL"
        const QByteArray line = simProcess.readLine().trimmed();
        ClientConfig config = configFor(*m_sim);
        config.baseUrl = QUrl(QString::fromLatin1(line.mid(line.lastIndexOf(' ') + 1)));
        AnthropicClient client(config);
        const qint64 before = peakResidentKiB();
        // A model the simulator has no output limit for: 300,000 tokens in one answer.
        MessageRequest longAnswer = simpleRequest(QStringLiteral("x"), 1'000'000);
        longAnswer.setModel(QStringLiteral("sim-unlimited-model"));
        MessageStream *stream = client.streamMessage(longAnswer);
        bool busy = false;
        connect(stream, &MessageStream::textReceived, this, [&] {
            if (!std::exchange(busy, true))
                QThread::msleep(1500); // the reader is busy: the network is far ahead meanwhile
        });
        const StreamOutcome out = runStream(stream, 60000);
        simProcess.kill();
        simProcess.waitForFinished();
        QVERIFY2(out.succeeded, qPrintable(out.error.describe()));
        QVERIFY(out.text.size() > 1'500'000); // ~27 MB of events on the wire
        if (kAddressSanitizer)
            QSKIP("the stream was read; its memory is not measured under ASan (the quarantine)");
        const qint64 grownKiB = peakResidentKiB() - before;
        // The text is kept three times here (the message, the outcome, a signal's copy): ~7 MB.
        QVERIFY2(grownKiB < 16 * 1024, qPrintable(QStringLiteral("%1 KiB").arg(grownKiB)));
    }

    void theExchangeIsReadToItsEndAfterTheAnswer()
    {
        // The answer is complete at message_stop; the response (and the server's count of the
        // request) ends later. openExchange() lives until then.
        m_sim->config().holdAfterStopMs = 200;
        MessageStream *stream = m_client->streamMessage(simpleRequest());
        QPointer<QObject> exchange;
        QElapsedTimer sinceAnswer;
        connect(stream, &ApiCall::finished, this, [&] {
            exchange = stream->openExchange();
            sinceAnswer.start();
        });
        QVERIFY(runStream(stream).succeeded);
        QVERIFY(exchange);
        QCOMPARE(m_sim->inFlight(), 1);
        QTRY_VERIFY(!exchange);
        QVERIFY2(sinceAnswer.elapsed() >= 100, qPrintable(QString::number(sinceAnswer.elapsed())));
        QCOMPARE(m_sim->inFlight(), 0);
        QVERIFY(streamWith(QStringLiteral("ok")).succeeded); // the connection is reused
    }

    void aResponseThatNeverEndsIsDroppedAfterTheBound()
    {
        m_sim->config().holdAfterStopMs = 60'000;
        MessageStream *stream = m_client->streamMessage(simpleRequest());
        QPointer<QObject> exchange;
        QElapsedTimer sinceAnswer;
        connect(stream, &ApiCall::finished, this, [&] {
            exchange = stream->openExchange();
            sinceAnswer.start();
        });
        QVERIFY(runStream(stream).succeeded);
        QVERIFY(exchange);
        QTRY_VERIFY_WITH_TIMEOUT(!exchange, ApiCall::kExchangeEndBoundMs + 3000);
        QVERIFY2(sinceAnswer.elapsed() >= ApiCall::kExchangeEndBoundMs - 100,
                 qPrintable(QString::number(sinceAnswer.elapsed())));
    }

    void manyStreamsOnKeepAliveConnections()
    {
        const MessageRequest request = simpleRequest();
        for (int i = 0; i < 20; ++i)
            QVERIFY(runStream(m_client->streamMessage(request)).succeeded);
        QCOMPARE(m_sim->requestCount(), 20);
    }

    // Regression: a server that repeats the key (an HTML 403, a request-id header, an error event
    // mid-stream) had it printed and saved. The client knows its key: it is never reported.
    void aKeyEchoedByTheServerIsNeverReported_data()
    {
        QTest::addColumn<QString>("behaviour");
        QTest::newRow("html 403 and request-id") << QStringLiteral("echo-key");
        QTest::newRow("error event mid-stream") << QStringLiteral("echo-key:after=2");
    }

    void aKeyEchoedByTheServerIsNeverReported()
    {
        QFETCH(QString, behaviour);
        const StreamOutcome out = streamWith(behaviour);
        QVERIFY(out.ended && !out.succeeded);
        const QString key = QString::fromLatin1(kTestKey);
        for (const QString &text : {out.error.message, out.error.type, out.error.requestId,
                                    out.error.describe(), out.error.sentence(), out.requestId}) {
            QVERIFY2(!text.contains(key), qPrintable(text));
        }
        QVERIFY2(out.error.describe().contains(QStringLiteral("[your API key]")),
                 qPrintable(out.error.describe())); // what was there is still readable
    }
};

QTEST_GUILESS_MAIN(TestClient)
#include "tst_client.moc"
