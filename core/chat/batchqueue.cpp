#include "batchqueue.h"

#include "base/clock.h"
#include "resilience/resilientclient.h"
#include "spendmeter.h"

namespace bw {

QJsonObject BatchItem::toJson() const
{
    QJsonObject o{{QStringLiteral("index"), index},
                  {QStringLiteral("prompt"), prompt},
                  {QStringLiteral("text"), text},
                  {QStringLiteral("status"),
                   state == State::Succeeded ? QStringLiteral("ok") : QStringLiteral("failed")},
                  {QStringLiteral("attempts"), attempts},
                  {QStringLiteral("usage"), usage.toJson()},
                  {QStringLiteral("ms"), ms}};
    o.insert(QStringLiteral("kind"),
             state == State::Succeeded ? QJsonValue::Null : QJsonValue(error.kindName()));
    if (state != State::Succeeded)
        o.insert(QStringLiteral("error"), error.sentence());
    return o;
}

BatchQueue::BatchQueue(ResilientClient *engine, ConcurrencyLimiter *limiter, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_limiter(limiter)
    , m_flush(engine->clock()->createTimer())
{
    m_flush->setCallback([this] { flush(); });
}

BatchQueue::~BatchQueue()
{
    cancelAll();
}

int BatchQueue::succeededCount() const
{
    return int(std::count_if(m_items.begin(), m_items.end(), [](const BatchItem &i) {
        return i.state == BatchItem::State::Succeeded;
    }));
}

int BatchQueue::submit(const QStringList &prompts)
{
    const int first = int(m_items.size());
    for (const QString &p : prompts) {
        BatchItem item;
        item.index = int(m_items.size());
        item.prompt = p;
        m_items.append(item);
    }
    // A full burst goes at once; a partial one waits for the flush interval to gather more.
    if (m_items.size() - m_flushedUpTo >= m_maxBatch)
        flush();
    else if (!m_flush->isActive())
        m_flush->start(m_flushMs);
    Q_EMIT progress(m_done, int(m_items.size()));
    return first;
}

void BatchQueue::flush()
{
    while (m_flushedUpTo < m_items.size()) {
        const int burstEnd = std::min<int>(int(m_items.size()), m_flushedUpTo + m_maxBatch);
        for (int i = m_flushedUpTo; i < burstEnd; ++i) {
            if (m_items[i].state != BatchItem::State::Pending)
                continue;
            m_items[i].state = BatchItem::State::Queued;
            m_tickets.insert(
                i, m_limiter->acquire([this, i](ConcurrencyLimiter::Ticket t) { start(i, t); }));
        }
        m_flushedUpTo = burstEnd;
    }
}

void BatchQueue::setSpendMeter(SpendMeter *meter)
{
    m_meter = meter;
}

bool BatchQueue::withinBudget(int index, ConcurrencyLimiter::Ticket ticket)
{
    if (!m_meter)
        return true;
    const BudgetVerdict verdict = m_meter->check(QString());
    if (verdict.isReached()) {
        m_limiter->release(ticket);
        ApiError e = ApiError::make(ErrorKind::Budget, tr("%1 Not sent.").arg(verdict.sentence()));
        end(index, BatchItem::State::Failed, e);
        stopWaiting(e);
        return false;
    }
    if (verdict.level == BudgetVerdict::Level::Warning && !m_budgetWarned) {
        m_budgetWarned = true;
        Q_EMIT notice(verdict.sentence());
    }
    return true;
}

void BatchQueue::charge(const GuardedCall *call)
{
    const AssistantMessage &m = call->message();
    if (!m_meter)
        return;
    m_spent += m_meter->record(SpendMeter::billedModel(m.model, m_model), m.usage, QString(),
                               UsageRecord::Source::Batch);
}

void BatchQueue::start(int index, ConcurrencyLimiter::Ticket ticket)
{
    BatchItem &item = m_items[index];
    if (item.state != BatchItem::State::Queued) {
        m_limiter->release(ticket);
        return;
    }
    if (m_meter && !m_meter->canCheck()) {
        // Checked once the ledger is read: before, nothing spent earlier would count.
        m_meter->whenLoaded(this, [this, index, ticket] { start(index, ticket); });
        return;
    }
    if (!withinBudget(index, ticket))
        return;
    item.state = BatchItem::State::Running;
    MessageRequest request;
    request.setModel(m_model)
        .setMaxTokens(m_maxTokens)
        .setSystem(m_system)
        .addMessage(QStringLiteral("user"), item.prompt);
    if (const QString problem = request.validate(); !problem.isEmpty()) {
        m_limiter->release(ticket);
        end(index, BatchItem::State::Failed, ApiError::make(ErrorKind::InvalidRequest, problem));
        return;
    }
    GuardedCall *call = m_engine->stream(request, this);
    m_calls.insert(index, call);
    Clock *clock = m_engine->clock();
    const qint64 started = clock->nowMs();
    connect(call, &GuardedCall::attemptStarted, this, [this, index](int n) {
        m_items[index].attempts = n;
        Q_EMIT itemChanged(index);
    });
    connect(call, &GuardedCall::retryScheduled, this,
            [this, ticket](int, qint64, const ApiError &e) { m_limiter->reportRetry(ticket, e); });
    connect(call, &GuardedCall::textReceived, this, [this, index](const QByteArray &utf8) {
        m_items[index].text += QString::fromUtf8(utf8);
    });
    connect(call, &GuardedCall::usageUpdated, this,
            [this, index](const Usage &u) { m_items[index].usage = u; });
    connect(call, &GuardedCall::finished, this, [this, call, index, ticket, clock, started] {
        m_items[index].ms = clock->nowMs() - started;
        charge(call);
        releaseWhenExchangeEnds(ticket, call->openExchange());
        end(index, BatchItem::State::Succeeded, {});
    });
    connect(call, &GuardedCall::failed, this,
            [this, call, index, ticket, clock, started](const ApiError &e) {
                m_items[index].ms = clock->nowMs() - started;
                charge(call);
                // A refused key, or a workspace out of money, would be refused for every prompt
                // still to go: withdraw them before this one's slot lets the next start.
                if (e.kind == ErrorKind::Auth || e.kind == ErrorKind::Permission ||
                    e.kind == ErrorKind::SpendLimit)
                    stopWaiting(e);
                m_limiter->release(ticket, e.kind);
                if (e.kind == ErrorKind::CircuitOpen &&
                    m_circuitWaits.value(index) < kMaxCircuitWaits) {
                    // The breaker is resting the service: a batch waits with it instead of failing
                    // every item at once. The whole queue pauses until the breaker tries again.
                    m_circuitWaits[index] += 1;
                    m_limiter->pauseFor(std::max<qint64>(e.retryAfterMs.value_or(0), 200));
                    m_items[index].state = BatchItem::State::Queued;
                    m_tickets.insert(
                        index, m_limiter->acquire([this, index](ConcurrencyLimiter::Ticket t) {
                            start(index, t);
                        }));
                    Q_EMIT itemChanged(index);
                    return;
                }
                end(index,
                    e.kind == ErrorKind::Cancelled ? BatchItem::State::Cancelled
                                                   : BatchItem::State::Failed,
                    e);
            });
    Q_EMIT itemStarted(index);
    call->start();
}

// The answer is delivered at message_stop, but the server counts the request until its response
// ends, which can be later: releasing the permit at the answer would start the next request while
// the server still counts this one (429s at a limit that equals its capacity).
void BatchQueue::releaseWhenExchangeEnds(ConcurrencyLimiter::Ticket ticket, QObject *openExchange)
{
    if (!openExchange) {
        m_limiter->release(ticket);
        return;
    }
    connect(openExchange, &QObject::destroyed, this,
            [this, ticket] { m_limiter->release(ticket); });
}

void BatchQueue::end(int index, BatchItem::State state, const ApiError &error)
{
    BatchItem &item = m_items[index];
    if (item.isDone())
        return;
    item.state = state;
    item.error = error;
    m_calls.remove(index);
    m_tickets.remove(index);
    ++m_done;
    Q_EMIT itemChanged(index);
    Q_EMIT progress(m_done, int(m_items.size()));
    if (isFinished())
        Q_EMIT finished();
}

void BatchQueue::stopWaiting(const ApiError &why)
{
    m_flush->stop();
    ApiError notSent = why;
    if (why.kind != ErrorKind::Budget) // that sentence says it was not sent
        notSent.message = tr("not sent: an earlier prompt was refused (%1)").arg(why.message);
    for (int i = 0; i < m_items.size(); ++i) {
        BatchItem &item = m_items[i];
        if (item.state == BatchItem::State::Queued)
            m_limiter->withdraw(m_tickets.value(i));
        if (item.state == BatchItem::State::Pending || item.state == BatchItem::State::Queued)
            end(i, BatchItem::State::Failed, notSent);
    }
}

void BatchQueue::cancelAll()
{
    m_flush->stop();
    for (int i = 0; i < m_items.size(); ++i) {
        BatchItem &item = m_items[i];
        if (item.isDone())
            continue;
        if (item.state == BatchItem::State::Queued)
            m_limiter->withdraw(m_tickets.value(i));
        if (item.state == BatchItem::State::Running) {
            if (QPointer<GuardedCall> call = m_calls.value(i))
                call->cancel(); // ends through its failed() as cancelled
            continue;
        }
        end(i, BatchItem::State::Cancelled, ApiError::make(ErrorKind::Cancelled, tr("cancelled")));
    }
}

} // namespace bw
