#include "messagebatchjob.h"

#include "anthropicclient.h"
#include "assistantmessage.h"
#include "resilience/clock.h"
#include "resilience/retrypolicy.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace bw {

MessageBatchJob::MessageBatchJob(AnthropicClient *client, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_clock(clock)
    , m_timer(clock->createTimer())
{
    m_timer->setCallback([this] { poll(); });
}

MessageBatchJob::~MessageBatchJob()
{
    if (m_call)
        m_call->disconnect(this), m_call->cancel();
}

void MessageBatchJob::fail(const ApiError &error)
{
    if (m_ended)
        return;
    m_ended = true;
    m_timer->stop();
    Q_EMIT failed(error);
}

bool MessageBatchJob::tolerate(const ApiError &error)
{
    return RetryPolicy::isRetryable(error) && ++m_failures <= m_polling.toleratedFailures;
}

void MessageBatchJob::start(const QList<MessageRequest> &requests)
{
    m_count = int(requests.size());
    QStringList ids;
    for (int i = 0; i < m_count; ++i)
        ids << QStringLiteral("item-%1").arg(i);
    JsonCall *call = m_client->createMessageBatch(requests, ids);
    m_call = call;
    connect(call, &ApiCall::finished, this, [this, call] {
        m_id = call->json().value(QLatin1String("id")).toString();
        if (m_id.isEmpty()) {
            fail(ApiError::make(ErrorKind::Protocol, tr("the batch was created without an id")));
            return;
        }
        Q_EMIT created(m_id);
        m_interval = m_polling.firstMs;
        schedulePoll();
    });
    connect(call, &ApiCall::failed, this, &MessageBatchJob::fail);
}

void MessageBatchJob::schedulePoll()
{
    m_timer->start(m_interval);
    m_interval = std::min<qint64>(m_polling.maxMs, qint64(double(m_interval) * m_polling.factor));
}

void MessageBatchJob::poll()
{
    if (m_ended)
        return;
    ++m_polls;
    JsonCall *call = m_client->messageBatch(m_id);
    m_call = call;
    connect(call, &ApiCall::finished, this, [this, call] {
        m_failures = 0;
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
    connect(call, &ApiCall::failed, this, [this](const ApiError &e) {
        if (tolerate(e))
            schedulePoll();
        else
            fail(e);
    });
}

void MessageBatchJob::fetch(const QUrl &url)
{
    JsonCall *call = m_client->messageBatchResults(url);
    m_call = call;
    connect(call, &ApiCall::failed, this, &MessageBatchJob::fail);
    connect(call, &ApiCall::finished, this, [this, call] {
        QList<Result> results(m_count);
        for (int i = 0; i < m_count; ++i) {
            results[i].index = i;
            results[i].error = ApiError::make(ErrorKind::Incomplete,
                                              tr("the batch returned no result for this request"));
        }
        for (const QByteArray &line : call->body().split('\n')) {
            if (line.trimmed().isEmpty())
                continue;
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            bool ok = false;
            const int index = o.value(QLatin1String("custom_id"))
                                  .toString()
                                  .section(QLatin1Char('-'), 1)
                                  .toInt(&ok);
            if (!ok || index < 0 || index >= m_count)
                continue;
            const QJsonObject result = o.value(QLatin1String("result")).toObject();
            const QString type = result.value(QLatin1String("type")).toString();
            Result &r = results[index];
            if (type == u"succeeded") {
                const AssistantMessage m =
                    AssistantMessage::fromJson(result.value(QLatin1String("message")).toObject());
                r.ok = true;
                r.text = m.text();
                r.usage = m.usage;
                r.error = {};
            } else if (type == u"errored") {
                r.error = classifyHttpError(
                    0, QJsonDocument(result.value(QLatin1String("error")).toObject()).toJson(), {});
            } else {
                r.error =
                    ApiError::make(type == u"canceled" ? ErrorKind::Cancelled : ErrorKind::Timeout,
                                   tr("the request was %1 by the Batches API").arg(type));
            }
        }
        m_ended = true;
        Q_EMIT finished(results);
    });
}

void MessageBatchJob::cancel()
{
    if (m_ended)
        return;
    if (m_call)
        m_call->disconnect(this), m_call->cancel();
    fail(ApiError::make(ErrorKind::Cancelled, tr("cancelled")));
}

} // namespace bw
