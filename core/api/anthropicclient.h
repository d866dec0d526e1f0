#pragma once

#include "clientconfig.h"
#include "jsoncall.h"
#include "messagerequest.h"
#include "messagestream.h"

#include <QObject>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkRequest;

namespace bw {

class Clock;

// The Messages API over one QNetworkAccessManager. Each method returns a call object that ends
// in exactly one of finished()/failed() and deletes itself afterwards.
class AnthropicClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AnthropicClient)

public:
    explicit AnthropicClient(ClientConfig config, QObject *parent = nullptr);
    ~AnthropicClient() override;

    const ClientConfig &config() const { return m_config; }
    // The clock every call dates retry hints with (default: the system's).
    void setClock(const Clock *clock) { m_clock = clock; }
    void setConfig(ClientConfig config) { m_config = std::move(config); }

    // Why a base URL can't be used (empty when it can): not http(s), no host, or plain http to
    // a host that is not loopback without allowInsecure.
    static QString checkBaseUrl(const QUrl &url, bool allowInsecure);
    static bool isLoopbackHost(const QString &host);

    // {base}/v1/..., keeping a path prefix the base URL carries (gateways use one).
    QUrl endpoint(QStringView path) const;

    MessageStream *streamMessage(const MessageRequest &request);
    JsonCall *createMessage(const MessageRequest &request);
    JsonCall *countTokens(const MessageRequest &request);
    // One page of GET /v1/models (the API's largest), the one after `afterId` when given.
    JsonCall *listModels(const QString &afterId = {});
    // Message Batches API.
    JsonCall *createMessageBatch(const QList<MessageRequest> &requests,
                                 const QStringList &customIds);
    JsonCall *messageBatch(const QString &id);
    // Results live at the URL the batch names; it must be on the base URL's origin (the key goes
    // with the request).
    JsonCall *messageBatchResults(const QUrl &resultsUrl);

    int laneCount() const { return int(m_lanes.size()); }

    // Qt (before 6.5) opens at most 6 HTTP/1.1 connections per host and manager, and queues the
    // rest inside Qt. Over HTTP/2 (https) every call shares one connection and this never binds;
    // over HTTP/1.1 a call beyond 6 goes to another manager ("lane"), up to kMaxLanes.
    static constexpr int kCallsPerLane = 6;
    static constexpr int kMaxLanes = 16;

private:
    // One request as sent, kept by its call so that a redirect can send it again.
    struct Outgoing;

    QNetworkRequest makeRequest(const QUrl &url, bool stream) const;
    std::optional<ApiError> preflight() const;
    QNetworkAccessManager *newLane();
    QNetworkAccessManager *lane();
    QNetworkReply *track(QNetworkAccessManager *manager, QNetworkReply *reply);
    QNetworkReply *send(const Outgoing &out);
    // The call follows a same-origin redirect by sending `out` again to the new URL, and dates
    // retry hints with our clock.
    template<class Call>
    Call *withRedirects(Call *call, Outgoing out);

    struct Lane
    {
        QNetworkAccessManager *manager;
        int active = 0;
    };

    ClientConfig m_config;
    const Clock *m_clock;
    QList<Lane> m_lanes;
};

} // namespace bw
