#include "apicall.h"

#include "base/clock.h"
#include "base/logging.h"
#include "networkerror.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkReply>
#include <QTimer>

#include <utility>

namespace bw {

namespace {
constexpr qsizetype kMaxErrorBody = 64 * 1024;

} // namespace

bool ApiCall::isSameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 &&
           a.port(a.scheme() == u"https" ? 443 : 80) == b.port(b.scheme() == u"https" ? 443 : 80);
}

ApiCall::ApiCall(QNetworkReply *reply, QObject *parent)
    : Operation(parent)
    , m_clock(Clock::system())
{
    attachReply(reply);
}

ApiCall::ApiCall(ApiError immediateFailure, QObject *parent)
    : Operation(parent)
    , m_clock(Clock::system())
{
    failSoon(std::move(immediateFailure));
}

ApiCall::~ApiCall()
{
    detachReply(true);
}

void ApiCall::attachReply(QNetworkReply *reply)
{
    m_reply = reply;
    connect(reply, &QNetworkReply::metaDataChanged, this, &ApiCall::handleMetaData);
    connect(reply, &QNetworkReply::readyRead, this, &ApiCall::handleReadyRead);
    connect(reply, &QNetworkReply::finished, this, &ApiCall::handleFinished);
}

void ApiCall::detachReply(bool abort)
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    if (abort && reply->isRunning())
        reply->abort();
    reply->deleteLater();
}

void ApiCall::cancel()
{
    abortWith(ApiError::make(ErrorKind::Cancelled, tr("cancelled")));
}

void ApiCall::abortWith(ApiError error)
{
    if (isEnded())
        return;
    if (error.requestId.isEmpty())
        error.requestId = m_requestId;
    if (!error.httpStatus)
        error.httpStatus = m_status;
    annotateError(error);
    qCDebug(lcApi) << "call aborted:" << error.describe();
    fail(error);
}

QString ApiCall::redacted(QString text, const QByteArray &secret)
{
    // Short secrets would match ordinary words; real keys are long.
    if (secret.size() >= 8)
        text.replace(QString::fromLatin1(secret), tr("[your API key]"));
    return text;
}

void ApiCall::review(ApiError &error)
{
    error.message = redacted(error.message, m_secret);
    error.type = redacted(error.type, m_secret);
    error.requestId = redacted(error.requestId, m_secret);
}

void ApiCall::aboutToEnd(bool ok)
{
    // A complete answer leaves its connection to Qt (keep-alive); any other end aborts it. Either
    // way the reply must not outlive us with our handlers.
    if (ok && m_reply && m_reply->isRunning())
        keepExchangeToItsEnd();
    else
        detachReply(!ok);
}

// The answer is complete but its response is not (a stream's message_stop comes before the end
// of the response; a server may hold it open longer). Dropping the reply now would close the
// connection, and the server would still count the request: the exchange is read to its end
// instead, bounded, and openExchange() tells whoever holds a permit for it when that is.
void ApiCall::keepExchangeToItsEnd()
{
    QNetworkReply *reply = std::exchange(m_reply, nullptr);
    reply->disconnect(this);
    m_openExchange = reply;
    const auto discard = [reply] { reply->skip(reply->bytesAvailable()); };
    connect(reply, &QNetworkReply::readyRead, reply, discard);
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    QTimer::singleShot(kExchangeEndBoundMs, reply, [reply] {
        reply->abort();
        reply->deleteLater();
    });
    discard();
}

static bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

