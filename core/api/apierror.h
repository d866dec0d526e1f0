#pragma once

#include "httpheaders.h"

#include <QCoreApplication>
#include <QMetaType>
#include <QString>

#include <optional>

namespace bw {

// Every failure in Breakwater is one of these kinds; UI, CLI and logs all speak them.
enum class ErrorKind {
    None,
    RateLimited,
    Overloaded,
    Server,
    Auth,
    Permission,
    InvalidRequest,
    NotFound,
    TooLarge,
    Timeout,
    Stalled,
    Network,
    Incomplete,
    Protocol,
    CircuitOpen,
    Cancelled,
    Storage, // the conversation could not be saved, so nothing was sent
    // The workspace's spend limit at the API (a 400 about its usage limits, or a 429 for a spend
    // cap without a retry hint): every request fails until the limit changes, so never retried.
    SpendLimit,
    Budget, // one of this profile's spend budgets in Breakwater is reached: nothing was sent
};

QString errorKindName(ErrorKind kind); // "rate_limited", ...
std::optional<ErrorKind> errorKindFromName(QStringView name);

struct ApiError
{
    ErrorKind kind = ErrorKind::None;
    int httpStatus = 0;                 // 0 when no HTTP status was received
    QString type;                       // the API's error.type, e.g. "overloaded_error"
    QString message;                    // what happened, in words
    QString requestId;                  // request-id header or body field
    std::optional<qint64> retryAfterMs; // the server's hint
    std::optional<bool> shouldRetry;    // x-should-retry
    bool partial = false;               // text had been delivered before the failure

    bool isError() const { return kind != ErrorKind::None; }
    QString kindName() const { return errorKindName(kind); }

    // One line for a person: "rate_limited (HTTP 429): Too many requests [request-id req_1]".
    QString describe() const;
    // What the person can do about it.
    QString advice() const;
    // The message as a sentence, with the technical facts after it:
    // "The server reported … (overloaded · HTTP 529 · request-id req_1)".
    QString sentence() const;

    static ApiError make(ErrorKind kind, QString message, int status = 0);

    Q_DECLARE_TR_FUNCTIONS(bw::ApiError) // last: the macro ends with private:
};

// Classifies an HTTP error answer: status, body (JSON error or not: proxies send HTML) and
// headers (request-id, retry hints, x-should-retry).
ApiError classifyHttpError(int status, QByteArrayView body, const HttpHeaders &headers,
                           const QDateTime &now);

// The kind an HTTP status maps to when the body says nothing more specific.
ErrorKind kindForStatus(int status);

} // namespace bw

Q_DECLARE_METATYPE(bw::ApiError)
