#include "resilientclient.h"

#include "api/anthropicclient.h"
#include "base/clock.h"
#include "breakerregistry.h"
#include "circuitbreaker.h"
#include "randomsource.h"

namespace bw {

ResilientClient::ResilientClient(AnthropicClient *client, BreakerRegistry *breakers,
                                 GuardConfig guard, BreakerConfig breaker, Clock *clock,
                                 RandomSource *random, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_breakers(breakers)
    , m_guard(guard)
    , m_breakerConfig(breaker)
    , m_clock(clock ? clock : (breakers ? breakers->clock() : Clock::system()))
    , m_random(random ? random : RandomSource::system())
    , m_boundUrl(BreakerRegistry::keyOf(client->config().baseUrl))
{
    if (!m_breakers)
        m_breakers = new BreakerRegistry(m_clock, this);
}

ResilientClient::~ResilientClient() = default;

CircuitBreaker *ResilientClient::breakerFor(const QString &model) const
{
    return m_breakers->breakerFor(m_client->config().baseUrl, model, m_breakerConfig);
}

CircuitBreaker *ResilientClient::findBreaker(const QString &model) const
{
    return m_breakers->find(m_client->config().baseUrl, model);
}

void ResilientClient::resetBreakers()
{
    for (const BreakerRegistry::Entry &e : m_breakers->breakersAt(m_client->config().baseUrl))
        e.breaker->reset();
}

void ResilientClient::setBreakerConfig(const BreakerConfig &config)
{
    m_breakerConfig = config;
    for (const BreakerRegistry::Entry &e : m_breakers->breakersAt(m_client->config().baseUrl))
        e.breaker->setConfig(config);
}

void ResilientClient::rebindBreakers()
{
    const QString url = BreakerRegistry::keyOf(m_client->config().baseUrl);
    if (url == m_boundUrl)
        return;
    m_boundUrl = url;
    Q_EMIT breakersChanged();
}

GuardedCall *ResilientClient::stream(const MessageRequest &request, QObject *parent)
{
    return new GuardedCall(m_client, breakerFor(request.model()), request, m_guard, m_clock,
                           m_random, parent ? parent : this);
}

GuardedCall *ResilientClient::call(GuardedCall::AttemptFactory makeAttempt, QObject *parent)
{
    return call(QString(), std::move(makeAttempt), parent);
}

GuardedCall *ResilientClient::call(const QString &model, GuardedCall::AttemptFactory makeAttempt,
                                   QObject *parent)
{
    return new GuardedCall(m_client, breakerFor(model), std::move(makeAttempt), m_guard, m_clock,
                           m_random, parent ? parent : this);
}

} // namespace bw
