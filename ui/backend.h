#pragma once

#include "chat/pricetable.h"
#include "settings/enginesettings.h"

#include <QObject>

namespace bw {
class AnthropicClient;
class Clock;
class RandomSource;
class ResilientClient;
namespace sim {
class ApiSimulator;
}
} // namespace bw

namespace bw::ui {

// The one engine the window talks to, pointed either at the real API (settings + key) or, in
// demo mode, at the built-in simulator on 127.0.0.1. Its objects live as long as it does; only
// their configuration changes, so sessions and panels stay connected across a switch.
class Backend final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Backend)

public:
    explicit Backend(Clock *clock = nullptr, RandomSource *random = nullptr,
                     QObject *parent = nullptr);
    ~Backend() override;

    void useApi(const EngineSettings &settings, const QByteArray &key);
    // Starts (once) the simulator and points the engine at it, with settings that make the
    // machinery quick to see: a short idle deadline, a breaker that opens after 3 failures.
    void useDemo(const EngineSettings &settings);
    static EngineSettings demoSettings(EngineSettings base);

    bool isDemo() const { return m_demo; }
    sim::ApiSimulator *simulator() const { return m_sim; }
    AnthropicClient *client() const { return m_client; }
    ResilientClient *engine() const { return m_engine; }
    const EngineSettings &settings() const { return m_settings; }
    const PriceTable &prices() const { return m_prices; }
    QStringList priceProblems() const { return m_priceProblems; }

Q_SIGNALS:
    void changed();

private:
    void apply(const EngineSettings &settings, const QByteArray &key);

    EngineSettings m_settings;
    AnthropicClient *m_client;
    ResilientClient *m_engine;
    sim::ApiSimulator *m_sim = nullptr;
    PriceTable m_prices;
    QStringList m_priceProblems;
    bool m_demo = false;
};

} // namespace bw::ui
