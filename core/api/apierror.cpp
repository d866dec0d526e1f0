#include "apierror.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

namespace bw {

namespace {

struct KindName
{
    ErrorKind kind;
    const char *name;
};

constexpr KindName kKindNames[] = {
    {ErrorKind::None, "none"},
    {ErrorKind::RateLimited, "rate_limited"},
    {ErrorKind::Overloaded, "overloaded"},
    {ErrorKind::Server, "server"},
    {ErrorKind::Auth, "auth"},
    {ErrorKind::Permission, "permission"},
    {ErrorKind::InvalidRequest, "invalid_request"},
    {ErrorKind::NotFound, "not_found"},
    {ErrorKind::TooLarge, "too_large"},
    {ErrorKind::Timeout, "timeout"},
    {ErrorKind::Stalled, "stalled"},
    {ErrorKind::Network, "network"},
    {ErrorKind::Incomplete, "incomplete"},
    {ErrorKind::Protocol, "protocol"},
    {ErrorKind::CircuitOpen, "circuit_open"},
    {ErrorKind::Cancelled, "cancelled"},
    {ErrorKind::Storage, "storage"},
    {ErrorKind::SpendLimit, "spend_limit"},
    {ErrorKind::Budget, "budget"},
};

// The API's error.type values, which are more specific than the status (an overloaded_error
// can arrive with a 500 through a gateway, or as an `error` event after HTTP 200).
std::optional<ErrorKind> kindForApiType(QStringView type)
{
    if (type == u"rate_limit_error")
        return ErrorKind::RateLimited;
    if (type == u"overloaded_error")
        return ErrorKind::Overloaded;
    if (type == u"api_error" || type == u"timeout_error")
        return ErrorKind::Server;
    if (type == u"authentication_error")
        return ErrorKind::Auth;
    if (type == u"permission_error" || type == u"billing_error")
        return ErrorKind::Permission;
    if (type == u"invalid_request_error")
        return ErrorKind::InvalidRequest;
    if (type == u"not_found_error")
        return ErrorKind::NotFound;
    if (type == u"request_too_large")
        return ErrorKind::TooLarge;
    return std::nullopt;
}

// "Your credit balance is too low to access the Anthropic API…": no retry helps until credits
// are bought, whatever the status (a 400, or a 429 through some gateways).
bool isCreditTooLow(int status, const QJsonObject &error)
{
    static const QRegularExpression tooLow(QStringLiteral("\\bcredit balance is too low\\b"),
                                           QRegularExpression::CaseInsensitiveOption);
    return status >= 400 && status < 500 &&
           tooLow.match(error.value(QLatin1String("message")).toString()).hasMatch();
}

// The workspace's spend limit, which no retry gets past: a 400 saying it reached its specified
// API usage limits, or a 429 for a spend cap — marked by error.details.error_code, or said in
// its message when the server gave no time to wait (a rate limit always gives one).
bool isSpendLimit(int status, const QJsonObject &error, bool hasRetryHint)
{
    if (isCreditTooLow(status, error))
        return true;
    const QString message = error.value(QLatin1String("message")).toString();
    static const QRegularExpression usageLimits(
        QStringLiteral("\\breached\\b.*\\busage limits?\\b"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression spendLimit(QStringLiteral("\\b(spend(ing)?|usage) limits?\\b"),
                                               QRegularExpression::CaseInsensitiveOption);
    if (status == 400)
        return usageLimits.match(message).hasMatch();
    if (status != 429)
        return false;
    const QString code = error.value(QLatin1String("details"))
                             .toObject()
                             .value(QLatin1String("error_code"))
                             .toString();
    if (code == u"enforced_spend_limit_reached")
        return true;
    return !hasRetryHint && spendLimit.match(message).hasMatch();
}

// A proxy's HTML error page, reduced to something readable: its <title>, else its text.
QString summariseNonJsonBody(QByteArrayView body)
{
    QString text = QString::fromUtf8(body.first(std::min<qsizetype>(body.size(), 4096))).trimmed();
    static const QRegularExpression title(QStringLiteral("<title[^>]*>(.*?)</title>"),
                                          QRegularExpression::CaseInsensitiveOption |
                                              QRegularExpression::DotMatchesEverythingOption);
    if (const auto m = title.match(text); m.hasMatch())
        return m.captured(1).simplified();
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    text.remove(tags);
    text = text.simplified();
    if (text.size() > 200)
        text = text.left(200) + QStringLiteral("…");
    return text;
}

} // namespace

QString errorKindName(ErrorKind kind)
{
    for (const auto &entry : kKindNames) {
        if (entry.kind == kind)
            return QString::fromLatin1(entry.name);
    }
    return QStringLiteral("unknown");
}

std::optional<ErrorKind> errorKindFromName(QStringView name)
{
    for (const auto &entry : kKindNames) {
        if (name == QLatin1String(entry.name))
            return entry.kind;
    }
    return std::nullopt;
}

ApiError ApiError::make(ErrorKind kind, QString message, int status)
{
    ApiError e;
    e.kind = kind;
    e.message = std::move(message);
    e.httpStatus = status;
    return e;
}

QString ApiError::describe() const
{
    QString s = kindName();
    if (httpStatus > 0)
        s += QStringLiteral(" (HTTP %1)").arg(httpStatus);
    if (!message.isEmpty())
        s += QStringLiteral(": ") + message;
    if (!requestId.isEmpty())
        s += QStringLiteral(" [request-id %1]").arg(requestId);
    return s;
}

QString ApiError::sentence() const
{
    QString s = message.trimmed();
    if (!s.isEmpty())
        s[0] = s[0].toUpper();
    if (!s.isEmpty() && !s.endsWith(QLatin1Char('.')) && !s.endsWith(QLatin1Char(')')))
        s += QLatin1Char('.');
    QStringList facts{kindName()};
    if (httpStatus > 0)
        facts << QStringLiteral("HTTP %1").arg(httpStatus);
    if (!requestId.isEmpty())
        facts << QStringLiteral("request-id %1").arg(requestId);
    return s + QStringLiteral(" (") + facts.join(QStringLiteral(" · ")) + QLatin1Char(')');
}

QString ApiError::advice() const
{
    switch (kind) {
    case ErrorKind::None:
        return {};
    case ErrorKind::RateLimited:
        if (!retryAfterMs)
            return tr("The server gave no time to wait: this may be a spend or usage limit. Check "
                      "your plan and limits in the Anthropic Console.");
        return tr("You are sending faster than your rate limit allows. Wait a little, send fewer "
                  "requests at once, or raise the limit.");
    case ErrorKind::Overloaded:
        return tr("The API is overloaded right now. Try again in a minute.");
    case ErrorKind::Server:
        return tr("The API or a proxy in between had an internal error. Try again shortly.");
    case ErrorKind::Auth:
        return tr("The API key was not accepted. Set a valid key (breakwater-cli key set, or the "
                  "ANTHROPIC_API_KEY environment variable).");
    case ErrorKind::Permission:
        return tr("This key may not do this (permissions or billing). Check the Anthropic "
                  "Console.");
    case ErrorKind::InvalidRequest:
        return tr("The request was rejected as invalid. Check the model, max tokens, API version "
                  "and the conversation.");
    case ErrorKind::NotFound:
        return tr("Check the model id and the base URL.");
    case ErrorKind::TooLarge:
        return tr("The request is too large. Shorten the conversation or turn on compression.");
    case ErrorKind::Timeout:
        return tr("No answer arrived in time. Check your connection, or raise the timeout.");
    case ErrorKind::Stalled:
        return tr("The answer stopped arriving. What arrived is kept; retry or continue.");
    case ErrorKind::Network:
        return tr("Check your network connection and the base URL.");
    case ErrorKind::Incomplete:
        return tr("The connection closed before the answer was finished. What arrived is kept; "
                  "retry or continue.");
    case ErrorKind::Protocol:
        return tr("The server's answer was not a valid Messages API response. If you use a proxy "
                  "or gateway, check it.");
    case ErrorKind::CircuitOpen:
        return tr("Breakwater paused requests to this service after repeated failures; it tries "
                  "again by itself shortly. You can also reset the breaker.");
    case ErrorKind::Cancelled:
        return tr("Stopped at your request.");
    case ErrorKind::Storage:
        return tr("Nothing was sent. Check that the conversation's file can be written (free "
                  "space, permissions, not a link), then try again.");
    case ErrorKind::SpendLimit:
        return tr("Requests fail until the workspace's spend limit is raised or its period "
                  "resets, or until credits are bought (Limits, and Plans & Billing, in the "
                  "Anthropic Console), so Breakwater does not retry.");
    case ErrorKind::Budget:
        // What helps depends on the budget: the message says it.
        return tr("Nothing was sent; the prompt is kept. Budgets are set per profile in Settings "
                  "(Spending).");
    }
    return {};
}

ErrorKind kindForStatus(int status)
{
    switch (status) {
    case 400:
        return ErrorKind::InvalidRequest;
    case 401:
        return ErrorKind::Auth;
    case 402:
    case 403:
        return ErrorKind::Permission;
    case 404:
        return ErrorKind::NotFound;
    case 408:
        return ErrorKind::Timeout;
    case 413:
        return ErrorKind::TooLarge;
    case 429:
        return ErrorKind::RateLimited;
    case 529:
        return ErrorKind::Overloaded;
    default:
        break;
    }
    if (status >= 500 || status == 409)
        return ErrorKind::Server;
    if (status >= 400)
        return ErrorKind::InvalidRequest;
    return ErrorKind::Protocol; // 1xx/3xx where an answer was expected
}

ApiError classifyHttpError(int status, QByteArrayView body, const HttpHeaders &headers,
                           const QDateTime &now)
{
    ApiError e;
    e.httpStatus = status;
    e.kind = kindForStatus(status);
    e.requestId = QString::fromLatin1(headers.value("request-id"));
    e.retryAfterMs = parseRetryHint(headers, now);
    e.shouldRetry = parseShouldRetry(headers);

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body.toByteArray(), &parseError);
    const QJsonObject error = doc.object().value(QLatin1String("error")).toObject();
    if (parseError.error == QJsonParseError::NoError && !error.isEmpty()) {
        e.type = error.value(QLatin1String("type")).toString();
        e.message = error.value(QLatin1String("message")).toString();
        if (e.requestId.isEmpty())
            e.requestId = doc.object().value(QLatin1String("request_id")).toString();
        // The status decides, except for the two types that say more than any status can (a
        // gateway may pass an overload on as a 500), and for an `error` event, which has none.
        const auto k = kindForApiType(e.type);
        if (k && (status == 0 || *k == ErrorKind::Overloaded || *k == ErrorKind::RateLimited))
            e.kind = *k;
        if (isCreditTooLow(status, error)) {
            e.kind = ErrorKind::SpendLimit;
            e.message = ApiError::tr("the workspace's credit balance at Anthropic is too low: %1")
                            .arg(e.message);
        } else if (isSpendLimit(status, error, e.retryAfterMs.has_value())) {
            e.kind = ErrorKind::SpendLimit;
            e.message =
                ApiError::tr("the workspace has reached its spend limit at Anthropic: %1")
                    .arg(e.message.isEmpty() ? ApiError::tr("no details given") : e.message);
        }
    } else {
        const QString summary = summariseNonJsonBody(body);
        e.message = summary.isEmpty()
                        ? ApiError::tr("HTTP %1 with an empty body").arg(status)
                        : ApiError::tr("HTTP %1 from something that is not the API (%2)")
                              .arg(status)
                              .arg(summary);
    }
    if (e.message.isEmpty())
        e.message = status ? ApiError::tr("HTTP %1").arg(status)
                           : ApiError::tr("the server reported an error");
    return e;
}

} // namespace bw
