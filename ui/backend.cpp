#include "backend.h"

#include "api/anthropicclient.h"
#include "resilience/resilientclient.h"
#include "sim/apisimulator.h"

namespace bw::ui {

Backend::Backend(Clock *clock, RandomSource *random, QObject *parent)
    : QObject(parent)
    , m_client(new AnthropicClient(ClientConfig{}, this))
    , m_engine(new ResilientClient(m_client, GuardConfig{}, BreakerConfig{}, clock, random, this))
    , m_prices(PriceTable::load(&m_priceProblems))
{}

Backend::~Backend() = default;

void Backend::apply(const EngineSettings &settings, const QByteArray &key)
{
    m_settings = settings;
    m_client->setConfig(settings.clientConfig(key));
    m_engine->setGuardConfig(settings.guard);
    m_engine->setBreakerConfig(settings.breaker);
    m_engine->rebindBreaker();
    Q_EMIT changed();
}

void Backend::useApi(const EngineSettings &settings, const QByteArray &key)
{
    m_demo = false;
    apply(settings, key);
}

EngineSettings Backend::demoSettings(EngineSettings s)
{
    s.guard.headersTimeoutMs = 10'000;
    s.guard.idleTimeoutMs = 5'000;
    s.guard.totalTimeoutMs = 180'000;
    s.breaker.failureThreshold = 3;
    s.breaker.recoveryMs = 10'000;
    s.allowInsecure = false;
    return s;
}

void Backend::useDemo(const EngineSettings &settings)
{
    if (!m_sim) {
        sim::SimConfig config;
        config.ttftMs = 350;
        config.tokensPerSecond = 40;
        config.models = {QStringLiteral("claude-sonnet-4-6"), QStringLiteral("claude-haiku-4-5"),
                         QStringLiteral("claude-opus-4-8")};
        m_sim = new sim::ApiSimulator(config, this);
        m_sim->listen();
    }
    m_demo = true;
    EngineSettings s = demoSettings(settings);
    s.baseUrl = m_sim->baseUrl();
    apply(s, "demo-key-not-secret");
}

} // namespace bw::ui
