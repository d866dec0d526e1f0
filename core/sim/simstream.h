#pragma once

#include "simbehaviour.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

namespace bw::sim {

class SimConnection;

struct StreamPlan
{
    QStringList tokens;
    QString model;
    QByteArray messageId;
    qint64 inputTokens = 0;
    QJsonObject cacheUsage; // the usage's cache fields (SimPromptCache::Usage::toJson())
    QString stopReason = QStringLiteral("end_turn");
    QJsonObject stopDetails; // e.g. a refusal's category and explanation
    // Thinking before the text: thinking_delta per token, then one signature_delta.
    QStringList thinkingTokens;
    QByteArray signature;
    QByteArray redactedData; // non-empty: a redacted_thinking block before the text
    // From token `citedFrom` on, the text is a block of its own that carries these citations
    // (citations_delta events before its text).
    QJsonArray citations;
    int citedFrom = -1;
    int ttftMs = 0;
    double tokensPerSecond = 0; // 0: as fast as the socket takes them
    SimBehaviour behaviour;
    QList<QPair<QByteArray, QByteArray>> headers;
    int holdAfterStopMs = 0; // the response ends this long after message_stop
};

// Writes one Messages API event stream onto a connection, paced, applying a mid-stream fault.
class SimStream final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimStream)

public:
    SimStream(SimConnection *connection, StreamPlan plan, QObject *parent = nullptr);
    ~SimStream() override;

    void start();

    // Serialised events, shared with the non-streaming path and tests.
    static QByteArray event(QByteArrayView name, QByteArrayView json);
    static QByteArray jsonString(const QString &text);

Q_SIGNALS:
    void messageStopped(); // message_stop was written (the response may end later)
    void ended();

private:
    void beginTokens();
    void pump();                    // fast mode: write while the socket keeps up
    void tick();                    // paced mode
    bool emitNext(QByteArray &out); // false when the stream must stop writing for now
    bool applyFault(QByteArray &out);
    void writeOut(QByteArray &out);
    void send(QByteArrayView bytes);
    void resume(bool fast);
    void finishMessage();
    void end();
    QByteArray tokenEvent(const QString &token);
    QByteArray thinkingEvent(const QString &token);
    void openText(QByteArray &out);  // ends the thinking, opens the text block
    void openCited(QByteArray &out); // ends the text block, opens the cited one
    int textIndex() const;
    int faultAt() const;

    QPointer<SimConnection> m_connection;
    StreamPlan m_plan;
    QTimer m_timer;
    QElapsedTimer m_clock;
    int m_emitted = 0;
    qint64 m_paceBase = 0;
    bool m_faultDone = false;
    bool m_stopped = false;
    bool m_fast = false;
    QHash<QString, QByteArray> m_eventCache;
    bool m_textOpen = false;
    bool m_citedOpen = false;  // the cited text block follows the first one
    QByteArray m_uncompressed; // gzip-sse: the whole stream, compressed and sent at its end
};

} // namespace bw::sim
