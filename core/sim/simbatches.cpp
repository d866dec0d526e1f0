#include "simbatches.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace bw::sim {

SimBatches::SimBatches(Answer answer)
    : m_answer(std::move(answer))
{
    m_clock.start();
}

std::optional<QJsonObject> SimBatches::create(const QJsonObject &body, const QUrl &base,
                                              QString *error)
{
    const QJsonArray requests = body.value(QLatin1String("requests")).toArray();
    if (requests.isEmpty()) {
        *error = QStringLiteral("requests: at least one request is required");
        return std::nullopt;
    }
    Batch batch;
    batch.id = QStringLiteral("msgbatch_sim_%1").arg(++m_serial, 6, 10, QLatin1Char('0'));
    batch.createdAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    batch.readyAtMs = m_clock.elapsed() + m_processingMs;
    QSet<QString> ids;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        const QJsonObject r = requests.at(i).toObject();
        const QString customId = r.value(QLatin1String("custom_id")).toString();
        if (customId.isEmpty() || ids.contains(customId)) {
            *error = QStringLiteral("requests.%1.custom_id: must be present and unique").arg(i);
            return std::nullopt;
        }
        ids.insert(customId);
        QString problem;
        const QJsonObject message = m_answer(r.value(QLatin1String("params")).toObject(), &problem);
        QJsonObject result;
        if (problem.isEmpty()) {
            result = {{QStringLiteral("type"), QStringLiteral("succeeded")},
                      {QStringLiteral("message"), message}};
        } else {
            result = {{QStringLiteral("type"), QStringLiteral("errored")},
                      {QStringLiteral("error"),
                       QJsonObject{{QStringLiteral("type"), QStringLiteral("error")},
                                   {QStringLiteral("error"),
                                    QJsonObject{{QStringLiteral("type"),
                                                 QStringLiteral("invalid_request_error")},
                                                {QStringLiteral("message"), problem}}}}}};
        }
        batch.lines.append(
            {{QStringLiteral("custom_id"), customId}, {QStringLiteral("result"), result}});
    }
    m_batches.insert(batch.id, batch);
    return describe(batch, base);
}

QJsonObject SimBatches::describe(const Batch &b, const QUrl &base) const
{
    const bool ended = b.canceled || m_clock.elapsed() >= b.readyAtMs;
    int succeeded = 0, errored = 0;
    for (const QJsonObject &line : b.lines) {
        const QString type =
            line.value(QLatin1String("result")).toObject().value(QLatin1String("type")).toString();
        succeeded += type == u"succeeded";
        errored += type == u"errored";
    }
    const int total = int(b.lines.size());
    QJsonObject counts{{QStringLiteral("processing"), ended ? 0 : total},
                       {QStringLiteral("succeeded"), ended && !b.canceled ? succeeded : 0},
                       {QStringLiteral("errored"), ended && !b.canceled ? errored : 0},
                       {QStringLiteral("canceled"), b.canceled ? total : 0},
                       {QStringLiteral("expired"), 0}};
    return {
        {QStringLiteral("id"), b.id},
        {QStringLiteral("type"), QStringLiteral("message_batch")},
        {QStringLiteral("processing_status"),
         ended ? QStringLiteral("ended") : QStringLiteral("in_progress")},
        {QStringLiteral("request_counts"), counts},
        {QStringLiteral("created_at"), b.createdAt},
        {QStringLiteral("ended_at"),
         ended ? QJsonValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate)) : QJsonValue()},
        {QStringLiteral("results_url"),
         ended ? QJsonValue(base.toString() + QStringLiteral("/v1/messages/batches/") + b.id +
                            QStringLiteral("/results"))
               : QJsonValue()}};
}

std::optional<QJsonObject> SimBatches::status(const QString &id, const QUrl &base) const
{
    const auto it = m_batches.constFind(id);
    if (it == m_batches.cend())
        return std::nullopt;
    return describe(*it, base);
}

std::optional<QByteArray> SimBatches::results(const QString &id, bool *notReady) const
{
    *notReady = false;
    const auto it = m_batches.constFind(id);
    if (it == m_batches.cend())
        return std::nullopt;
    if (!it->canceled && m_clock.elapsed() < it->readyAtMs) {
        *notReady = true;
        return std::nullopt;
    }
    QByteArray out;
    for (const QJsonObject &line : it->lines) {
        QJsonObject l = line;
        if (it->canceled)
            l.insert(QStringLiteral("result"),
                     QJsonObject{{QStringLiteral("type"), QStringLiteral("canceled")}});
        out += QJsonDocument(l).toJson(QJsonDocument::Compact) + '\n';
    }
    return out;
}

std::optional<QJsonObject> SimBatches::cancel(const QString &id, const QUrl &base)
{
    auto it = m_batches.find(id);
    if (it == m_batches.end())
        return std::nullopt;
    if (m_clock.elapsed() < it->readyAtMs)
        it->canceled = true;
    return describe(*it, base);
}

} // namespace bw::sim
