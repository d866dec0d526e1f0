#pragma once

#include "breakerconfig.h"
#include "guardedcall.h"

#include <QObject>
#include <QPointer>

namespace bw {

class AnthropicClient;
class BreakerRegistry;
class CircuitBreaker;
class Clock;
class RandomSource;

// The engine's entry point: makes GuardedCalls over one client, the breaker its registry keeps
// for the client's base URL, one clock and one random source. The CLI, the window, the batch
// queue and the compressor all call through it; nothing calls the client unguarded.
class ResilientClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResilientClient)

public:
    // `breakers` null: a registry of its own (a process with one client, or a test).
    ResilientClient(AnthropicClient *client, BreakerRegistry *breakers, GuardConfig guard,
                    BreakerConfig breaker, Clock *clock = nullptr, RandomSource *random = nullptr,
                    QObject *parent = nullptr);
    ~ResilientClient() override;

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
    // A guarded JSON call (count_tokens, models, batches), not yet started.
    GuardedCall *call(GuardedCall::AttemptFactory makeAttempt, QObject *parent = nullptr);

Q_SIGNALS:
    void breakerChanged(bw::CircuitBreaker *breaker);

private:
    AnthropicClient *m_client;
    BreakerRegistry *m_breakers;
    GuardConfig m_guard;
    BreakerConfig m_breakerConfig;
    Clock *m_clock;
    RandomSource *m_random;
    QPointer<CircuitBreaker> m_breaker;
};

} // namespace bw
