#pragma once

#include "apiversions.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace bw {

// Where and how the client talks to the API.
struct ClientConfig
{
    static constexpr auto kDefaultBaseUrl = "https://api.anthropic.com";

    QUrl baseUrl{QLatin1String(kDefaultBaseUrl)};
    QString apiVersion{QLatin1String(ApiVersions::kCurrent)};
    QByteArray apiKey;               // a secret: never logged, never written
    bool allowInsecure = false;      // permit http:// to a host that is not loopback
    int transferTimeoutMs = 600'000; // Qt's own watchdog: no byte for this long ends a transfer
    qint64 maxResponseBytes = 64 * 1024 * 1024;
};

} // namespace bw
