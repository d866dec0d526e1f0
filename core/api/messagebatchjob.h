#pragma once

#include "apierror.h"
#include "jsoncall.h"
#include "messagerequest.h"
#include "usage.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace bw {

class AnthropicClient;
class Clock;
class ClockTimer;

// Runs prompts through the Message Batches API (the service's own engine for large offline work,
// at half price): create the batch, poll its status with growing intervals, fetch the results
// (JSON Lines) and hand each back under its index. Transient failures of a poll are retried.
class MessageBatchJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageBatchJob)

public:
    struct Result
    {
        int index = -1;
        bool ok = false;
        QString text;
        Usage usage;
        ApiError error;
    };
    struct Polling
    {
        qint64 firstMs = 1000;
        double factor = 1.5;
        qint64 maxMs = 30'000;
        int toleratedFailures = 5; // consecutive failed polls before giving up
    };

    MessageBatchJob(AnthropicClient *client, Clock *clock, QObject *parent = nullptr);
    ~MessageBatchJob() override;

    void setPolling(const Polling &polling) { m_polling = polling; }
    void start(const QList<MessageRequest> &requests);
    void cancel();
    const QString &batchId() const { return m_id; }
    int polls() const { return m_polls; }

Q_SIGNALS:
    void created(const QString &batchId);
    void statusChanged(const QString &status, int processing, int succeeded, int errored);
    void finished(const QList<bw::MessageBatchJob::Result> &results);
    void failed(const bw::ApiError &error);

private:
    void poll();
    void schedulePoll();
    void fetch(const QUrl &url);
    void fail(const ApiError &error);
    bool tolerate(const ApiError &error);

    AnthropicClient *m_client;
    Clock *m_clock;
    std::unique_ptr<ClockTimer> m_timer;
    Polling m_polling;
    QPointer<JsonCall> m_call;
    QString m_id;
    int m_count = 0;
    qint64 m_interval = 0;
    int m_polls = 0;
    int m_failures = 0;
    bool m_ended = false;
};

} // namespace bw
Q_DECLARE_METATYPE(QList<bw::MessageBatchJob::Result>)
