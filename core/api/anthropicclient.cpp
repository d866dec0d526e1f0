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
#include <QUrlQuery>

namespace bw {

namespace {
// Qt buffers unread reply bytes without limit unless told otherwise (measured: a 25 MB stream
// peaked at 77 MiB).
constexpr qint64 kReadBufferBytes = 1024 * 1024;

} // namespace

// One request as sent, kept by its call so that a redirect can send it again.
struct AnthropicClient::Outgoing
{
    QNetworkAccessManager *manager = nullptr;
    QNetworkRequest request;
    QByteArray verb; // GET or POST
    QByteArray body = {};
    qint64 readBufferBytes = 0; // 0: unbounded
};

AnthropicClient::AnthropicClient(ClientConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_clock(Clock::system())
{
    m_lanes.append({newLane(), 0});
}

QNetworkAccessManager *AnthropicClient::newLane()
{
    auto *manager = new QNetworkAccessManager(this);
    // Qt must not follow redirects: the call does (ApiCall::followRedirect says why).
    manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    return manager;
}

QNetworkAccessManager *AnthropicClient::lane()
{
    Lane *best = &m_lanes.first();
    for (Lane &l : m_lanes) {
        if (l.active < best->active)
            best = &l;
    }
    if (best->active >= kCallsPerLane && m_lanes.size() < kMaxLanes) {
        m_lanes.append({newLane(), 0});
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

QNetworkReply *AnthropicClient::send(const Outgoing &out)
{
    QNetworkReply *reply = out.verb == "GET" ? out.manager->get(out.request)
                                             : out.manager->post(out.request, out.body);
    if (out.readBufferBytes > 0) {
        reply->setReadBufferSize(out.readBufferBytes);
        // Qt 6.4 passes the bound to the HTTP thread's reply only while that reply exists, which
        // is later than here: set before, it caps what is handed to this thread, but the HTTP
        // thread goes on reading the socket into its own unbounded buffer (a 90 MB stream read
        // slowly peaked at 121 MiB). Setting it again once the response headers are in reaches
        // that reply, which then stops reading the socket until we have read what it holds:
        // back pressure on the server, and memory bounded by the kept text.
        connect(reply, &QNetworkReply::metaDataChanged, reply,
                [reply, size = out.readBufferBytes] { reply->setReadBufferSize(size); });
    }
    return track(out.manager, reply);
}

template<class Call>
Call *AnthropicClient::withRedirects(Call *call, Outgoing out)
{
    call->setClock(m_clock);
    call->setSecret(m_config.apiKey);
    call->setRequestBytes(out.body.size());
    call->setResend([this, out](const QUrl &url, int status) mutable {
        out.request.setUrl(url);
        // RFC 9110 15.4: after 307/308 the request is repeated as it was; after 301/302/303 a
        // client asks with GET (as Qt did for us, and browsers and curl do).
        if (status != 307 && status != 308 && out.verb != "GET") {
            out.verb = "GET";
            out.body.clear();
            out.request.setHeader(QNetworkRequest::ContentTypeHeader, QVariant());
        }
        return send(out);
    });
    return call;
}

AnthropicClient::~AnthropicClient() = default;

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
                         QNetworkRequest::ManualRedirectPolicy);
    if (stream) {
        // Compression would make the server buffer; an event stream should arrive as it is made.
        request.setRawHeader("accept-encoding", "identity");
    }
    return request;
}

MessageStream *AnthropicClient::streamMessage(const MessageRequest &request)
{
    if (auto problem = preflight())
        return new MessageStream(std::move(*problem), this);
    const Outgoing out{lane(), makeRequest(endpoint(u"/v1/messages"), true), "POST",
                       request.toJson(true), kReadBufferBytes};
    qCDebug(lcApi) << "stream" << request.model() << "messages:" << request.messages().size();
    return withRedirects(new MessageStream(send(out), this), out);
}

JsonCall *AnthropicClient::createMessage(const MessageRequest &request)
{
    if (auto problem = preflight())
        return new JsonCall(std::move(*problem), this);
    const Outgoing out{lane(), makeRequest(endpoint(u"/v1/messages"), false), "POST",
                       request.toJson(false), kReadBufferBytes};
    return withRedirects(new JsonCall(send(out), m_config.maxResponseBytes, this), out);
}

JsonCall *AnthropicClient::countTokens(const MessageRequest &request)
{
    if (auto problem = preflight())
        return new JsonCall(std::move(*problem), this);
    const Outgoing out{lane(), makeRequest(endpoint(u"/v1/messages/count_tokens"), false), "POST",
                       request.toCountTokensJson()};
    return withRedirects(new JsonCall(send(out), m_config.maxResponseBytes, this), out);
}

JsonCall *AnthropicClient::listModels(const QString &afterId)
{
    if (auto problem = preflight())
        return new JsonCall(std::move(*problem), this);
    QUrl url = endpoint(u"/v1/models");
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QStringLiteral("1000"));
    if (!afterId.isEmpty())
        query.addQueryItem(QStringLiteral("after_id"), afterId);
    url.setQuery(query);
    const Outgoing out{lane(), makeRequest(url, false), "GET"};
    return withRedirects(new JsonCall(send(out), m_config.maxResponseBytes, this), out);
}

} // namespace bw

namespace bw {

JsonCall *AnthropicClient::createMessageBatch(const QList<MessageRequest> &requests,
                                              const QStringList &customIds)
{
    if (auto problem = preflight())
        return new JsonCall(std::move(*problem), this);
    QJsonArray list;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        list.append(QJsonObject{{QStringLiteral("custom_id"), customIds.value(i)},
                                {QStringLiteral("params"),
                                 QJsonDocument::fromJson(requests[i].toJson(false)).object()}});
    }
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("requests"), list}})
                                .toJson(QJsonDocument::Compact);
    const Outgoing out{lane(), makeRequest(endpoint(u"/v1/messages/batches"), false), "POST", body};
    return withRedirects(new JsonCall(send(out), m_config.maxResponseBytes, this), out);
}

JsonCall *AnthropicClient::messageBatch(const QString &id)
{
    if (auto problem = preflight())
        return new JsonCall(std::move(*problem), this);
    const Outgoing out{
        lane(), makeRequest(endpoint(QString(QStringLiteral("/v1/messages/batches/") + id)), false),
        "GET"};
    return withRedirects(new JsonCall(send(out), m_config.maxResponseBytes, this), out);
}

JsonCall *AnthropicClient::messageBatchResults(const QUrl &resultsUrl)
{
    if (auto problem = preflight())
        return new JsonCall(std::move(*problem), this);
    const QUrl base = m_config.baseUrl;
    if (!ApiCall::isSameOrigin(resultsUrl, base)) {
        return new JsonCall(
            ApiError::make(
                ErrorKind::Protocol,
                tr("the batch results are on another host (%1); not sending the API key there")
                    .arg(resultsUrl.host())),
            this);
    }
    const Outgoing out{lane(), makeRequest(resultsUrl, false), "GET"};
    auto *call = withRedirects(new JsonCall(send(out), m_config.maxResponseBytes, this), out);
    call->setRawBody(true);
    return call;
}

} // namespace bw
