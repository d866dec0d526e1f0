// Benchmark (not a test): a 40-turn conversation on the simulator, with prompt caching off and
// on (five minutes), through the real session, engine and client. Prints per-turn input tokens,
// the input cost of each run and the mean time to first token. The simulator charges time to
// first token for input that is not read from the cache (--prefill-ms-per-1k), as the service
// does for prefill.
//
//   bench_cache [turns=40] [prefill ms per 1k tokens=20] [reply tokens=350]
#include "api/anthropicclient.h"
#include "chat/answerjob.h"
#include "chat/chatsession.h"
#include "chat/conversation.h"
#include "chat/pricetable.h"
#include "resilience/resilientclient.h"
#include "sim/apisimulator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>

#include <cstdio>

using namespace bw;

namespace {

struct Turn
{
    Usage usage;
    double inputCost = 0;
    qint64 ttftMs = -1;
};

QString systemPrompt()
{
    // About 3,000 tokens of standing instructions, as assistants and projects carry.
    QString s;
    for (int i = 0; i < 150; ++i)
        s += QStringLiteral("Guideline %1: prefer plain words, name your sources, show code in "
                            "fenced blocks, and keep answers short. ")
                 .arg(i);
    return s;
}

QList<Turn> run(PromptCache cache, int turns, int prefillMs, int replyTokens)
{
    sim::SimConfig config;
    config.ttftMs = 40;
    config.replyTokens = replyTokens;
    config.prefillMsPer1kTokens = prefillMs;
    config.cacheMinTokens = 1024;
    sim::ApiSimulator sim(config);
    sim.listen();
    ClientConfig cc;
    cc.baseUrl = sim.baseUrl();
    cc.apiKey = "bench";
    AnthropicClient client(cc);
    GuardConfig guard;
    guard.totalTimeoutMs = 0;
    ResilientClient engine(&client, nullptr, guard, BreakerConfig{});
    const PriceTable prices = PriceTable::load();
    Conversation conversation;
    conversation.setSystemPrompt(systemPrompt());
    ChatSession session(&engine, &conversation, &prices);
    session.setModel(QStringLiteral("claude-sonnet-4-6"));
    session.setMaxTokens(4000);
    session.setPromptCache(cache);
    QList<Turn> out;
    for (int t = 1; t <= turns; ++t) {
        AnswerJob *job = session.send(
            QStringLiteral("Question %1: how do breakwaters, moles and jetties differ, and which "
                           "would you build at a harbour mouth facing %2 m waves?")
                .arg(t)
                .arg(t % 7 + 1));
        if (!job) {
            std::fprintf(stderr, "turn %d could not be sent\n", t);
            break;
        }
        QEventLoop loop;
        QObject::connect(job, &AnswerJob::ended, &loop, &QEventLoop::quit);
        loop.exec();
        const ChatMessage &a = conversation.at(conversation.count() - 1);
        Usage input = a.usage;
        input.outputTokens = 0;
        out.append({a.usage, prices.cost(a.model, input), a.timeToFirstTokenMs});
    }
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int turns = args.size() > 1 ? args[1].toInt() : 40;
    const int prefill = args.size() > 2 ? args[2].toInt() : 20;
    const int reply = args.size() > 3 ? args[3].toInt() : 350;

    const QList<Turn> off = run(PromptCache{PromptCache::Ttl::Off}, turns, prefill, reply);
    const QList<Turn> on = run(PromptCache{PromptCache::Ttl::FiveMinutes}, turns, prefill, reply);
    if (off.size() != turns || on.size() != turns)
        return 1;

    std::printf("%d turns, claude-sonnet-4-6 prices, simulator prefill %d ms per 1k uncached "
                "input tokens, %d-token answers\n\n",
                turns, prefill, reply);
    std::printf("turn  input tokens | off: cost    ttft | on: written    read   cost    ttft\n");
    for (int t = 0; t < turns; ++t) {
        if (t >= 5 && (t + 1) % 5 != 0)
            continue;
        std::printf("%4d  %12lld | $%8.5f %5lld ms | %10lld %7lld $%8.5f %5lld ms\n", t + 1,
                    static_cast<long long>(on[t].usage.totalInputTokens()), off[t].inputCost,
                    static_cast<long long>(off[t].ttftMs),
                    static_cast<long long>(on[t].usage.cacheCreationInputTokens),
                    static_cast<long long>(on[t].usage.cacheReadInputTokens), on[t].inputCost,
                    static_cast<long long>(on[t].ttftMs));
    }
    auto totals = [](const QList<Turn> &r, int from, double *cost, double *ttft) {
        *cost = 0;
        *ttft = 0;
        for (int t = from; t < r.size(); ++t) {
            *cost += r[t].inputCost;
            *ttft += double(r[t].ttftMs);
        }
        *ttft /= double(r.size() - from);
    };
    double offAll, offTtft, onAll, onTtft, offLate, offLateTtft, onLate, onLateTtft;
    totals(off, 0, &offAll, &offTtft);
    totals(on, 0, &onAll, &onTtft);
    totals(off, 9, &offLate, &offLateTtft);
    totals(on, 9, &onLate, &onLateTtft);
    std::printf("\nall turns:       input cost $%.4f off, $%.4f on (%.1f%% less); mean ttft %.0f "
                "ms off, %.0f ms on\n",
                offAll, onAll, 100.0 * (1.0 - onAll / offAll), offTtft, onTtft);
    std::printf("turn 10 onwards: input cost $%.4f off, $%.4f on (%.1f%% less); mean ttft %.0f "
                "ms off, %.0f ms on\n",
                offLate, onLate, 100.0 * (1.0 - onLate / offLate), offLateTtft, onLateTtft);
    return 0;
}
