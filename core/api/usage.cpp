#include "usage.h"

namespace bw {

static void overwriteIfPresent(const QJsonObject &o, QLatin1String key, qint64 &field)
{
    const QJsonValue v = o.value(key);
    if (v.isDouble())
        field = qint64(v.toDouble());
}

void Usage::merge(const QJsonObject &usage)
{
    overwriteIfPresent(usage, QLatin1String("input_tokens"), inputTokens);
    overwriteIfPresent(usage, QLatin1String("output_tokens"), outputTokens);
    overwriteIfPresent(usage, QLatin1String("cache_creation_input_tokens"),
                       cacheCreationInputTokens);
    overwriteIfPresent(usage, QLatin1String("cache_read_input_tokens"), cacheReadInputTokens);
    const QJsonObject details = usage.value(QLatin1String("output_tokens_details")).toObject();
    overwriteIfPresent(details, QLatin1String("thinking_tokens"), thinkingTokens);
}

QJsonObject Usage::toJson() const
{
    QJsonObject o{
        {QLatin1String("input_tokens"), inputTokens},
        {QLatin1String("output_tokens"), outputTokens},
        {QLatin1String("cache_creation_input_tokens"), cacheCreationInputTokens},
        {QLatin1String("cache_read_input_tokens"), cacheReadInputTokens},
    };
    if (thinkingTokens > 0)
        o.insert(QLatin1String("output_tokens_details"),
                 QJsonObject{{QLatin1String("thinking_tokens"), thinkingTokens}});
    return o;
}

Usage Usage::fromJson(const QJsonObject &usage)
{
    Usage u;
    u.merge(usage);
    return u;
}

} // namespace bw
