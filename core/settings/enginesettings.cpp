#include "enginesettings.h"

#include "api/anthropicclient.h"

#include <QCoreApplication>

namespace bw {

QStringList EngineSettings::validate() const
{
    QStringList problems;
    if (const QString p = AnthropicClient::checkBaseUrl(baseUrl, allowInsecure); !p.isEmpty())
        problems << p;
    if (apiVersion.trimmed().isEmpty())
        problems << tr("the API version is empty (use e.g. %1)")
                        .arg(QLatin1String(ApiVersions::kCurrent));
    if (model.trimmed().isEmpty())
        problems << tr("no model is set");
    if (maxTokens < 0 || maxTokens > 1'000'000)
        problems << tr("max tokens must be between 1 and 1000000, or 0 for the model's largest "
                       "(got %1)")
                        .arg(maxTokens);
    if (profile.trimmed().isEmpty() || profile.contains(QLatin1Char('/')))
        problems << tr("the profile name must be non-empty and must not contain '/'");
    const RetryConfig &r = guard.retry;
    if (r.maxAttempts < 1 || r.maxAttempts > 100)
        problems << tr("max attempts must be between 1 and 100 (got %1)").arg(r.maxAttempts);
    if (r.baseDelayMs < 0 || r.maxDelayMs < 0 || r.maxRetryWaitMs < 0)
        problems << tr("retry delays must not be negative");
    if (r.maxDelayMs < r.baseDelayMs)
        problems << tr("the maximum retry delay (%1 ms) is below the base delay (%2 ms)")
                        .arg(r.maxDelayMs)
                        .arg(r.baseDelayMs);
    if (guard.headersTimeoutMs < 0 || guard.idleTimeoutMs < 0 || guard.totalTimeoutMs < 0)
        problems << tr("timeouts must not be negative (0 turns one off)");
    if (breaker.failureThreshold < 1)
        problems << tr("the breaker threshold must be at least 1 (got %1)")
                        .arg(breaker.failureThreshold);
    if (breaker.recoveryMs < 0)
        problems << tr("the breaker recovery time must not be negative");
    problems << budgets.validate();
    if (compression.compressAtTokens < 0)
        problems << tr("the compression threshold must not be negative (0 turns compression off)");
    if (compression.enabled() && compression.compressAtTokens < 1000)
        problems
            << tr("compressing below 1,000 tokens would summarise almost every message (got %1)")
                   .arg(compression.compressAtTokens);
    if (compression.keepRecent < 2)
        problems << tr("keep at least the 2 most recent messages word for word (got %1)")
                        .arg(compression.keepRecent);
    if (compression.enabled() && compression.summaryModel.trimmed().isEmpty())
        problems << tr("no summary model is set");
    if (breaker.successThreshold < 1)
        problems << tr("the breaker needs at least one successful probe to close");
    for (const QString &id : fallback.models) {
        if (!FallbackPolicy::isModelId(id.trimmed()))
            problems << tr("'%1' is not a model id (a fallback model)").arg(id.left(60));
    }
    if (fallback.models.size() > FallbackPolicy::kMaxModels)
        problems << tr("at most %1 fallback models are tried (got %2)")
                        .arg(FallbackPolicy::kMaxModels)
                        .arg(fallback.models.size());
    return problems;
}

ClientConfig EngineSettings::clientConfig(const QByteArray &apiKey) const
{
    ClientConfig c;
    c.baseUrl = baseUrl;
    c.apiVersion = apiVersion;
    c.apiKey = apiKey;
    c.allowInsecure = allowInsecure;
    return c;
}

int EngineSettings::maxTokensFor(const ModelInfo &m) const
{
    return m.maxTokensFor(maxTokens);
}

} // namespace bw
