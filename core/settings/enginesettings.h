#pragma once

#include "api/clientconfig.h"
#include "api/modelids.h"
#include "api/promptcache.h"
#include "api/thinkingconfig.h"
#include "chat/compressionsettings.h"
#include "chat/fallbackpolicy.h"
#include "chat/spendbudget.h"
#include "resilience/breakerconfig.h"
#include "resilience/guardconfig.h"

#include <QCoreApplication>
#include <QStringList>
#include <QUrl>

namespace bw {

// Everything that decides how Breakwater talks to the API, with desktop defaults. Nothing in
// here is secret: the key lives in the keychain (or the environment), never in settings.
struct EngineSettings
{
    static constexpr auto kDefaultProfile = "default";

    QString profile = QLatin1String(kDefaultProfile);
    QUrl baseUrl{QLatin1String(ClientConfig::kDefaultBaseUrl)};
    QString apiVersion = QLatin1String(ApiVersions::kCurrent);
    bool allowInsecure = false;
    QString model = QLatin1String(ModelIds::kDefaultChat);
    int maxTokens = 0;       // 0: the model's largest (from the model catalogue)
    ThinkingConfig thinking; // for conversations that do not choose their own
    QString systemPrompt;
    PromptCache promptCache; // per profile: on for five minutes unless chosen otherwise
    GuardConfig guard;
    BreakerConfig breaker;
    CompressionSettings compression;
    FallbackPolicy fallback; // per profile: the models that answer when `model` is overloaded
    SpendBudgets budgets;    // the profile's own

    // Human-readable problems; empty when every value is usable.
    QStringList validate() const;
    ClientConfig clientConfig(const QByteArray &apiKey) const;
    // max_tokens for `model`: the user's limit, at most the model's largest; 0 -> the largest.
    int maxTokensFor(const ModelInfo &model) const;

    Q_DECLARE_TR_FUNCTIONS(bw::EngineSettings) // last: the macro ends with private:
};

} // namespace bw
