#include "ratelimitinfo.h"

namespace bw {

static std::optional<qint64> parseCount(const QByteArray &text)
{
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < 0)
        return std::nullopt;
    return v;
}

static RateLimitBucket parseBucket(const HttpHeaders &headers, QByteArrayView name)
{
    const QByteArray prefix = "anthropic-ratelimit-" + name.toByteArray() + '-';
    RateLimitBucket b;
    b.limit = parseCount(headers.value(QByteArray(prefix + "limit")));
    b.remaining = parseCount(headers.value(QByteArray(prefix + "remaining")));
    const QByteArray reset = headers.value(QByteArray(prefix + "reset"));
    if (!reset.isEmpty()) {
        // RFC 3339, e.g. 2026-11-28T08:00:00Z
        b.reset = QDateTime::fromString(QString::fromLatin1(reset), Qt::ISODateWithMs);
        if (!b.reset.isValid())
            b.reset = QDateTime::fromString(QString::fromLatin1(reset), Qt::ISODate);
    }
    return b;
}

std::optional<double> RateLimitBucket::fractionRemaining() const
{
    if (!limit || !remaining || *limit <= 0)
        return std::nullopt;
    return std::clamp(double(*remaining) / double(*limit), 0.0, 1.0);
}

RateLimitInfo RateLimitInfo::fromHeaders(const HttpHeaders &headers)
{
    RateLimitInfo info;
    info.requests = parseBucket(headers, "requests");
    info.tokens = parseBucket(headers, "tokens");
    info.inputTokens = parseBucket(headers, "input-tokens");
    info.outputTokens = parseBucket(headers, "output-tokens");
    return info;
}

} // namespace bw
