#pragma once

#include "breakerconfig.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace bw {

class CircuitBreaker;
class Clock;

// One circuit breaker per base URL, shared by every call that uses this registry. The
// application layer makes one per process and hands it to each ResilientClient, so the window,
// its batch runs and its compressor all see the same health of a service.
class BreakerRegistry final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BreakerRegistry)

public:
    explicit BreakerRegistry(Clock *clock, QObject *parent = nullptr);
    ~BreakerRegistry() override;

    Clock *clock() const { return m_clock; }
    // The breaker for a base URL; created with `config` on first use, then updated to it.
    CircuitBreaker *breakerFor(const QUrl &baseUrl, const BreakerConfig &config);

private:
    Clock *m_clock;
    QHash<QString, QPointer<CircuitBreaker>> m_breakers;
};

} // namespace bw