void ApiCall::handleMetaData()
{
    if (isEnded() || !m_reply || m_status || m_redirectTo.isValid())
        return;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    // A redirect is not the answer: once it is complete, its target gets the request.
    if (isRedirect(status.toInt())) {
        const QByteArray location = m_reply->rawHeader("location");
        m_redirectTo = m_reply->url().resolved(QUrl::fromEncoded(location));
        if (!location.isEmpty() && m_redirectTo.isValid())
            return;
        m_redirectTo.clear(); // nowhere to go: an error answer
    }
    if (failForHeadersWeCannotUse(status.toInt()))
        return;
    m_status = status.toInt();
    m_headers = HttpHeaders(m_reply->rawHeaderPairs());
    m_requestId = redacted(QString::fromLatin1(m_headers.value("request-id")), m_secret);
    m_rateLimit = RateLimitInfo::fromHeaders(m_headers);
    m_errorAnswer = m_status >= 300;
    qCDebug(lcApi) << "headers" << m_status << m_requestId;
    Q_EMIT headersReceived(m_status);
    if (!isEnded() && !m_errorAnswer)
        onHeaders();
}

// Answers that Qt 6.4's HTTP/1.1 layer hands over in a form nothing can be read from. Each gets a
// plain diagnosis instead of the confusing one it would get later ("HTTP 307 with an empty body").
bool ApiCall::failForHeadersWeCannotUse(int status)
{
    if (isRedirect(status)) {
        fail(ApiError::make(ErrorKind::Protocol,
                            tr("the server answered HTTP %1, a redirect, without a valid Location "
                               "header saying where to")
                                .arg(status),
                            status));
        return true;
    }
    if (status >= 100 && status < 200) {
        // Qt takes an informational answer (RFC 9110 15.2), such as 103 Early Hints, for the
        // final one: it ends the reply there and drops the real answer that follows on the
        // connection, so there is nothing to wait for.
        fail(ApiError::make(
            ErrorKind::Protocol,
            tr("the server sent an informational answer (HTTP %1) before its real one, which the "
               "HTTP layer cannot read past, so the answer was lost; a proxy that sends Early "
               "Hints must not send them to API clients")
                .arg(status),
            status));
        return true;
    }
    return false;
}

void ApiCall::handleReadyRead()
{
    if (isEnded() || !m_reply)
        return;
    if (!m_status)
        handleMetaData();
    if (isEnded() || !m_reply)
        return;
    if (m_redirectTo.isValid())
        m_reply->skip(m_reply->bytesAvailable()); // a redirect's body says nothing we need
    // Bounded slices, and a bounded time per turn of the event loop: however far ahead the network
    // thread has read, a window stays responsive and the work per slice stays small.
    constexpr qint64 kSlice = 64 * 1024;
    constexpr qint64 kTurnNs = 5'000'000;
    QElapsedTimer turn;
    turn.start();
    while (!isEnded() && m_reply && m_reply->bytesAvailable() > 0) {
        if (turn.nsecsElapsed() > kTurnNs) {
            if (!m_continuationQueued) {
                m_continuationQueued = true;
                QMetaObject::invokeMethod(
                    this,
                    [this] {
                        m_continuationQueued = false;
                        handleReadyRead();
                    },
                    Qt::QueuedConnection);
            }
            return;
        }
        const QByteArray bytes = m_reply->read(kSlice);
        if (bytes.isEmpty())
            break;
        m_bytesReceived += bytes.size();
        Q_EMIT activity();
        if (isEnded())
            return;
        if (m_errorAnswer) {
            if (m_errorBody.size() < kMaxErrorBody)
                m_errorBody.append(bytes.left(kMaxErrorBody - m_errorBody.size()));
            continue;
        }
        onBody(bytes);
    }
    if (m_finishPending && !isEnded() && m_reply && m_reply->bytesAvailable() == 0)
        handleFinished();
}

