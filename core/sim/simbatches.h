#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QUrl>

#include <functional>
#include <optional>

namespace bw::sim {

// The Message Batches API of the simulator: create, status, results (JSON Lines), cancel. A batch
// "processes" for a configurable time, then every request has its result: the message the
// simulator would have answered, or the error it would have given.
class SimBatches final
{
public:
    // Answers one request's params: the message object, or sets `error` (an invalid request).
    using Answer = std::function<QJsonObject(const QJsonObject &params, QString *error)>;

    explicit SimBatches(Answer answer);

    void setProcessingMs(int ms) { m_processingMs = ms; }
    std::optional<QJsonObject> create(const QJsonObject &body, const QUrl &base, QString *error);
    std::optional<QJsonObject> status(const QString &id, const QUrl &base) const;
    // nullopt with `notReady` true while processing; nullopt otherwise: unknown id.
    std::optional<QByteArray> results(const QString &id, bool *notReady) const;
    std::optional<QJsonObject> cancel(const QString &id, const QUrl &base);
    int count() const { return int(m_batches.size()); }

private:
    struct Batch
    {
        QString id;
        QString createdAt;
        qint64 readyAtMs = 0;
        bool canceled = false;
        QList<QJsonObject> lines; // {custom_id, result}
    };
    QJsonObject describe(const Batch &batch, const QUrl &base) const;

    Answer m_answer;
    int m_processingMs = 300;
    int m_serial = 0;
    QElapsedTimer m_clock;
    QHash<QString, Batch> m_batches;
};

} // namespace bw::sim
