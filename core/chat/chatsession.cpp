#include "chatsession.h"

#include "answerjob.h"
#include "autosaver.h"
#include "base/clock.h"
#include "contextcompressor.h"
#include "conversation.h"
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
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel();
    }
}

Conversation *ChatSession::conversation() const
{
    return m_conversation;
}

bool ChatSession::isBusy() const
{
    return m_job != nullptr;
}

AnswerJob *ChatSession::activeJob() const
{
    return m_job;
}

void ChatSession::setCompressor(ContextCompressor *compressor)
{
    m_compressor = compressor;
}

ContextCompressor *ChatSession::compressor() const
{
    return m_compressor;
}

void ChatSession::setAutosaver(Autosaver *autosaver)
{
    m_autosaver = autosaver;
}

void ChatSession::setConversation(Conversation *conversation)
{
    stop();
    m_conversation = conversation;
}

AnswerJob *ChatSession::send(const QString &text, QString *whyNot)
{
    if (text.trimmed().isEmpty()) {
        if (whyNot)
            *whyNot = tr("There is nothing to send.");
        return nullptr;
    }
    if (!canStart(whyNot))
        return nullptr;
    const QDateTime now = m_engine->clock()->wallNow();
    if (!m_conversation->created().isValid())
        m_conversation->setCreated(now);
    m_conversation->append(ChatMessage::user(text, now));
    return startAnswer(m_conversation->append(ChatMessage::assistant(m_model, now)));
}

bool ChatSession::canStart(QString *whyNot) const
{
    if (isBusy()) {
        if (whyNot)
            *whyNot = tr("Wait for the current answer, or stop it first.");
        return false;
    }
    if (m_compressor && m_compressor->isBusy()) {
        // One compression at a time: Compress now is still folding this conversation.
        if (whyNot)
            *whyNot = tr("Wait until the conversation is compressed.");
        return false;
    }
    return true;
}

AnswerJob *ChatSession::regenerate(int index, QString *whyNot)
{
    if (!canStart(whyNot))
        return nullptr;
    if (index < 1 || index >= m_conversation->count() || !m_conversation->at(index).isAssistant()) {
        if (whyNot)
            *whyNot = tr("Only an answer can be regenerated.");
        return nullptr;
    }
    return startAnswer(m_conversation->addVersion(
        index, ChatMessage::assistant(m_model, m_engine->clock()->wallNow())));
}

AnswerJob *ChatSession::edit(int index, const QString &text, QString *whyNot)
{
    if (text.trimmed().isEmpty()) {
        if (whyNot)
            *whyNot = tr("There is nothing to send.");
        return nullptr;
    }
    if (!canStart(whyNot))
        return nullptr;
    if (index < 0 || index >= m_conversation->count() || !m_conversation->at(index).isUser()) {
        if (whyNot)
            *whyNot = tr("Only your own messages can be edited.");
        return nullptr;
    }
    const QDateTime now = m_engine->clock()->wallNow();
    m_conversation->addVersion(index, ChatMessage::user(text, now));
    return startAnswer(m_conversation->append(ChatMessage::assistant(m_model, now)));
}

AnswerJob *ChatSession::retry(int index)
{
    if (!canStart(nullptr) || index < 1 || index >= m_conversation->count() ||
        !m_conversation->at(index).isAssistant())
        return nullptr;
    const ChatMessage &failed = m_conversation->at(index);
    if (failed.status != MessageStatus::Failed && failed.status != MessageStatus::Interrupted)
        return nullptr;
    if (!failed.text.isEmpty())
        return regenerate(index); // the partial text stays, as a version of its own
    const QDateTime now = m_engine->clock()->wallNow();
    m_conversation->update(index, [this, &now](ChatMessage &m) {
        ChatMessage fresh = ChatMessage::assistant(m_model, now);
        fresh.id = m.id;
        fresh.parentId = m.parentId;
        fresh.shownChildId = m.shownChildId;
        m = fresh;
    });
    return startAnswer(index);
}

void ChatSession::stop()
{
    if (m_job)
        m_job->cancel(); // ends through the job's final signal
}

MessageRequest ChatSession::requestFor(int assistantIndex) const
{
    return ContextCompressor::requestFor(*m_conversation, assistantIndex, m_model, m_maxTokens);
}

AnswerJob *ChatSession::startAnswer(int index)
{
    AnswerJob::Setup setup;
    setup.engine = m_engine;
    setup.conversation = m_conversation;
    setup.index = index;
    setup.model = m_model;
    setup.maxTokens = m_maxTokens;
    setup.compressor = m_compressor;
    setup.autosaver = m_autosaver;
    setup.prices = m_prices;
    setup.stats = m_stats;
    auto *job = new AnswerJob(setup, this);
    m_job = job;
    // First in line: the session is idle again before anyone else hears the outcome.
    auto idle = [this, job] {
        if (m_job == job)
            m_job = nullptr;
        Q_EMIT busyChanged(false);
    };
    connect(job, &AnswerJob::finished, this, idle);
    connect(job, &AnswerJob::failed, this, idle);
    if (Autosaver *saver = m_autosaver) {
        // The answer's end is on disk at once, not at the autosaver's next timer.
        QPointer<Conversation> conversation = m_conversation;
        connect(job, &AnswerJob::ended, saver, [saver, conversation] {
            if (conversation && saver->conversation() == conversation)
                saver->saveNow();
        });
    }
    Q_EMIT busyChanged(true);
    Q_EMIT answerStarted(job);
    job->start();
    return job;
}

} // namespace bw
