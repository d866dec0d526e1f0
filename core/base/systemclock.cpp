#include "systemclock.h"

#include <QTimer>

namespace bw {

namespace {
class SystemTimer final : public ClockTimer
{
public:
    SystemTimer()
    {
        m_timer.setSingleShot(true);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { fire(); });
    }
    void start(qint64 delayMs) override
    {
        // Sub-second deadlines want precision; long waits can be coarse and cheap.
        m_timer.setTimerType(delayMs < 2000 ? Qt::PreciseTimer : Qt::CoarseTimer);
        m_timer.start(std::chrono::milliseconds(std::max<qint64>(0, delayMs)));
    }
    void stop() override { m_timer.stop(); }
    bool isActive() const override { return m_timer.isActive(); }

private:
    QTimer m_timer;
};
} // namespace

SystemClock::SystemClock()
{
    m_elapsed.start();
}

qint64 SystemClock::nowMs() const
{
    return m_elapsed.elapsed();
}

QDateTime SystemClock::wallNow() const
{
    return QDateTime::currentDateTimeUtc();
}

std::unique_ptr<ClockTimer> SystemClock::createTimer()
{
    return std::make_unique<SystemTimer>();
}

Clock *Clock::system()
{
    static SystemClock clock;
    return &clock;
}

} // namespace bw
