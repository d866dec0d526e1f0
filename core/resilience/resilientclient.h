#pragma once

#include "circuitbreaker.h"
#include "guardedcall.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace bw {

class AnthropicClient;
class Clock;
class RandomSource;

// One circuit breaker per base URL, shared by every call in the process.
class BreakerRegistry final
{
public:
    static BreakerRegistry &instance();

    // The breaker for a base URL; created with `config` on first use, then updated to it.
    CircuitBreaker *breakerFor(const QUrl &baseUrl, const BreakerConfig &config, Clock *clock);
    void clear();

private:
    QHash<QString, QPointer<CircuitBreaker>> m_breakers;
};

// The engine's entry point: makes GuardedCalls over one client, its breaker, one clock and one
// random source. The CLI, the window and the batch queue all use it.
class ResilientClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResilientClient)

public:
    ResilientClient(AnthropicClient *client, GuardConfig guard, BreakerConfig breaker,
                    Clock *clock = nullptr, RandomSource *random = nullptr,
                    QObject *parent = nullptr);

    AnthropicClient *client() const { return m_client; }
    CircuitBreaker *breaker() const { return m_breaker; }
    Clock *clock() const { return m_clock; }
    const GuardConfig &guardConfig() const { return m_guard; }
    void setGuardConfig(const GuardConfig &config) { m_guard = config; }
    void setBreakerConfig(const BreakerConfig &config);
    // After the client's base URL changed: switch to that URL's breaker.
    void rebindBreaker();

    // A guarded streaming call, not yet started: connect to it, then start().
    GuardedCall *stream(const MessageRequest &request, QObject *parent = nullptr);

Q_SIGNALS:
    void breakerChanged(bw::CircuitBreaker *breaker);

private:
    AnthropicClient *m_client;
    GuardConfig m_guard;
    BreakerConfig m_breakerConfig;
    Clock *m_clock;
    RandomSource *m_random;
    QPointer<CircuitBreaker> m_breaker;
};

} // namespace bw
