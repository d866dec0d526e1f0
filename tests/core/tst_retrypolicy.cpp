#include "api/apierror.h"
#include "resilience/randomsource.h"
#include "resilience/retrypolicy.h"

#include <QTest>

using namespace bw;
using Pairs = QList<HttpHeaders::Pair>;

namespace {
// The moment every error here arrives: a date hint is measured from it, not from the wall clock
// (which moves on between writing the date and reading it, by more than a second on a busy
// machine under a sanitizer).
const QDateTime kNow(QDate(2026, 3, 2), QTime(12, 0), Qt::UTC);

ApiError httpError(int status, Pairs headers = {})
{
    return classifyHttpError(status, "{}", HttpHeaders(std::move(headers)), kNow);
}

class FixedRandom final : public RandomSource
{
public:
    explicit FixedRandom(double v)
        : m_v(v)
    {}
    double uniform() override { return m_v; }

private:
    double m_v;
};
} // namespace

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void retryTable_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("retryable");
        for (int s : {400, 401, 402, 403, 404, 413, 422})
            QTest::addRow("%d", s) << s << false;
        for (int s : {408, 409, 429, 500, 502, 503, 504, 529})
            QTest::addRow("%d", s) << s << true;
    }

    void retryTable()
    {
        QFETCH(int, status);
        QFETCH(bool, retryable);
        QCOMPARE(RetryPolicy::isRetryable(httpError(status)), retryable);
    }

    void transportKinds_data()
    {
        QTest::addColumn<ErrorKind>("kind");
        QTest::addColumn<bool>("retryable");
        QTest::newRow("network") << ErrorKind::Network << true;
        QTest::newRow("timeout") << ErrorKind::Timeout << true;
        QTest::newRow("stalled") << ErrorKind::Stalled << true;
        QTest::newRow("incomplete") << ErrorKind::Incomplete << true;
        QTest::newRow("protocol") << ErrorKind::Protocol << false;
        QTest::newRow("cancelled") << ErrorKind::Cancelled << false;
        QTest::newRow("circuit open") << ErrorKind::CircuitOpen << false;
    }

    void transportKinds()
    {
        QFETCH(ErrorKind, kind);
        QFETCH(bool, retryable);
        QCOMPARE(RetryPolicy::isRetryable(ApiError::make(kind, QStringLiteral("x"))), retryable);
    }

    // A spend limit fails until the limit changes: never retried, not even when the server says
    // x-should-retry: true, while the rate limit beside it is.
    void spendLimitsAreNeverRetried()
    {
        const QByteArray cap =
            R"({"type":"error","error":{"type":"rate_limit_error","message":"Spend cap reached.",)"
            R"("details":{"error_code":"enforced_spend_limit_reached"}}})";
        const ApiError e = classifyHttpError(429, cap, HttpHeaders(Pairs{}), kNow);
        QCOMPARE(e.kind, ErrorKind::SpendLimit);
        QVERIFY(!RetryPolicy::isRetryable(e));
        ApiError insisting = e;
        insisting.shouldRetry = true;
        QVERIFY(!RetryPolicy::isRetryable(insisting));
        FixedRandom r(0.5);
        const RetryDecision d = RetryPolicy().decide(insisting, 1, r);
        QVERIFY(!d.retry);
        QCOMPARE(d.finalError.message, e.message); // reported as it came, no "gave up after"
        const ApiError usage = classifyHttpError(
            400,
            R"({"type":"error","error":{"type":"invalid_request_error","message":"You have reached your specified API usage limits."}})",
            HttpHeaders(Pairs{}), kNow);
        QCOMPARE(usage.kind, ErrorKind::SpendLimit);
        QVERIFY(!RetryPolicy::isRetryable(usage));
        // Breakwater's own budget likewise.
        QVERIFY(!RetryPolicy::isRetryable(ApiError::make(ErrorKind::Budget, QStringLiteral("x"))));
        // The control: a rate limit with a hint is retried.
        QVERIFY(RetryPolicy::isRetryable(
            classifyHttpError(429, R"({"type":"error","error":{"type":"rate_limit_error"}})",
                              HttpHeaders(Pairs{{"retry-after", "1"}}), kNow)));
    }

    void shouldRetryOverridesBothWays()
    {
        QVERIFY(!RetryPolicy::isRetryable(httpError(503, {{"x-should-retry", "false"}})));
        QVERIFY(RetryPolicy::isRetryable(httpError(400, {{"x-should-retry", "true"}})));
        // ...but a user's cancel is never retried, whatever a header said.
        ApiError cancelled = ApiError::make(ErrorKind::Cancelled, {});
        cancelled.shouldRetry = true;
        QVERIFY(!RetryPolicy::isRetryable(cancelled));
    }

    void backoffIsCappedExponential()
    {
        RetryConfig c;
        c.baseDelayMs = 500;
        c.maxDelayMs = 8000;
        c.jitter = RetryConfig::Jitter::Full;
        const RetryPolicy p(c);
        FixedRandom top(0.999999);
        QCOMPARE(p.backoffMs(1, top), qint64(499));
        QCOMPARE(p.backoffMs(2, top), qint64(999));
        QCOMPARE(p.backoffMs(3, top), qint64(1999));
        QCOMPARE(p.backoffMs(5, top), qint64(7999));
        QCOMPARE(p.backoffMs(9, top), qint64(7999)); // capped
    }

    void jitterStaysInBounds_data()
    {
        QTest::addColumn<int>("jitter");
        QTest::addColumn<double>("lowFraction");
        QTest::newRow("equal") << int(RetryConfig::Jitter::Equal) << 0.5;
        QTest::newRow("full") << int(RetryConfig::Jitter::Full) << 0.0;
    }

    void jitterStaysInBounds()
    {
        QFETCH(int, jitter);
        QFETCH(double, lowFraction);
        RetryConfig c;
        c.baseDelayMs = 1000;
        c.maxDelayMs = 16000;
        c.jitter = RetryConfig::Jitter(jitter);
        const RetryPolicy p(c);
        SeededRandom random(42);
        for (int retry = 1; retry <= 6; ++retry) {
            const double cap = std::min(16000.0, 1000.0 * (1 << (retry - 1)));
            qint64 lo = LLONG_MAX, hi = 0;
            double sum = 0;
            const int draws = 2000;
            for (int i = 0; i < draws; ++i) {
                const qint64 d = p.backoffMs(retry, random);
                QVERIFY2(d >= qint64(cap * lowFraction) && d < qint64(cap),
                         qPrintable(QString::number(d)));
                lo = std::min(lo, d);
                hi = std::max(hi, d);
                sum += double(d);
            }
            // The draws spread over the whole range, not a corner of it.
            const double span = cap * (1.0 - lowFraction);
            QVERIFY(double(lo) < cap * lowFraction + span * 0.05);
            QVERIFY(double(hi) > cap - span * 0.05);
            const double mean = sum / draws;
            QVERIFY(std::abs(mean - (cap * lowFraction + span / 2)) < span * 0.05);
        }
    }

    void serverHintIsNeverShortened_data()
    {
        QTest::addColumn<Pairs>("headers");
        QTest::addColumn<qint64>("hintMs");
        QTest::newRow("retry-after-ms") << Pairs{{"retry-after-ms", "1500"}} << qint64(1500);
        QTest::newRow("retry-after seconds") << Pairs{{"retry-after", "3"}} << qint64(3000);
        QTest::newRow("http-date")
            << Pairs{{"retry-after", formatHttpDate(kNow.addSecs(20))}} << qint64(20000);
    }

    void serverHintIsNeverShortened()
    {
        QFETCH(Pairs, headers);
        QFETCH(qint64, hintMs);
        const RetryPolicy p;
        SeededRandom random(7);
        for (int i = 0; i < 200; ++i) {
            const RetryDecision d = p.decide(httpError(429, headers), 1, random);
            QVERIFY(d.retry);
            QVERIFY(d.fromServerHint);
            QVERIFY2(d.delayMs >= hintMs, qPrintable(QString::number(d.delayMs)));
            QVERIFY2(d.delayMs <= hintMs + 1000 + std::max<qint64>(hintMs / 10, 1000),
                     qPrintable(QString::number(d.delayMs)));
        }
    }

    void hintAboveTheCeilingFailsWithTheRequestedWait()
    {
        RetryConfig c;
        c.maxRetryWaitMs = 60000;
        const RetryPolicy p(c);
        SeededRandom random(1);
        const RetryDecision d = p.decide(httpError(429, {{"retry-after", "120"}}), 1, random);
        QVERIFY(!d.retry);
        QCOMPARE(d.finalError.kind, ErrorKind::RateLimited);
        QVERIFY2(d.finalError.message.contains(QStringLiteral("120 s")),
                 qPrintable(d.finalError.message));
        QVERIFY2(d.finalError.message.contains(QStringLiteral("60 s")),
                 qPrintable(d.finalError.message));
        // At the ceiling exactly, it still waits.
        QVERIFY(p.decide(httpError(429, {{"retry-after", "60"}}), 1, random).retry);
    }

    // A hint beyond the ceiling fails at once whatever its size: a number too large for an
    // integer must not wrap into "retry now".
    void hintBeyondTheCeilingFailsWhateverItsSize_data()
    {
        QTest::addColumn<Pairs>("headers");
        QTest::newRow("retry-after 1e20") << Pairs{{"retry-after", "1e20"}};
        QTest::newRow("retry-after-ms 1e19") << Pairs{{"retry-after-ms", "1e19"}};
        QTest::newRow("retry-after 1e300") << Pairs{{"retry-after", "1e300"}};
        QTest::newRow("retry-after-ms 2^63") << Pairs{{"retry-after-ms", "9223372036854775808"}};
        QTest::newRow("retry-after 9.3e15 s") << Pairs{{"retry-after", "9300000000000000"}};
        QTest::newRow("date in year 9999")
            << Pairs{{"retry-after", "Fri, 31 Dec 9999 23:59:59 GMT"}};
    }

    void hintBeyondTheCeilingFailsWhateverItsSize()
    {
        QFETCH(Pairs, headers);
        RetryConfig c;
        c.maxRetryWaitMs = 60000;
        const RetryPolicy p(c);
        SeededRandom random(1);
        const RetryDecision d = p.decide(httpError(429, headers), 1, random);
        QVERIFY2(!d.retry, qPrintable(QString::number(d.delayMs)));
        QCOMPARE(d.finalError.kind, ErrorKind::RateLimited);
        QVERIFY2(d.finalError.message.contains(QStringLiteral("60 s")),
                 qPrintable(d.finalError.message));
        // Even a client configured to wait for very long does not take such a hint as a wait.
        c.maxRetryWaitMs = std::numeric_limits<qint64>::max();
        QVERIFY(!RetryPolicy(c).decide(httpError(429, headers), 1, random).retry);
    }

    // A hint of zero, a negative one or a date already past would re-send at once to a service
    // that just refused: the backoff's floor still applies.
    void hintBelowTheBackoffFloorWaitsTheBackoff_data()
    {
        QTest::addColumn<Pairs>("headers");
        QTest::newRow("zero") << Pairs{{"retry-after", "0"}};
        QTest::newRow("negative seconds") << Pairs{{"retry-after", "-30"}};
        QTest::newRow("negative milliseconds") << Pairs{{"retry-after-ms", "-5000"}};
        QTest::newRow("absurd negative") << Pairs{{"retry-after-ms", "-1e19"}};
        QTest::newRow("date in the past")
            << Pairs{{"retry-after", formatHttpDate(kNow.addSecs(-60))}};
        QTest::newRow("one millisecond") << Pairs{{"retry-after-ms", "1"}};
    }

    void hintBelowTheBackoffFloorWaitsTheBackoff()
    {
        QFETCH(Pairs, headers);
        RetryConfig c;
        c.baseDelayMs = 500;
        c.maxDelayMs = 8000;
        const RetryPolicy p(c);
        FixedRandom bottom(0.0);
        for (int status : {429, 529}) {
            for (int attempts = 1; attempts <= 3; ++attempts) {
                const RetryDecision d = p.decide(httpError(status, headers), attempts, bottom);
                QVERIFY(d.retry);
                QVERIFY(!d.fromServerHint);
                QCOMPARE(p.backoffFloorMs(attempts), qint64(250) << (attempts - 1));
                QVERIFY2(
                    d.delayMs >= p.backoffFloorMs(attempts),
                    qPrintable(QStringLiteral("%1 after attempt %2").arg(d.delayMs).arg(attempts)));
            }
        }
    }

    void stopsAfterMaxAttempts()
    {
        RetryConfig c;
        c.maxAttempts = 3;
        const RetryPolicy p(c);
        SeededRandom random(1);
        QVERIFY(p.decide(httpError(529), 1, random).retry);
        QVERIFY(p.decide(httpError(529), 2, random).retry);
        const RetryDecision last = p.decide(httpError(529), 3, random);
        QVERIFY(!last.retry);
        QCOMPARE(last.finalError.kind, ErrorKind::Overloaded);
        QVERIFY2(last.finalError.message.contains(QStringLiteral("3 attempts")),
                 qPrintable(last.finalError.message));
    }

    void nonRetryableErrorsAreReportedUnchanged()
    {
        const RetryPolicy p;
        SeededRandom random(1);
        const ApiError e = httpError(401);
        const RetryDecision d = p.decide(e, 1, random);
        QVERIFY(!d.retry);
        QCOMPARE(d.finalError.message, e.message);
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
