#pragma once

#include <QtGlobal>

namespace bw {

struct RetryConfig
{
    enum class Jitter { Equal, Full };

    int maxAttempts = 4; // attempts in all, the first included
    qint64 baseDelayMs = 500;
    qint64 maxDelayMs = 8'000;
    qint64 maxRetryWaitMs = 60'000; // a server hint above this fails instead of waiting
    Jitter jitter = Jitter::Equal;
};

} // namespace bw
