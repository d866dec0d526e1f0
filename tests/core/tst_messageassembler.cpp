#include "api/messageassembler.h"
#include "api/ssedecoder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
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
            Step::Updated); // kept with its text block (issue 16)
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

    void aRedactedBlockWithoutItsDataIsNeverSentBack()
    {
        // A redacted_thinking block whose data is not a string (or is missing) cannot be sent
        // back: the service would refuse every later turn of the conversation with a 400.
        for (const QByteArray &data :
             {QByteArray(R"(,"data":{"evil":[1]})"), QByteArray(",\"data\":7"),
              QByteArray(",\"data\":\"\""), QByteArray()}) {
            MessageAssembler a;
            a.handle("message_start", kStart);
            a.handle("content_block_start", R"({"type":"content_block_start","index":0,)"
                                            R"("content_block":{"type":"redacted_thinking")" +
                                                data + "}}");
            a.handle("content_block_stop", R"({"type":"content_block_stop","index":0})");
            QVERIFY(a.message().hasRedactedThinking());
            QVERIFY2(a.message().thinkingBlocks().isEmpty(), data.constData());
            const QJsonObject whole =
                QJsonDocument::fromJson(R"({"content":[{"type":"redacted_thinking")" + data + "}]}")
                    .object();
            QVERIFY(AssistantMessage::fromJson(whole).thinkingBlocks().isEmpty());
        }
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
        MessageAssembler a(1000);
        a.handle("message_start", kStart);
        a.handle(
            "content_block_start",
            R"({"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}})");
        const QByteArray half =
            QByteArray(
                R"({"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":")") +
            QByteArray(480, 't') + "\"}}";
        QCOMPARE(a.handle("content_block_delta", half), Step::Thinking);
        QCOMPARE(a.handle("content_block_delta", half), Step::Failed);
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

    // JSON allows whitespace between any two tokens; json.dumps and some gateways write a space
    // after ':' and ','. The fast path takes these too, so such streams are not 4x slower.
    void fastPathToleratesJsonWhitespace_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("compact") << delta(R"("Hi")");
        QTest::newRow("json.dumps") << QByteArray(
            R"({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Hi"}})");
        QTest::newRow("spaces everywhere") << QByteArray(
            R"( { "type" : "content_block_delta" , "index" : 0 , "delta" : { "type" : "text_delta" , "text" : "Hi" } } )");
        QTest::newRow("tabs, CR and LF") << QByteArray(
            "{\"type\":\t\"content_block_delta\",\r\n\"index\":\n0,\t\"delta\":{\r\"type\":"
            "\"text_delta\",\n\"text\":\"Hi\"\n}\r\n}\n");
        QTest::newRow("pretty-printed")
            << QByteArray("{\n    \"type\": \"content_block_delta\",\n    "
                          "\"index\": 0,\n    \"delta\": {\n        "
                          "\"type\": \"text_delta\",\n        \"text\": "
                          "\"Hi\"\n    }\n}");
    }

    void fastPathToleratesJsonWhitespace()
    {
        QFETCH(QByteArray, data);
        MessageAssembler a;
        a.handle("message_start", kStart);
        a.handle("content_block_start", kBlock0);
        const qint64 parsedBefore = a.fullParseCount();
        QCOMPARE(a.handle("content_block_delta", data), Step::Text);
        QCOMPARE(a.lastText(), QByteArrayView("Hi"));
        QCOMPARE(a.fullParseCount(), parsedBefore); // the fast path took it
    }

    // The fast path may be faster than QJsonDocument, never more lenient: what the parser
    // rejects is a protocol error whichever path looks at it first.
    void fastPathIsExactlyAsStrictAsTheParser_data()
    {
        QTest::addColumn<QByteArray>("data");
        const QByteArray head = R"({"type":"content_block_delta","index":)";
        const QByteArray tail = R"(,"delta":{"type":"text_delta","text":"x"}})";
        QTest::newRow("index 00") << head + "00" + tail;
        QTest::newRow("index 01") << head + "01" + tail;
        QTest::newRow("index 00 spaced") << head + " 00 " + tail;
        QTest::newRow("index 0 0") << head + "0 0" + tail;
        QTest::newRow("index +0") << head + "+0" + tail;
        QTest::newRow("index .0") << head + ".0" + tail;
        QTest::newRow("form feed is not JSON whitespace") << head + "\f0" + tail;
        QTest::newRow("vertical tab is not JSON whitespace") << head + "0\v" + tail;
        QTest::newRow("no-break space is not JSON whitespace") << head +
                                                                      "\xC2\xA0"
                                                                      "0" +
                                                                      tail;
        QTest::newRow("garbage after the object") << head + "0" + tail + "x";
        QTest::newRow("second object") << head + "0" + tail + "{}";
        QTest::newRow("object not closed") << head + "0" + tail.chopped(1);
        QTest::newRow("trailing comma") << head + "0" + tail.chopped(2) + ",}}";
        QTest::newRow("missing comma") << head + "0" + tail.sliced(1);
        QByteArray singleQuoted = delta(R"("x")");
        singleQuoted.replace('"', '\'');
        QTest::newRow("single quotes") << singleQuoted;
        QTest::newRow("unknown escape") << delta(R"("a\qb")");
        QTest::newRow("lone low surrogate") << delta(R"("\udc00")");
        QTest::newRow("NUL between tokens") << head + QByteArray("\0", 1) + "0" + tail;
    }

    void fastPathIsExactlyAsStrictAsTheParser()
    {
        QFETCH(QByteArray, data);
        QJsonParseError error;
        QJsonDocument::fromJson(data, &error);
        const bool parserAccepts = error.error == QJsonParseError::NoError;
        for (bool fast : {true, false}) {
            MessageAssembler a;
            a.setFastPathEnabled(fast);
            a.handle("message_start", kStart);
            a.handle("content_block_start", kBlock0);
            const Step step = a.handle("content_block_delta", data);
            if (parserAccepts) {
                QCOMPARE(step, Step::Text);
            } else {
                QCOMPARE(step, Step::Failed);
                QCOMPARE(a.error().kind, ErrorKind::Protocol);
            }
        }
    }

    void textBeyondTheLimitIsRefused()
    {
        MessageAssembler a(kBlock0.size() + 10); // the block's start counts too
        a.handle("message_start", kStart);
        a.handle("content_block_start", kBlock0);
        QCOMPARE(a.handle("content_block_delta", delta(R"("12345")")), Step::Text);
        QCOMPARE(a.handle("content_block_delta", delta(R"("123456")")), Step::Failed);
        QCOMPARE(a.error().kind, ErrorKind::Protocol);
    }

    // The limit covers the whole answer, not only its text: 300 MB of thinking took the CLI to
    // 783 MB before. Every kind of content counts; what arrived before the limit is kept.
    void everyKindOfContentCountsTowardsTheLimit_data()
    {
        QTest::addColumn<QJsonObject>("block"); // the block the deltas go to (index 1)
        QTest::addColumn<QJsonObject>("delta"); // ~100 bytes of content each
        const QString filler(100, QLatin1Char('a'));
        const QJsonObject text{{"type", "text"}, {"text", ""}};
        const QJsonObject thinking{{"type", "thinking"}, {"thinking", ""}};
        QTest::newRow("text") << text << QJsonObject{{"type", "text_delta"}, {"text", filler}};
        QTest::newRow("thinking") << thinking
                                  << QJsonObject{{"type", "thinking_delta"}, {"thinking", filler}};
        QTest::newRow("signature")
            << thinking << QJsonObject{{"type", "signature_delta"}, {"signature", filler}};
        QTest::newRow("tool input")
            << QJsonObject{{"type", "tool_use"},
                           {"id", "t"},
                           {"name", "n"},
                           {"input", QJsonObject{}}}
            << QJsonObject{{"type", "input_json_delta"}, {"partial_json", filler}};
        QTest::newRow("citations")
            << text
            << QJsonObject{
                   {"type", "citations_delta"},
                   {"citation", QJsonObject{{"type", "char_location"}, {"cited_text", filler}}}};
        QTest::newRow("a delta type not known yet")
            << text << QJsonObject{{"type", "sparkle_delta"}, {"sparkle", filler}};
    }

    void everyKindOfContentCountsTowardsTheLimit()
    {
        QFETCH(QJsonObject, block);
        QFETCH(QJsonObject, delta);
        MessageAssembler a(2000);
        a.handle("message_start", kStart);
        a.handle("content_block_start", kBlock0);
        QCOMPARE(a.handle("content_block_delta", ::delta(R"("kept")")), Step::Text);
        a.handle("content_block_stop", R"({"type":"content_block_stop","index":0})");
        QVERIFY(a.handle("content_block_start", compact({{"type", "content_block_start"},
                                                         {"index", 1},
                                                         {"content_block", block}})) !=
                Step::Failed);
        const QByteArray event =
            compact({{"type", "content_block_delta"}, {"index", 1}, {"delta", delta}});
        int accepted = 0;
        while (accepted < 100 && a.handle("content_block_delta", event) != Step::Failed)
            ++accepted;
        QVERIFY2(accepted >= 5 && accepted < 20, qPrintable(QString::number(accepted)));
        QCOMPARE(a.error().kind, ErrorKind::Protocol);
        QVERIFY2(a.error().message.contains(QStringLiteral("answer grew past")),
                 qPrintable(a.error().message));
        QCOMPARE(a.message().blocks[0].text, QByteArray("kept")); // what arrived is kept
        QCOMPARE(a.finish(), Step::Failed);
    }

    void blockStartsCountTowardsTheLimit()
    {
        MessageAssembler a(2000);
        a.handle("message_start", kStart);
        const QByteArray big(200, 'b');
        int index = 0;
        Step step = Step::Updated;
        while (index < 100 && step != Step::Failed) {
            step =
                a.handle("content_block_start",
                         R"({"type":"content_block_start","index":)" + QByteArray::number(index) +
                             R"(,"content_block":{"type":"server_tool_use","id":")" + big +
                             R"(","name":"web_search","input":{}}})");
            if (step != Step::Failed)
                a.handle("content_block_stop", R"({"type":"content_block_stop","index":)" +
                                                   QByteArray::number(index++) + "}");
        }
        QVERIFY2(index >= 5 && index < 10, qPrintable(QString::number(index)));
        QCOMPARE(a.error().kind, ErrorKind::Protocol);
    }

    // 2 million empty content blocks took 2.1 GB before.
    void theNumberOfBlocksIsLimited()
    {
        MessageAssembler a;
        a.handle("message_start", kStart);
        Step step = Step::Updated;
        qsizetype started = 0;
        for (; started <= MessageAssembler::kDefaultMaxBlocks && step != Step::Failed; ++started) {
            const QByteArray i = QByteArray::number(started);
            step = a.handle("content_block_start",
                            R"({"type":"content_block_start","index":)" + i +
                                R"(,"content_block":{"type":"text","text":""}})");
            if (step != Step::Failed)
                step = a.handle("content_block_stop",
                                R"({"type":"content_block_stop","index":)" + i + "}");
        }
        QCOMPARE(step, Step::Failed);
        QCOMPARE(a.message().blocks.size(), MessageAssembler::kDefaultMaxBlocks);
        QCOMPARE(a.error().kind, ErrorKind::Protocol);
        QVERIFY2(a.error().message.contains(QStringLiteral("content blocks")),
                 qPrintable(a.error().message));
    }

    void thinkingStopsAtTheDefaultLimit()
    {
        MessageAssembler a;
        a.handle("message_start", kStart);
        a.handle("content_block_start",
                 compact({{"type", "content_block_start"},
                          {"index", 0},
                          {"content_block", QJsonObject{{"type", "thinking"}, {"thinking", ""}}}}));
        const QJsonObject thinking{{"type", "thinking_delta"},
                                   {"thinking", QString(4 * 1024 * 1024, QLatin1Char('t'))}};
        const QByteArray event =
            compact({{"type", "content_block_delta"}, {"index", 0}, {"delta", thinking}});
        int accepted = 0;
        while (accepted < 100 && a.handle("content_block_delta", event) != Step::Failed)
            ++accepted;
        QCOMPARE(accepted, int(MessageAssembler::kDefaultMaxAnswerBytes / (4 * 1024 * 1024)) - 1);
        QCOMPARE(a.error().kind, ErrorKind::Protocol);
        QVERIFY(a.message().blocks[0].text.size() <= MessageAssembler::kDefaultMaxAnswerBytes);
    }

    // An index that is no int must not alias a real block (1e300, 2^32 and -1 are none).
    void anIndexThatIsNoIntOpensNoBlock_data()
    {
        QTest::addColumn<QByteArray>("index");
        QTest::newRow("1e300") << QByteArray("1e300");
        QTest::newRow("2^32") << QByteArray("4294967296");
        QTest::newRow("-1") << QByteArray("-1");
        QTest::newRow("0.5") << QByteArray("0.5");
        QTest::newRow("string") << QByteArray(R"("0")");
    }

    void anIndexThatIsNoIntOpensNoBlock()
    {
        QFETCH(QByteArray, index);
        MessageAssembler a;
        a.handle("message_start", kStart);
        a.handle("content_block_start", kBlock0);
        QCOMPARE(
            a.handle("content_block_delta", R"({"type":"content_block_delta","index":)" + index +
                                                R"(,"delta":{"type":"text_delta","text":"x"}})"),
            Step::Failed);
        QCOMPARE(a.error().kind, ErrorKind::Protocol);
        MessageAssembler b;
        b.handle("message_start", kStart);
        QCOMPARE(
            b.handle("content_block_start", R"({"type":"content_block_start","index":)" + index +
                                                R"(,"content_block":{"type":"text","text":""}})"),
            Step::Failed);
    }

    void usageThatIsNoCountIsIgnored()
    {
        MessageAssembler a;
        a.handle("message_start", kStart);
        QCOMPARE(
            a.handle(
                "message_delta",
                R"({"type":"message_delta","delta":{},"usage":{"output_tokens":1e300,"input_tokens":-4}})"),
            Step::Updated);
        QCOMPARE(a.message().usage.outputTokens, 1); // from message_start
        QCOMPARE(a.message().usage.inputTokens, 9);
    }

    // Found by fuzz_stream: thinking sent into a text block became part of the answer's text
    // without ever being streamed as text, so the message and what was shown disagreed.
    void aDeltaMustFitItsBlock_data()
    {
        QTest::addColumn<QJsonObject>("block");
        QTest::addColumn<QJsonObject>("delta");
        QTest::addColumn<bool>("fits");
        const QJsonObject text{{"type", "text"}, {"text", ""}};
        const QJsonObject thinking{{"type", "thinking"}, {"thinking", ""}};
        const QJsonObject tool{
            {"type", "tool_use"}, {"id", "t"}, {"name", "n"}, {"input", QJsonObject{}}};
        const QJsonObject serverTool{
            {"type", "server_tool_use"}, {"id", "s"}, {"name", "web_search"}};
        const QJsonObject textDelta{{"type", "text_delta"}, {"text", "x"}};
        const QJsonObject thinkingDelta{{"type", "thinking_delta"}, {"thinking", "x"}};
        const QJsonObject jsonDelta{{"type", "input_json_delta"}, {"partial_json", "{"}};
        QTest::newRow("thinking into text") << text << thinkingDelta << false;
        QTest::newRow("text into thinking") << thinking << textDelta << false;
        QTest::newRow("text into a tool") << tool << textDelta << false;
        QTest::newRow("tool input into text") << text << jsonDelta << false;
        QTest::newRow("tool input into thinking") << thinking << jsonDelta << false;
        QTest::newRow("tool input into a tool") << tool << jsonDelta << true;
        QTest::newRow("tool input into a server tool") << serverTool << jsonDelta << true;
        QTest::newRow("a signature into thinking")
            << thinking << QJsonObject{{"type", "signature_delta"}, {"signature", "s"}} << true;
    }

    void aDeltaMustFitItsBlock()
    {
        QFETCH(QJsonObject, block);
        QFETCH(QJsonObject, delta);
        QFETCH(bool, fits);
        for (bool fast : {true, false}) {
            MessageAssembler a;
            a.setFastPathEnabled(fast);
            a.handle("message_start", kStart);
            a.handle("content_block_start", kBlock0);
            a.handle("content_block_delta", ::delta(R"("shown")"));
            a.handle(
                "content_block_start",
                compact({{"type", "content_block_start"}, {"index", 1}, {"content_block", block}}));
            const Step step = a.handle(
                "content_block_delta",
                compact({{"type", "content_block_delta"}, {"index", 1}, {"delta", delta}}));
            QCOMPARE(step == Step::Failed, !fits);
            if (!fits) {
                QCOMPARE(a.error().kind, ErrorKind::Protocol);
                QVERIFY2(a.error().message.contains(delta.value("type").toString()),
                         qPrintable(a.error().message));
            }
            QCOMPARE(a.message().text(), QStringLiteral("shown"));
        }
    }

    void streamWithoutEventNamesIsReadByJsonType()
    {
        MessageAssembler a;
        QCOMPARE(a.handle("message", kStart), Step::Started);
        QCOMPARE(a.handle("message", kBlock0), Step::Updated);
        QCOMPARE(a.handle("message", delta(R"("x")")), Step::Text);
        QCOMPARE(a.handle("message", R"({"type":"message_stop"})"), Step::Stopped);
    }

    // A cited claim is a text block of its own; its citations stream as citations_delta before
    // its text (issue 16). They are kept on that block, the text stays on the fast path.
    void citationsAreKeptOnTheirTextBlock()
    {
        const QJsonObject citation{
            {"type", "page_location"}, {"cited_text", "The wall is 3 m high."},
            {"document_index", 0},     {"document_title", "report.pdf"},
            {"start_page_number", 2},  {"end_page_number", 3}};
        auto start = [](int index) {
            return compact({{"type", "content_block_start"},
                            {"index", index},
                            {"content_block", QJsonObject{{"type", "text"}, {"text", ""}}}});
        };
        auto stop = [](int index) {
            return compact({{"type", "content_block_stop"}, {"index", index}});
        };
        MessageAssembler a;
        QCOMPARE(a.handle("message_start", kStart), Step::Started);
        QCOMPARE(a.handle("content_block_start", start(0)), Step::Updated);
        QCOMPARE(a.handle("content_block_delta", delta("\"According to the report, \"")),
                 Step::Text);
        QCOMPARE(a.handle("content_block_stop", stop(0)), Step::Updated);
        QCOMPARE(a.handle("content_block_start", start(1)), Step::Updated);
        const QByteArray cite =
            compact({{"type", "content_block_delta"},
                     {"index", 1},
                     {"delta", QJsonObject{{"type", "citations_delta"}, {"citation", citation}}}});
        QCOMPARE(a.handle("content_block_delta", cite), Step::Updated);
        const qint64 parsed = a.fullParseCount();
        QCOMPARE(a.handle("content_block_delta", delta("\"the wall is 3 m high\"", 1)), Step::Text);
        QCOMPARE(a.fullParseCount(), parsed); // the text after a citation is still fast
        QCOMPARE(a.handle("content_block_stop", stop(1)), Step::Updated);
        QCOMPARE(a.handle("message_stop", R"({"type":"message_stop"})"), Step::Stopped);
        const AssistantMessage &m = a.message();
        QCOMPARE(m.text(), QStringLiteral("According to the report, the wall is 3 m high"));
        QVERIFY(m.blocks.at(0).citations.isEmpty());
        QCOMPARE(m.blocks.at(1).citations, QJsonArray{citation});

        // Without streaming, the block carries its list.
        const AssistantMessage whole = AssistantMessage::fromJson(
            {{"content",
              QJsonArray{QJsonObject{
                  {"type", "text"}, {"text", "tall"}, {"citations", QJsonArray{citation}}}}}});
        QCOMPARE(whole.blocks.at(0).citations, QJsonArray{citation});
    }

    // A server streaming 20,000 citations into one block froze the window (issue 16): an answer
    // keeps AssistantMessage::kMaxCitations of them and counts the rest.
    void thousandsOfCitationsAreCappedAndCounted()
    {
        MessageAssembler a;
        QCOMPARE(a.handle("message_start", kStart), Step::Started);
        QCOMPARE(a.handle("content_block_start", kBlock0), Step::Updated);
        const int sent = 20'000;
        for (int i = 0; i < sent; ++i) {
            const QJsonObject citation{{"type", "page_location"},
                                       {"cited_text", QStringLiteral("text %1").arg(i)},
                                       {"document_index", 0},
                                       {"start_page_number", i % 50 + 1},
                                       {"end_page_number", i % 50 + 2}};
            QCOMPARE(a.handle("content_block_delta",
                              compact({{"type", "content_block_delta"},
                                       {"index", 0},
                                       {"delta", QJsonObject{{"type", "citations_delta"},
                                                             {"citation", citation}}}})),
                     Step::Updated);
        }
        QCOMPARE(a.handle("content_block_delta", delta(R"("cited")")), Step::Text);
        const AssistantMessage &m = a.message();
        QCOMPARE(m.blocks.at(0).citations.size(), AssistantMessage::kMaxCitations);
        QCOMPARE(m.citationsKept, AssistantMessage::kMaxCitations);
        QCOMPARE(m.citationsDropped, sent - AssistantMessage::kMaxCitations);
        // The first ones are kept, in order.
        QCOMPARE(m.blocks.at(0).citations.at(0).toObject().value("cited_text").toString(),
                 QStringLiteral("text 0"));

        // A whole (not streamed) answer too.
        QJsonArray list;
        for (int i = 0; i < 1500; ++i)
            list.append(QJsonObject{{"type", "char_location"}, {"start_char_index", i}});
        const AssistantMessage whole = AssistantMessage::fromJson(
            {{"content",
              QJsonArray{QJsonObject{{"type", "text"}, {"text", "a"}, {"citations", list}},
                         QJsonObject{{"type", "text"}, {"text", "b"}, {"citations", list}}}}});
        QCOMPARE(whole.blocks.at(0).citations.size(), AssistantMessage::kMaxCitations);
        QCOMPARE(whole.blocks.at(1).citations.size(), 0);
        QCOMPARE(whole.citationsDropped, 3000 - AssistantMessage::kMaxCitations);
    }

    void aCitationOnAnotherBlockIsIgnoredButCounted()
    {
        MessageAssembler a(300);
        QCOMPARE(a.handle("message_start", kStart), Step::Started);
        QCOMPARE(
            a.handle("content_block_start",
                     compact({{"type", "content_block_start"},
                              {"index", 0},
                              {"content_block",
                               QJsonObject{{"type", "tool_use"}, {"id", "t"}, {"name", "n"}}}})),
            Step::Updated);
        const QByteArray cite =
            compact({{"type", "content_block_delta"},
                     {"index", 0},
                     {"delta", QJsonObject{{"type", "citations_delta"},
                                           {"citation", QJsonObject{{"cited_text", "x"}}}}}});
        QCOMPARE(a.handle("content_block_delta", cite), Step::Ignored);
        QVERIFY(a.message().blocks.at(0).citations.isEmpty());
        Step last = Step::Ignored;
        for (int i = 0; i < 10 && last != Step::Failed; ++i)
            last = a.handle("content_block_delta", cite);
        QCOMPARE(last, Step::Failed); // an endless run of them ends at the answer's limit
    }
};

QTEST_GUILESS_MAIN(TestMessageAssembler)
#include "tst_messageassembler.moc"
