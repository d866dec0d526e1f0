#include "apisimulator.h"

#include "api/apiversions.h"
#include "base/clock.h"
#include "base/logging.h"
#include "httpmessage.h"
#include "simattachments.h"
#include "simconnection.h"
#include "simreply.h"
#include "simstream.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTimer>
#include <QUrlQuery>

namespace bw::sim {

using Headers = QList<QPair<QByteArray, QByteArray>>;

namespace {

QString errorTypeFor(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("invalid_request_error");
    case 401:
        return QStringLiteral("authentication_error");
    case 402:
        return QStringLiteral("billing_error");
    case 403:
        return QStringLiteral("permission_error");
    case 404:
        return QStringLiteral("not_found_error");
    case 409:
        return QStringLiteral("conflict_error");
    case 413:
        return QStringLiteral("request_too_large");
    case 429:
        return QStringLiteral("rate_limit_error");
    case 504:
        return QStringLiteral("timeout_error");
    case 529:
        return QStringLiteral("overloaded_error");
    default:
        return QStringLiteral("api_error");
    }
}

QString messageFor(int status)
{
    switch (status) {
    case 429:
        return QStringLiteral("Number of requests has exceeded your rate limit (simulated).");
    case 529:
        return QStringLiteral("Overloaded");
    case 500:
        return QStringLiteral("Internal server error (simulated)");
    case 401:
        return QStringLiteral("invalid x-api-key");
    default:
        return QStringLiteral("Simulated error %1").arg(status);
    }
}

} // namespace

ApiSimulator::ApiSimulator(SimConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_batches([this](const QJsonObject &params, QString *error) {
        HttpRequest r;
        r.headers =
            HttpHeaders(QList<HttpHeaders::Pair>{{"anthropic-version", ApiVersions::kCurrent}});
        *error = validate(r, params, false);
        if (!error->isEmpty())
            return QJsonObject();
        m_promptCache.minTokens = m_config.cacheMinTokens;
        return messageObject(
            params, QStringLiteral("msg_sim_batch_%1").arg(++m_requestSerial),
            m_promptCache.account(params, inputTokensOf(params), m_clock->nowMs()));
    })
    , m_clock(Clock::system())
    , m_server(new QTcpServer(this))
    , m_rng(m_config.seed)
{
    connect(m_server, &QTcpServer::newConnection, this, &ApiSimulator::acceptConnections);
}

ApiSimulator::~ApiSimulator() = default;

bool ApiSimulator::listen(quint16 port, const QHostAddress &address)
{
    return m_server->listen(address, port);
}

QString ApiSimulator::errorString() const
{
    return m_server->errorString();
}

quint16 ApiSimulator::port() const
{
    return m_server->serverPort();
}

QUrl ApiSimulator::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_server->serverAddress().toString());
    url.setPort(port());
    return url;
}

int ApiSimulator::totalRequests() const
{
    int n = 0;
    for (int c : m_counts)
        n += c;
    return n;
}

void ApiSimulator::resetStats()
{
    m_counts.clear();
    m_bodies.clear();
    m_rawBodies.clear();
    m_applied.clear();
    m_log.clear();
    m_maxInFlight = m_inFlight;
    m_capacityRejections = 0;
    m_refusedBeforeBody = 0;
}

QByteArray ApiSimulator::replyKey(const QJsonObject &request)
{
    return QJsonDocument(request).toJson(QJsonDocument::Compact);
}

QStringList ApiSimulator::replyTokens(const QJsonObject &request) const
{
    // The reply most recently given to this request (or the first one it will get).
    return replyTokens(request, std::max(0, m_replies.value(replyKey(request)) - 1));
}

QStringList ApiSimulator::replyTokens(const QJsonObject &request, int version) const
{
    // The same request asked again (a regenerate) gets another reply, deterministically.
    QStringList tokens =
        SimReply::tokens(request, m_config.replyTokens, m_config.seed + quint64(version) * 7919);
    const int maxTokens = request.value(QLatin1String("max_tokens")).toInt(INT_MAX);
    if (tokens.size() > maxTokens)
        tokens.resize(maxTokens);
    return tokens;
}

void ApiSimulator::acceptConnections()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        auto *connection = new SimConnection(socket, this);
        connection->setMaxBodyBytes(m_config.maxRequestBytes);
        connect(connection, &SimConnection::requestRefused, this,
                [this] { ++m_refusedBeforeBody; });
        connect(connection, &SimConnection::requestReceived, this,
                [this, connection](const HttpRequest &request) { handle(connection, request); });
    }
}

Headers ApiSimulator::commonHeaders()
{
    ++m_requestSerial;
    return {
        {"request-id", "req_sim_" + QByteArray::number(m_requestSerial, 16).rightJustified(8, '0')},
        {"anthropic-organization-id", "org_simulator"}};
}

