#pragma once

#include "api/modelids.h"
#include "httpmessage.h"
#include "simbatches.h"
#include "simbehaviour.h"
#include "simpromptcache.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QRandomGenerator64>
#include <QUrl>

class QTcpServer;

namespace bw {
class Clock;
}

namespace bw::sim {

class SimConnection;

struct SimConfig
{
    quint64 seed = 1;
    int ttftMs = 0;
    double tokensPerSecond = 0; // 0: as fast as the socket takes them
    int replyTokens = 0;        // 0: derived from the prompt
    int capacity = 0;           // concurrent /v1/messages answers; beyond: 429. 0: unlimited
    int capacityRetryAfterMs = 1000;
    QByteArray requiredKey;           // when set, any other key gets 401
    QMap<QString, double> faultRates; // behaviour text -> probability per request
    // Model id -> behaviour text for every /v1/messages request to that model, before the
    // script (e.g. "529": the model is overloaded while the others answer). The script and the
    // fault rates apply to the other models' requests.
    QMap<QString, QString> modelFaults;
    // Refuse (400) a max_tokens above the model's largest, as the API does, for the models the
    // built-in list knows. Off by default: the benchmarks stream 200,000-token answers.
    bool checkMaxTokens = false;
    // When set, every answer's `model` field says this instead of the model asked (a proxy or
    // gateway that renames models).
    QString servedModel;
    QStringList models = ModelIds::builtIn();
    int modelsPageSize = 1000;        // GET /v1/models pages (the API's largest limit)
    bool modelsRepeatForever = false; // a broken server: every page is the first, has_more
    int thinkingTokens = 0; // thinking deltas of an answer that thinks; 0: by effort or budget
    QByteArray pathPrefix;  // e.g. "/gateway": requests must carry it (as behind a gateway)
    int requestsPerMinute = 4000;
    qint64 tokensPerMinute = 2'000'000;
    // A request body larger than this gets 413 as soon as its headers arrive, and the connection
    // closes without reading the body (a proxy's body limit).
    qint64 maxRequestBytes = HttpRequestParser::kMaxBodyBytes;
    // A streamed answer's response ends, and its slot of `capacity` frees, this long after
    // message_stop (servers count a request until its response ends).
    int holdAfterStopMs = 0;
    // Prompt caching: the shortest prefix the cache stores (the API's minimum is 1,024 to 4,096
    // tokens by model), and how much longer the first token takes per 1,000 input tokens that
    // were not read from the cache (0: no such delay).
    qint64 cacheMinTokens = 1024;
    int prefillMsPer1kTokens = 0;
};

// A local Messages API on 127.0.0.1 with fault injection: a real HTTP/1.1 server (QTcpServer),
// so clients are tested over real sockets. Usable in-process and as breakwater-sim.
class ApiSimulator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiSimulator)

