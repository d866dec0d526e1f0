#pragma once

#include "api/apierror.h"
#include "api/usage.h"
#include "resilience/concurrencylimiter.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <memory>

namespace bw {

class ClockTimer;
class GuardedCall;
class ResilientClient;
class SpendMeter;

struct BatchItem
{
    enum class State { Pending, Queued, Running, Succeeded, Failed, Cancelled };

    int index = 0;
    QString prompt;
    State state = State::Pending;
    QString text;
    ApiError error;
    int attempts = 0;
    Usage usage;
    qint64 ms = 0; // from start to end of its call

    bool isDone() const
    {
        return state == State::Succeeded || state == State::Failed || state == State::Cancelled;
    }
    // One JSON Lines record: index, prompt, text, status ("ok"/"failed"), kind, attempts, usage,
    // ms.
    QJsonObject toJson() const;
};

// Batching: prompts are collected and flushed in bursts (every flush interval, or at once when
// a burst is full); each flushed item waits for a slot of the concurrency limiter, runs under the
// guard, and succeeds or fails on its own, keeping its index.
class BatchQueue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchQueue)

public:
    BatchQueue(ResilientClient *engine, ConcurrencyLimiter *limiter, QObject *parent = nullptr);
    ~BatchQueue() override;

    void setModel(const QString &model) { m_model = model; }
    void setMaxTokens(int maxTokens) { m_maxTokens = maxTokens; }
    void setSystemPrompt(const QString &system) { m_system = system; }
    void setFlushInterval(int ms) { m_flushMs = ms; }
    void setMaxBatchSize(int size) { m_maxBatch = std::max(1, size); }
    // Records every item's usage; before each item is sent, a reached budget stops the rest
    // (they fail as `budget`, not sent; the running ones finish). None: no budgets.
    void setSpendMeter(SpendMeter *meter);
    // What the items of this queue cost so far.
    double spentUsd() const { return m_spent; }

    // Adds prompts; returns the index of the first.
    int submit(const QStringList &prompts);
    void cancelAll();

    const QList<BatchItem> &items() const { return m_items; }
    int doneCount() const { return m_done; }
    int succeededCount() const;
    bool isFinished() const { return !m_items.isEmpty() && m_done == m_items.size(); }
    ConcurrencyLimiter *limiter() const { return m_limiter; }

Q_SIGNALS:
    void itemStarted(int index);
    void itemChanged(int index);
    void progress(int done, int total);
    void finished();
    // Something to tell the person (a budget 80% spent), once.
    void notice(const QString &text);

private:
    void flush();
    void start(int index, ConcurrencyLimiter::Ticket ticket);
    void end(int index, BatchItem::State state, const ApiError &error);
    // Fails every prompt not yet sent (running ones finish on their own).
    void stopWaiting(const ApiError &why);
    void releaseWhenExchangeEnds(ConcurrencyLimiter::Ticket ticket, QObject *openExchange);
    // Before item `index` goes out: false when a budget is reached (every unsent item ends).
    bool withinBudget(int index, ConcurrencyLimiter::Ticket ticket);
    void charge(const GuardedCall *call);

    ResilientClient *m_engine;
    ConcurrencyLimiter *m_limiter;
    QString m_model;
    QString m_system;
    int m_maxTokens = 1024;
    int m_maxBatch = 16;
    std::unique_ptr<ClockTimer> m_flush;
    int m_flushMs = 50;
    QList<BatchItem> m_items;
    int m_flushedUpTo = 0;
    int m_done = 0;
    QHash<int, ConcurrencyLimiter::Ticket> m_tickets;
    QHash<int, QPointer<GuardedCall>> m_calls;
    QHash<int, int> m_circuitWaits;
    static constexpr int kMaxCircuitWaits = 20;
    QPointer<SpendMeter> m_meter;
    double m_spent = 0;
    bool m_budgetWarned = false;
};

} // namespace bw