void ApiCall::handleFinished()
{
    if (isEnded() || !m_reply)
        return;
    if (!m_status)
        handleMetaData();
    if (isEnded() || !m_reply)
        return;
    if (m_redirectTo.isValid() && m_reply->error() == QNetworkReply::NoError) {
        followRedirect();
        return;
    }
    if (m_reply->bytesAvailable() > 0) {
        // Unread bytes first (possibly over several turns of the event loop); then finish.
        m_finishPending = true;
        handleReadyRead();
        return;
    }
    if (isEnded())
        return;
    if (m_status >= 300 || (m_status > 0 && m_status < 200)) {
        fail(classifyHttpError(m_status, m_errorBody, m_headers, m_clock->wallNow()));
        return;
    }
    const QNetworkReply::NetworkError code = m_reply->error();
    if (code == QNetworkReply::NoError) {
        if (!m_status) {
            fail(ApiError::make(ErrorKind::Protocol,
                                tr("the server closed the connection without an HTTP answer")));
            return;
        }
        onComplete();
        return;
    }
    ApiError e = classifyNetworkError(code, m_reply->errorString(), m_reply->url());
    qCDebug(lcApi) << "transport error" << code << m_reply->errorString();
    const bool droppedWithoutAnswer = !m_status && m_bytesReceived == 0 &&
                                      (code == QNetworkReply::UnknownNetworkError ||
                                       code == QNetworkReply::RemoteHostClosedError);
    if (droppedWithoutAnswer && m_requestBytes >= kLargeRequestBytes) {
        // A proxy that refuses a body by its size answers 413 and closes before reading it; the
        // body still on its way makes the close a reset, which loses the 413 before Qt reads it.
        // Sending the same body again would fail the same way.
        e.kind = ErrorKind::TooLarge;
        e.message = tr("the server closed the connection without an answer while the request "
                       "(%1 MB) was being sent: a server or proxy refuses requests this large")
                        .arg(double(m_requestBytes) / 1e6, 0, 'f', 1);
    }
    if (code == QNetworkReply::OperationCanceledError) {
        // We did not cancel (that path ends the call first): Qt's transfer timeout fired.
        e.kind = ErrorKind::Timeout;
        e.message = tr("no data arrived for too long; the transfer was stopped");
    }
    e.httpStatus = m_status;
    e.requestId = m_requestId;
    annotateError(e);
    fail(e);
}

// Qt can follow redirects itself, but its own following (Qt 6.4, QNetworkReplyHttpImpl) posts the
// redirected request on the same QNetworkReply, whose signal startHttpRequest() is still connected
// to the HTTP-thread delegate of the first request: when that thread lags (a busy machine), the
// first delegate, not yet deleted, starts again and sends the first request a second time. A POST
// to /v1/messages twice is a second bill. So the client asks Qt for ManualRedirectPolicy and a
// redirect ends its reply here; the request goes out again once, as a new reply.
void ApiCall::followRedirect()
{
    const QUrl from = m_reply->url();
    const QUrl to = std::exchange(m_redirectTo, QUrl());
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (to.scheme() != u"http" && to.scheme() != u"https") {
        fail(ApiError::make(ErrorKind::Protocol,
                            tr("refused to follow a redirect to a %1: address; the API is only "
                               "reached over https (or http)")
                                .arg(to.scheme()),
                            status));
        return;
    }
    if (!isSameOrigin(to, from)) {
        qCDebug(lcApi) << "refusing cross-origin redirect";
        // The request carries the API key: never hand it to another origin.
        fail(ApiError::make(
            ErrorKind::Protocol,
            tr("refused to follow a redirect to %1, because it would send your API key to "
               "another host")
                .arg(to.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toDisplayString()),
            status));
        return;
    }
    if (m_redirects >= kMaxRedirects) {
        fail(ApiError::make(ErrorKind::Protocol,
                            tr("stopped after %1 redirects: the server may be redirecting in a "
                               "loop")
                                .arg(m_redirects),
                            status));
        return;
    }
    if (!m_resend) {
        fail(classifyHttpError(status, {}, HttpHeaders(m_reply->rawHeaderPairs()),
                               m_clock->wallNow()));
        return;
    }
    ++m_redirects;
    qCDebug(lcApi) << "following redirect" << status << "to" << to.path();
    detachReply(false); // the redirect answer is complete
    attachReply(m_resend(to, status));
}

} // namespace bw
