#include "api/apierror.h"
#include "api/httpheaders.h"
#include "api/networkerror.h"
#include "api/ratelimitinfo.h"

#include <QTest>

using namespace bw;
using Pairs = QList<HttpHeaders::Pair>;

namespace {
const QDateTime kNow = QDateTime(QDate(2026, 11, 28), QTime(8, 0, 0), Qt::UTC);

QByteArray errorBody(const char *type, const char *message)
{
    return QByteArray(R"({"type":"error","error":{"type":")") + type + R"(","message":")" +
           message + R"("},"request_id":"req_body"})";
}
} // namespace

class TestApiError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Every row of the API reference's error table.
    void classifiesTheErrorTable_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<ErrorKind>("kind");
        QTest::addColumn<QString>("type");

        QTest::newRow("400") << 400
                             << errorBody("invalid_request_error", "max_tokens: Field required")
                             << ErrorKind::InvalidRequest << "invalid_request_error";
        QTest::newRow("401") << 401 << errorBody("authentication_error", "invalid x-api-key")
                             << ErrorKind::Auth << "authentication_error";
        QTest::newRow("402") << 402 << errorBody("billing_error", "credit balance too low")
                             << ErrorKind::Permission << "billing_error";
        QTest::newRow("403") << 403 << errorBody("permission_error", "no") << ErrorKind::Permission
                             << "permission_error";
        QTest::newRow("404") << 404 << errorBody("not_found_error", "model: x")
                             << ErrorKind::NotFound << "not_found_error";
        QTest::newRow("408") << 408 << QByteArray() << ErrorKind::Timeout << "";
        QTest::newRow("409") << 409 << errorBody("conflict_error", "conflict") << ErrorKind::Server
                             << "conflict_error";
        QTest::newRow("413") << 413 << errorBody("request_too_large", "too big")
                             << ErrorKind::TooLarge << "request_too_large";
        QTest::newRow("429") << 429 << errorBody("rate_limit_error", "slow down")
                             << ErrorKind::RateLimited << "rate_limit_error";
        QTest::newRow("500") << 500 << errorBody("api_error", "boom") << ErrorKind::Server
                             << "api_error";
        QTest::newRow("502 html")
            << 502
            << QByteArray(
                   "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>")
            << ErrorKind::Server << "";
        QTest::newRow("503 plain text")
            << 503 << QByteArray("upstream connect error") << ErrorKind::Server << "";
        QTest::newRow("504") << 504 << errorBody("timeout_error", "timed out") << ErrorKind::Server
                             << "timeout_error";
        QTest::newRow("529") << 529 << errorBody("overloaded_error", "Overloaded")
                             << ErrorKind::Overloaded << "overloaded_error";
        QTest::newRow("500 carrying overloaded_error")
            << 500 << errorBody("overloaded_error", "Overloaded") << ErrorKind::Overloaded
            << "overloaded_error";
        QTest::newRow("418 unknown 4xx")
            << 418 << QByteArray("{}") << ErrorKind::InvalidRequest << "";
        QTest::newRow("599 unknown 5xx") << 599 << QByteArray() << ErrorKind::Server << "";
    }

    void classifiesTheErrorTable()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(ErrorKind, kind);
        QFETCH(QString, type);
        const ApiError e =
            classifyHttpError(status, body, HttpHeaders(Pairs{{"Request-Id", "req_hdr"}}), kNow);
        QCOMPARE(e.kind, kind);
        QCOMPARE(e.httpStatus, status);
        QCOMPARE(e.type, type);
        QCOMPARE(e.requestId, QStringLiteral("req_hdr")); // the header wins over the body
        QVERIFY(!e.message.isEmpty());
        QVERIFY(!e.advice().isEmpty());
        QVERIFY(e.describe().contains(QString::number(status)));
    }

    void proxyHtmlBecomesReadable()
    {
        const ApiError e = classifyHttpError(
            502, "<html><head><title>502 Bad Gateway</title></head></html>", {}, kNow);
        QVERIFY2(e.message.contains(QStringLiteral("502 Bad Gateway")), qPrintable(e.message));
        QVERIFY(!e.message.contains(QLatin1Char('<')));
        const ApiError untitled = classifyHttpError(503, "<p>try <b>later</b></p>", {}, kNow);
        QVERIFY2(untitled.message.contains(QStringLiteral("try later")),
                 qPrintable(untitled.message));
    }

    void requestIdFromBodyWhenNoHeader()
    {
        const ApiError e = classifyHttpError(500, errorBody("api_error", "x"), {}, kNow);
        QCOMPARE(e.requestId, QStringLiteral("req_body"));
    }

    void retryHints_data()
    {
        QTest::addColumn<Pairs>("headers");
        QTest::addColumn<qint64>("expectedMs"); // -1: no hint
        QTest::newRow("none") << Pairs{} << qint64(-1);
        QTest::newRow("seconds") << Pairs{{"retry-after", "7"}} << qint64(7000);
        QTest::newRow("fractional seconds") << Pairs{{"retry-after", "1.5"}} << qint64(1500);
        QTest::newRow("milliseconds") << Pairs{{"retry-after-ms", "250"}} << qint64(250);
        QTest::newRow("ms preferred over seconds")
            << Pairs{{"retry-after", "30"}, {"retry-after-ms", "1200"}} << qint64(1200);
        QTest::newRow("imf-fixdate")
            << Pairs{{"retry-after", "Sat, 28 Nov 2026 08:00:42 GMT"}} << qint64(42000);
        QTest::newRow("rfc 850 date")
            << Pairs{{"retry-after", "Saturday, 28-Nov-26 08:01:00 GMT"}} << qint64(60000);
        QTest::newRow("asctime date")
            << Pairs{{"retry-after", "Sat Nov 28 08:00:05 2026"}} << qint64(5000);
        QTest::newRow("date in the past")
            << Pairs{{"retry-after", "Sat, 28 Nov 2026 07:00:00 GMT"}} << qint64(0);
        QTest::newRow("negative") << Pairs{{"retry-after", "-3"}} << qint64(0);
        QTest::newRow("garbage") << Pairs{{"retry-after", "soon"}} << qint64(-1);
        QTest::newRow("garbage ms falls back to seconds")
            << Pairs{{"retry-after-ms", "x"}, {"retry-after", "2"}} << qint64(2000);
        QTest::newRow("case-insensitive names") << Pairs{{"Retry-After", "3"}} << qint64(3000);
        // Numbers beyond any wait are held at the longest hint, never wrapped or turned into 0.
        QTest::newRow("absurd seconds")
            << Pairs{{"retry-after", "1e20"}} << qint64(kLongestRetryHintMs);
        QTest::newRow("absurd milliseconds")
            << Pairs{{"retry-after-ms", "1e19"}} << qint64(kLongestRetryHintMs);
        QTest::newRow("seconds past qint64 once in ms")
            << Pairs{{"retry-after", "9300000000000000"}} << qint64(kLongestRetryHintMs);
        QTest::newRow("2^63 milliseconds")
            << Pairs{{"retry-after-ms", "9223372036854775808"}} << qint64(kLongestRetryHintMs);
        QTest::newRow("1e300 seconds")
            << Pairs{{"retry-after", "1e300"}} << qint64(kLongestRetryHintMs);
        QTest::newRow("date in year 9999")
            << Pairs{{"retry-after", "Fri, 31 Dec 9999 23:59:59 GMT"}}
            << qint64(kLongestRetryHintMs);
        QTest::newRow("absurd negative milliseconds")
            << Pairs{{"retry-after-ms", "-1e19"}} << qint64(0);
        QTest::newRow("absurd negative seconds") << Pairs{{"retry-after", "-1e300"}} << qint64(0);
    }

    void retryHints()
    {
        QFETCH(Pairs, headers);
        QFETCH(qint64, expectedMs);
        const auto hint = parseRetryHint(HttpHeaders(headers), kNow);
        QCOMPARE(hint.has_value(), expectedMs >= 0);
        if (hint)
            QCOMPARE(*hint, expectedMs);
        // The same hint reaches the classified error.
        const ApiError e = classifyHttpError(429, "{}", HttpHeaders(headers), kNow);
        QCOMPARE(e.retryAfterMs, hint);
    }

    void shouldRetryHeader_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<int>("expected"); // -1 none, 0 false, 1 true
        QTest::newRow("true") << QByteArray("true") << 1;
        QTest::newRow("false") << QByteArray("false") << 0;
        QTest::newRow("True") << QByteArray("True") << 1;
        QTest::newRow("other") << QByteArray("maybe") << -1;
        QTest::newRow("absent") << QByteArray() << -1;
    }

    void shouldRetryHeader()
    {
        QFETCH(QByteArray, value);
        QFETCH(int, expected);
        Pairs pairs;
        if (!value.isEmpty())
            pairs.append({"x-should-retry", value});
        const auto v = classifyHttpError(500, {}, HttpHeaders(pairs), kNow).shouldRetry;
        QCOMPARE(v.has_value(), expected >= 0);
        if (v)
            QCOMPARE(int(*v), expected);
    }

    void rateLimitHeaders()
    {
        const HttpHeaders h(Pairs{{"anthropic-ratelimit-requests-limit", "50"},
                                  {"anthropic-ratelimit-requests-remaining", "10"},
                                  {"anthropic-ratelimit-requests-reset", "2026-11-28T08:01:00Z"},
                                  {"anthropic-ratelimit-tokens-limit", "1000"},
                                  {"anthropic-ratelimit-tokens-remaining", "bogus"},
                                  {"anthropic-ratelimit-output-tokens-limit", "500"}});
        const RateLimitInfo info = RateLimitInfo::fromHeaders(h);
        QVERIFY(info.isPresent());
        QCOMPARE(info.requests.limit, std::optional<qint64>(50));
        QCOMPARE(info.requests.remaining, std::optional<qint64>(10));
        QCOMPARE(info.requests.reset, QDateTime(QDate(2026, 11, 28), QTime(8, 1), Qt::UTC));
        QCOMPARE(*info.requests.fractionRemaining(), 0.2);
        QCOMPARE(info.tokens.limit, std::optional<qint64>(1000));
        QVERIFY(!info.tokens.remaining);
        QVERIFY(!info.tokens.fractionRemaining());
        QVERIFY(info.outputTokens.isPresent());
        QVERIFY(!info.inputTokens.isPresent());
        QVERIFY(!RateLimitInfo::fromHeaders({}).isPresent());
    }

    void networkErrors_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<ErrorKind>("kind");
        QTest::newRow("refused") << int(QNetworkReply::ConnectionRefusedError)
                                 << ErrorKind::Network;
        QTest::newRow("host not found")
            << int(QNetworkReply::HostNotFoundError) << ErrorKind::Network;
        QTest::newRow("closed") << int(QNetworkReply::RemoteHostClosedError) << ErrorKind::Network;
        QTest::newRow("timeout") << int(QNetworkReply::TimeoutError) << ErrorKind::Timeout;
        QTest::newRow("tls") << int(QNetworkReply::SslHandshakeFailedError) << ErrorKind::Network;
        QTest::newRow("bad http") << int(QNetworkReply::ProtocolFailure) << ErrorKind::Protocol;
        QTest::newRow("cancelled")
            << int(QNetworkReply::OperationCanceledError) << ErrorKind::Cancelled;
    }

    void networkErrors()
    {
        QFETCH(int, code);
        QFETCH(ErrorKind, kind);
        const ApiError e =
            classifyNetworkError(QNetworkReply::NetworkError(code), QStringLiteral("detail"),
                                 QUrl(QStringLiteral("https://api.example.com:8443/x")));
        QCOMPARE(e.kind, kind);
        QVERIFY(!e.message.isEmpty());
    }

    void kindNamesRoundTrip()
    {
        for (int k = int(ErrorKind::None); k <= int(ErrorKind::Budget); ++k) {
            const auto kind = ErrorKind(k);
            QCOMPARE(errorKindFromName(errorKindName(kind)), std::optional<ErrorKind>(kind));
        }
        QCOMPARE(errorKindName(ErrorKind::RateLimited), QStringLiteral("rate_limited"));
        QCOMPARE(errorKindName(ErrorKind::CircuitOpen), QStringLiteral("circuit_open"));
        QVERIFY(!errorKindFromName(u"bogus"));
    }

    // The workspace's spend limit: a 400 about its usage limits, a 429 marked by its error code,
    // or a 429 without a retry hint whose message says so. A rate limit is not one.
    void spendLimits_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<Pairs>("headers");
        QTest::addColumn<bool>("spendLimit");
        const QByteArray capCode =
            R"({"type":"error","error":{"type":"rate_limit_error","message":"Spend cap.",)"
            R"("details":{"error_code":"enforced_spend_limit_reached"}}})";
        QTest::newRow("400 usage limits")
            << 400
            << errorBody("invalid_request_error",
                         "You have reached your specified API usage limits. You will regain "
                         "access on 2026-12-01 at 00:00 UTC.")
            << Pairs{} << true;
        QTest::newRow("400 other")
            << 400 << errorBody("invalid_request_error", "max_tokens: too large") << Pairs{}
            << false;
        QTest::newRow("400 mentions limits without reaching them")
            << 400 << errorBody("invalid_request_error", "see the usage limits page") << Pairs{}
            << false;
        QTest::newRow("429 error code") << 429 << capCode << Pairs{} << true;
        QTest::newRow("429 error code with a hint")
            << 429 << capCode << Pairs{{"retry-after", "60"}} << true;
        QTest::newRow("429 message, no hint")
            << 429 << errorBody("rate_limit_error", "Your workspace reached its spend limit.")
            << Pairs{} << true;
        QTest::newRow("429 usage limit message, no hint")
            << 429 << errorBody("rate_limit_error", "Monthly usage limit reached.") << Pairs{}
            << true;
        QTest::newRow("429 message with a hint")
            << 429 << errorBody("rate_limit_error", "Your workspace reached its spend limit.")
            << Pairs{{"retry-after-ms", "500"}} << false;
        QTest::newRow("429 rate limit, no hint")
            << 429
            << errorBody("rate_limit_error", "Number of requests has exceeded your rate limit")
            << Pairs{} << false;
        QTest::newRow("429 rate limit with a hint")
            << 429 << errorBody("rate_limit_error", "slow down") << Pairs{{"retry-after", "2"}}
            << false;
        QTest::newRow("529 mentioning a spend limit")
            << 529 << errorBody("overloaded_error", "spend limit") << Pairs{} << false;
    }

    void spendLimits()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(Pairs, headers);
        QFETCH(bool, spendLimit);
        const ApiError e = classifyHttpError(status, body, HttpHeaders(headers), kNow);
        QCOMPARE(e.kind == ErrorKind::SpendLimit, spendLimit);
        if (!spendLimit)
            return;
        QCOMPARE(e.kindName(), QStringLiteral("spend_limit"));
        QCOMPARE(e.httpStatus, status);
        // A plain sentence, with the server's own words in it.
        QVERIFY2(
            e.sentence().startsWith(QStringLiteral("The workspace has reached its spend limit")),
            qPrintable(e.sentence()));
        QVERIFY(e.advice().contains(QStringLiteral("does not retry")));
    }

    // Regression: a 400 "credit balance is too low" got the advice to check the model and max
    // tokens, and the same on a 429 was retried. It is a spend limit: not retried, plainly said.
    void aCreditBalanceTooLowIsASpendLimit_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<Pairs>("headers");
        QTest::newRow("400") << 400 << Pairs{};
        QTest::newRow("429") << 429 << Pairs{};
        QTest::newRow("429 with a hint") << 429 << Pairs{{"retry-after", "5"}};
    }

    void aCreditBalanceTooLowIsASpendLimit()
    {
        QFETCH(int, status);
        QFETCH(Pairs, headers);
        const QByteArray body = errorBody(
            status == 400 ? "invalid_request_error" : "rate_limit_error",
            "Your credit balance is too low to access the Anthropic API. Please go to Plans & "
            "Billing to upgrade or purchase credits.");
        const ApiError e = classifyHttpError(status, body, HttpHeaders(headers), kNow);
        QCOMPARE(e.kind, ErrorKind::SpendLimit);
        QCOMPARE(e.kindName(), QStringLiteral("spend_limit")); // never retried, CLI exit 11
        QVERIFY2(e.sentence().startsWith(QStringLiteral("The workspace's credit balance")),
                 qPrintable(e.sentence()));
        QVERIFY2(e.sentence().contains(QStringLiteral("Plans & Billing")),
                 qPrintable(e.sentence()));
        QVERIFY2(e.advice().contains(QStringLiteral("credits")), qPrintable(e.advice()));
        QVERIFY(!e.advice().contains(QStringLiteral("max tokens")));
    }

    void httpDateRoundTrip()
    {
        const QByteArray text = formatHttpDate(kNow);
        QCOMPARE(text, QByteArray("Sat, 28 Nov 2026 08:00:00 GMT"));
        QCOMPARE(parseHttpDate(text), std::optional<QDateTime>(kNow));
        QVERIFY(!parseHttpDate("yesterday"));
    }
};

QTEST_GUILESS_MAIN(TestApiError)
#include "tst_apierror.moc"
