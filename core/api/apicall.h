#pragma once

#include "httpheaders.h"
#include "operation.h"
#include "ratelimitinfo.h"

#include <QPointer>
#include <QUrl>

#include <functional>

class QNetworkReply;

namespace bw {

class Clock;

// One HTTP exchange with the API (an Operation: it ends exactly once, then deletes itself).
class ApiCall : public Operation
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiCall)

public:
    ~ApiCall() override;

    void cancel() override;
    // The clock that dates retry hints given as an HTTP-date (default: the system's).
    void setClock(const Clock *clock) { m_clock = clock; }
    // The key this call sends: a server that echoes it (an error page, a header) never gets it
    // shown, logged or saved — it is taken out of everything the call reports.
    void setSecret(QByteArray key) { m_secret = std::move(key); }
    // `text` with every occurrence of `secret` replaced by a placeholder.
    static QString redacted(QString text, const QByteArray &secret);
    // Ends the call with the given error, e.g. a deadline that expired. No-op once ended.
    void abortWith(ApiError error);

    // Redirects: the call follows them itself, never Qt (whose own following can send a POST
    // twice, see followRedirect()). A same-origin redirect gets the request again, as a new reply
    // made by `resend`; another origin ends the call before the key leaves. Without `resend`, a
    // redirect ends the call as an HTTP error.
    using Resend = std::function<QNetworkReply *(const QUrl &url, int status)>;
    void setResend(Resend resend) { m_resend = std::move(resend); }
    static constexpr int kMaxRedirects = 5; // more is a loop, or a server we should not follow
    // Same scheme, host and port: where the API key may go.
    static bool isSameOrigin(const QUrl &a, const QUrl &b);

    // The request body's size. A connection dropped without an answer while a large body goes
    // out is a server or proxy refusing its size (see handleFinished()).
    void setRequestBytes(qint64 bytes) { m_requestBytes = bytes; }
    static constexpr qint64 kLargeRequestBytes = 1024 * 1024; // nginx's default body limit

    // After success: the HTTP exchange may go on past the answer (a stream's answer is complete
    // at message_stop; the response ends later, and servers count the request until then). While
    // it does, this object exists; it is destroyed when the response ends, or kExchangeEndBoundMs
    // after the answer (then the connection is dropped). nullptr when the exchange is over.
    QObject *openExchange() const { return m_openExchange; }
    static constexpr int kExchangeEndBoundMs = 2000;

    int httpStatus() const { return m_status; }
    const QString &requestId() const { return m_requestId; }
    const HttpHeaders &headers() const { return m_headers; }
    const RateLimitInfo &rateLimit() const { return m_rateLimit; }
    qint64 bytesReceived() const { return m_bytesReceived; }

Q_SIGNALS:
    void headersReceived(int status);
    void activity(); // bytes arrived: a sign of life, pings included

protected:
    ApiCall(QNetworkReply *reply, QObject *parent);
    // A call that cannot start (bad configuration): fails on the next event-loop turn.
    ApiCall(ApiError immediateFailure, QObject *parent);

    // Response headers of a 2xx answer arrived; may end the call.
    virtual void onHeaders() {}
    // Body bytes of a 2xx answer; may end the call.
    virtual void onBody(QByteArrayView bytes) = 0;
    // The 2xx answer ended without a transport error; must end the call.
    virtual void onComplete() = 0;
    // A transport error or an abort ends a 2xx answer: the subclass may add what it knows
    // (delivered text makes the error partial).
    virtual void annotateError(ApiError &) {}

    void aboutToEnd(bool ok) override;
    void review(ApiError &error) override;

private:
    void handleMetaData();
    void handleReadyRead();
    void handleFinished();
    void attachReply(QNetworkReply *reply);
    void detachReply(bool abort);
    void followRedirect();
    void keepExchangeToItsEnd();
    bool failForHeadersWeCannotUse(int status);

    QPointer<QNetworkReply> m_reply;
    const Clock *m_clock;
    QByteArray m_secret;
    bool m_errorAnswer = false; // status >= 300: the body is an error description
    int m_status = 0;
    QString m_requestId;
    HttpHeaders m_headers;
    RateLimitInfo m_rateLimit;
    QByteArray m_errorBody;
    qint64 m_bytesReceived = 0;
    bool m_continuationQueued = false;
    bool m_finishPending = false;
    Resend m_resend;
    QUrl m_redirectTo; // the current answer is a redirect there
    int m_redirects = 0;
    qint64 m_requestBytes = 0;
    QPointer<QObject> m_openExchange; // the reply, read to its end after the answer
};

} // namespace bw
