#include "usage.h"

#include "jsoncount.h"

#include <algorithm>

namespace bw {

// A field that does not hold a count (negative, absurdly large, not a number) is ignored as a
// null one is: the sums and costs computed from usage stay in range whatever a server sends.
static void overwriteIfPresent(const QJsonObject &o, QLatin1String key, qint64 &field)
{
    if (const auto count = jsonCount(o.value(key)))
        field = *count;
}

void Usage::merge(const QJsonObject &usage)
{
    overwriteIfPresent(usage, QLatin1String("input_tokens"), inputTokens);
    overwriteIfPresent(usage, QLatin1String("output_tokens"), outputTokens);
    overwriteIfPresent(usage, QLatin1String("cache_creation_input_tokens"),
                       cacheCreationInputTokens);
    overwriteIfPresent(usage, QLatin1String("cache_read_input_tokens"), cacheReadInputTokens);
    const QJsonObject creation = usage.value(QLatin1String("cache_creation")).toObject();
    overwriteIfPresent(creation, QLatin1String("ephemeral_1h_input_tokens"),
                       cacheCreation1hInputTokens);
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
    if (cacheCreation1hInputTokens > 0)
        o.insert(QLatin1String("cache_creation"),
                 QJsonObject{
                     {QLatin1String("ephemeral_5m_input_tokens"),
                      std::max<qint64>(0, cacheCreationInputTokens - cacheCreation1hInputTokens)},
                     {QLatin1String("ephemeral_1h_input_tokens"), cacheCreation1hInputTokens}});
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
