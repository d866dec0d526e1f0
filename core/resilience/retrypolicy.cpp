#include "retrypolicy.h"

#include "randomsource.h"

#include <QCoreApplication>

#include <cmath>

namespace bw {

static QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', ms % 1000 ? 1 : 0);
}

bool RetryPolicy::isRetryable(const ApiError &error)
{
    switch (error.kind) {
    case ErrorKind::Cancelled:
    case ErrorKind::CircuitOpen:
    case ErrorKind::None:
    case ErrorKind::SpendLimit: // fails until the limit changes, whatever x-should-retry says
    case ErrorKind::Budget:
        return false; // nothing the server says changes these
    default:
        break;
    }
    if (error.shouldRetry)
        return *error.shouldRetry;
    switch (error.kind) {
    case ErrorKind::RateLimited:
    case ErrorKind::Overloaded:
    case ErrorKind::Server:
    case ErrorKind::Timeout:
    case ErrorKind::Stalled:
    case ErrorKind::Network:
    case ErrorKind::Incomplete:
        return true;
    default:
        return false;
    }
}

double RetryPolicy::backoffCapMs(int retry) const
{
    const double exponential = double(m_config.baseDelayMs) * std::pow(2.0, std::max(0, retry - 1));
    return std::min(exponential, double(m_config.maxDelayMs));
}

qint64 RetryPolicy::backoffFloorMs(int retry) const
{
    // Equal jitter (default) draws from [cap/2, cap): the floor keeps a desktop client from
    // re-sending at once to a service that just said it is overloaded, and the random half still
    // breaks lockstep between clients. Full jitter, [0, cap), does the least total work when many
    // clients contend (AWS's "Exponential Backoff and Jitter" study); it is offered as an option
    // for batch work, where this client's own calls are the contenders.
    return m_config.jitter == RetryConfig::Jitter::Equal ? qint64(backoffCapMs(retry) / 2.0) : 0;
}

qint64 RetryPolicy::backoffMs(int retry, RandomSource &random) const
{
    const double cap = backoffCapMs(retry);
    const double low = m_config.jitter == RetryConfig::Jitter::Equal ? cap / 2.0 : 0.0;
    return qint64(low + (cap - low) * random.uniform());
}

RetryDecision RetryPolicy::decide(const ApiError &error, int attemptsMade,
                                  RandomSource &random) const
{
    RetryDecision d;
    d.finalError = error;
    if (!isRetryable(error))
        return d;
    if (attemptsMade >= m_config.maxAttempts) {
        if (m_config.maxAttempts > 1)
            d.finalError.message += QCoreApplication::translate(
                "bw::RetryPolicy", " (gave up after %n attempts)", nullptr, attemptsMade);
        return d;
    }
    if (error.retryAfterMs) {
        const qint64 hint = *error.retryAfterMs;
        if (hint >= kLongestRetryHintMs) {
            // Held at the longest hint when parsed: the server's number itself is not known.
            d.finalError.message =
                tr("the server asked to wait more than %1 s before retrying, longer than the "
                   "%2 s this client waits by itself (%3)")
                    .arg(seconds(kLongestRetryHintMs), seconds(m_config.maxRetryWaitMs),
                         error.message);
            return d;
        }
        if (hint > m_config.maxRetryWaitMs) {
            // Waiting this long silently would look like a hang: say what the server asked.
            d.finalError.message =
                tr("the server asked to wait %1 s before retrying, longer than the "
                   "%2 s this client waits by itself (%3)")
                    .arg(seconds(hint), seconds(m_config.maxRetryWaitMs), error.message);
            return d;
        }
        if (hint > backoffFloorMs(attemptsMade)) {
            // Never sooner than the hint; a little later, so clients given the same hint spread
            // out.
            const qint64 spread = std::min<qint64>(1000, hint / 10);
            d.retry = true;
            d.fromServerHint = true;
            d.delayMs = hint + qint64(double(spread) * random.uniform());
            return d;
        }
        // Zero, negative or a date already past: "now" to a service that just refused. The
        // backoff below is never shorter than such a hint.
    }
    d.retry = true;
    d.delayMs = backoffMs(attemptsMade, random);
    return d;
}

} // namespace bw
