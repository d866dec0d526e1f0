#pragma once

#include "apierror.h"
#include "assistantmessage.h"
#include "textdeltaparser.h"

#include <QByteArrayView>
#include <QCoreApplication>

namespace bw {

// Folds the events of a Messages API stream into an AssistantMessage.
// Tolerant where the API says to be (ping, unknown events, unknown delta types are ignored),
// strict where a client must be (invalid JSON, events out of order, a delta for another kind of
// block -> protocol; an `error` event -> its kind; end of stream before message_stop ->
// incomplete, never success).
// Bounded whatever the server sends: the whole answer (text, thinking, tool input, block starts,
// signatures, citations and the deltas it does not keep) may not pass
// maxAnswerBytes, nor its content blocks maxBlocks; past either it fails with a protocol error
// and keeps what arrived.
class MessageAssembler final
{
    Q_DECLARE_TR_FUNCTIONS(bw::MessageAssembler)

public:
    enum class Step {
        Ignored,  // ping, unknown event or delta type, a delta not kept
        Started,  // message_start
        Text,     // a text delta: see lastText()
        Thinking, // a thinking delta: see lastText()
        Updated,  // block start/stop, signature, citation or tool input, message_delta
        Stopped,  // message_stop: the message is complete
        Failed,   // see error()
    };

    static constexpr qsizetype kDefaultMaxAnswerBytes = 64 * 1024 * 1024;
    // Real answers have tens of blocks, hundreds with many citations; 2 million empty ones took
    // 2.1 GB before this limit.
    static constexpr qsizetype kDefaultMaxBlocks = 10'000;

    explicit MessageAssembler(qsizetype maxAnswerBytes = kDefaultMaxAnswerBytes,
                              qsizetype maxBlocks = kDefaultMaxBlocks);

    // The text fast path is on by default; the fuzzers turn it off to check that the full
    // parser assembles the very same message from the same events.
    void setFastPathEnabled(bool enabled) { m_fastPath = enabled; }

    Step handle(QByteArrayView eventType, QByteArrayView data);
    // Call at the end of the stream: Stopped if message_stop was seen, else Failed (incomplete).
    Step finish();

    // The UTF-8 text of the last Text or Thinking step; valid until the next handle().
    QByteArrayView lastText() const { return m_lastText; }
    const AssistantMessage &message() const { return m_message; }
    const ApiError &error() const { return m_error; }
    bool isStarted() const { return m_state != State::Idle; }
    bool isStopped() const { return m_state == State::Stopped; }
    qint64 textDeltaCount() const { return m_textDeltas; }
    qint64 thinkingDeltaCount() const { return m_thinkingDeltas; }
    // Events the full JSON parser read: what the fast path left to it (tests and the benchmark
    // watch the fast path with it).
    qint64 fullParseCount() const { return m_fullParses; }

private:
    enum class State { Idle, Streaming, Stopped, Failed };

    Step handleJson(QByteArrayView eventType, QByteArrayView data);
    Step appendText(ContentBlock &block, QByteArrayView utf8, bool thinking = false);
    Step fail(ErrorKind kind, QString message);
    // Counts `bytes` against the answer's limit; past it, fails and returns false.
    bool spend(qsizetype bytes);
    ContentBlock *openBlock(int index);

    qsizetype m_maxAnswerBytes;
    qsizetype m_maxBlocks;
    qsizetype m_answerBytes = 0;
    qint64 m_textDeltas = 0;
    qint64 m_thinkingDeltas = 0;
    qint64 m_fullParses = 0;
    bool m_fastPath = true;
    State m_state = State::Idle;
    AssistantMessage m_message;
    ApiError m_error;
    QByteArrayView m_lastText;
    TextDeltaParser m_textDelta;
    QByteArray m_scratch; // decoded text of the last text delta read by the full parser
};

} // namespace bw
