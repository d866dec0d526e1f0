#pragma once

#include "api/apierror.h"
#include "breakerconfig.h"

#include <QObject>

#include <memory>

namespace bw {

class Clock;
class ClockTimer;

enum class BreakerState { Closed, Open, HalfOpen };
QString breakerStateName(BreakerState state); // "closed", "open", "half_open"

// Guards the service's health, not the quota: overload, 5xx, network failures, timeouts and
// stalls count; 429, other 4xx and cancels do not. Half-open admits one probe at a time.
class CircuitBreaker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CircuitBreaker)

public:
    struct Permit
    {
        bool allowed = false;
        bool probe = false;
        qint64 retryInMs = 0; // when refused: how long until a call may be let through
        quint64 ticket = 0;
    };

    CircuitBreaker(BreakerConfig config, Clock *clock, QObject *parent = nullptr);
    ~CircuitBreaker() override;

    const BreakerConfig &config() const { return m_config; }
    void setConfig(const BreakerConfig &config) { m_config = config; }

    // Asks to make a call. Every allowed permit must be ended with exactly one record*().
    Permit acquire();
    void recordSuccess(const Permit &permit);
    // Counts toward opening only if countsAsFailure(kind); otherwise like release().
    void recordFailure(const Permit &permit, ErrorKind kind);
    // The call ended without saying anything about the service's health.
    void release(const Permit &permit);
    void reset();

    static bool countsAsFailure(ErrorKind kind);

    BreakerState state() const { return m_state; }
    qint64 remainingOpenMs() const;
    int consecutiveFailures() const { return m_failures; }
    // Whether any call asked it for a permit yet (a model in use, not only a chosen one).
    bool wasUsed() const { return m_asked; }
    // An error for a refused permit: kind circuit_open, with the remaining time.
    ApiError refusal(const Permit &permit) const;

Q_SIGNALS:
    void stateChanged(bw::BreakerState state);

private:
    void transition(BreakerState next);
    void open();
    void endProbe(const Permit &permit);

    BreakerConfig m_config;
    Clock *m_clock;
    std::unique_ptr<ClockTimer> m_recoveryTimer;
    std::unique_ptr<ClockTimer> m_probeTimer;
    BreakerState m_state = BreakerState::Closed;
    int m_failures = 0;
    int m_probeSuccesses = 0;
    qint64 m_openedAtMs = 0;
    quint64 m_nextTicket = 0;
    quint64 m_probeTicket = 0; // the probe in flight, 0 if none
    bool m_asked = false;
};

} // namespace bw

Q_DECLARE_METATYPE(bw::BreakerState)
