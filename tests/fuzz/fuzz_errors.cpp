// libFuzzer harness for error classification and the retry policy's handling of server hints.
//
// Input, as text so that seeds are readable and the dictionary works:
//   STATUS [ATTEMPTS BASE_MS MAX_MS MAX_WAIT_MS equal|full DRAW]   the first line
//   name: value                                                    response headers, one a line
//                                                                  an empty line
//   body                                                           the rest
// (a missing or unreadable number keeps the default). Besides the sanitizers (a hint converted
// out of range was undefined behaviour), it checks the promises:
//   - every answer is classified as some error, and its texts can be built;
//   - a hint is a number of milliseconds in [0, kLongestRetryHintMs];
//   - a retry waits at least the hint and at least the backoff's floor, and never longer than
//     the configured ceilings allow; a hint beyond the ceiling is never waited out;
//   - a spend limit is never retried.
#include "api/apierror.h"
#include "api/httpheaders.h"
#include "api/ratelimitinfo.h"
#include "resilience/randomsource.h"
#include "resilience/retrypolicy.h"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>

using namespace bw;

namespace {

void check(bool ok, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "oracle failed: %s\n", what);
        std::abort();
    }
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

// A number from the first line, kept within [low, high]; `fallback` when it is missing or no
// number.
qint64 number(const QList<QByteArray> &fields, int i, qint64 low, qint64 high, qint64 fallback)
{
    bool ok = false;
    const qint64 v = i < fields.size() ? fields[i].toLongLong(&ok) : 0;
    return ok ? std::clamp(v, low, high) : fallback;
}

struct Input
{
    int status = 0;
    RetryConfig config;
    double draw = 0.5;
    HttpHeaders headers;
    QByteArrayView body;
};

Input parse(QByteArrayView text)
{
    Input in;
    qsizetype lineEnd = text.indexOf('\n');
    const QByteArrayView first = lineEnd < 0 ? text : text.first(lineEnd);
    const QList<QByteArray> fields = first.toByteArray().simplified().split(' ');
    in.status = int(number(fields, 0, INT_MIN, INT_MAX, 0));
    RetryConfig &c = in.config;
    c.maxAttempts = int(number(fields, 1, 1, 10, c.maxAttempts));
    c.baseDelayMs = number(fields, 2, 0, 3'600'000, c.baseDelayMs);
    c.maxDelayMs = number(fields, 3, 0, 3'600'000, c.maxDelayMs);
    c.maxRetryWaitMs = number(fields, 4, 0, 10'000'000'000, c.maxRetryWaitMs); // the CLI's range
    if (fields.size() > 5 && fields[5] == "full")
        c.jitter = RetryConfig::Jitter::Full;
    if (fields.size() > 6) {
        bool ok = false;
        const double d = fields[6].toDouble(&ok);
        if (ok && d >= 0.0 && d < 1.0)
            in.draw = d;
    }
    QList<HttpHeaders::Pair> pairs;
    while (lineEnd >= 0) {
        const qsizetype start = lineEnd + 1;
        lineEnd = text.indexOf('\n', start);
        const QByteArrayView line =
            text.sliced(start, (lineEnd < 0 ? text.size() : lineEnd) - start);
        if (line.isEmpty()) {
            in.body = lineEnd < 0 ? QByteArrayView() : text.sliced(lineEnd + 1);
            break;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            pairs.append({line.first(colon).toByteArray(), line.sliced(colon + 1).toByteArray()});
    }
    in.headers = HttpHeaders(std::move(pairs));
    return in;
}

void checkDecisions(const RetryPolicy &policy, const ApiError &error, double draw)
{
    const RetryConfig &c = policy.config();
    FixedRandom random(draw);
    for (int attempts = 1; attempts <= c.maxAttempts; ++attempts) {
        const RetryDecision d = policy.decide(error, attempts, random);
        check(d.finalError.kind == error.kind, "the decision keeps the error's kind");
        if (error.kind == ErrorKind::SpendLimit)
            check(!d.retry, "a spend limit is never retried, whatever the headers say");
        if (!RetryPolicy::isRetryable(error) || attempts >= c.maxAttempts) {
            check(!d.retry, "no retry when not retryable or out of attempts");
            continue;
        }
        const std::optional<qint64> hint = error.retryAfterMs;
        if (hint && (*hint >= kLongestRetryHintMs || *hint > c.maxRetryWaitMs)) {
            check(!d.retry, "a hint beyond the ceiling is never waited out");
            continue;
        }
        check(d.retry, "a retryable error within its attempts is retried");
        check(d.delayMs >= policy.backoffFloorMs(attempts), "never sooner than the floor");
        if (hint)
            check(d.delayMs >= *hint, "never sooner than the hint");
        const qint64 longest = std::max(c.maxDelayMs, hint ? *hint + 1000 : 0);
        check(d.delayMs <= longest, "never longer than the ceilings allow");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const Input in = parse(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    const QDateTime now(QDate(2026, 11, 28), QTime(8, 0), Qt::UTC);

    const ApiError e = classifyHttpError(in.status, in.body, in.headers, now);
    check(e.isError(), "every answer classified is an error");
    check(e.httpStatus == in.status, "the status is kept");
    if (e.retryAfterMs)
        check(*e.retryAfterMs >= 0 && *e.retryAfterMs <= kLongestRetryHintMs,
              "a hint is a wait in range");
    check(!e.describe().isEmpty() && !e.sentence().isEmpty(), "the error can be told");
    (void)e.advice();
    check(errorKindFromName(e.kindName()) == e.kind, "a kind's name names it");

    for (const auto &[name, value] : in.headers.pairs()) {
        if (const auto date = parseHttpDate(value))
            check(date->isValid() && !formatHttpDate(*date).isEmpty(), "a parsed date formats");
    }
    const RateLimitInfo limits = RateLimitInfo::fromHeaders(in.headers);
    for (const RateLimitBucket *b :
         {&limits.requests, &limits.tokens, &limits.inputTokens, &limits.outputTokens}) {
        if (const auto f = b->fractionRemaining())
            check(*f >= 0.0 && *f <= 1.0, "headroom is a fraction");
    }

    checkDecisions(RetryPolicy(in.config), e, in.draw);
    return 0;
}
