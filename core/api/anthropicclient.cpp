#include "anthropicclient.h"

#include "base/clock.h"
#include "base/logging.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace bw {

namespace {
// Qt buffers unread reply bytes without limit unless told otherwise (QT-FACTS: 77 MiB peak).
constexpr qint64 kReadBufferBytes = 1024 * 1024;

} // namespace

AnthropicClient::AnthropicClient(ClientConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_clock(Clock::system())
{
    auto *manager = new QNetworkAccessManager(this);
    manager->setRedirectPolicy(QNetworkRequest::UserVerifiedRedirectPolicy);
    m_lanes.append({manager, 0});
}

int AnthropicClient::activeRequests() const
{
    int n = 0;
    for (const Lane &l : m_lanes)
        n += l.active;
    return n;
}

QNetworkAccessManager *AnthropicClient::lane()
{
    Lane *best = &m_lanes.first();
    for (Lane &l : m_lanes) {
        if (l.active < best->active)
            best = &l;
    }
    if (best->active >= kCallsPerLane && m_lanes.size() < kMaxLanes) {
        auto *manager = new QNetworkAccessManager(this);
        manager->setRedirectPolicy(QNetworkRequest::UserVerifiedRedirectPolicy);
        m_lanes.append({manager, 0});
        best = &m_lanes.last();
    }
    return best->manager;
}

QNetworkReply *AnthropicClient::track(QNetworkAccessManager *manager, QNetworkReply *reply)
{
    for (Lane &l : m_lanes) {
        if (l.manager == manager)
            ++l.active;
    }
    connect(reply, &QObject::destroyed, this, [this, manager] {
        for (Lane &l : m_lanes) {
            if (l.manager == manager)
                --l.active;
        }
    });
    return reply;
}

AnthropicClient::~AnthropicClient() = default;

template<typename Call>
Call *AnthropicClient::adopt(Call *call)
{
    call->setClock(m_clock);
    return call;
}

bool AnthropicClient::isLoopbackHost(const QString &host)
{
    if (host.compare(u"localhost", Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString AnthropicClient::checkBaseUrl(const QUrl &url, bool allowInsecure)
{
    if (!url.isValid() || url.host().isEmpty())
        return tr("'%1' is not a valid base URL (expected e.g. https://api.anthropic.com)")
            .arg(url.toDisplayString());
    if (url.scheme() != u"https" && url.scheme() != u"http")
        return tr("the base URL must start with https:// (got '%1')").arg(url.toDisplayString());
    if (url.scheme() == u"http" && !allowInsecure && !isLoopbackHost(url.host()))
        return tr("refusing to send the API key over plain http:// to %1; use https://, or "
                  "allow insecure connections explicitly")
            .arg(url.host());
    if (url.hasQuery() || url.hasFragment())
        return tr("the base URL must not carry a query or fragment");
    return {};
}

QUrl AnthropicClient::endpoint(QStringView path) const
{
    QUrl url = m_config.baseUrl;
    QString prefix = url.path();
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    url.setPath(prefix + path);
    return url;
}

std::optional<ApiError> AnthropicClient::preflight() const
{
    if (const QString problem = checkBaseUrl(m_config.baseUrl, m_config.allowInsecure);
        !problem.isEmpty())
        return ApiError::make(ErrorKind::InvalidRequest, problem);
    if (m_config.apiKey.isEmpty())
        return ApiError::make(ErrorKind::Auth, tr("no API key is set"));
    return std::nullopt;
}

QNetworkRequest AnthropicClient::makeRequest(const QUrl &url, bool stream) const
{
    QNetworkRequest request(url);
    request.setRawHeader("x-api-key", m_config.apiKey);
    request.setRawHeader("anthropic-version", m_config.apiVersion.toLatin1());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QByteArrayLiteral("Breakwater/" BW_VERSION));
    request.setRawHeader("accept", stream ? "text/event-stream" : "application/json");
    request.setTransferTimeout(m_config.transferTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::UserVerifiedRedirectPolicy);
    if (stream) {
        // Compression would make the server buffer; an event stream should arrive as it is made.
        request.setRawHeader("accept-encoding", "identity");
    }
    return request;
}

MessageStream *AnthropicClient::streamMessage(const MessageRequest &request)
{
    if (auto problem = preflight())
        return adopt(new MessageStream(std::move(*problem), this));
    QNetworkAccessManager *manager = lane();
    QNetworkReply *reply = track(
        manager, manager->post(makeRequest(endpoint(u"/v1/messages"), true), request.toJson(true)));
    reply->setReadBufferSize(kReadBufferBytes);
    qCDebug(lcApi) << "stream" << request.model() << "messages:" << request.messages().size();
    return adopt(new MessageStream(reply, this));
}

JsonCall *AnthropicClient::createMessage(const MessageRequest &request)
{
    if (auto problem = preflight())
        return adopt(new JsonCall(std::move(*problem), this));
    QNetworkAccessManager *manager = lane();
    QNetworkReply *reply =
        track(manager,
              manager->post(makeRequest(endpoint(u"/v1/messages"), false), request.toJson(false)));
    reply->setReadBufferSize(kReadBufferBytes);
    return adopt(new JsonCall(reply, m_config.maxResponseBytes, this));
}

JsonCall *AnthropicClient::countTokens(const MessageRequest &request)
{
    if (auto problem = preflight())
        return adopt(new JsonCall(std::move(*problem), this));
    QNetworkAccessManager *manager = lane();
    QNetworkReply *reply =
        track(manager, manager->post(makeRequest(endpoint(u"/v1/messages/count_tokens"), false),
                                     request.toCountTokensJson()));
    return adopt(new JsonCall(reply, m_config.maxResponseBytes, this));
}

JsonCall *AnthropicClient::listModels()
{
    if (auto problem = preflight())
        return adopt(new JsonCall(std::move(*problem), this));
    QUrl url = endpoint(u"/v1/models");
    url.setQuery(QStringLiteral("limit=1000"));
    QNetworkAccessManager *manager = lane();
    QNetworkReply *reply = track(manager, manager->get(makeRequest(url, false)));
    return adopt(new JsonCall(reply, m_config.maxResponseBytes, this));
}

} // namespace bw

namespace bw {

JsonCall *AnthropicClient::createMessageBatch(const QList<MessageRequest> &requests,
                                              const QStringList &customIds)
{
    if (auto problem = preflight())
        return adopt(new JsonCall(std::move(*problem), this));
    QJsonArray list;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        list.append(QJsonObject{{QStringLiteral("custom_id"), customIds.value(i)},
                                {QStringLiteral("params"),
                                 QJsonDocument::fromJson(requests[i].toJson(false)).object()}});
    }
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("requests"), list}})
                                .toJson(QJsonDocument::Compact);
    QNetworkAccessManager *manager = lane();
    QNetworkReply *reply =
        track(manager, manager->post(makeRequest(endpoint(u"/v1/messages/batches"), false), body));
    return adopt(new JsonCall(reply, m_config.maxResponseBytes, this));
}

