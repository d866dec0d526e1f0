#include "resilientclient.h"

#include "api/anthropicclient.h"
#include "clock.h"
#include "randomsource.h"

namespace bw {

BreakerRegistry &BreakerRegistry::instance()
{
    static BreakerRegistry registry;
    return registry;
}

CircuitBreaker *BreakerRegistry::breakerFor(const QUrl &baseUrl, const BreakerConfig &config,
                                            Clock *clock)
{
    // Per clock too: a test's manual clock must not leak into another test's breaker.
    const QString key =
        baseUrl.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveUserInfo).toString() +
        QLatin1Char('@') + QString::number(quintptr(clock), 16);
    QPointer<CircuitBreaker> &slot = m_breakers[key];
    if (!slot)
        slot =
            new CircuitBreaker(config, clock); // lives for the process, like the service it guards
    else
        slot->setConfig(config);
    return slot;
}

void BreakerRegistry::clear()
{
    for (const auto &b : std::as_const(m_breakers))
        delete b.data();
    m_breakers.clear();
}

ResilientClient::ResilientClient(AnthropicClient *client, GuardConfig guard, BreakerConfig breaker,
                                 Clock *clock, RandomSource *random, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_guard(guard)
    , m_breakerConfig(breaker)
    , m_clock(clock ? clock : Clock::system())
    , m_random(random ? random : RandomSource::system())
{
    rebindBreaker();
}

void ResilientClient::setBreakerConfig(const BreakerConfig &config)
{
    m_breakerConfig = config;
    if (m_breaker)
        m_breaker->setConfig(config);
}

void ResilientClient::rebindBreaker()
{
    CircuitBreaker *b = BreakerRegistry::instance().breakerFor(m_client->config().baseUrl,
                                                               m_breakerConfig, m_clock);
    if (b == m_breaker)
        return;
    m_breaker = b;
    Q_EMIT breakerChanged(b);
}

GuardedCall *ResilientClient::stream(const MessageRequest &request, QObject *parent)
{
    return new GuardedCall(m_client, m_breaker, request, m_guard, m_clock, m_random,
                           parent ? parent : this);
}

} // namespace bw
