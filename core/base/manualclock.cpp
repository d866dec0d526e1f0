#include "manualclock.h"

#include <algorithm>

namespace bw {

class ManualClock::Timer final : public ClockTimer
{
public:
    explicit Timer(ManualClock *clock)
        : m_clock(clock)
    {
        m_clock->m_timers.append(this);
    }
    ~Timer() override
    {
        if (m_clock) {
            m_clock->remove(this);
            m_clock->m_timers.removeOne(this);
        }
    }
    void start(qint64 delayMs) override
    {
        if (!m_clock)
            return;
        m_clock->remove(this);
        m_clock->add(this, m_clock->m_now + std::max<qint64>(0, delayMs));
        m_active = true;
    }
    void stop() override
    {
        if (m_clock)
            m_clock->remove(this);
        m_active = false;
    }
    bool isActive() const override { return m_active; }
    void trigger()
    {
        m_active = false;
        fire();
    }
    void detach() { m_clock = nullptr; }

private:
    ManualClock *m_clock;
    bool m_active = false;
};

ManualClock::ManualClock(QDateTime wallStart)
    : m_wallStart(std::move(wallStart))
{}

ManualClock::~ManualClock()
{
    for (Timer *t : std::as_const(m_timers))
        t->detach();
}

std::unique_ptr<ClockTimer> ManualClock::createTimer()
{
    return std::make_unique<Timer>(this);
}

void ManualClock::add(Timer *timer, qint64 due)
{
    m_entries.append({due, ++m_serial, timer});
}

void ManualClock::remove(Timer *timer)
{
    m_entries.removeIf([timer](const Entry &e) { return e.timer == timer; });
}

void ManualClock::advance(qint64 ms)
{
    const qint64 target = m_now + std::max<qint64>(0, ms);
    for (;;) {
        auto it = std::min_element(m_entries.begin(), m_entries.end(),
                                   [](const Entry &a, const Entry &b) {
                                       return a.due != b.due ? a.due < b.due : a.serial < b.serial;
                                   });
        if (it == m_entries.end() || it->due > target)
            break;
        m_now = it->due;
        Timer *timer = it->timer;
        m_entries.erase(it);
        timer->trigger(); // may start, stop or destroy timers
    }
    m_now = target;
}

qint64 ManualClock::advanceToNext()
{
    const qint64 due = nextDueIn();
    if (due < 0)
        return 0;
    advance(due);
    return due;
}

int ManualClock::pendingTimers() const
{
    return int(m_entries.size());
}

qint64 ManualClock::nextDueIn() const
{
    if (m_entries.isEmpty())
        return -1;
    qint64 due = m_entries.first().due;
    for (const Entry &e : m_entries)
        due = std::min(due, e.due);
    return due - m_now;
}

} // namespace bw
