#pragma once

#include "httpheaders.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace bw {

// One anthropic-ratelimit-<name>-{limit,remaining,reset} triple.
struct RateLimitBucket
{
    std::optional<qint64> limit;
    std::optional<qint64> remaining;
    QDateTime reset; // invalid when absent

    bool isPresent() const { return limit || remaining || reset.isValid(); }
    // 0..1 of the limit still available; nullopt if unknown.
    std::optional<double> fractionRemaining() const;
};

struct RateLimitInfo
{
    RateLimitBucket requests;
    RateLimitBucket tokens;
    RateLimitBucket inputTokens;
    RateLimitBucket outputTokens;

    bool isPresent() const
    {
        return requests.isPresent() || tokens.isPresent() || inputTokens.isPresent() ||
               outputTokens.isPresent();
    }

    static RateLimitInfo fromHeaders(const HttpHeaders &headers);
};

} // namespace bw

Q_DECLARE_METATYPE(bw::RateLimitInfo)
