#include "api/messageassembler.h"
#include "api/ssedecoder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace bw;
using Step = MessageAssembler::Step;

namespace {

// Thinking with an escape of each kind the stream uses, as UTF-8.
const QByteArray kThought = "Let \xc3\xa9 \"me\"\nthink.";

// The short stream of the API reference, byte for byte.
const QByteArray kApiStream =
    "event: message_start\n"
    R"(data: {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-6","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":9,"output_tokens":1}}})"
    "\n\n"
    "event: content_block_start\n"
    R"(data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})"
    "\n\n"
    "event: content_block_delta\n"
    R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}})"
    "\n\n"
    "event: content_block_delta\n"
    R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" there."}})"
    "\n\n"
    "event: content_block_stop\n"
    R"(data: {"type":"content_block_stop","index":0})"
    "\n\n"
    "event: message_delta\n"
    R"(data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":4}})"
    "\n\n"
    "event: message_stop\n"
    R"(data: {"type":"message_stop"})"
    "\n\n";

const QByteArray kStart =
    R"({"type":"message_start","message":{"id":"m","model":"x","content":[],"usage":{"input_tokens":9,"output_tokens":1,"cache_read_input_tokens":5}}})";
const QByteArray kBlock0 =
    R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})";

QByteArray delta(const QByteArray &jsonText, int index = 0)
{
    return R"({"type":"content_block_delta","index":)" + QByteArray::number(index) +
           R"(,"delta":{"type":"text_delta","text":)" + jsonText + "}}";
}

struct Fed
{
    QByteArray text;
    QList<Step> steps;
};

Fed feedStream(MessageAssembler &a, const QByteArray &bytes)
{
    SseDecoder decoder;
    QList<SseEvent> events;
    decoder.feed(bytes, events);
    Fed fed;
    for (const SseEvent &e : events) {
        const Step s = a.handle(e.type, e.data);
        fed.steps << s;
        if (s == Step::Text)
            fed.text += a.lastText().toByteArray();
    }
    return fed;
}

} // namespace

