#include "messagebatchjob.h"

#include "api/anthropicclient.h"
#include "api/assistantmessage.h"
#include "base/clock.h"
#include "resilience/resilientclient.h"
#include "resilience/retrypolicy.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace bw {

MessageBatchJob::MessageBatchJob(ResilientClient *engine, QObject *parent)
    : Operation(parent)
    , m_engine(engine)
    , m_timer(engine->clock()->createTimer())
{
    m_timer->setCallback([this] { poll(); });
}

MessageBatchJob::~MessageBatchJob()
{
    if (m_call) {
        m_call->disconnect(this);
        m_call->cancel();
    }
}

void MessageBatchJob::aboutToEnd(bool)
{
    m_timer->stop();
    if (m_call) {
        m_call->disconnect(this);
        m_call->cancel();
    }
}

void MessageBatchJob::start(const QList<MessageRequest> &requests)
{
    m_count = int(requests.size());
    QStringList ids;
    for (int i = 0; i < m_count; ++i)
        ids << QStringLiteral("item-%1").arg(i);
    GuardedCall *call = m_engine->call(
        [requests, ids](AnthropicClient &c) { return c.createMessageBatch(requests, ids); }, this);
    // Once: a create that failed after it was sent may have made a batch (billed), and a second
    // one would be another. Polls and results are safe to repeat.
    call->setMaxAttempts(1);
    m_call = call;
    connect(call, &GuardedCall::finished, this, [this, call] {
        m_id = call->json().value(QLatin1String("id")).toString();
        if (m_id.isEmpty()) {
            fail(ApiError::make(ErrorKind::Protocol, tr("the batch was created without an id")));
            return;
        }
        Q_EMIT created(m_id);
        m_interval = m_polling.firstMs;
        schedulePoll();
    });
    connect(call, &GuardedCall::failed, this, [this](const ApiError &e) { fail(e); });
    call->start();
}

void MessageBatchJob::schedulePoll()
{
    m_timer->start(m_interval);
    m_interval = std::min<qint64>(m_polling.maxMs, qint64(double(m_interval) * m_polling.factor));
}

void MessageBatchJob::poll()
{
    if (isEnded())
        return;
    ++m_polls;
    const QString id = m_id;
    GuardedCall *call =
        m_engine->call([id](AnthropicClient &c) { return c.messageBatch(id); }, this);
    m_call = call;
    connect(call, &GuardedCall::finished, this, [this, call] {
        m_failedPolls = 0;
        const QJsonObject b = call->json();
        const QJsonObject counts = b.value(QLatin1String("request_counts")).toObject();
        const QString status = b.value(QLatin1String("processing_status")).toString();
        Q_EMIT statusChanged(status, counts.value(QLatin1String("processing")).toInt(),
                             counts.value(QLatin1String("succeeded")).toInt(),
                             counts.value(QLatin1String("errored")).toInt());
        if (status != u"ended") {
            schedulePoll();
            return;
        }
        fetch(QUrl(b.value(QLatin1String("results_url")).toString()));
    });
    // The batch runs on the server whatever happens here: a service that is sick for a while
    // (the guard's retries spent) is polled again later, for several intervals, before giving up.
    connect(call, &GuardedCall::failed, this, [this](const ApiError &e) {
        if (e.kind == ErrorKind::CircuitOpen && ++m_circuitWaits <= kMaxCircuitWaits) {
            // The breaker rests the service: poll again when it lets a call through.
            m_timer->start(std::max<qint64>(e.retryAfterMs.value_or(0), m_interval));
            return;
        }
        if (RetryPolicy::isRetryable(e) && ++m_failedPolls <= m_polling.toleratedFailures) {
            schedulePoll();
            return;
        }
        failWithId(e);
    });
    call->start();
}

void MessageBatchJob::failWithId(ApiError error)
{
    if (!m_id.isEmpty())
        error.message += tr(" (batch %1 may still be running on the server)").arg(m_id);
    fail(error);
}

void MessageBatchJob::fetch(const QUrl &url)
{
    GuardedCall *call =
        m_engine->call([url](AnthropicClient &c) { return c.messageBatchResults(url); }, this);
    m_call = call;
    connect(call, &GuardedCall::failed, this, [this](const ApiError &e) { failWithId(e); });
    connect(call, &GuardedCall::finished, this, [this, call] {
        collect(call->body());
        succeed();
    });
    call->start();
}

void MessageBatchJob::collect(const QByteArray &jsonLines)
{
    m_results = QList<Result>(m_count);
    for (int i = 0; i < m_count; ++i) {
        m_results[i].index = i;
        m_results[i].error = ApiError::make(ErrorKind::Incomplete,
                                            tr("the batch returned no result for this request"));
    }
    for (const QByteArray &line : jsonLines.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        bool ok = false;
        const int index =
            o.value(QLatin1String("custom_id")).toString().section(QLatin1Char('-'), 1).toInt(&ok);
        if (!ok || index < 0 || index >= m_count)
            continue;
        const QJsonObject result = o.value(QLatin1String("result")).toObject();
        const QString type = result.value(QLatin1String("type")).toString();
        Result &r = m_results[index];
        if (type == u"succeeded") {
            const AssistantMessage m =
                AssistantMessage::fromJson(result.value(QLatin1String("message")).toObject());
            r.ok = true;
            r.text = m.text();
            r.model = m.model;
            r.usage = m.usage;
            r.error = {};
        } else if (type == u"errored") {
            r.error = classifyHttpError(
                0, QJsonDocument(result.value(QLatin1String("error")).toObject()).toJson(), {},
                m_engine->clock()->wallNow());
        } else {
            r.error =
                ApiError::make(type == u"canceled" ? ErrorKind::Cancelled : ErrorKind::Timeout,
                               tr("the request was %1 by the Batches API").arg(type));
        }
    }
}

void MessageBatchJob::cancel()
{
    fail(ApiError::make(ErrorKind::Cancelled, tr("cancelled")));
}

} // namespace bw
