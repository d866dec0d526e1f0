#pragma once

#include "api/apierror.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <functional>
#include <memory>

namespace bw {

class Clock;
class ClockTimer;

struct LimiterConfig
{
    bool adaptive = false;
    int initial = 4; // the fixed limit, or where the adaptive one starts
    int minimum = 1;
    int maximum = 64;
    double decrease = 0.875; // multiplicative decrease on 429 / overload / timeout
    int probeSlowdown = 16;  // above the last known-good level, grow this many times slower
};

// How many calls may run at once. Fixed, it is a FIFO semaphore. Adaptive, it looks for the
// highest level that avoids 429s (found by the client itself, instead of guessed): additive
// increase — about +1 per window of successes — while the limit is actually in use, and a
// multiplicative decrease on 429 / overload / timeout, once per burst (failures of calls started
// before the last decrease do not decrease again). The level where trouble began is remembered,
// and growth past it is slow. A 429's retry hint pauses every queued call, not just the one.
class ConcurrencyLimiter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConcurrencyLimiter)

public:
    using Ticket = quint64;

    ConcurrencyLimiter(LimiterConfig config, Clock *clock, QObject *parent = nullptr);
    ~ConcurrencyLimiter() override;

    // `granted` runs when a slot is free (at once if one is, else later, first come first
    // served). Every granted ticket must be released exactly once.
    Ticket acquire(std::function<void(Ticket)> granted);
    // Withdraws a ticket still waiting; no effect once granted.
    void withdraw(Ticket ticket);
    // The call holding `ticket` ended: success grows the limit, trouble shrinks it.
    void release(Ticket ticket, ErrorKind outcome = ErrorKind::None);
    // An attempt of the call holding `ticket` failed and will be retried: shrink for trouble,
    // and for a 429 pause the queue for the server's hint.
    void reportRetry(Ticket ticket, const ApiError &error);
    void pauseFor(qint64 ms);

    const LimiterConfig &config() const { return m_config; }
    int limit() const;
    int inFlight() const { return int(m_granted.size()); }
    int waiting() const { return int(m_queue.size()); }
    bool isPaused() const;
    int rateLimitedCount() const { return m_rateLimited; }

    static bool isTrouble(ErrorKind kind);

Q_SIGNALS:
    void limitChanged(int limit);
    void paused(qint64 ms);

private:
    void dispatch();
    void grow();
    void shrink(Ticket ticket);

    LimiterConfig m_config;
    Clock *m_clock;
    std::unique_ptr<ClockTimer> m_pauseTimer;
    double m_limit;
    int m_knownGood = 0; // the level below the last trouble; 0: none yet
    quint64 m_generation = 0;
    Ticket m_nextTicket = 0;
    QHash<Ticket, quint64> m_granted; // ticket -> generation when granted
    struct Waiting
    {
        Ticket ticket;
        std::function<void(Ticket)> granted;
    };
    QList<Waiting> m_queue;
    qint64 m_pausedUntil = 0;
    int m_rateLimited = 0;
    bool m_dispatching = false;
};

} // namespace bw
