#pragma once

#include "apierror.h"
#include "assistantmessage.h"

#include <QByteArrayView>
#include <QCoreApplication>

namespace bw {

// Folds the events of a Messages API stream into an AssistantMessage.
// Tolerant where the API says to be (ping, unknown events, unknown delta types are ignored),
// strict where a client must be (invalid JSON, events out of order -> protocol; an `error`
// event -> its kind; end of stream before message_stop -> incomplete, never success).
class MessageAssembler final
{
    Q_DECLARE_TR_FUNCTIONS(bw::MessageAssembler)

public:
    enum class Step {
        Ignored,  // ping, unknown event or delta type, non-text delta
        Started,  // message_start
        Text,     // a text delta: see lastText()
        Thinking, // a thinking delta: see lastText()
        Updated,  // block start/stop, message_delta (usage, stop reason)
        Stopped,  // message_stop: the message is complete
        Failed,   // see error()
    };

    static constexpr qsizetype kDefaultMaxTextBytes = 64 * 1024 * 1024;

    explicit MessageAssembler(qsizetype maxTextBytes = kDefaultMaxTextBytes);

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

private:
    enum class State { Idle, Streaming, Stopped, Failed };

    Step handleJson(QByteArrayView eventType, QByteArrayView data);
    Step appendText(int index, QByteArrayView utf8, bool thinking = false);
    Step fail(ErrorKind kind, QString message);
    ContentBlock *openBlock(int index);

    qsizetype m_maxTextBytes;
    qsizetype m_textBytes = 0;
    qint64 m_textDeltas = 0;
    qint64 m_thinkingDeltas = 0;
    State m_state = State::Idle;
    AssistantMessage m_message;
    ApiError m_error;
    QByteArrayView m_lastText;
    QByteArray m_scratch; // decoded text of the last fast-path delta
};

} // namespace bw
