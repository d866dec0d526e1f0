#include "concurrencylimiter.h"

#include "base/clock.h"
#include "base/logging.h"

#include <cmath>

namespace bw {

ConcurrencyLimiter::ConcurrencyLimiter(LimiterConfig config, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_clock(clock)
    , m_pauseTimer(clock->createTimer())
    , m_limit(std::clamp(config.initial, config.minimum, config.maximum))
{
    m_pauseTimer->setCallback([this] { dispatch(); });
}

ConcurrencyLimiter::~ConcurrencyLimiter() = default;

int ConcurrencyLimiter::limit() const
{
    return std::max(m_config.minimum, int(std::floor(m_limit)));
}

bool ConcurrencyLimiter::isPaused() const
{
    return m_clock->nowMs() < m_pausedUntil;
}

bool ConcurrencyLimiter::isTrouble(ErrorKind kind)
{
    return kind == ErrorKind::RateLimited || kind == ErrorKind::Overloaded ||
           kind == ErrorKind::Timeout;
}

ConcurrencyLimiter::Ticket ConcurrencyLimiter::acquire(std::function<void(Ticket)> granted)
{
    const Ticket ticket = ++m_nextTicket;
    m_queue.append({ticket, std::move(granted)});
    dispatch();
    return ticket;
}

void ConcurrencyLimiter::withdraw(Ticket ticket)
{
    m_queue.removeIf([ticket](const Waiting &w) { return w.ticket == ticket; });
}

void ConcurrencyLimiter::dispatch()
{
    if (m_dispatching)
        return; // a grant that acquires again is served by the loop already running
    m_dispatching = true;
    while (!m_queue.isEmpty() && inFlight() < limit()) {
        const qint64 now = m_clock->nowMs();
        if (now < m_pausedUntil) {
            m_pauseTimer->start(m_pausedUntil - now);
            break;
        }
        Waiting next = m_queue.takeFirst();
        m_granted.insert(next.ticket, m_generation);
        next.granted(next.ticket);
    }
    m_dispatching = false;
}

void ConcurrencyLimiter::grow()
{
    if (!m_config.adaptive)
        return;
    // Only a limit that is in use has shown it is enough; an idle one proves nothing.
    if (inFlight() + 1 < limit())
        return;
    const int before = limit();
    const bool probing = m_knownGood > 0 && m_limit >= m_knownGood;
    m_limit = std::min<double>(m_config.maximum,
                               m_limit + 1.0 / (m_limit * (probing ? m_config.probeSlowdown : 1)));
    if (limit() != before)
        Q_EMIT limitChanged(limit());
}

void ConcurrencyLimiter::shrink(Ticket ticket)
{
    if (!m_config.adaptive)
        return;
    // One decrease per burst: calls started before the last decrease saw the old, higher limit.
    if (m_granted.value(ticket, m_generation) < m_generation)
        return;
    const int before = limit();
    if (m_knownGood > 0 && before > m_knownGood) {
        // A failed probe above the level that worked: back to that level, no further.
        m_limit = m_knownGood;
    } else {
        m_knownGood = std::max(m_config.minimum, before - 1);
        m_limit = std::max<double>(m_config.minimum, m_limit * m_config.decrease);
    }
    ++m_generation;
    qCDebug(lcResilience) << "concurrency limit" << before << "->" << limit();
    if (limit() != before)
        Q_EMIT limitChanged(limit());
}

void ConcurrencyLimiter::reportRetry(Ticket ticket, const ApiError &error)
{
    if (error.kind == ErrorKind::RateLimited) {
        ++m_rateLimited;
        if (error.retryAfterMs)
            pauseFor(*error.retryAfterMs);
    }
    if (isTrouble(error.kind))
        shrink(ticket);
}

void ConcurrencyLimiter::release(Ticket ticket, ErrorKind outcome)
{
    if (!m_granted.contains(ticket))
        return;
    if (outcome == ErrorKind::None)
        grow();
    else if (isTrouble(outcome))
        shrink(ticket);
    m_granted.remove(ticket);
    dispatch();
}

void ConcurrencyLimiter::pauseFor(qint64 ms)
{
    const qint64 until = m_clock->nowMs() + std::max<qint64>(0, ms);
    if (until <= m_pausedUntil)
        return;
    m_pausedUntil = until;
    m_pauseTimer->start(ms);
    Q_EMIT paused(ms);
}

} // namespace bw