JsonCall *AnthropicClient::messageBatch(const QString &id)
{
    if (auto problem = preflight())
        return adopt(new JsonCall(std::move(*problem), this));
    QNetworkAccessManager *manager = lane();
    QNetworkReply *reply = track(
        manager, manager->get(makeRequest(
                     endpoint(QString(QStringLiteral("/v1/messages/batches/") + id)), false)));
    return adopt(new JsonCall(reply, m_config.maxResponseBytes, this));
}

JsonCall *AnthropicClient::messageBatchResults(const QUrl &resultsUrl)
{
    if (auto problem = preflight())
        return adopt(new JsonCall(std::move(*problem), this));
    const QUrl base = m_config.baseUrl;
    if (resultsUrl.scheme() != base.scheme() ||
        resultsUrl.host().compare(base.host(), Qt::CaseInsensitive) != 0 ||
        resultsUrl.port(443) != base.port(443)) {
        return adopt(new JsonCall(
            ApiError::make(
                ErrorKind::Protocol,
                tr("the batch results are on another host (%1); not sending the API key there")
                    .arg(resultsUrl.host())),
            this));
    }
    QNetworkAccessManager *manager = lane();
    QNetworkReply *reply = track(manager, manager->get(makeRequest(resultsUrl, false)));
    auto *call = adopt(new JsonCall(reply, m_config.maxResponseBytes, this));
    call->setRawBody(true);
    return call;
}

} // namespace bw
