#pragma once

#include "api/apierror.h"
#include "retryconfig.h"

namespace bw {

class RandomSource;

struct RetryDecision
{
    bool retry = false;
    qint64 delayMs = 0;
    bool fromServerHint = false;
    ApiError finalError; // when not retrying: the error to report (may explain why)
};

// When to try again, and after how long.
class RetryPolicy final
{
    Q_DECLARE_TR_FUNCTIONS(bw::RetryPolicy)

public:
    explicit RetryPolicy(RetryConfig config = {})
        : m_config(config)
    {}

    const RetryConfig &config() const { return m_config; }

    // Whether an error can succeed later: 408, 409, 429, 5xx (529 included), connection
    // failures, timeouts, stalls and streams cut short. x-should-retry overrides both ways.
    static bool isRetryable(const ApiError &error);

    // The decision after `attemptsMade` attempts ended with `error`.
    RetryDecision decide(const ApiError &error, int attemptsMade, RandomSource &random) const;

    // Capped exponential backoff with jitter for the n-th retry (1-based).
    qint64 backoffMs(int retry, RandomSource &random) const;
    // The least backoffMs() can draw for the n-th retry: half the cap with equal jitter, 0 with
    // full jitter. A server's hint below it does not shorten the wait.
    qint64 backoffFloorMs(int retry) const;

private:
    double backoffCapMs(int retry) const;

    RetryConfig m_config;
};

} // namespace bw
