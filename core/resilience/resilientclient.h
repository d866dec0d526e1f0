#pragma once

#include "breakerconfig.h"
#include "guardedcall.h"

#include <QObject>

namespace bw {

class AnthropicClient;
class BreakerRegistry;
class CircuitBreaker;
class Clock;
class RandomSource;

// The engine's entry point: makes GuardedCalls over one client, the breakers its registry keeps
// for the client's base URL (one per model), one clock and one random source. The CLI, the
// window, the batch queue and the compressor all call through it; nothing calls the client
// unguarded.
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
    BreakerRegistry *breakers() const { return m_breakers; }
    // The breaker guarding `model` at the client's base URL (made on first use).
    CircuitBreaker *breakerFor(const QString &model) const;
    // The breaker of `model` if a call made one; else null (nothing is made).
    CircuitBreaker *findBreaker(const QString &model) const;
    // The base URL's own breaker: calls that name no model (the models list, batches).
    CircuitBreaker *serviceBreaker() const { return breakerFor(QString()); }
    // Closes every breaker of the client's base URL (the user's Reset).
    void resetBreakers();
    Clock *clock() const { return m_clock; }
    const GuardConfig &guardConfig() const { return m_guard; }
    void setGuardConfig(const GuardConfig &config) { m_guard = config; }
    const BreakerConfig &breakerConfig() const { return m_breakerConfig; }
    // For every breaker of the client's base URL, now and later.
    void setBreakerConfig(const BreakerConfig &config);
    // After the client's base URL changed: its breakers are another set (breakersChanged).
    void rebindBreakers();

    // A guarded streaming call under the breaker of the request's model, not yet started:
    // connect to it, then start().
    GuardedCall *stream(const MessageRequest &request, QObject *parent = nullptr);
    // A guarded JSON call that names no model (the models list, batches), not yet started.
    GuardedCall *call(GuardedCall::AttemptFactory makeAttempt, QObject *parent = nullptr);
    // A guarded JSON call for one model (count_tokens): under that model's breaker.
    GuardedCall *call(const QString &model, GuardedCall::AttemptFactory makeAttempt,
                      QObject *parent = nullptr);

Q_SIGNALS:
    // The base URL changed: the breakers shown so far are another service's.
    void breakersChanged();

private:
    AnthropicClient *m_client;
    BreakerRegistry *m_breakers;
    GuardConfig m_guard;
    BreakerConfig m_breakerConfig;
    Clock *m_clock;
    RandomSource *m_random;
    QString m_boundUrl; // BreakerRegistry::keyOf the base URL breakersChanged last told of
};

} // namespace bw
