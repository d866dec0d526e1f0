#include "breakerregistry.h"

#include "circuitbreaker.h"

#include <QUrl>

namespace bw {

BreakerRegistry::BreakerRegistry(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{}

BreakerRegistry::~BreakerRegistry() = default;

CircuitBreaker *BreakerRegistry::breakerFor(const QUrl &baseUrl, const BreakerConfig &config)
{
    const QString key =
        baseUrl.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveUserInfo).toString();
    QPointer<CircuitBreaker> &slot = m_breakers[key];
    if (!slot)
        slot = new CircuitBreaker(config, m_clock, this);
    else
        slot->setConfig(config);
    return slot;
}

} // namespace bw