class TestMessageAssembler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void assemblesTheApiExample()
    {
        MessageAssembler a;
        const Fed fed = feedStream(a, kApiStream);
        QCOMPARE(fed.text, QByteArray("Hi there."));
        QCOMPARE(fed.steps.last(), Step::Stopped);
        QCOMPARE(a.finish(), Step::Stopped);
        QCOMPARE(a.message().text(), QStringLiteral("Hi there."));
        QCOMPARE(a.message().stopReason, QStringLiteral("end_turn"));
        QCOMPARE(a.message().id, QStringLiteral("msg_01"));
        QCOMPARE(a.message().model, QStringLiteral("claude-sonnet-4-6"));
        QCOMPARE(a.message().usage.inputTokens, 9);
        QCOMPARE(a.message().usage.outputTokens, 4);
        QCOMPARE(a.textDeltaCount(), 2);
    }

    void usageIsOverwrittenNeverAdded()
    {
        MessageAssembler a;
        QCOMPARE(a.handle("message_start", kStart), Step::Started);
        QCOMPARE(a.handle("message_delta",
                          R"({"type":"message_delta","delta":{},"usage":{"output_tokens":4}})"),
                 Step::Updated);
        QCOMPARE(
            a.handle(
                "message_delta",
                R"({"type":"message_delta","delta":{},"usage":{"output_tokens":10,"cache_read_input_tokens":null}})"),
            Step::Updated);
        QCOMPARE(a.message().usage.outputTokens, 10);
        QCOMPARE(a.message().usage.inputTokens, 9);          // absent: kept
        QCOMPARE(a.message().usage.cacheReadInputTokens, 5); // null: kept
        QCOMPARE(a.message().usage.totalInputTokens(), 14);
    }

    void toleratesPingsUnknownEventsAndDeltaTypes()
    {
        MessageAssembler a;
        QCOMPARE(a.handle("ping", R"({"type": "ping"})"), Step::Ignored);
        QCOMPARE(a.handle("message_start", kStart), Step::Started);
        QCOMPARE(a.handle("future_event", R"({"type":"future_event","x":1})"), Step::Ignored);
        QCOMPARE(a.handle("future_event", "not even json"), Step::Ignored);
        QCOMPARE(a.handle("content_block_start", kBlock0), Step::Updated);
        QCOMPARE(
            a.handle(
                "content_block_delta",
                R"({"type":"content_block_delta","index":0,"delta":{"type":"sparkle_delta","x":1}})"),
            Step::Ignored);
        QCOMPARE(
            a.handle(
                "content_block_delta",
                R"({"type":"content_block_delta","index":0,"delta":{"type":"citations_delta","citation":{}}})"),
            Step::Ignored);
        QCOMPARE(a.handle("ping", R"({"type": "ping"})"), Step::Ignored);
        QCOMPARE(a.handle("content_block_delta", delta(R"("ok")")), Step::Text);
        QCOMPARE(a.message().text(), QStringLiteral("ok"));
    }

    void keepsToolUseAndThinkingBlocks()
    {
        MessageAssembler a;
        a.handle("message_start", kStart);
        QCOMPARE(
            a.handle(
                "content_block_start",
                R"({"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}})"),
            Step::Updated);
        QCOMPARE(
            a.handle(
                "content_block_delta",
                R"({"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"hmm"}})"),
            Step::Thinking);
        QCOMPARE(a.lastText(), QByteArrayView("hmm"));
        QCOMPARE(
            a.handle(
                "content_block_delta",
                R"({"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"abc"}})"),
            Step::Updated);
        QCOMPARE(a.handle("content_block_stop", R"({"type":"content_block_stop","index":0})"),
                 Step::Updated);
        QCOMPARE(
            a.handle(
                "content_block_start",
                R"({"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}}})"),
            Step::Updated);
        QCOMPARE(a.handle("content_block_delta",
                          "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":"
                          "\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \"}}"),
                 Step::Updated);
        QCOMPARE(a.handle("content_block_delta",
                          "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":"
                          "\"input_json_delta\",\"partial_json\":\"\\\"Oslo\\\"}\"}}"),
                 Step::Updated);
        QCOMPARE(a.handle("content_block_stop", R"({"type":"content_block_stop","index":1})"),
                 Step::Updated);
        QCOMPARE(a.handle("message_stop", R"({"type":"message_stop"})"), Step::Stopped);
        QCOMPARE(a.message().blocks.size(), 2);
        QCOMPARE(a.message().blocks[0].type, QStringLiteral("thinking"));
        QCOMPARE(a.message().blocks[0].text, QByteArray("hmm"));
        QCOMPARE(a.message().blocks[0].signature, QByteArray("abc"));
        QCOMPARE(a.message().blocks[1].type, QStringLiteral("tool_use"));
        QCOMPARE(a.message().blocks[1].start.value(QLatin1String("name")).toString(),
                 QStringLiteral("get_weather"));
        QCOMPARE(a.message().blocks[1].partialJson, QByteArray(R"({"city": "Oslo"})"));
        QVERIFY(a.message().text().isEmpty());
    }

    void thinkingBlocksComeBackExactly()
    {
        // Thinking deltas through the fast path and through the parser (other key order), one
        // signature in two pieces, a redacted block, then the text and a refusal's details.
        MessageAssembler a;
        QCOMPARE(a.handle("message_start", kStart), Step::Started);
        a.handle("content_block_start",
                 R"({"type":"content_block_start","index":0,)"
                 R"("content_block":{"type":"thinking","thinking":"","signature":""}})");
        QCOMPARE(a.handle("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                                                 "\"delta\":{\"type\":\"thinking_delta\","
                                                 "\"thinking\":\"Let \\u00e9 \\\"me\\\"\\n\"}}"),
                 Step::Thinking);
        QCOMPARE(a.lastText(), QByteArrayView(kThought.left(kThought.indexOf("think."))));
        QCOMPARE(
            a.handle(
                "content_block_delta",
                R"({"delta":{"thinking":"think.","type":"thinking_delta"},"index":0,"type":"content_block_delta"})"),
            Step::Thinking);
        a.handle(
            "content_block_delta",
            R"({"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQB+/="}})");
        a.handle(
            "content_block_delta",
            R"({"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"=x"}})");
        a.handle("content_block_stop", R"({"type":"content_block_stop","index":0})");
        a.handle("content_block_start",
                 R"({"type":"content_block_start","index":1,)"
                 R"("content_block":{"type":"redacted_thinking","data":"EnCr=="}})");
        a.handle("content_block_stop", R"({"type":"content_block_stop","index":1})");
        a.handle(
            "content_block_start",
            R"({"type":"content_block_start","index":2,"content_block":{"type":"text","text":""}})");
        QCOMPARE(a.handle("content_block_delta", delta(R"("No.")", 2)), Step::Text);
        a.handle("content_block_stop", R"({"type":"content_block_stop","index":2})");
        a.handle(
            "message_delta",
            R"({"type":"message_delta","delta":{"stop_reason":"refusal",)"
            R"("stop_details":{"type":"refusal","category":"cyber","explanation":"Not this."}},)"
            R"("usage":{"output_tokens":30,"output_tokens_details":{"thinking_tokens":22}}})");
        QCOMPARE(a.handle("message_stop", R"({"type":"message_stop"})"), Step::Stopped);
        const AssistantMessage &m = a.message();
        QCOMPARE(a.thinkingDeltaCount(), 2);
        QCOMPARE(a.textDeltaCount(), 1);
        QCOMPARE(m.text(), QStringLiteral("No."));
        QCOMPARE(m.thinkingText(), QString::fromUtf8(kThought));
        QVERIFY(m.hasRedactedThinking());
        const QJsonArray blocks = m.thinkingBlocks();
        QCOMPARE(blocks.size(), 2);
        QCOMPARE(blocks.at(0).toObject(),
                 (QJsonObject{{QStringLiteral("type"), QStringLiteral("thinking")},
                              {QStringLiteral("thinking"), QString::fromUtf8(kThought)},
                              {QStringLiteral("signature"), QStringLiteral("EqQB+/==x")}}));
        QCOMPARE(blocks.at(1).toObject(),
                 (QJsonObject{{QStringLiteral("type"), QStringLiteral("redacted_thinking")},
                              {QStringLiteral("data"), QStringLiteral("EnCr==")}}));
        QCOMPARE(m.stopReason, QStringLiteral("refusal"));
        QCOMPARE(m.stopDetails.value(QStringLiteral("category")), QStringLiteral("cyber"));
        QCOMPARE(m.usage.thinkingTokens, 22);
    }

    void unsignedThinkingIsNeverSentBack()
    {
        // A stream cut inside the thinking: the text stays readable, no block can go back.
        MessageAssembler a;
        a.handle("message_start", kStart);
        a.handle(
            "content_block_start",
            R"({"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}})");
        a.handle(
            "content_block_delta",
            R"({"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"half a thou"}})");
        QCOMPARE(a.finish(), Step::Failed);
        QCOMPARE(a.message().thinkingText(), QStringLiteral("half a thou"));
        QVERIFY(a.message().thinkingBlocks().isEmpty());
    }

    void thinkingCountsTowardsTheAnswerLimit()
    {
        MessageAssembler a(16);
        a.handle("message_start", kStart);
        a.handle(
            "content_block_start",
            R"({"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}})");
        QCOMPARE(
            a.handle(
                "content_block_delta",
                R"({"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"0123456789"}})"),
            Step::Thinking);
        QCOMPARE(
            a.handle(
                "content_block_delta",
                R"({"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"0123456789"}})"),
            Step::Failed);
        QCOMPARE(a.error().kind, ErrorKind::Protocol);
    }

    void errorEventsBecomeTheirKind_data()
    {
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<ErrorKind>("kind");
        QTest::newRow("overloaded") << QByteArray("overloaded_error") << ErrorKind::Overloaded;
        QTest::newRow("rate limit") << QByteArray("rate_limit_error") << ErrorKind::RateLimited;
        QTest::newRow("api error") << QByteArray("api_error") << ErrorKind::Server;
        QTest::newRow("invalid request")
            << QByteArray("invalid_request_error") << ErrorKind::InvalidRequest;
        QTest::newRow("unknown type") << QByteArray("gremlin_error") << ErrorKind::Server;
    }

    void errorEventsBecomeTheirKind()
    {
        QFETCH(QByteArray, type);
        QFETCH(ErrorKind, kind);
        MessageAssembler a;
        a.handle("message_start", kStart);
        a.handle("content_block_start", kBlock0);
        a.handle("content_block_delta", delta(R"("partial")"));
        QCOMPARE(a.handle("error", R"({"type":"error","error":{"type":")" + type +
                                       R"(","message":"Overloaded"}})"),
                 Step::Failed);
        QCOMPARE(a.error().kind, kind);
        QCOMPARE(a.error().type, QString::fromLatin1(type));
        QCOMPARE(a.error().message, QStringLiteral("Overloaded"));
        QCOMPARE(a.message().text(), QStringLiteral("partial")); // what arrived is kept
        QCOMPARE(a.handle("content_block_delta", delta(R"("more")")),
                 Step::Failed); // stays failed
        QCOMPARE(a.finish(), Step::Failed);
    }

    void protocolViolations_data()
    {
        QTest::addColumn<QList<QByteArray>>("events"); // alternating name, data
        QTest::newRow("invalid json")
            << QList<QByteArray>{"message_start", kStart, "content_block_start", "{nope"};
        QTest::newRow("json that is not an object") << QList<QByteArray>{"message_start", "[1,2]"};
        QTest::newRow("delta before message_start")
            << QList<QByteArray>{"content_block_delta", delta(R"("x")")};
        QTest::newRow("block start before message_start")
            << QList<QByteArray>{"content_block_start", kBlock0};
        QTest::newRow("delta for a block never opened")
            << QList<QByteArray>{"message_start", kStart, "content_block_delta", delta(R"("x")")};
        QTest::newRow("delta for a closed block") << QList<QByteArray>{
            "message_start",       kStart,
            "content_block_start", kBlock0,
            "content_block_stop",  R"({"type":"content_block_stop","index":0})",
            "content_block_delta", delta(R"("x")")};
        QTest::newRow("block started out of order") << QList<QByteArray>{
            "message_start", kStart, "content_block_start",
            R"({"type":"content_block_start","index":3,"content_block":{"type":"text","text":""}})"};
        QTest::newRow("second message_start")
            << QList<QByteArray>{"message_start", kStart, "message_start", kStart};
        QTest::newRow("event after message_stop") << QList<QByteArray>{
            "message_start", kStart, "message_stop", "{}", "message_delta", R"({"delta":{}})"};
    }

    void protocolViolations()
    {
        QFETCH(QList<QByteArray>, events);
        MessageAssembler a;
        Step last = Step::Ignored;
        for (qsizetype i = 0; i + 1 < events.size(); i += 2)
            last = a.handle(events[i], events[i + 1]);
        QCOMPARE(last, Step::Failed);
        QCOMPARE(a.error().kind, ErrorKind::Protocol);
        QVERIFY(!a.error().message.isEmpty());
    }

    void endBeforeMessageStopIsIncomplete()
    {
        MessageAssembler a;
        a.handle("message_start", kStart);
        a.handle("content_block_start", kBlock0);
        a.handle("content_block_delta", delta(R"("half an ans")"));
        QCOMPARE(a.finish(), Step::Failed);
        QCOMPARE(a.error().kind, ErrorKind::Incomplete);
        QCOMPARE(a.message().text(), QStringLiteral("half an ans"));

        MessageAssembler empty;
        QCOMPARE(empty.finish(), Step::Failed);
        QCOMPARE(empty.error().kind, ErrorKind::Incomplete);
    }

    // The fast path and the full JSON parser must agree on every escape.
    void fastPathDecodesEscapesLikeTheJsonParser_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << QStringLiteral(" hello");
        QTest::newRow("quotes and backslashes") << QStringLiteral(R"(say "hi" \ there)");
        QTest::newRow("control escapes") << QStringLiteral("a\nb\tc\rd\be\ff");
        QTest::newRow("slash") << QStringLiteral("a/b");
        QTest::newRow("latin accents") << QString::fromUtf8("caf\xC3\xA9 na\xC3\xAFve");
        QTest::newRow("astral plane") << QString::fromUtf8("smile \xF0\x9F\x98\x80 end");
        QTest::newRow("cjk") << QString::fromUtf8("\xE6\xBC\xA2\xE5\xAD\x97");
        QTest::newRow("nul and unit separator") << QString(QChar(0)) + QChar(0x1F);
    }

    void fastPathDecodesEscapesLikeTheJsonParser()
    {
        QFETCH(QString, text);
        // Two encodings of the same text: QJsonDocument's (raw UTF-8) and an all-\u one
        // (ASCII).
        const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
        const QByteArray rawJson = array.mid(1, array.size() - 2);
        QByteArray escaped = "\"";
        for (QChar c : text)
            escaped += "\\u" + QByteArray::number(c.unicode(), 16).rightJustified(4, '0');
        escaped += '"';
        for (const QByteArray &encoded : {rawJson, escaped}) {
            MessageAssembler a;
            a.handle("message_start", kStart);
            a.handle("content_block_start", kBlock0);
            QCOMPARE(a.handle("content_block_delta", delta(encoded)), Step::Text);
            QCOMPARE(QString::fromUtf8(a.lastText()), text);
        }
    }

    void otherKeyOrderStillParses()
    {
        MessageAssembler a;
        a.handle("message_start", kStart);
        a.handle("content_block_start", kBlock0);
        QCOMPARE(
            a.handle(
                "content_block_delta",
                R"({"index":0,"delta":{"text":"reordered","type":"text_delta"},"type":"content_block_delta"})"),
            Step::Text);
        QCOMPARE(
            a.handle(
                "content_block_delta",
                R"({ "type": "content_block_delta", "index": 0, "delta": { "type": "text_delta", "text": " spaced" } })"),
            Step::Text);
        QCOMPARE(a.message().text(), QStringLiteral("reordered spaced"));
    }

    void invalidUtf8IsAProtocolError_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("fast path shape") << delta("\"bad \xC3\x28 bytes\"");
        QTest::newRow("other shape") << QByteArray(
            R"({"index":0,"type":"content_block_delta","delta":{"type":"text_delta","text":"bad )"
            "\xFF\xFE"
            R"("}})");
    }

    void invalidUtf8IsAProtocolError()
    {
        QFETCH(QByteArray, data);
        MessageAssembler a;
        a.handle("message_start", kStart);
        a.handle("content_block_start", kBlock0);
        QCOMPARE(a.handle("content_block_delta", data), Step::Failed);
        QCOMPARE(a.error().kind, ErrorKind::Protocol);
    }

    void textBeyondTheLimitIsRefused()
    {
        MessageAssembler a(10);
        a.handle("message_start", kStart);
        a.handle("content_block_start", kBlock0);
        QCOMPARE(a.handle("content_block_delta", delta(R"("12345")")), Step::Text);
        QCOMPARE(a.handle("content_block_delta", delta(R"("123456")")), Step::Failed);
        QCOMPARE(a.error().kind, ErrorKind::Protocol);
    }

    void streamWithoutEventNamesIsReadByJsonType()
    {
        MessageAssembler a;
        QCOMPARE(a.handle("message", kStart), Step::Started);
        QCOMPARE(a.handle("message", kBlock0), Step::Updated);
        QCOMPARE(a.handle("message", delta(R"("x")")), Step::Text);
        QCOMPARE(a.handle("message", R"({"type":"message_stop"})"), Step::Stopped);
    }
};

QTEST_GUILESS_MAIN(TestMessageAssembler)
#include "tst_messageassembler.moc"
