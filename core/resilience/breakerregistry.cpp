#include "breakerregistry.h"

#include "circuitbreaker.h"

namespace bw {

BreakerRegistry::BreakerRegistry(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{}

BreakerRegistry::~BreakerRegistry() = default;

QString BreakerRegistry::keyOf(const QUrl &baseUrl)
{
    // "https://host" and "https://host/" are one service.
    QString key = baseUrl.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveUserInfo).toString();
    while (key.endsWith(QLatin1Char('/')))
        key.chop(1);
    return key;
}

CircuitBreaker *BreakerRegistry::breakerFor(const QUrl &baseUrl, const QString &model,
                                            const BreakerConfig &config)
{
    const QString id = model.trimmed();
    QList<Entry> &entries = m_breakers[keyOf(baseUrl)];
    for (const Entry &e : std::as_const(entries)) {
        if (e.model == id) {
            e.breaker->setConfig(config);
            return e.breaker;
        }
    }
    auto *breaker = new CircuitBreaker(config, m_clock, this);
    entries.append({id, breaker});
    Q_EMIT breakerAdded(baseUrl, id, breaker);
    return breaker;
}

CircuitBreaker *BreakerRegistry::find(const QUrl &baseUrl, const QString &model) const
{
    const QString id = model.trimmed();
    for (const Entry &e : m_breakers.value(keyOf(baseUrl))) {
        if (e.model == id)
            return e.breaker;
    }
    return nullptr;
}

QList<BreakerRegistry::Entry> BreakerRegistry::breakersAt(const QUrl &baseUrl) const
{
    return m_breakers.value(keyOf(baseUrl));
}

} // namespace bw
