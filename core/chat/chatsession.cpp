#include "chatsession.h"

#include "contextcompressor.h"

#include "logging.h"
#include "pricetable.h"
#include "resilience/resilientclient.h"
#include "streamstats.h"

namespace bw {

ChatSession::ChatSession(ResilientClient *engine, Conversation *conversation,
                         const PriceTable *prices, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_conversation(conversation)
    , m_prices(prices)
    , m_stats(new StreamStats(engine->clock(), this))
{}

ChatSession::~ChatSession()
{
    if (m_call)
        m_call->disconnect(this);
    if (m_call)
        m_call->cancel();
}

void ChatSession::setConversation(Conversation *conversation)
{
    stop();
    m_conversation = conversation;
}

void ChatSession::setActive(int index)
{
    const bool wasBusy = isBusy();
    m_activeIndex = index;
    if (wasBusy != isBusy())
        Q_EMIT busyChanged(isBusy());
}

bool ChatSession::send(const QString &text, QString *whyNot)
{
    if (text.trimmed().isEmpty()) {
        if (whyNot)
            *whyNot = tr("There is nothing to send.");
        return false;
    }
    if (isBusy()) {
        if (whyNot)
            *whyNot = tr("Wait for the current answer, or stop it first.");
        return false;
    }
    m_conversation->append(ChatMessage::user(text));
    const int index = m_conversation->append(ChatMessage::assistant(m_model));
    startAnswer(index);
    return true;
}

bool ChatSession::retry(int index)
{
    if (isBusy() || index < 1 || index >= m_conversation->count() ||
        !m_conversation->at(index).isAssistant())
        return false;
    const MessageStatus status = m_conversation->at(index).status;
    if (status != MessageStatus::Failed && status != MessageStatus::Interrupted)
        return false;
    m_conversation->update(index, [this](ChatMessage &m) {
        const QString id = m.id;
        m = ChatMessage::assistant(m_model);
        m.id = id;
    });
    startAnswer(index);
    return true;
}

void ChatSession::stop()
{
    if (m_preparing) {
        m_preparing = false;
        if (m_compressor)
            m_compressor->cancel();
        finishAnswer(false, ApiError::make(ErrorKind::Cancelled, tr("stopped")));
        return;
    }
    if (m_call)
        m_call->cancel(); // ends through finishAnswer
}

QList<ChatTurn> ChatSession::turnsFrom(const QList<ChatMessage> &messages, int begin, int end)
{
    QList<ChatTurn> turns;
    for (int i = begin; i < end && i < messages.size(); ++i) {
        const ChatMessage &m = messages[i];
        if (m.text.trimmed().isEmpty())
            continue;
        if (turns.isEmpty() && !m.isUser())
            continue; // the API's first turn is the user's
        if (!turns.isEmpty() && turns.last().role == m.role)
            turns.last().text += QStringLiteral("\n\n") + m.text;
        else
            turns.append({m.role, m.text});
    }
    return turns;
}

MessageRequest ChatSession::requestFor(int assistantIndex) const
{
    return ContextCompressor::requestFor(*m_conversation, assistantIndex, m_model, m_maxTokens);
}

void ChatSession::startAnswer(int index)
{
    setActive(index);
    m_stats->start();
    if (!m_compressor || !m_compressor->settings().enabled()) {
        startCall(index);
        return;
    }
    m_preparing = true;
    QPointer<Conversation> conversation = m_conversation;
    m_compressor->prepare(m_conversation, index, m_model,
                          [this, index, conversation](const ContextCompressor::Outcome &o) {
                              if (!m_preparing || conversation != m_conversation ||
                                  m_activeIndex != index)
                                  return; // stopped meanwhile
                              m_preparing = false;
                              if (o.kind == ContextCompressor::Outcome::Kind::Failed) {
                                  ApiError e = ApiError::make(ErrorKind::TooLarge, o.message);
                                  finishAnswer(false, e);
                                  return;
                              }
                              startCall(index);
                          });
}

void ChatSession::startCall(int index)
{
    const MessageRequest request = requestFor(index);
    GuardedCall *call = m_engine->stream(request, this);
    m_call = call;
    connect(call, &GuardedCall::attemptStarted, this, [this](int n) {
        m_conversation->update(m_activeIndex, [n](ChatMessage &m) { m.attempts = n; });
    });
    connect(call, &GuardedCall::committed, this, [this] { m_stats->recordFirstToken(); });
    connect(call, &GuardedCall::textReceived, this, [this](const QByteArray &utf8, int deltas) {
        m_stats->recordText(deltas);
        m_conversation->appendText(m_activeIndex, QString::fromUtf8(utf8));
    });
    connect(call, &GuardedCall::usageUpdated, this,
            [this](const Usage &u) { m_stats->recordUsage(u); });
    connect(call, &GuardedCall::finished, this, [this] { finishAnswer(true, {}); });
    connect(call, &GuardedCall::failed, this,
            [this](const ApiError &e) { finishAnswer(false, e); });
    Q_EMIT callStarted(call, index);
    if (const QString problem = request.validate(); !problem.isEmpty()) {
        m_call = nullptr;
        call->deleteLater();
        finishAnswer(false, ApiError::make(ErrorKind::InvalidRequest, problem));
        return;
    }
    call->start();
}

void ChatSession::finishAnswer(bool ok, const ApiError &error)
{
    const int index = m_activeIndex;
    if (index < 0)
        return;
    const AssistantMessage message = m_call ? m_call->message() : AssistantMessage{};
    m_call = nullptr;
    m_stats->finish();
    m_conversation->update(index, [&](ChatMessage &m) {
        m.finished = QDateTime::currentDateTimeUtc();
        if (!message.model.isEmpty())
            m.model = message.model;
        m.usage = m_stats->usage();
        m.stopReason = message.stopReason;
        m.timeToFirstTokenMs = m_stats->timeToFirstTokenMs();
        m.outputTokensPerSecond = m_stats->tokensPerSecond();
        m.costUsd = m_prices ? m_prices->cost(m.model, m.usage) : 0;
        if (ok) {
            m.status = MessageStatus::Complete;
            m.errorKind = ErrorKind::None;
            m.errorText.clear();
            return;
        }
        m.status = m.text.isEmpty() ? MessageStatus::Failed : MessageStatus::Interrupted;
        m.errorKind = error.kind;
        m.errorText = error.kind == ErrorKind::Cancelled
                          ? (m.text.isEmpty() ? tr("Stopped before the answer began.")
                                              : tr("Stopped. What arrived is kept."))
                          : error.sentence() + QStringLiteral("\n") + error.advice();
    });
    setActive(-1);
    qCDebug(lcChat) << "answer" << index << (ok ? "finished" : "failed");
    if (ok)
        Q_EMIT answerFinished(index);
    else
        Q_EMIT answerFailed(index, error);
}

} // namespace bw
