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
{
    if (!m_breakers)
        m_breakers = new BreakerRegistry(m_clock, this);
    rebindBreaker();
}

ResilientClient::~ResilientClient() = default;

void ResilientClient::setBreakerConfig(const BreakerConfig &config)
{
    m_breakerConfig = config;
    if (m_breaker)
        m_breaker->setConfig(config);
}

void ResilientClient::rebindBreaker()
{
    CircuitBreaker *b = m_breakers->breakerFor(m_client->config().baseUrl, m_breakerConfig);
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

GuardedCall *ResilientClient::call(GuardedCall::AttemptFactory makeAttempt, QObject *parent)
{
    return new GuardedCall(m_client, m_breaker, std::move(makeAttempt), m_guard, m_clock, m_random,
                           parent ? parent : this);
}

} // namespace bw
