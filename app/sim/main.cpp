// breakwater-sim: the local Messages API simulator as a process (benchmarks, demos, scripts).
#include "sim/apisimulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

using namespace bw::sim;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("breakwater-sim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BW_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A local Claude Messages API on 127.0.0.1 with fault injection, for tests, "
                       "benchmarks and demos.\n"
                       "Behaviours (for --script and --fault-rate): ") +
        SimBehaviour::names().join(QStringLiteral(", ")) +
        QStringLiteral("\nParameters follow a colon, e.g. 429:retry-after=2, stall-mid:after=5, "
                       "error-mid:type=api_error, redirect:no-location, many-headers:count=150, "
                       "huge-header:bytes=1048576;"
                       " NAME*N repeats."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption port(
        {QStringLiteral("p"), QStringLiteral("port")},
        QStringLiteral("Port to listen on (0: any free port; default 0)."), QStringLiteral("N"),
        QStringLiteral("0"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Seed for replies and fault rates (default 1)."),
                                  QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption ttft(
        QStringLiteral("ttft-ms"),
        QStringLiteral("Delay before the first token, in ms (default 0)."), QStringLiteral("MS"),
        QStringLiteral("0"));
    const QCommandLineOption tps(
        QStringLiteral("tps"),
        QStringLiteral("Tokens per second (default 0: as fast as the socket takes them)."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption replyTokens(
        QStringLiteral("reply-tokens"),
        QStringLiteral("Tokens per reply (default 0: derived from the prompt, 24-95)."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption thinkingTokens(
        QStringLiteral("thinking-tokens"),
        QStringLiteral("Thinking tokens of an answer that thinks (default 0: by the request's "
                       "effort or budget)."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption capacity(
        QStringLiteral("capacity"),
        QStringLiteral("Concurrent answers before 429 (default 0: unlimited)."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption capacityRetry(
        QStringLiteral("capacity-retry-ms"),
        QStringLiteral("retry-after-ms sent with a capacity 429 (default 1000)."),
        QStringLiteral("MS"), QStringLiteral("1000"));
    const QCommandLineOption requireKey(QStringLiteral("require-key"),
                                        QStringLiteral("Answer 401 to any other API key."),
                                        QStringLiteral("KEY"));
    const QCommandLineOption script(
        QStringLiteral("script"),
        QStringLiteral("Behaviours for the next /v1/messages requests, comma-separated."),
        QStringLiteral("LIST"));
    const QCommandLineOption faultRate(
        QStringLiteral("fault-rate"),
        QStringLiteral("Random faults after the script, e.g. 529=0.2,stall-mid=0.05."),
        QStringLiteral("LIST"));
    const QCommandLineOption models(QStringLiteral("models"),
                                    QStringLiteral("Model ids for /v1/models, comma-separated."),
                                    QStringLiteral("LIST"));
    const QCommandLineOption maxRequestBytes(
        QStringLiteral("max-request-bytes"),
        QStringLiteral("A larger request body gets 413 as soon as its headers arrive, and the "
                       "connection closes without reading it, as a proxy's body limit does "
                       "(default 33554432)."),
        QStringLiteral("N"), QString::number(HttpRequestParser::kMaxBodyBytes));
    const QCommandLineOption holdAfterStop(
        QStringLiteral("hold-after-stop-ms"),
        QStringLiteral("End each streamed response this long after message_stop, its --capacity "
                       "slot taken until then, whether or not the client hangs up (default 0)."),
        QStringLiteral("MS"), QStringLiteral("0"));
    const QCommandLineOption cacheMinTokens(
        QStringLiteral("cache-min-tokens"),
        QStringLiteral("Shortest prompt prefix the prompt cache stores (default 1024)."),
        QStringLiteral("N"), QStringLiteral("1024"));
    const QCommandLineOption prefill(
        QStringLiteral("prefill-ms-per-1k"),
        QStringLiteral("Extra time to first token per 1,000 input tokens not read from the "
                       "cache (default 0)."),
        QStringLiteral("MS"), QStringLiteral("0"));
    const QCommandLineOption modelFault(
        QStringLiteral("model-fault"),
        QStringLiteral("Every /v1/messages request to MODEL gets BEHAVIOUR, before the script, "
                       "e.g. claude-opus-4-8=529 (that model overloaded while the others answer). "
                       "Repeatable."),
        QStringLiteral("MODEL=BEHAVIOUR"));
    parser.addOptions({port, seed, ttft, tps, replyTokens, thinkingTokens, capacity, capacityRetry,
                       requireKey, script, faultRate, models, maxRequestBytes, holdAfterStop,
                       cacheMinTokens, prefill, modelFault});
    parser.process(app);

    auto fail = [](const QString &message) {
        std::fprintf(stderr, "breakwater-sim: %s\n", qPrintable(message));
        return 2;
    };
    SimConfig config;
    config.seed = parser.value(seed).toULongLong();
    config.ttftMs = parser.value(ttft).toInt();
    config.tokensPerSecond = parser.value(tps).toDouble();
    config.replyTokens = parser.value(replyTokens).toInt();
    config.thinkingTokens = parser.value(thinkingTokens).toInt();
    config.capacity = parser.value(capacity).toInt();
    config.capacityRetryAfterMs = parser.value(capacityRetry).toInt();
    config.requiredKey = parser.value(requireKey).toUtf8();
    config.maxRequestBytes = parser.value(maxRequestBytes).toLongLong();
    config.holdAfterStopMs = parser.value(holdAfterStop).toInt();
    config.cacheMinTokens = parser.value(cacheMinTokens).toLongLong();
    config.prefillMsPer1kTokens = parser.value(prefill).toInt();
    if (parser.isSet(models))
        config.models = parser.value(models).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &item :
         parser.value(faultRate).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype eq = item.lastIndexOf(QLatin1Char('='));
        bool ok = false;
        const double p = eq > 0 ? item.mid(eq + 1).toDouble(&ok) : 0;
        QString error;
        if (!ok || p < 0 || p > 1 || !SimBehaviour::parse(item.left(eq), &error))
            return fail(
                error.isEmpty()
                    ? QStringLiteral("bad --fault-rate item '%1' (expected NAME=P, 0<=P<=1)")
                          .arg(item)
                    : error);
        config.faultRates.insert(item.left(eq), p);
    }

    for (const QString &item : parser.values(modelFault)) {
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        const QString model = item.left(eq).trimmed();
        const QString behaviour = item.mid(eq + 1).trimmed();
        QString error;
        if (eq <= 0 || model.isEmpty() || !SimBehaviour::parse(behaviour, &error))
            return fail(error.isEmpty()
                            ? QStringLiteral("bad --model-fault '%1' (expected MODEL=BEHAVIOUR, "
                                             "e.g. claude-opus-4-8=529)")
                                  .arg(item)
                            : QStringLiteral("bad --model-fault '%1': %2").arg(item, error));
        config.modelFaults.insert(model, behaviour);
    }
    ApiSimulator sim(config);
    if (parser.isSet(script)) {
        QString error;
        const auto list = SimBehaviour::parseScript(parser.value(script), &error);
        if (!list)
            return fail(error);
        sim.setScript(*list);
    }
    bool portOk = false;
    const uint portNumber = parser.value(port).toUInt(&portOk);
    if (!portOk || portNumber > 65535)
        return fail(QStringLiteral("bad --port '%1'").arg(parser.value(port)));
    if (!sim.listen(quint16(portNumber)))
        return fail(QStringLiteral("cannot listen on 127.0.0.1:%1: %2")
                        .arg(portNumber)
                        .arg(sim.errorString()));
    std::printf("breakwater-sim listening on %s\n", qPrintable(sim.baseUrl().toString()));
    std::fflush(stdout);
    return app.exec();
}