Headers ApiSimulator::rateLimitHeaders(qint64 tokens)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - m_windowStartMs >= 60'000) {
        m_windowStartMs = now;
        m_windowRequests = 0;
        m_windowTokens = 0;
    }
    ++m_windowRequests;
    m_windowTokens += tokens;
    const QByteArray reset = QDateTime::fromMSecsSinceEpoch(m_windowStartMs + 60'000, Qt::UTC)
                                 .toString(Qt::ISODate)
                                 .toLatin1();
    const auto n = [](qint64 v) { return QByteArray::number(std::max<qint64>(0, v)); };
    return {{"anthropic-ratelimit-requests-limit", n(m_config.requestsPerMinute)},
            {"anthropic-ratelimit-requests-remaining",
             n(m_config.requestsPerMinute - m_windowRequests)},
            {"anthropic-ratelimit-requests-reset", reset},
            {"anthropic-ratelimit-tokens-limit", n(m_config.tokensPerMinute)},
            {"anthropic-ratelimit-tokens-remaining", n(m_config.tokensPerMinute - m_windowTokens)},
            {"anthropic-ratelimit-tokens-reset", reset}};
}

void ApiSimulator::sendError(SimConnection *connection, int status, const QString &type,
                             const QString &message, Headers extra, const QJsonObject &details)
{
    Headers headers = commonHeaders();
    const QByteArray requestId = headers.first().second;
    headers += extra;
    headers.emplaceBack("content-type", "application/json");
    QJsonObject error{{QLatin1String("type"), type}, {QLatin1String("message"), message}};
    if (!details.isEmpty())
        error.insert(QLatin1String("details"), details);
    const QJsonObject body{{QLatin1String("type"), QLatin1String("error")},
                           {QLatin1String("error"), error},
                           {QLatin1String("request_id"), QString::fromLatin1(requestId)}};
    connection->respond(status, headers, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QString ApiSimulator::validate(const HttpRequest &request, const QJsonObject &body,
                               bool countTokens) const
{
    if (request.headers.value("anthropic-version").isEmpty())
        return QStringLiteral("anthropic-version: header is required");
    if (!body.value(QLatin1String("model")).isString() ||
        body.value(QLatin1String("model")).toString().isEmpty())
        return QStringLiteral("model: Field required");
    if (!countTokens) {
        const QJsonValue maxTokens = body.value(QLatin1String("max_tokens"));
        if (!maxTokens.isDouble() || maxTokens.toDouble() < 1)
            return QStringLiteral("max_tokens: Field required (an integer of at least 1)");
        // The API's own limit per model (for the models it knows).
        const QString id = body.value(QLatin1String("model")).toString();
        for (const ModelInfo &m : ModelIds::builtInModels()) {
            if (m_config.checkMaxTokens && m.id == id && maxTokens.toDouble() > m.maxOutputTokens)
                return QStringLiteral("max_tokens: %1 > %2, which is the maximum allowed number "
                                      "of output tokens for %3")
                    .arg(qint64(maxTokens.toDouble()))
                    .arg(m.maxOutputTokens)
                    .arg(id);
        }
    }
    const QJsonValue messages = body.value(QLatin1String("messages"));
    if (!messages.isArray() || messages.toArray().isEmpty())
        return QStringLiteral("messages: at least one message is required");
    const QJsonArray list = messages.toArray();
    if (list.first().toObject().value(QLatin1String("role")).toString() != u"user")
        return QStringLiteral("messages: first message must use the \"user\" role");
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject m = list.at(i).toObject();
        const QString role = m.value(QLatin1String("role")).toString();
        if (role != u"user" && role != u"assistant")
            return QStringLiteral("messages.%1.role: Input should be 'user' or 'assistant'").arg(i);
        const QJsonValue content = m.value(QLatin1String("content"));
        const bool empty = content.isString() ? content.toString().trimmed().isEmpty()
                                              : !content.isArray() || content.toArray().isEmpty();
        if (empty)
            return QStringLiteral("messages.%1: all messages must have non-empty content").arg(i);
    }
    if (const QString problem = SimPromptCache::check(body); !problem.isEmpty())
        return problem;
    if (const QString problem = checkThinking(body, countTokens); !problem.isEmpty())
        return problem;
    if (const QString problem = SimAttachments::check(body); !problem.isEmpty())
        return problem;
    if (request.headers.value("anthropic-version") == ApiVersions::kCurrent) {
        for (const char *key : {"temperature", "top_p", "top_k"}) {
            if (body.contains(QLatin1String(key)))
                return QStringLiteral("%1: not supported in API version %2")
                    .arg(QLatin1String(key), QLatin1String(ApiVersions::kCurrent));
        }
    }
    return {};
}

void ApiSimulator::handle(SimConnection *connection, const HttpRequest &incoming)
{
    m_log.append(incoming.method + ' ' + incoming.path +
                 (incoming.query.isEmpty() ? QByteArray() : '?' + incoming.query));
    HttpRequest request = incoming;
    if (!m_config.pathPrefix.isEmpty()) {
        if (!request.path.startsWith(QByteArray(m_config.pathPrefix + '/'))) {
            m_counts[request.path] += 1;
            sendError(connection, 404, errorTypeFor(404),
                      QStringLiteral("Not found: %1").arg(QString::fromLatin1(request.path)));
            return;
        }
        request.path = request.path.mid(m_config.pathPrefix.size());
    }
    m_counts[request.path] += 1;
    const QByteArray bearer = request.headers.value("authorization");
    const QByteArray key =
        !request.headers.value("x-api-key").isEmpty()
            ? request.headers.value("x-api-key")
            : (bearer.startsWith("Bearer ") ? bearer.mid(7).trimmed() : QByteArray());
    const bool batches = request.path.startsWith("/v1/messages/batches");
    const bool known = request.path == "/v1/messages" || batches ||
                       request.path == "/v1/messages/count_tokens" || request.path == "/v1/models";
    if (!known) {
        sendError(connection, 404, errorTypeFor(404),
                  QStringLiteral("Not found: %1").arg(QString::fromLatin1(request.path)));
        return;
    }
    if (key.isEmpty()) {
        sendError(connection, 401, errorTypeFor(401),
                  QStringLiteral("x-api-key header is required"));
        Q_EMIT requestHandled(QString::fromLatin1(request.path), QStringLiteral("auth"), 401);
        return;
    }
    if (!m_config.requiredKey.isEmpty() && key != m_config.requiredKey) {
        sendError(connection, 401, errorTypeFor(401), QStringLiteral("invalid x-api-key"));
        Q_EMIT requestHandled(QString::fromLatin1(request.path), QStringLiteral("auth"), 401);
        return;
    }
    if (request.path != "/v1/messages" && !m_endpointScript.isEmpty()) {
        const SimBehaviour b = m_endpointScript.takeFirst();
        const QString path = QString::fromLatin1(request.path);
        if (b.kind == SimBehaviour::Kind::Status) {
            sendError(connection, b.status, errorTypeFor(b.status), messageFor(b.status));
            Q_EMIT requestHandled(path, b.toString(), b.status);
            return;
        }
        if (b.kind == SimBehaviour::Kind::ResetHeaders) {
            connection->reset();
            Q_EMIT requestHandled(path, b.toString(), 0);
            return;
        }
        if (b.kind == SimBehaviour::Kind::StallHeaders) {
            Q_EMIT requestHandled(path, b.toString(), 0); // and never answers
            return;
        }
    }
    if (batches) {
        handleBatches(connection, request);
        return;
    }
    if (request.path == "/v1/models") {
        if (request.method != "GET") {
            sendError(connection, 405, errorTypeFor(400), QStringLiteral("Method not allowed"));
            return;
        }
        handleModels(connection, request);
        return;
    }
    if (request.method != "POST") {
        sendError(connection, 405, errorTypeFor(400), QStringLiteral("Method not allowed"));
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        sendError(
            connection, 400, errorTypeFor(400),
            QStringLiteral("Request body is not valid JSON: %1").arg(parseError.errorString()));
        return;
    }
    const QJsonObject body = doc.object();
    const bool countTokens = request.path == "/v1/messages/count_tokens";
    if (const QString problem = validate(request, body, countTokens); !problem.isEmpty()) {
        sendError(connection, 400, errorTypeFor(400), problem);
        Q_EMIT requestHandled(QString::fromLatin1(request.path), QStringLiteral("invalid"), 400);
        return;
    }
    if (countTokens)
        handleCountTokens(connection, body);
    else
        handleMessages(connection, request, body);
}

qint64 ApiSimulator::inputTokensOf(const QJsonObject &body)
{
    return SimReply::inputTokens(body) + SimAttachments::tokens(body);
}

QJsonObject ApiSimulator::messageObject(const QJsonObject &body, const QString &messageId,
                                        const SimPromptCache::Usage &input) const
{
    const QStringList tokens = replyTokens(body);
    QJsonObject usage = input.toJson();
    usage.insert(QLatin1String("output_tokens"), tokens.size());
    const bool hitMax =
        SimReply::tokens(body, m_config.replyTokens, m_config.seed).size() > tokens.size();
    return {{QLatin1String("id"), messageId},
            {QLatin1String("type"), QLatin1String("message")},
            {QLatin1String("role"), QLatin1String("assistant")},
            {QLatin1String("model"), m_config.servedModel.isEmpty()
                                         ? body.value(QLatin1String("model")).toString()
                                         : m_config.servedModel},
            {QLatin1String("content"),
             QJsonArray{QJsonObject{{QLatin1String("type"), QLatin1String("text")},
                                    {QLatin1String("text"), tokens.join(QString())}}}},
            {QLatin1String("stop_reason"),
             hitMax ? QLatin1String("max_tokens") : QLatin1String("end_turn")},
            {QLatin1String("stop_sequence"), QJsonValue::Null},
            {QLatin1String("usage"), usage}};
}

void ApiSimulator::handleBatches(SimConnection *connection, const HttpRequest &request)
{
    // /v1/messages/batches[/{id}[/results|/cancel]]
    const QList<QByteArray> parts =
        request.path.mid(int(strlen("/v1/messages/batches"))).split('/');
    const QString id = QString::fromLatin1(parts.value(1));
    const QByteArray action = parts.value(2);
    Headers headers = commonHeaders();
    auto answer = [&](const std::optional<QJsonObject> &o) {
        if (!o) {
            sendError(connection, 404, errorTypeFor(404),
                      QStringLiteral("No batch with id '%1'").arg(id));
            return;
        }
        headers.emplaceBack("content-type", "application/json");
        connection->respond(200, headers, QJsonDocument(*o).toJson(QJsonDocument::Compact));
    };
    if (id.isEmpty() && request.method == "POST") {
        QJsonParseError parseError;
        const QJsonObject body = QJsonDocument::fromJson(request.body, &parseError).object();
        QString problem;
        const auto created = parseError.error == QJsonParseError::NoError
                                 ? m_batches.create(body, baseUrl(), &problem)
                                 : std::nullopt;
        if (!created) {
            sendError(connection, 400, errorTypeFor(400),
                      problem.isEmpty() ? QStringLiteral("Request body is not valid JSON")
                                        : problem);
            return;
        }
        answer(created);
        return;
    }
    if (!id.isEmpty() && action.isEmpty() && request.method == "GET") {
        answer(m_batches.status(id, baseUrl()));
        return;
    }
    if (!id.isEmpty() && action == "cancel" && request.method == "POST") {
        answer(m_batches.cancel(id, baseUrl()));
        return;
    }
    if (!id.isEmpty() && action == "results" && request.method == "GET") {
        bool notReady = false;
        const auto results = m_batches.results(id, &notReady);
        if (!results) {
            sendError(connection, notReady ? 400 : 404, errorTypeFor(notReady ? 400 : 404),
                      notReady ? QStringLiteral("Batch %1 is still in progress").arg(id)
                               : QStringLiteral("No batch with id '%1'").arg(id));
            return;
        }
        headers.emplaceBack("content-type", "application/x-jsonl");
        connection->respond(200, headers, *results);
        return;
    }
    sendError(connection, 404, errorTypeFor(404),
              QStringLiteral("Not found: %1").arg(QString::fromLatin1(request.path)));
}

QJsonObject ApiSimulator::modelObject(const QString &id)
{
    for (const ModelInfo &m : ModelIds::builtInModels()) {
        if (m.id == id)
            return m.toJson();
    }
    // An id the built-in catalogue does not know: plain limits, thinking with a budget only.
    QString display = id;
    display.replace(QLatin1Char('-'), QLatin1Char(' '));
    ModelInfo m = ModelInfo::unknown(id);
    m.displayName = display;
    m.capabilities = QJsonObject{
        {QLatin1String("thinking"),
         QJsonObject{
             {QLatin1String("supported"), true},
             {QLatin1String("types"),
              QJsonObject{
                  {QLatin1String("adaptive"), QJsonObject{{QLatin1String("supported"), false}}},
                  {QLatin1String("enabled"), QJsonObject{{QLatin1String("supported"), true}}}}}}},
        {QLatin1String("effort"), QJsonObject{{QLatin1String("supported"), false}}}};
    return m.toJson();
}

void ApiSimulator::handleModels(SimConnection *connection, const HttpRequest &request)
{
    // GET /v1/models?limit=N&after_id=ID, in pages as the API serves them.
    const QUrlQuery query(QString::fromLatin1(request.query));
    const int limit = std::clamp(query.queryItemValue(QStringLiteral("limit")).toInt(), 1, 1000);
    const int page = std::min(limit, std::max(1, m_config.modelsPageSize));
    const QString after = query.queryItemValue(QStringLiteral("after_id"));
    int from = 0;
    if (!after.isEmpty() && !m_config.modelsRepeatForever)
        from = int(m_config.models.indexOf(after)) + 1;
    const QStringList ids = m_config.models.mid(from, page);
    QJsonArray data;
    for (const QString &id : ids)
        data.append(modelObject(id));
    const QJsonObject body{
        {QLatin1String("data"), data},
        {QLatin1String("has_more"),
         m_config.modelsRepeatForever || from + ids.size() < m_config.models.size()},
        {QLatin1String("first_id"), ids.value(0)},
        {QLatin1String("last_id"), ids.value(ids.size() - 1)}};
    Headers headers = commonHeaders();
    headers.emplaceBack("content-type", "application/json");
    connection->respond(200, headers, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QByteArray ApiSimulator::thinkingSignature(const QString &thinking)
{
    return "sim-sig-" +
           QCryptographicHash::hash(QByteArray(QByteArray("breakwater-sim\n") + thinking.toUtf8()),
                                    QCryptographicHash::Sha256)
               .toBase64();
}

QString ApiSimulator::checkThinking(const QJsonObject &body, bool countTokens)
{
    const QString id = body.value(QLatin1String("model")).toString();
    const ModelInfo model = ModelInfo::fromJson(modelObject(id));
    if (body.contains(QLatin1String("thinking"))) {
        const QJsonObject t = body.value(QLatin1String("thinking")).toObject();
        const QString type = t.value(QLatin1String("type")).toString();
        if (type == u"adaptive" && !model.supportsThinking(u"adaptive"))
            return QStringLiteral("thinking.type: 'adaptive' is not supported by %1; use "
                                  "'enabled' with budget_tokens")
                .arg(id);
        if ((type == u"enabled" || type == u"disabled") && !model.supportsThinking(u"enabled"))
            return QStringLiteral("thinking.type: '%1' is not supported by %2; use 'adaptive'")
                .arg(type, id);
        if (type != u"adaptive" && type != u"enabled" && type != u"disabled")
            return QStringLiteral("thinking.type: Input should be 'adaptive', 'enabled' or "
                                  "'disabled'");
        if (type == u"enabled") {
            const double budget = t.value(QLatin1String("budget_tokens")).toDouble(-1);
            const double maxTokens = body.value(QLatin1String("max_tokens")).toDouble();
            if (budget < 1024 || budget != std::floor(budget))
                return QStringLiteral("thinking.enabled.budget_tokens: Input should be greater "
                                      "than or equal to 1024");
            if (!countTokens && budget >= maxTokens)
                return QStringLiteral("max_tokens must be greater than thinking.budget_tokens");
        }
    }
    const QJsonObject output = body.value(QLatin1String("output_config")).toObject();
    if (output.contains(QLatin1String("effort"))) {
        const QString effort = output.value(QLatin1String("effort")).toString();
        if (!model.effortLevels().contains(effort))
            return QStringLiteral("output_config.effort: '%1' is not supported by %2")
                .arg(effort, id);
    }
    // Thinking blocks come back exactly as they were given.
    const QJsonArray messages = body.value(QLatin1String("messages")).toArray();
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QJsonArray content =
            messages.at(i).toObject().value(QLatin1String("content")).toArray();
        for (qsizetype j = 0; j < content.size(); ++j) {
            const QJsonObject block = content.at(j).toObject();
            const QString type = block.value(QLatin1String("type")).toString();
            if (type == u"thinking" &&
                block.value(QLatin1String("signature")).toString().toLatin1() !=
                    thinkingSignature(block.value(QLatin1String("thinking")).toString()))
                return QStringLiteral("messages.%1.content.%2: Invalid `signature` in `thinking` "
                                      "block")
                    .arg(i)
                    .arg(j);
            if (type == u"redacted_thinking" &&
                !block.value(QLatin1String("data")).toString().startsWith(u"sim-redacted-"))
                return QStringLiteral("messages.%1.content.%2: Invalid `data` in "
                                      "`redacted_thinking` block")
                    .arg(i)
                    .arg(j);
        }
    }
    return {};
}

int ApiSimulator::thinkingTokensFor(const QJsonObject &body) const
{
    const ModelInfo model =
        ModelInfo::fromJson(modelObject(body.value(QLatin1String("model")).toString()));
    const QJsonObject t = body.value(QLatin1String("thinking")).toObject();
    const QString type = t.value(QLatin1String("type")).toString();
    // A model that takes only adaptive thinking thinks when the request does not say.
    const bool thinks = type == u"adaptive" || type == u"enabled" ||
                        (!body.contains(QLatin1String("thinking")) && model.supports(u"thinking") &&
                         !model.supportsThinking(u"enabled"));
    if (!thinks)
        return 0;
    if (m_config.thinkingTokens > 0)
        return m_config.thinkingTokens;
    if (type == u"enabled")
        return std::clamp(int(t.value(QLatin1String("budget_tokens")).toDouble() / 100), 10, 200);
    const QString effort = body.value(QLatin1String("output_config"))
                               .toObject()
                               .value(QLatin1String("effort"))
                               .toString(QStringLiteral("high"));
    return effort == u"low" ? 12 : effort == u"medium" ? 40 : effort == u"max" ? 160 : 80;
}

void ApiSimulator::handleCountTokens(SimConnection *connection, const QJsonObject &body)
{
    Headers headers = commonHeaders();
    headers.emplaceBack("content-type", "application/json");
    const QJsonObject answer{{QLatin1String("input_tokens"), inputTokensOf(body)}};
    connection->respond(200, headers, QJsonDocument(answer).toJson(QJsonDocument::Compact));
}

SimBehaviour ApiSimulator::nextBehaviour(const QString &model)
{
    if (const auto fault = m_config.modelFaults.constFind(model);
        fault != m_config.modelFaults.cend()) {
        if (auto b = SimBehaviour::parse(fault.value()))
            return *b;
    }
    if (!m_script.isEmpty())
        return m_script.takeFirst();
    for (auto it = m_config.faultRates.cbegin(); it != m_config.faultRates.cend(); ++it) {
        if (m_rng.generateDouble() < it.value()) {
            if (auto b = SimBehaviour::parse(it.key()))
                return *b;
        }
    }
    return {};
}

void ApiSimulator::beginFlight()
{
    ++m_inFlight;
    m_maxInFlight = std::max(m_maxInFlight, m_inFlight);
    Q_EMIT inFlightChanged(m_inFlight);
}

void ApiSimulator::endFlight()
{
    --m_inFlight;
    Q_EMIT inFlightChanged(m_inFlight);
}

void ApiSimulator::handleMessages(SimConnection *connection, const HttpRequest &request,
                                  const QJsonObject &body)
{
    const QString path = QString::fromLatin1(request.path);
    if (m_config.capacity > 0 && m_inFlight >= m_config.capacity) {
        ++m_capacityRejections;
        const int ms = m_config.capacityRetryAfterMs;
        sendError(connection, 429, errorTypeFor(429),
                  QStringLiteral("Too many concurrent requests (capacity %1, simulated).")
                      .arg(m_config.capacity),
                  {{"retry-after-ms", QByteArray::number(ms)},
                   {"retry-after", QByteArray::number((ms + 999) / 1000)}});
        Q_EMIT requestHandled(path, QStringLiteral("capacity"), 429);
        return;
    }
    m_bodies.append(body);
    m_rawBodies.append(request.body);
    SimBehaviour behaviour = nextBehaviour(body.value(QLatin1String("model")).toString());
    if (behaviour.kind == SimBehaviour::Kind::EchoKey) {
        const QByteArray key = !request.headers.value("x-api-key").isEmpty()
                                   ? request.headers.value("x-api-key")
                                   : request.headers.value("authorization").mid(7);
        if (!behaviour.params.contains(QStringLiteral("after"))) {
            Headers headers = commonHeaders();
            headers.emplaceBack("content-type", "text/html");
            headers.emplaceBack("request-id", key);
            connection->respond(403, headers,
                                "<html><body><h1>403 Forbidden</h1><p>The key " + key +
                                    " is not allowed from this network.</p></body></html>");
            Q_EMIT requestHandled(QString::fromLatin1(request.path), behaviour.toString(), 403);
            return;
        }
        // Mid-stream: an error event that quotes the key.
        SimBehaviour error{SimBehaviour::Kind::ErrorMid, 200, behaviour.params};
        error.params.insert(QStringLiteral("type"), QStringLiteral("permission_error"));
        error.params.insert(QStringLiteral("message"),
                            QStringLiteral("key %1 was revoked").arg(QString::fromLatin1(key)));
        behaviour = error;
    }
    m_applied.append(behaviour.toString().toUtf8());
    const bool streaming = body.value(QLatin1String("stream")).toBool();
    const qint64 inputTokens = inputTokensOf(body);
    qCDebug(lcSim) << "messages" << behaviour.toString() << "stream" << streaming;

    beginFlight();
    // The flight ends once: when the answer ends or the client hangs up, unless the answer is
    // held past message_stop (then when the hold is over, whatever the client does).
    struct Flight
    {
        bool done = false;
        bool held = false;
    };
    auto flight = std::make_shared<Flight>();
    auto finish = [this, flight] {
        if (!flight->held && !std::exchange(flight->done, true))
            endFlight();
    };
    connect(connection, &SimConnection::closed, this, finish);

    using Kind = SimBehaviour::Kind;
    switch (behaviour.kind) {
    case Kind::Status: {
        Headers extra;
        const int status = behaviour.status;
        if (behaviour.params.contains(QStringLiteral("retry-after-ms")))
            extra.emplaceBack("retry-after-ms",
                              behaviour.param(QStringLiteral("retry-after-ms")).toLatin1());
        else if (behaviour.params.contains(QStringLiteral("retry-after-date")))
            extra.emplaceBack("retry-after",
                              formatHttpDate(QDateTime::currentDateTimeUtc().addSecs(
                                  behaviour.intParam(QStringLiteral("retry-after-date"), 1))));
        else if (behaviour.params.contains(QStringLiteral("retry-after")))
            extra.emplaceBack("retry-after",
                              behaviour.param(QStringLiteral("retry-after")).toLatin1());
        else if (status == 429 && !behaviour.params.contains(QStringLiteral("no-hint")))
            extra.emplaceBack("retry-after", "1");
        if (behaviour.params.contains(QStringLiteral("should-retry")))
            extra.emplaceBack("x-should-retry",
                              behaviour.param(QStringLiteral("should-retry")).toLatin1());
        sendError(connection, status, errorTypeFor(status), messageFor(status), extra);
        finish();
        Q_EMIT requestHandled(path, behaviour.toString(), status);
        return;
    }
    case Kind::SpendLimit: {
        // No retry-after: a spend cap does not lift in seconds.
        const bool usageLimits = behaviour.intParam(QStringLiteral("status"), 429) == 400;
        const int status = usageLimits ? 400 : 429;
        if (usageLimits)
            sendError(connection, 400, errorTypeFor(400),
                      QStringLiteral("You have reached your specified API usage limits. You will "
                                     "regain access on 2026-02-01 at 00:00 UTC."));
        else
            sendError(connection, 429, errorTypeFor(429),
                      QStringLiteral("This request would exceed your workspace's spend limit "
                                     "(simulated)."),
                      {},
                      behaviour.params.contains(QStringLiteral("no-code"))
                          ? QJsonObject()
                          : QJsonObject{{QLatin1String("error_code"),
                                         QLatin1String("enforced_spend_limit_reached")}});
        finish();
        Q_EMIT requestHandled(path, behaviour.toString(), status);
        return;
    }
    case Kind::Html502: {
        Headers headers = commonHeaders();
        headers.emplaceBack("content-type", "text/html");
        connection->respond(
            502, headers,
            "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad "
            "Gateway</h1></center><hr><center>nginx</center></body></html>");
        finish();
        Q_EMIT requestHandled(path, behaviour.toString(), 502);
        return;
    }
    case Kind::NotSse: {
        Headers headers = commonHeaders();
        headers.emplaceBack("content-type", "text/html; charset=utf-8");
        connection->respond(200, headers,
                            "<html><body>Welcome to the captive portal</body></html>");
        finish();
        Q_EMIT requestHandled(path, behaviour.toString(), 200);
        return;
    }
    case Kind::Redirect: {
        Headers headers = commonHeaders();
        const QByteArray to =
            behaviour.params.contains(QStringLiteral("to"))
                ? behaviour.param(QStringLiteral("to")).toUtf8()
                : baseUrl().toString().toUtf8() + m_config.pathPrefix + request.path;
        if (!behaviour.params.contains(QStringLiteral("no-location")))
            headers.emplaceBack("location", to);
        const int status = behaviour.intParam(QStringLiteral("status"), 307);
        connection->respond(status, headers, {});
        finish();
        Q_EMIT requestHandled(path, behaviour.toString(), status);
        return;
    }
    case Kind::ResetHeaders:
        connection->reset();
        finish();
        Q_EMIT requestHandled(path, behaviour.toString(), 0);
        return;
    case Kind::StallHeaders:
        Q_EMIT requestHandled(path, behaviour.toString(), 0);
        if (const int ms = behaviour.intParam(QStringLiteral("ms"), 0); ms > 0) {
            // After the stall, answer normally (the client may have given up by then).
            QPointer<SimConnection> c = connection;
            QTimer::singleShot(ms, this, [this, c, request, body, finish] {
                finish();
                if (c && c->isOpen()) {
                    m_script.prepend(SimBehaviour{});
                    m_bodies.removeLast();
                    m_rawBodies.removeLast();
                    m_applied.removeLast();
                    handleMessages(c, request, body);
                }
            });
        }
        return; // otherwise silent until the client hangs up
    default:
        break;
    }

    const QString model = body.value(QLatin1String("model")).toString();
    m_replies[replyKey(body)] += 1; // this is the body's next reply
    const QStringList tokens = replyTokens(body);
    const int maxTokens = body.value(QLatin1String("max_tokens")).toInt();
    const bool hitMax =
        SimReply::tokens(body, m_config.replyTokens, m_config.seed).size() > maxTokens;
    Headers headers = commonHeaders();
    const QByteArray messageId =
        "msg_sim_" + QByteArray::number(m_requestSerial, 16).rightJustified(8, '0');
    headers += rateLimitHeaders(inputTokens + tokens.size());
    m_promptCache.minTokens = m_config.cacheMinTokens;
    const SimPromptCache::Usage input = m_promptCache.account(body, inputTokens, m_clock->nowMs());
    // Input read from the cache is not processed again: only the rest delays the first token.
    const int ttftMs =
        m_config.ttftMs +
        int(std::min<qint64>(input.inputTokens + input.cacheCreationInputTokens, 100'000'000) *
            m_config.prefillMsPer1kTokens / 1000);

    if (!streaming) {
        const QJsonObject message = messageObject(body, QString::fromLatin1(messageId), input);
        headers.emplaceBack("content-type", "application/json");
        const QByteArray json = QJsonDocument(message).toJson(QJsonDocument::Compact);
        QPointer<SimConnection> c = connection;
        const bool cut = behaviour.kind == Kind::ResetMid || behaviour.kind == Kind::CloseEarly;
        QTimer::singleShot(ttftMs, this, [c, headers, json, cut, finish] {
            if (c && cut) {
                // Promise the whole body, deliver half, then drop the connection.
                c->socket()->write(responseHead(
                    200, headers + Headers{{"content-length", QByteArray::number(json.size())}}));
                c->socket()->write(json.left(json.size() / 2));
                c->socket()->flush();
                c->reset();
            } else if (c) {
                c->respond(200, headers, json);
            }
            finish();
        });
        Q_EMIT requestHandled(path, behaviour.toString(), 200);
        return;
    }

    headers.emplaceBack("content-type", "text/event-stream; charset=utf-8");
    headers.emplaceBack("cache-control", "no-cache");
    if (behaviour.kind == Kind::GzipSse)
        headers.emplaceBack("content-encoding", "gzip");
    if (behaviour.kind == Kind::ManyHeaders) {
        const int count = behaviour.intParam(QStringLiteral("count"), 150);
        for (int i = 0; i < count; ++i)
            headers.emplaceBack("x-sim-filler-" + QByteArray::number(i), "a header of no meaning");
    }
    if (behaviour.kind == Kind::HugeHeader)
        headers.emplaceBack(
            "x-sim-filler",
            QByteArray(behaviour.intParam(QStringLiteral("bytes"), 1024 * 1024), 'x'));
    StreamPlan plan;
    plan.tokens = tokens;
    plan.model = m_config.servedModel.isEmpty() ? model : m_config.servedModel;
    plan.messageId = messageId;
    plan.inputTokens = input.inputTokens;
    plan.cacheUsage = input.toJson();
    plan.stopReason = hitMax ? QStringLiteral("max_tokens") : QStringLiteral("end_turn");
    if (const int thinking = thinkingTokensFor(body); thinking > 0) {
        static const QStringList words =
            QStringLiteral("Let me think this through. The question asks for something specific, "
                           "so I should weigh what matters most, check each fact, and then answer "
                           "plainly and briefly. ")
                .split(QLatin1Char(' '));
        QString text;
        for (int i = 0; i < thinking; ++i) {
            QString token = words.at(i % words.size());
            if (i > 0)
                token.prepend(QLatin1Char(' '));
            plan.thinkingTokens << token;
            text += token;
        }
        plan.signature = thinkingSignature(text);
    }
    // An answer about a document cites it, in a text block of its own (as the service does).
    plan.citations = SimAttachments::citations(body);
    if (!plan.citations.isEmpty() && behaviour.kind == Kind::Ok && !hitMax) {
        if (!plan.tokens.isEmpty() && plan.tokens.last().back().isLetter())
            plan.tokens.last() += QLatin1Char('.'); // the claim before is a sentence of its own
        plan.citedFrom = int(plan.tokens.size());
        for (const QString &word : QStringLiteral(" The document says so.").split(u' '))
            if (!word.isEmpty())
                plan.tokens.append(QLatin1Char(' ') + word);
    } else {
        plan.citations = {};
    }
    if (behaviour.kind == Kind::RedactedThinking)
        plan.redactedData = "sim-redacted-" + QByteArray::number(m_requestSerial) + "-AbCdEf0123";
    QString stop;
    switch (behaviour.kind) {
    case Kind::Refusal:
        stop = QStringLiteral("refusal");
        break;
    case Kind::ContextFull:
        stop = QStringLiteral("model_context_window_exceeded");
        break;
    case Kind::PauseTurn:
        stop = QStringLiteral("pause_turn");
        break;
    case Kind::Stop:
        stop = behaviour.param(QStringLiteral("reason"), QStringLiteral("end_turn"));
        break;
    default:
        break;
    }
    if (!stop.isEmpty()) {
        plan.stopReason = stop;
        const int after = std::max(0, behaviour.intParam(QStringLiteral("after"), 5));
        if (plan.tokens.size() > after)
            plan.tokens.resize(after);
        if (behaviour.kind == Kind::Refusal)
            plan.stopDetails = QJsonObject{
                {QLatin1String("type"), QLatin1String("refusal")},
                {QLatin1String("category"),
                 behaviour.param(QStringLiteral("category"), QStringLiteral("cyber"))},
                {QLatin1String("explanation"),
                 behaviour.param(QStringLiteral("explanation"),
                                 QStringLiteral("The request asks for help attacking systems "
                                                "the user does not own."))}};
    }
    plan.ttftMs = ttftMs;
    plan.tokensPerSecond = m_config.tokensPerSecond;
    plan.behaviour = behaviour;
    plan.headers = headers;
    plan.holdAfterStopMs = m_config.holdAfterStopMs;
    auto *stream = new SimStream(connection, std::move(plan), connection);
    connect(stream, &SimStream::ended, this, finish);
    if (m_config.holdAfterStopMs > 0) {
        connect(stream, &SimStream::messageStopped, this, [this, flight] {
            flight->held = true;
            QTimer::singleShot(m_config.holdAfterStopMs, this, [this, flight] {
                flight->held = false;
                if (!std::exchange(flight->done, true))
                    endFlight();
            });
        });
    }
    connect(stream, &SimStream::ended, stream, &QObject::deleteLater);
    Q_EMIT requestHandled(path, behaviour.toString(), 200);
    stream->start();
}

} // namespace bw::sim
