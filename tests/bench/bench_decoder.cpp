// Benchmark (not a test): SseDecoder + MessageAssembler throughput on 200,000 token-sized
// deltas, in-process, fed in 16 KiB reads as a socket would deliver them. Prints figures for
// compact JSON (as the API writes it) and for the same stream spaced the way Python's
// json.dumps and some gateways write it ({"type": "content_block_delta", "index": 0, ...}).
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

// JSON with a space after every ':' and ',' outside strings, as json.dumps writes it.
static QByteArray spaced(const QByteArray &json)
{
    QByteArray out;
    out.reserve(json.size() + json.size() / 4);
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        out += c;
        if (inString) {
            if (c == '\\')
                out += json[++i];
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == ':' || c == ',') {
            out += ' ';
        }
    }
    return out;
}

static QByteArray makeStream(int deltas, bool withSpaces)
{
    const auto event = [withSpaces](const char *name, const QByteArray &json) {
        return sim::SimStream::event(name, withSpaces ? spaced(json) : json);
    };
    const QJsonObject request{
        {QStringLiteral("messages"),
         QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                {QStringLiteral("content"), QStringLiteral("benchmark")}}}}};
    const QStringList tokens = sim::SimReply::tokens(request, deltas, 1);
    QByteArray s;
    s += event(
        "message_start",
        R"({"type":"message_start","message":{"id":"m","model":"x","content":[],"usage":{"input_tokens":9,"output_tokens":1}}})");
    s += event(
        "content_block_start",
        R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})");
    for (const QString &t : tokens)
        s += event(
            "content_block_delta",
            QByteArray(
                R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":)") +
                sim::SimStream::jsonString(t) + "}}");
    s += event("content_block_stop", R"({"type":"content_block_stop","index":0})");
    s += event(
        "message_delta",
        R"({"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":200000}})");
    s += event("message_stop", R"({"type":"message_stop"})");
    return s;
}

struct Run
{
    double ms;
    qint64 textBytes;
    qint64 deltas;
    qint64 fullParses; // events the fast path left to QJsonDocument
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
    return {double(t.nsecsElapsed()) / 1e6, text, assembler.textDeltaCount(),
            assembler.fullParseCount()};
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

// The median of 7 runs over `stream` in 16 KiB reads; prints one line of figures.
static double measure(const char *label, const QByteArray &stream, int deltas)
{
    QList<double> times;
    Run last{};
    for (int i = 0; i < 7; ++i) {
        last = decode(stream, 16 * 1024);
        times << last.ms;
    }
    std::sort(times.begin(), times.end());
    const double median = times[times.size() / 2];
    std::printf("%s: %.1f MB, 16 KiB reads: median %.1f ms (best %.1f) = %.2f M events/s, "
                "%.0f MB/s; text %.2f MB in %lld deltas; %lld events for the full parser\n",
                label, double(stream.size()) / 1e6, median, times.first(),
                double(deltas) / median / 1e3, double(stream.size()) / median / 1e3,
                double(last.textBytes) / 1e6, qlonglong(last.deltas), qlonglong(last.fullParses));
    return median;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int deltas = 200000;
    const QByteArray stream = makeStream(deltas, false);
    const QByteArray spacedStream = makeStream(deltas, true);
    std::printf("stream: %d deltas\n", deltas);
    const double compactMs = measure("compact JSON", stream, deltas);
    const double spacedMs = measure("spaced JSON ", spacedStream, deltas);
    std::printf("spaced / compact: %.2fx\n", spacedMs / compactMs);
    const Run single = decode(stream.left(2 * 1024 * 1024), 1, false);
    std::printf("1-byte reads (first 2 MB): %.1f ms = %.0f MB/s\n", single.ms,
                2.0 * 1024 * 1024 / single.ms / 1e3);
    QList<double> jsonTimes;
    for (int i = 0; i < 3; ++i)
        jsonTimes << decodeWithJsonOnly(stream);
    std::sort(jsonTimes.begin(), jsonTimes.end());
    std::printf("for comparison, QJsonDocument per event: median %.1f ms (%.1fx slower)\n",
                jsonTimes[1], jsonTimes[1] / compactMs);
    return 0;
}
