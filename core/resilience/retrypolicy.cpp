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

qint64 RetryPolicy::backoffMs(int retry, RandomSource &random) const
{
    const double exponential = double(m_config.baseDelayMs) * std::pow(2.0, std::max(0, retry - 1));
    const double cap = std::min(exponential, double(m_config.maxDelayMs));
    // Equal jitter (default) draws from [cap/2, cap): the floor keeps a desktop client from
    // re-sending at once to a service that just said it is overloaded, and the random half still
    // breaks lockstep between clients. Full jitter, [0, cap), does the least total work when many
    // clients contend (AWS's "Exponential Backoff and Jitter" study); it is offered as an option
    // for batch work, where this client's own calls are the contenders.
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
        if (hint > m_config.maxRetryWaitMs) {
            // Waiting this long silently would look like a hang: say what the server asked.
            d.finalError.message =
                tr("the server asked to wait %1 s before retrying, longer than the "
                   "%2 s this client waits by itself (%3)")
                    .arg(seconds(hint), seconds(m_config.maxRetryWaitMs), error.message);
            return d;
        }
        // Never sooner than the hint; a little later, so clients given the same hint spread out.
        const qint64 spread = std::min<qint64>(1000, hint / 10);
        d.retry = true;
        d.fromServerHint = true;
        d.delayMs = hint + qint64(double(spread) * random.uniform());
        return d;
    }
    d.retry = true;
    d.delayMs = backoffMs(attemptsMade, random);
    return d;
}

} // namespace bw
