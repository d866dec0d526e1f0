#pragma once

#include "api/messagerequest.h"
#include "contextcompressor.h"
#include "conversation.h"
#include "resilience/guardedcall.h"

#include <QObject>
#include <QPointer>

namespace bw {

class PriceTable;
class ResilientClient;
class StreamStats;

// Drives one conversation through the engine: appends the user's turn, streams the answer into
// the conversation under the guard, records its statistics, and marks it interrupted or failed
// (keeping every word that arrived) when it cannot finish. The CLI and the window share it.
class ChatSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatSession)

public:
    ChatSession(ResilientClient *engine, Conversation *conversation, const PriceTable *prices,
                QObject *parent = nullptr);
    ~ChatSession() override;

    Conversation *conversation() const { return m_conversation; }
    void setConversation(Conversation *conversation); // stops a running answer first
    ResilientClient *engine() const { return m_engine; }
    const QString &model() const { return m_model; }
    void setModel(const QString &model) { m_model = model; }
    int maxTokens() const { return m_maxTokens; }
    void setMaxTokens(int maxTokens) { m_maxTokens = maxTokens; }

    // Compression before each request (pattern 8); none when null.
    void setCompressor(ContextCompressor *compressor) { m_compressor = compressor; }
    ContextCompressor *compressor() const { return m_compressor; }

    // Sends a prompt; false (with `whyNot`) when empty or while an answer is running.
    bool send(const QString &text, QString *whyNot = nullptr);
    // Asks again for the answer at `index` (a failed or interrupted one); its text is replaced.
    bool retry(int index);
    // Stops the running answer at any moment; what arrived stays, marked interrupted.
    void stop();

    bool isBusy() const { return m_activeIndex >= 0; }
    bool isCompressing() const { return m_preparing; }
    int activeIndex() const { return m_activeIndex; }
    GuardedCall *activeCall() const { return m_call; }
    StreamStats *stats() const { return m_stats; }

    // The request answering the turns before `assistantIndex`.
    MessageRequest requestFor(int assistantIndex) const;
    // API turns from the transcript: empty answers skipped, consecutive same-role turns joined
    // (the API would merge them anyway), so roles alternate and the first is the user's.
    static QList<ChatTurn> turnsFrom(const QList<ChatMessage> &messages, int begin, int end);

Q_SIGNALS:
    void busyChanged(bool busy);
    void callStarted(bw::GuardedCall *call, int index);
    void answerFinished(int index);
    void answerFailed(int index, const bw::ApiError &error);

private:
    void startAnswer(int index);
    void startCall(int index);
    void finishAnswer(bool ok, const ApiError &error);
    void setActive(int index);

    ResilientClient *m_engine;
    QPointer<Conversation> m_conversation;
    const PriceTable *m_prices;
    StreamStats *m_stats;
    QPointer<GuardedCall> m_call;
    QPointer<ContextCompressor> m_compressor;
    bool m_preparing = false;
    QString m_model;
    int m_maxTokens = 4096;
    int m_activeIndex = -1;
};

} // namespace bw
