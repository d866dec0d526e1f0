#pragma once

#include <QDateTime>

#include <functional>
#include <memory>

namespace bw {

// A one-shot timer from a Clock. Restarting replaces the pending shot.
class ClockTimer
{
public:
    virtual ~ClockTimer() = default;
    virtual void start(qint64 delayMs) = 0;
    virtual void stop() = 0;
    virtual bool isActive() const = 0;
    void setCallback(std::function<void()> callback) { m_callback = std::move(callback); }

protected:
    void fire()
    {
        if (m_callback)
            m_callback();
    }

private:
    std::function<void()> m_callback;
};

// Time, injected: the engine never reads the system clock or starts a QTimer itself, so tests
// drive every backoff, deadline and recovery period with a ManualClock.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0;      // monotonic
    virtual QDateTime wallNow() const = 0; // for HTTP-dates in retry hints
    virtual std::unique_ptr<ClockTimer> createTimer() = 0;

    // The process's real clock (event-loop timers, monotonic time).
    static Clock *system();
};

} // namespace bw
