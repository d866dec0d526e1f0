// Benchmark (not a test): SseDecoder + MessageAssembler throughput on 200,000 token-sized
// deltas, in-process, fed in 16 KiB reads as a socket would deliver them. Prints figures.
#include "api/messageassembler.h"
#include "api/ssedecoder.h"
#include "sim/simreply.h"
#include "sim/simstream.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>

using namespace bw;

static QByteArray makeStream(int deltas)
{
    const QJsonObject request{
        {QStringLiteral("messages"),
         QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                {QStringLiteral("content"), QStringLiteral("benchmark")}}}}};
    const QStringList tokens = sim::SimReply::tokens(request, deltas, 1);
    QByteArray s;
    s += sim::SimStream::event(
        "message_start",
        R"({"type":"message_start","message":{"id":"m","model":"x","content":[],"usage":{"input_tokens":9,"output_tokens":1}}})");
    s += sim::SimStream::event(
        "content_block_start",
        R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})");
    for (const QString &t : tokens)
        s += sim::SimStream::event(
            "content_block_delta",
            QByteArray(
                R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":)") +
                sim::SimStream::jsonString(t) + "}}");
    s += sim::SimStream::event("content_block_stop", R"({"type":"content_block_stop","index":0})");
    s += sim::SimStream::event(
        "message_delta",
        R"({"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":200000}})");
    s += sim::SimStream::event("message_stop", R"({"type":"message_stop"})");
    return s;
}

struct Run
{
    double ms;
    qint64 textBytes;
    qint64 deltas;
};

static Run decode(const QByteArray &stream, qsizetype chunk, bool complete = true)
{
    QElapsedTimer t;
    t.start();
    SseDecoder decoder;
    MessageAssembler assembler;
    QList<SseEvent> events;
    qint64 text = 0;
    for (qsizetype i = 0; i < stream.size(); i += chunk) {
        events.clear();
        decoder.feed(QByteArrayView(stream).sliced(i, std::min(chunk, stream.size() - i)), events);
        for (const SseEvent &e : std::as_const(events)) {
            if (assembler.handle(e.type, e.data) == MessageAssembler::Step::Text)
                text += assembler.lastText().size();
        }
    }
    if (complete && assembler.finish() != MessageAssembler::Step::Stopped)
        qFatal("stream did not assemble: %s", qPrintable(assembler.error().describe()));
    return {double(t.nsecsElapsed()) / 1e6, text, assembler.textDeltaCount()};
}

// The same work with QJsonDocument for every event (what the fast path saves).
static double decodeWithJsonOnly(const QByteArray &stream)
{
    QElapsedTimer t;
    t.start();
    SseDecoder decoder;
    QList<SseEvent> events;
    decoder.feed(stream, events);
    QByteArray text;
    for (const SseEvent &e : std::as_const(events)) {
        const QJsonObject o = QJsonDocument::fromJson(e.data).object();
        text += o.value(QLatin1String("delta"))
                    .toObject()
                    .value(QLatin1String("text"))
                    .toString()
                    .toUtf8();
    }
    return double(t.nsecsElapsed()) / 1e6;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int deltas = 200000;
    const QByteArray stream = makeStream(deltas);
    std::printf("stream: %d deltas, %.1f MB\n", deltas, double(stream.size()) / 1e6);
    QList<double> times;
    Run last{};
    for (int i = 0; i < 7; ++i) {
        last = decode(stream, 16 * 1024);
        times << last.ms;
    }
    std::sort(times.begin(), times.end());
    const double median = times[times.size() / 2];
    std::printf("decoder+assembler, 16 KiB reads: median %.1f ms (best %.1f) = %.2f M events/s, "
                "%.0f MB/s; text %.2f MB in %lld deltas\n",
                median, times.first(), double(deltas) / median / 1e3,
                double(stream.size()) / median / 1e3, double(last.textBytes) / 1e6,
                qlonglong(last.deltas));
    const Run single = decode(stream.left(2 * 1024 * 1024), 1, false);
    std::printf("1-byte reads (first 2 MB): %.1f ms = %.0f MB/s\n", single.ms,
                2.0 * 1024 * 1024 / single.ms / 1e3);
    QList<double> jsonTimes;
    for (int i = 0; i < 3; ++i)
        jsonTimes << decodeWithJsonOnly(stream);
    std::sort(jsonTimes.begin(), jsonTimes.end());
    std::printf("for comparison, QJsonDocument per event: median %.1f ms (%.1fx slower)\n",
                jsonTimes[1], jsonTimes[1] / median);
    return 0;
}
