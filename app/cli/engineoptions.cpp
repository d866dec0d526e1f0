#include "engineoptions.h"

#include "api/apiversions.h"
#include "api/modelids.h"
#include "api/thinkingconfig.h"

#include <cmath>

namespace bw::cli {

namespace {
QCommandLineOption opt(const char *name, const QString &help, const char *valueName = nullptr)
{
    return valueName ? QCommandLineOption(QLatin1String(name), help, QLatin1String(valueName))
                     : QCommandLineOption(QLatin1String(name), help);
}

QCommandLineOption opt(const char *name, const char *help, const char *valueName = nullptr)
{
    return opt(name, QLatin1String(help), valueName);
}

bool seconds(const QCommandLineParser &p, const char *name, qint64 &ms, QStringList &errors)
{
    if (!p.isSet(QLatin1String(name)))
        return true;
    bool ok = false;
    const double s = p.value(QLatin1String(name)).toDouble(&ok);
    if (!ok || s < 0 || !std::isfinite(s) || s > 1e7) {
        errors << QStringLiteral("--%1 takes a number of seconds, e.g. 2.5 (got '%2')")
                      .arg(QLatin1String(name), p.value(QLatin1String(name)));
        return false;
    }
    ms = qint64(std::llround(s * 1000.0));
    return true;
}

bool integer(const QCommandLineParser &p, const char *name, int &value, QStringList &errors)
{
    if (!p.isSet(QLatin1String(name)))
        return true;
    bool ok = false;
    const int v = p.value(QLatin1String(name)).toInt(&ok);
    if (!ok) {
        errors << QStringLiteral("--%1 takes a whole number (got '%2')")
                      .arg(QLatin1String(name), p.value(QLatin1String(name)));
        return false;
    }
    value = v;
    return true;
}
} // namespace

void EngineOptions::addTo(QCommandLineParser &parser)
{
    m_options = {
        opt("base-url",
            "API base URL (else $ANTHROPIC_BASE_URL, else the profile's, else "
            "https://api.anthropic.com).",
            "URL"),
        opt("model", "Model id.", "ID"),
        opt("max-tokens",
            "Maximum tokens in the answer (default: the model's largest; 0 for that).", "N"),
        opt("thinking",
            "How much the model thinks: off, adaptive, default (the model's own) or a budget "
            "of TOKENS (at least 1024). Sent in the form the model takes.",
            "MODE"),
        opt("effort", "Effort of adaptive thinking: low, medium, high or max.", "LEVEL"),
        opt("cache",
            "Prompt caching: off, 5m or 1h (default: the profile's, else 5m). Later requests "
            "read the cached prompt at a tenth of the input price.",
            "TTL"),
        opt("system", "System prompt.", "TEXT"),
        opt("api-version",
            QStringLiteral("anthropic-version header (default %1).")
                .arg(QLatin1String(ApiVersions::kCurrent)),
            "V"),
        opt("profile", "Settings and key profile to use (default: the current profile).", "P"),
        opt("allow-insecure",
            "Allow plain http:// to a host that is not loopback (sends the key unencrypted)."),
        opt("max-attempts", "Attempts in all, the first included (default 4).", "N"),
        opt("base-delay", "First retry delay in seconds, doubled each retry (default 0.5).", "S"),
        opt("max-delay", "Longest backoff delay in seconds (default 8).", "S"),
        opt("max-retry-wait",
            "Longest server-requested wait honoured, in seconds; longer fails (default 60).", "S"),
        opt("timeout",
            "Total time limit across attempts and waits, in seconds; 0 = none (default 600).", "S"),
        opt("connect-timeout",
            "Time limit until the response headers arrive, in seconds (default 30).", "S"),
        opt("idle-timeout",
            "Time limit without any byte during an answer, in seconds (default 30).", "S"),
        opt("breaker-threshold", "Consecutive failures that open the circuit breaker (default 5).",
            "N"),
        opt("breaker-recovery",
            "Seconds the breaker stays open before a test request (default 30).", "S"),
        opt("compress-at",
            "Summarise the oldest turns when the context reaches TOKENS (default 150000; 0 = "
            "never).",
            "TOKENS"),
        opt("keep-recent", "Messages kept word for word when compressing (default 6).", "K"),
        opt("summary-model",
            QStringLiteral("Model that writes summaries (default %1).")
                .arg(QLatin1String(ModelIds::kDefaultSummary)),
            "ID"),
    };
    parser.addOptions(m_options);
}

bool EngineOptions::resolve(const QCommandLineParser &p, const SettingsStore &store,
                            EngineSettings &s, QStringList &warnings, QStringList &errors) const
{
    const qsizetype before = errors.size();
    const QString profile = p.isSet(QStringLiteral("profile")) ? p.value(QStringLiteral("profile"))
                                                               : store.currentProfile();
    if (!SettingsStore::isValidProfileName(profile)) {
        errors << QStringLiteral(
                      "'%1' is not a valid profile name (letters, digits, '-', '_' and '.')")
                      .arg(profile);
        return false;
    }
    s = store.load(profile, &warnings);
    if (p.isSet(QStringLiteral("base-url")))
        s.baseUrl = QUrl(p.value(QStringLiteral("base-url")), QUrl::StrictMode);
    else if (const QByteArray env = qgetenv("ANTHROPIC_BASE_URL"); !env.isEmpty())
        s.baseUrl = QUrl(QString::fromUtf8(env), QUrl::StrictMode);
    if (p.isSet(QStringLiteral("model")))
        s.model = p.value(QStringLiteral("model"));
    integer(p, "max-tokens", s.maxTokens, errors);
    if (p.isSet(QStringLiteral("thinking"))) {
        QString problem;
        if (!ThinkingConfig::parse(p.value(QStringLiteral("thinking")), s.thinking, &problem))
            errors << problem;
    }
    if (p.isSet(QStringLiteral("effort"))) {
        const QString effort = p.value(QStringLiteral("effort")).trimmed().toLower();
        if (!ThinkingConfig::isEffort(effort))
            errors << QStringLiteral("'%1' is not an effort: use low, medium, high or max")
                          .arg(p.value(QStringLiteral("effort")));
        else
            s.thinking.effort = effort;
        // An effort alone asks for adaptive thinking.
        if (!p.isSet(QStringLiteral("thinking")))
            s.thinking.mode = ThinkingConfig::Mode::Adaptive;
    }
    if (p.isSet(QStringLiteral("cache"))) {
        QString problem;
        if (!PromptCache::parse(p.value(QStringLiteral("cache")), s.promptCache, &problem))
            errors << problem;
    }
    if (p.isSet(QStringLiteral("system")))
        s.systemPrompt = p.value(QStringLiteral("system"));
    if (p.isSet(QStringLiteral("api-version")))
        s.apiVersion = p.value(QStringLiteral("api-version"));
    if (p.isSet(QStringLiteral("allow-insecure")))
        s.allowInsecure = true;
    integer(p, "max-attempts", s.guard.retry.maxAttempts, errors);
    seconds(p, "base-delay", s.guard.retry.baseDelayMs, errors);
    seconds(p, "max-delay", s.guard.retry.maxDelayMs, errors);
    seconds(p, "max-retry-wait", s.guard.retry.maxRetryWaitMs, errors);
    seconds(p, "timeout", s.guard.totalTimeoutMs, errors);
    seconds(p, "connect-timeout", s.guard.headersTimeoutMs, errors);
    seconds(p, "idle-timeout", s.guard.idleTimeoutMs, errors);
    integer(p, "breaker-threshold", s.breaker.failureThreshold, errors);
    seconds(p, "breaker-recovery", s.breaker.recoveryMs, errors);
    if (p.isSet(QStringLiteral("compress-at"))) {
        bool ok = false;
        const qint64 tokens = p.value(QStringLiteral("compress-at")).toLongLong(&ok);
        if (!ok || tokens < 0)
            errors << QStringLiteral("--compress-at takes a number of tokens (got '%1')")
                          .arg(p.value(QStringLiteral("compress-at")));
        else
            s.compression.compressAtTokens = tokens;
    }
    integer(p, "keep-recent", s.compression.keepRecent, errors);
    if (p.isSet(QStringLiteral("summary-model")))
        s.compression.summaryModel = p.value(QStringLiteral("summary-model"));
    if (errors.size() == before)
        errors << s.validate();
    return errors.size() == before;
}

} // namespace bw::cli
