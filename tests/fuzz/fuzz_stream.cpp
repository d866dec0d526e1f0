// libFuzzer harness for the wire's read side: SseDecoder + MessageAssembler.
//
// Input: the first byte chooses how the stream is cut into reads, the rest is the stream as a
// server would send it. Besides the sanitizers, four oracles:
//   1. the cut does not matter: random reads decode to the same events as one read;
//   2. the text fast path does not matter: an assembler with it and one without give the same
//      steps, the same message and the same error;
//   3. the text handed out step by step is what the message's text blocks grew by;
//   4. the limits hold: the kept answer never passes its byte limit, nor its blocks their count.
#include "api/messageassembler.h"
#include "api/ssedecoder.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace bw;
using Step = MessageAssembler::Step;

namespace {

// Small limits, so that short inputs reach them.
constexpr qsizetype kMaxEventBytes = 512;
constexpr qsizetype kMaxAnswerBytes = 512;
constexpr qsizetype kMaxBlocks = 4;

void check(bool ok, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "oracle failed: %s\n", what);
        std::abort();
    }
}

struct Decoded
{
    QList<SseEvent> events;
    bool failed = false;
    QByteArray lastEventId;
    std::optional<int> retryMs;
};

// One read (`cut` 0), or reads of 1 to 2^(cut % 8) bytes drawn from a generator seeded by `cut`.
Decoded decode(QByteArrayView stream, uint8_t cut)
{
    SseDecoder decoder(kMaxEventBytes);
    Decoded d;
    if (cut == 0) {
        decoder.feed(stream, d.events);
    } else {
        uint32_t state = 0x9E3779B9u ^ cut;
        const qsizetype largest = qsizetype(1) << (cut % 8);
        for (qsizetype at = 0; at < stream.size();) {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            const qsizetype n =
                std::min<qsizetype>(1 + qsizetype(state % uint32_t(largest)), stream.size() - at);
            decoder.feed(stream.sliced(at, n), d.events);
            at += n;
        }
    }
    d.failed = decoder.hasFailed();
    d.lastEventId = decoder.lastEventId();
    d.retryMs = decoder.retryMs();
    return d;
}

bool sameEvents(const QList<SseEvent> &a, const QList<SseEvent> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].type != b[i].type || a[i].data != b[i].data)
            return false;
    }
    return true;
}

struct Assembled
{
    QList<Step> steps;
    QList<QByteArray> texts; // lastText() of each Text step
    Step end = Step::Ignored;
    AssistantMessage message;
    ApiError error;
    qint64 textDeltas = 0;
};

qsizetype keptBytes(const AssistantMessage &m)
{
    qsizetype n = 0;
    for (const ContentBlock &b : m.blocks)
        n += b.text.size() + b.partialJson.size();
    return n;
}

Assembled assemble(const QList<SseEvent> &events, bool fastPath)
{
    MessageAssembler assembler(kMaxAnswerBytes, kMaxBlocks);
    assembler.setFastPathEnabled(fastPath);
    Assembled a;
    for (const SseEvent &e : events) {
        const Step step = assembler.handle(e.type, e.data);
        a.steps << step;
        if (step == Step::Text)
            a.texts << assembler.lastText().toByteArray();
        check(keptBytes(assembler.message()) <= kMaxAnswerBytes, "the answer's byte limit holds");
        check(assembler.message().blocks.size() <= kMaxBlocks, "the block limit holds");
    }
    a.end = assembler.finish();
    a.message = assembler.message();
    a.error = assembler.error();
    a.textDeltas = assembler.textDeltaCount();
    check(a.end == Step::Stopped || a.end == Step::Failed, "finish() decides");
    check((a.end == Step::Failed) == a.error.isError(), "a failure has an error, success none");
    return a;
}

bool sameMessage(const AssistantMessage &a, const AssistantMessage &b)
{
    if (a.id != b.id || a.model != b.model || a.stopReason != b.stopReason ||
        a.stopSequence != b.stopSequence || !(a.usage == b.usage) ||
        a.blocks.size() != b.blocks.size())
        return false;
    for (qsizetype i = 0; i < a.blocks.size(); ++i) {
        const ContentBlock &x = a.blocks[i];
        const ContentBlock &y = b.blocks[i];
        if (x.type != y.type || x.start != y.start || x.text != y.text ||
            x.partialJson != y.partialJson || x.closed != y.closed)
            return false;
    }
    return true;
}

// The text blocks hold what content_block_start began them with plus every Text step.
void checkTextSteps(const Assembled &a)
{
    qsizetype stepped = 0;
    for (const QByteArray &t : a.texts)
        stepped += t.size();
    qsizetype grown = 0;
    for (const ContentBlock &b : a.message.blocks) {
        if (b.type == u"text")
            grown +=
                b.text.size() - b.start.value(QLatin1String("text")).toString().toUtf8().size();
    }
    check(stepped == grown, "Text steps add up to the text blocks' growth");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const uint8_t cut = data[0];
    const QByteArrayView stream(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    const Decoded whole = decode(stream, 0);
    const Decoded cutUp = decode(stream, cut);
    check(sameEvents(whole.events, cutUp.events), "reads of any size give the same events");
    check(whole.failed == cutUp.failed, "reads of any size fail alike");
    check(whole.lastEventId == cutUp.lastEventId && whole.retryMs == cutUp.retryMs,
          "reads of any size give the same id and retry fields");
    for (const SseEvent &e : whole.events)
        check(e.data.size() <= kMaxEventBytes, "the event limit holds");

    const Assembled fast = assemble(whole.events, true);
    const Assembled full = assemble(whole.events, false);
    check(fast.steps == full.steps, "fast path and full parser take the same steps");
    check(fast.texts == full.texts, "fast path and full parser hand out the same text");
    check(fast.end == full.end, "fast path and full parser end alike");
    check(sameMessage(fast.message, full.message), "fast path and full parser build one message");
    check(fast.error.kind == full.error.kind && fast.error.message == full.error.message &&
              fast.error.type == full.error.type,
          "fast path and full parser report the same error");
    check(fast.textDeltas == full.textDeltas, "fast path and full parser count the same deltas");
    checkTextSteps(fast);
    return 0;
}
