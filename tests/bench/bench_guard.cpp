// Benchmark (not a test): what the guard costs per call on a fast local stream, and what the
// circuit breaker saves against a sick service. Prints figures.
#include "api/anthropicclient.h"
#include "base/manualclock.h"
#include "resilience/randomsource.h"
#include "resilience/resilientclient.h"
#include "sim/apisimulator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>

#include <cstdio>

using namespace bw;

static MessageRequest request()
{
    MessageRequest r;
    r.setModel(QStringLiteral("claude-sonnet-4-6"))
        .setMaxTokens(1024)
        .addMessage(QStringLiteral("user"), QStringLiteral("benchmark"));
    return r;
}

template<typename Start>
static double perCallMs(int calls, Start start)
{
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < calls; ++i) {
        QEventLoop loop;
        start(loop);
        loop.exec();
    }
    return double(t.nsecsElapsed()) / 1e6 / calls;
}

static void overhead()
{
    sim::SimConfig config;
    config.replyTokens = 200;
    sim::ApiSimulator sim(config);
    sim.listen();
    ClientConfig cc;
    cc.baseUrl = sim.baseUrl();
    cc.apiKey = "bench";
    AnthropicClient client(cc);
    ResilientClient engine(&client, nullptr, GuardConfig{}, BreakerConfig{});
    const int calls = 400;
    auto bare = [&](QEventLoop &loop) {
        MessageStream *s = client.streamMessage(request());
        QObject::connect(s, &ApiCall::finished, &loop, &QEventLoop::quit);
        QObject::connect(s, &ApiCall::failed, &loop, &QEventLoop::quit);
    };
    auto guarded = [&](QEventLoop &loop) {
        GuardedCall *g = engine.stream(request());
        QObject::connect(g, &GuardedCall::finished, &loop, &QEventLoop::quit);
        QObject::connect(g, &GuardedCall::failed, &loop, &QEventLoop::quit);
        g->start();
    };
    perCallMs(50, bare); // warm up connections
    QList<double> b, g;
    for (int round = 0; round < 5; ++round) {
        b << perCallMs(calls, bare);
        g << perCallMs(calls, guarded);
    }
    std::sort(b.begin(), b.end());
    std::sort(g.begin(), g.end());
    std::printf("guard overhead: %d calls x 200 tokens, in-process simulator; median of 5 rounds\n",
                calls);
    std::printf(
        "  bare stream   %.3f ms per call\n  guarded call  %.3f ms per call  (+%.1f us, %+.1f%%)\n",
        b[2], g[2], (g[2] - b[2]) * 1000.0, (g[2] / b[2] - 1.0) * 100.0);
}

struct SickResult
{
    int serverRequests = 0;
    int userCalls = 0;
    int userFailures = 0;
    qint64 healToFirstSuccessMs = -1;
};

// Virtual time: the engine's waits and the breaker run on a manual clock advanced in 10 ms steps;
// loopback round trips take no virtual time. A user call starts every 600 ms; the service answers
// 529 for the first 30 s, then heals.
static SickResult sickService(bool withBreaker)
{
    sim::ApiSimulator sim;
    sim.listen();
    sim.config().faultRates.insert(QStringLiteral("529"), 1.0);
    ClientConfig cc;
    cc.baseUrl = sim.baseUrl();
    cc.apiKey = "bench";
    AnthropicClient client(cc);
    ManualClock clock;
    SeededRandom random(5);
    BreakerConfig bc; // defaults: 5 failures, 30 s recovery
    CircuitBreaker breaker(bc, &clock);
    GuardConfig gc; // defaults: 4 attempts, 0.5 s doubling to 8 s
    gc.totalTimeoutMs = 0;
    SickResult r;
    const qint64 healAt = 30'000;
    int inFlight = 0;
    bool healed = false;
    qint64 nextStart = 0;
    while (clock.nowMs() < 200'000 && (r.healToFirstSuccessMs < 0)) {
        if (!healed && clock.nowMs() >= healAt) {
            healed = true;
            sim.config().faultRates.clear();
        }
        if (clock.nowMs() >= nextStart && (clock.nowMs() < healAt || r.healToFirstSuccessMs < 0)) {
            nextStart += 600;
            ++r.userCalls;
            ++inFlight;
            auto *call = new GuardedCall(&client, withBreaker ? &breaker : nullptr, request(), gc,
                                         &clock, &random);
            QObject::connect(call, &GuardedCall::finished, [&] {
                --inFlight;
                if (healed && r.healToFirstSuccessMs < 0)
                    r.healToFirstSuccessMs = clock.nowMs() - healAt;
            });
            QObject::connect(call, &GuardedCall::failed, [&] {
                --inFlight;
                ++r.userFailures;
            });
            call->start();
        }
        // Let every request started at this instant reach the simulator and be answered.
        const int before = sim.totalRequests();
        QElapsedTimer settle;
        settle.start();
        while (settle.elapsed() < 50) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 2);
            if (sim.inFlight() == 0 && settle.elapsed() > 2)
                break;
        }
        Q_UNUSED(before)
        clock.advance(10);
    }
    r.serverRequests = sim.requestCount();
    return r;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    overhead();
    std::printf("\nsick service: 529 for 30 s, then healthy; a user call every 0.6 s (each up to 4 "
                "attempts)\n");
    for (bool breaker : {false, true}) {
        const SickResult r = sickService(breaker);
        std::printf("  %-16s requests that reached the server: %4d   user calls: %3d (failed %3d)  "
                    " heal -> first success: %6.1f s\n",
                    breaker ? "with breaker" : "without breaker", r.serverRequests, r.userCalls,
                    r.userFailures, double(r.healToFirstSuccessMs) / 1000.0);
    }
    return 0;
}
