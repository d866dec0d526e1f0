#include "circuitbreaker.h"

#include "base/clock.h"
#include "base/logging.h"

#include <QCoreApplication>

namespace bw {

QString breakerStateName(BreakerState state)
{
    switch (state) {
    case BreakerState::Closed:
        return QStringLiteral("closed");
    case BreakerState::Open:
        return QStringLiteral("open");
    case BreakerState::HalfOpen:
        return QStringLiteral("half_open");
    }
    return {};
}

CircuitBreaker::CircuitBreaker(BreakerConfig config, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_clock(clock)
    , m_recoveryTimer(clock->createTimer())
    , m_probeTimer(clock->createTimer())
{
    m_recoveryTimer->setCallback([this] {
        if (m_state == BreakerState::Open)
            transition(BreakerState::HalfOpen);
    });
    m_probeTimer->setCallback([this] {
        // A probe that never ends must not keep the circuit half-open forever.
        if (m_state == BreakerState::HalfOpen && m_probeTicket) {
            qCInfo(lcResilience) << "probe timed out; reopening";
            m_probeTicket = 0;
            open();
        }
    });
}

CircuitBreaker::~CircuitBreaker() = default;

bool CircuitBreaker::countsAsFailure(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Overloaded:
    case ErrorKind::Server:
    case ErrorKind::Network:
    case ErrorKind::Timeout:
    case ErrorKind::Stalled:
    case ErrorKind::Incomplete:
        return true;
    default:
        return false;
    }
}

qint64 CircuitBreaker::remainingOpenMs() const
{
    if (m_state != BreakerState::Open)
        return 0;
    return std::max<qint64>(0, m_openedAtMs + m_config.recoveryMs - m_clock->nowMs());
}

CircuitBreaker::Permit CircuitBreaker::acquire()
{
    Permit p;
    m_asked = true;
    switch (m_state) {
    case BreakerState::Closed:
        p.allowed = true;
        break;
    case BreakerState::Open:
        p.retryInMs = remainingOpenMs();
        return p;
    case BreakerState::HalfOpen:
        if (m_probeTicket) {
            p.retryInMs = 0; // a probe is in flight; its outcome decides
            return p;
        }
        p.allowed = true;
        p.probe = true;
        break;
    }
    p.ticket = ++m_nextTicket;
    if (p.probe) {
        m_probeTicket = p.ticket;
        m_probeTimer->start(m_config.probeTimeoutMs);
    }
    return p;
}

void CircuitBreaker::endProbe(const Permit &permit)
{
    if (permit.probe && permit.ticket == m_probeTicket) {
        m_probeTicket = 0;
        m_probeTimer->stop();
    }
}

void CircuitBreaker::recordSuccess(const Permit &permit)
{
    if (!permit.allowed)
        return;
    const bool liveProbe = permit.probe && permit.ticket == m_probeTicket;
    endProbe(permit);
    if (m_state == BreakerState::Closed) {
        m_failures = 0;
    } else if (liveProbe && ++m_probeSuccesses >= m_config.successThreshold) {
        m_failures = 0;
        transition(BreakerState::Closed);
    }
}

void CircuitBreaker::recordFailure(const Permit &permit, ErrorKind kind)
{
    if (!permit.allowed)
        return;
    if (!countsAsFailure(kind)) {
        release(permit);
        return;
    }
    const bool liveProbe = permit.probe && permit.ticket == m_probeTicket;
    endProbe(permit);
    if (m_state == BreakerState::Closed) {
        if (++m_failures >= m_config.failureThreshold)
            open();
    } else if (liveProbe) {
        open(); // the service is still sick: wait a whole recovery period again
    }
    // A failure of a call let through before the circuit opened changes nothing now.
}

void CircuitBreaker::release(const Permit &permit)
{
    endProbe(permit); // half-open again admits the next probe
}

void CircuitBreaker::reset()
{
    m_failures = 0;
    m_probeTicket = 0;
    m_probeTimer->stop();
    m_recoveryTimer->stop();
    transition(BreakerState::Closed);
}

void CircuitBreaker::open()
{
    m_openedAtMs = m_clock->nowMs();
    m_recoveryTimer->start(m_config.recoveryMs);
    m_probeSuccesses = 0;
    transition(BreakerState::Open);
}

void CircuitBreaker::transition(BreakerState next)
{
    if (next == BreakerState::HalfOpen)
        m_probeSuccesses = 0;
    const bool changed = next != m_state;
    m_state = next;
    if (changed) {
        qCInfo(lcResilience) << "circuit breaker:" << breakerStateName(next);
        Q_EMIT stateChanged(next);
    } else if (next == BreakerState::Open) {
        Q_EMIT stateChanged(next); // re-opened: the countdown restarted
    }
}

ApiError CircuitBreaker::refusal(const Permit &permit) const
{
    ApiError e;
    e.kind = ErrorKind::CircuitOpen;
    e.retryAfterMs = permit.retryInMs;
    if (m_state == BreakerState::HalfOpen)
        e.message = QCoreApplication::translate("bw::CircuitBreaker",
                                                "requests are paused while one test request checks "
                                                "whether the service has recovered");
    else
        e.message = QCoreApplication::translate(
                        "bw::CircuitBreaker", "requests are paused after %1 failures in a row; the "
                                              "next try is in %2 s")
                        .arg(m_config.failureThreshold)
                        .arg((permit.retryInMs + 999) / 1000);
    return e;
}

} // namespace bw
