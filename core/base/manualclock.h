#pragma once

#include "clock.h"

#include <QList>

namespace bw {

// A clock that moves only when told: advance(ms) fires every timer that falls due, in order,
// at its due time. For tests; nothing here sleeps.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime wallStart = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
    ~ManualClock() override;

    qint64 nowMs() const override { return m_now; }
    QDateTime wallNow() const override { return m_wallStart.addMSecs(m_now); }
    std::unique_ptr<ClockTimer> createTimer() override;

    void advance(qint64 ms);
    // Advances to the next due timer (if any); returns how far it moved.
    qint64 advanceToNext();
    int pendingTimers() const;
    // Milliseconds until the next timer is due; -1 if none.
    qint64 nextDueIn() const;

private:
    class Timer;
    friend class Timer;
    struct Entry
    {
        qint64 due;
        quint64 serial;
        Timer *timer;
    };
    void add(Timer *timer, qint64 due);
    void remove(Timer *timer);

    qint64 m_now = 0;
    quint64 m_serial = 0;
    QDateTime m_wallStart;
    QList<Entry> m_entries;
    QList<Timer *> m_timers; // alive timers, so a destroyed clock can detach them
};

} // namespace bw
