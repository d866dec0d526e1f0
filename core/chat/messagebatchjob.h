#pragma once

#include "api/messagerequest.h"
#include "api/operation.h"
#include "api/usage.h"

#include <QPointer>

#include <memory>

namespace bw {

class ClockTimer;
class GuardedCall;
class ResilientClient;

// Runs prompts through the Message Batches API (the service's own engine for large offline work,
// at half price): create the batch, poll its status with growing intervals, fetch the results
// (JSON Lines) and hand each back under its index. Polls and results go through the guard (a 529
// is retried with backoff), a poll that still fails is tried again at the next interval, and an
// open breaker pauses the polling until it lets calls through again. The create is sent once: a
// retried create could make (and bill) a second batch.
// An Operation: ends exactly once; results() holds the outcome after finished().
class MessageBatchJob final : public Operation
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageBatchJob)

public:
    struct Result
    {
        int index = -1;
        bool ok = false;
        QString text;
        QString model; // the one the server says answered (unchecked: see billedModel)
        Usage usage;
        ApiError error;
    };
    struct Polling
    {
        qint64 firstMs = 1000;
        double factor = 1.5;
        qint64 maxMs = 30'000;
        int toleratedFailures = 5; // polls in a row that fail after the guard's retries
    };

    explicit MessageBatchJob(ResilientClient *engine, QObject *parent = nullptr);
    ~MessageBatchJob() override;

    void setPolling(const Polling &polling) { m_polling = polling; }
    void start(const QList<MessageRequest> &requests);
    void cancel() override;
    const QString &batchId() const { return m_id; }
    int polls() const { return m_polls; }
    const QList<Result> &results() const { return m_results; }

Q_SIGNALS:
    void created(const QString &batchId);
    void statusChanged(const QString &status, int processing, int succeeded, int errored);

protected:
    void aboutToEnd(bool ok) override;

private:
    void poll();
    void schedulePoll();
    void fetch(const QUrl &url);
    void collect(const QByteArray &jsonLines);
    void failWithId(ApiError error);

    ResilientClient *m_engine;
    std::unique_ptr<ClockTimer> m_timer;
    Polling m_polling;
    QPointer<GuardedCall> m_call;
    QString m_id;
    QList<Result> m_results;
    int m_count = 0;
    qint64 m_interval = 0;
    int m_polls = 0;
    int m_failedPolls = 0;
    int m_circuitWaits = 0;
    static constexpr int kMaxCircuitWaits = 20;
};

} // namespace bw