public:
    explicit ApiSimulator(SimConfig config = {}, QObject *parent = nullptr);
    ~ApiSimulator() override;

    bool listen(quint16 port = 0, const QHostAddress &address = QHostAddress::LocalHost);
    QString errorString() const;
    quint16 port() const;
    QUrl baseUrl() const;

    SimConfig &config() { return m_config; }
    // The clock the prompt cache's TTLs run on (the system's unless set; tests set a
    // ManualClock). Not owned.
    void setClock(Clock *clock) { m_clock = clock; }
    const SimPromptCache &promptCache() const { return m_promptCache; }
    void setConfig(SimConfig config) { m_config = std::move(config); }

    // What the next /v1/messages requests do, in order; after the script: Ok (or a fault rate).
    void setScript(QList<SimBehaviour> script) { m_script = std::move(script); }
    // Behaviours for the next requests to the other endpoints (count_tokens, models, batches):
    // an error status, a reset or a stall before the answer; anything else answers normally.
    void setEndpointScript(QList<SimBehaviour> script) { m_endpointScript = std::move(script); }
    void appendScript(const QList<SimBehaviour> &script) { m_script += script; }
    qsizetype scriptRemaining() const { return m_script.size(); }

    // Observations for tests and the window's Simulator panel.
    int requestCount(const QByteArray &path = "/v1/messages") const { return m_counts.value(path); }
    int totalRequests() const;
    int inFlight() const { return m_inFlight; }
    int maxInFlight() const { return m_maxInFlight; }
    int rejectedForCapacity() const { return m_capacityRejections; }
    // Requests refused before their body was read (larger than maxRequestBytes, malformed).
    int refusedBeforeBody() const { return m_refusedBeforeBody; }
    const QList<QJsonObject> &messageRequests() const { return m_bodies; }
    // The same requests' bodies as the bytes that arrived (the prompt cache's prefix is bytes).
    const QList<QByteArray> &rawMessageRequests() const { return m_rawBodies; }
    const QList<QByteArray> &appliedBehaviours() const { return m_applied; }
    // Every request in arrival order, as "METHOD target", e.g. "POST /v1/messages?hop=1".
    const QList<QByteArray> &requestLog() const { return m_log; }
    SimBatches &batches() { return m_batches; }
    void resetStats();

    // The reply a request would get (tests predict answers with it).
    // The reply given to `request` most recently (or the one it will get first); the same
    // request asked again (a regenerate) gets the next version of its reply.
    QStringList replyTokens(const QJsonObject &request) const;
    QStringList replyTokens(const QJsonObject &request, int version) const;

Q_SIGNALS:
    void requestHandled(const QString &path, const QString &behaviour, int status);
    void inFlightChanged(int inFlight);

private:
    void acceptConnections();
    void handle(SimConnection *connection, const HttpRequest &request);
    void handleMessages(SimConnection *connection, const HttpRequest &request,
                        const QJsonObject &body);
    void handleCountTokens(SimConnection *connection, const QJsonObject &body);
    void handleModels(SimConnection *connection, const HttpRequest &request);
    static QJsonObject modelObject(const QString &id);
    // The signature the simulator gives a thinking block, and checks when it comes back.
    static QByteArray thinkingSignature(const QString &thinking);
    // What the API would say with 400 about the request's thinking; empty when it is fine.
    static QString checkThinking(const QJsonObject &body, bool countTokens);
    // How many thinking tokens the answer to `body` has (0: it does not think).
    int thinkingTokensFor(const QJsonObject &body) const;
    void handleBatches(SimConnection *connection, const HttpRequest &request);
    QJsonObject messageObject(const QJsonObject &body, const QString &messageId,
                              const SimPromptCache::Usage &input) const;
    // What the request's text and its images and documents count.
    static qint64 inputTokensOf(const QJsonObject &body);
    SimBehaviour nextBehaviour(const QString &model);
    void sendError(SimConnection *connection, int status, const QString &type,
                   const QString &message, QList<QPair<QByteArray, QByteArray>> extra = {},
                   const QJsonObject &details = {});
    QString validate(const HttpRequest &request, const QJsonObject &body, bool countTokens) const;
    QList<QPair<QByteArray, QByteArray>> commonHeaders();
    QList<QPair<QByteArray, QByteArray>> rateLimitHeaders(qint64 tokens);
    void beginFlight();
    void endFlight();

    SimConfig m_config;
    SimBatches m_batches;
    SimPromptCache m_promptCache;
    Clock *m_clock;
    QTcpServer *m_server;
    static QByteArray replyKey(const QJsonObject &request);
    QHash<QByteArray, int> m_replies; // replies given per request body
    QList<SimBehaviour> m_script;
    QList<SimBehaviour> m_endpointScript;
    QRandomGenerator64 m_rng;
    QHash<QByteArray, int> m_counts;
    QList<QJsonObject> m_bodies;
    QList<QByteArray> m_rawBodies;
    QList<QByteArray> m_applied;
    QList<QByteArray> m_log;
    int m_inFlight = 0;
    int m_maxInFlight = 0;
    int m_capacityRejections = 0;
    int m_refusedBeforeBody = 0;
    quint64 m_requestSerial = 0;
    qint64 m_windowStartMs = 0;
    int m_windowRequests = 0;
    qint64 m_windowTokens = 0;
};

} // namespace bw::sim
