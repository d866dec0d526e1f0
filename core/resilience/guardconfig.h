#pragma once

#include "retryconfig.h"

namespace bw {

// The deadlines and retries around every call.
struct GuardConfig
{
    RetryConfig retry;
    qint64 headersTimeoutMs = 30'000; // until the response headers arrive
    qint64 idleTimeoutMs = 30'000;    // between bytes once the answer has begun (pings count)
    qint64 totalTimeoutMs = 600'000;  // across all attempts and waits; 0: none
};

} // namespace bw
