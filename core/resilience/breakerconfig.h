#pragma once

#include <QtGlobal>

namespace bw {

struct BreakerConfig
{
    int failureThreshold = 5;        // consecutive health failures that open the circuit
    qint64 recoveryMs = 30'000;      // open -> half-open after this long
    int successThreshold = 1;        // successful probes that close it again
    qint64 probeTimeoutMs = 120'000; // a probe that has not ended by then counts as failed
};

} // namespace bw
