#pragma once

#include "clock.h"

#include <QElapsedTimer>

namespace bw {

class SystemClock final : public Clock
{
public:
    SystemClock();
    qint64 nowMs() const override;
    QDateTime wallNow() const override;
    std::unique_ptr<ClockTimer> createTimer() override;

private:
    QElapsedTimer m_elapsed;
};

} // namespace bw
