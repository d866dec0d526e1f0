#pragma once

#include "api/anthropicclient.h"
#include "chat/contextcompressor.h"
#include "resilience/circuitbreaker.h"
#include "resilience/guardedcall.h"

#include <QCoreApplication>
#include <QStringList>
#include <QUrl>

namespace bw {

// Everything that decides how Breakwater talks to the API, with desktop defaults. Nothing in
// here is secret: the key lives in the keychain (or the environment), never in settings.
struct EngineSettings
{
    static constexpr auto kDefaultModel = "claude-sonnet-4-6";
    static constexpr auto kDefaultProfile = "default";

    QString profile = QLatin1String(kDefaultProfile);
    QUrl baseUrl{QLatin1String(ClientConfig::kDefaultBaseUrl)};
    QString apiVersion = QLatin1String(ClientConfig::kDefaultApiVersion);
    bool allowInsecure = false;
    QString model = QLatin1String(kDefaultModel);
    int maxTokens = 4096;
    QString systemPrompt;
    GuardConfig guard;
    BreakerConfig breaker;
    CompressionSettings compression;

    // Human-readable problems; empty when every value is usable.
    QStringList validate() const;
    ClientConfig clientConfig(const QByteArray &apiKey) const;

    Q_DECLARE_TR_FUNCTIONS(bw::EngineSettings) // last: the macro ends with private:
};

} // namespace bw
