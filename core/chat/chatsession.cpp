#include "chatsession.h"

#include "answerjob.h"
#include "api/anthropicclient.h"
#include "autosaver.h"
#include "base/clock.h"
#include "contextcompressor.h"
#include "conversation.h"
#include "modelcatalogue.h"
#include "requestpreparer.h"
#include "resilience/guardedcall.h"
#include "resilience/resilientclient.h"
#include "spendmeter.h"
#include "streamstats.h"

#include <QLocale>

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

SpendMeter *ChatSession::spendMeter() const
{
    return m_meter;
}

void ChatSession::setSpendMeter(SpendMeter *meter, bool tracked)
{
    m_meter = meter;
    m_trackConversation = tracked;
}

void ChatSession::setConversation(Conversation *conversation)
{
    stop();
    m_conversation = conversation;
}

AnswerJob *ChatSession::send(const QString &text, QString *whyNot)
{
    return send(text, {}, whyNot);
}

AnswerJob *ChatSession::send(const QString &text, const QList<Attachment> &attachments,
                             QString *whyNot)
{
    if (text.trimmed().isEmpty() && attachments.isEmpty()) {
        if (whyNot)
            *whyNot = tr("There is nothing to send.");
        return nullptr;
    }
    if (!canStart(whyNot))
        return nullptr;
    const QDateTime now = m_engine->clock()->wallNow();
    if (!m_conversation->created().isValid())
        m_conversation->setCreated(now);
    QList<Attachment> files = attachments;
    for (Attachment &a : files)
        a.data.clear(); // the store keeps the bytes; the conversation what describes them
    m_conversation->append(ChatMessage::user(text, now, files));
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

bool ChatSession::withinBudget(QString *whyNot)
{
    if (!m_meter)
        return true;
    const BudgetVerdict verdict =
        m_meter->check(m_trackConversation ? m_conversation->id() : QString(), m_overBudgetOnce);
    if (!verdict.isReached())
        return true;
    m_refusal = ApiError::make(ErrorKind::Budget, tr("%1 Not sent.").arg(verdict.sentence()));
    if (whyNot)
        *whyNot = m_refusal.message;
    return false;
}

AnswerJob *ChatSession::regenerate(int index, QString *whyNot)
{
    m_refusal = {};
    if (!canStart(whyNot))
        return nullptr;
    if (index < 1 || index >= m_conversation->count() || !m_conversation->at(index).isAssistant()) {
        if (whyNot)
            *whyNot = tr("Only an answer can be regenerated.");
        return nullptr;
    }
    if (!withinBudget(whyNot))
        return nullptr;
    return startAnswer(m_conversation->addVersion(
        index, ChatMessage::assistant(m_model, m_engine->clock()->wallNow())));
}

AnswerJob *ChatSession::edit(int index, const QString &text, QString *whyNot)
{
    m_refusal = {};
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
    if (!withinBudget(whyNot))
        return nullptr;
    const QDateTime now = m_engine->clock()->wallNow();
    // The new version keeps the prompt's files: only its words were edited.
    m_conversation->addVersion(index,
                               ChatMessage::user(text, now, m_conversation->at(index).attachments));
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
    if (!failed.text.isEmpty() || failed.hasThinking())
        return regenerate(index); // what arrived stays, as a version of its own
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

ModelInfo ChatSession::modelInfo() const
{
    return m_catalogue ? m_catalogue->info(m_model) : ModelInfo::unknown(m_model);
}

int ChatSession::effectiveMaxTokens() const
{
    return modelInfo().maxTokensFor(m_maxTokens);
}

MessageRequest ChatSession::requestFor(int assistantIndex) const
{
    const int maxTokens = effectiveMaxTokens();
    MessageRequest r =
        ContextCompressor::requestFor(*m_conversation, assistantIndex, m_model, maxTokens);
    r.setThinking(
        m_conversation->thinking().value_or(m_thinking).resolvedFor(modelInfo(), maxTokens));
    r.setPromptCache(m_promptCache);
    return r;
}

ChatSession::ContextUse ChatSession::estimateContext(const QString &pending,
                                                     const QList<Attachment> &attachments) const
{
    ContextUse use;
    use.window = modelInfo().contextWindow;
    if (!m_conversation)
        return use;
    const int end = m_conversation->count();
    use.tokens = ContextCompressor::estimateTokens(*m_conversation, end) + (pending.size() + 3) / 4;
    for (const Attachment &a : attachments)
        use.tokens += a.estimatedTokens().high;
    return use;
}

void ChatSession::countContext(const QString &pending, QObject *context,
                               std::function<void(const ContextUse &)> done,
                               const QList<Attachment> &attachments)
{
    ContextUse estimate = estimateContext(pending, attachments);
    if (!m_conversation) {
        QMetaObject::invokeMethod(
            context, [done, estimate] { done(estimate); }, Qt::QueuedConnection);
        return;
    }
    MessageRequest request = requestFor(m_conversation->count());
    if (!pending.trimmed().isEmpty() || !attachments.isEmpty()) {
        QList<ChatTurn> turns = request.messages();
        if (turns.isEmpty() || turns.last().role != u"user")
            turns.append({QStringLiteral("user"), QString(), {}});
        ChatTurn &last = turns.last();
        if (!pending.trimmed().isEmpty())
            last.text += (last.text.isEmpty() ? QString() : QStringLiteral("\n\n")) + pending;
        last.attachments += attachments;
        request.setMessages(turns);
    }
    if (request.messages().isEmpty()) {
        QMetaObject::invokeMethod(
            context, [done, estimate] { done(estimate); }, Qt::QueuedConnection);
        return;
    }
    countTokens(request, context, [done, estimate](qint64 tokens) {
        ContextUse use = estimate;
        if (tokens >= 0) {
            use.tokens = tokens;
            use.counted = true;
        }
        done(use);
    });
}

void ChatSession::countAttachments(const QList<Attachment> &attachments, QObject *context,
                                   std::function<void(qint64)> done)
{
    MessageRequest request;
    request.setModel(m_model);
    // The files with a word: count_tokens takes no message without text or file, and one
    // character more is noise in the count.
    request.setMessages({{QStringLiteral("user"), QStringLiteral("."), {}, attachments}});
    countTokens(request, context, std::move(done));
}

void ChatSession::countTokens(const MessageRequest &request, QObject *context,
                              std::function<void(qint64)> done)
{
    QPointer<ResilientClient> engine = m_engine;
    auto count = [engine, context, done](const MessageRequest &ready) {
        if (!engine) {
            done(-1);
            return;
        }
        // Under the model's breaker: count_tokens is answered per model, like the answer itself.
        GuardedCall *call = engine->call(
            ready.model(), [ready](AnthropicClient &client) { return client.countTokens(ready); },
            context);
        call->setMaxAttempts(1); // a figure for a gauge: not worth a wait
        connect(call, &GuardedCall::finished, context, [call, done] {
            const double tokens = call->json().value(QLatin1String("input_tokens")).toDouble(-1);
            done(tokens >= 0 && tokens < 1e12 ? qint64(tokens) : -1);
        });
        connect(call, &GuardedCall::failed, context, [done] { done(-1); });
        call->start();
    };
    if (request.attachments().isEmpty()) {
        count(request);
        return;
    }
    // The files' bytes are read and the body encoded off this thread first.
    RequestPreparer::prepareAsync(request, m_attachments, MessageRequest::Body::CountTokens,
                                  context, [count, done](const RequestPreparer::Prepared &p) {
                                      if (p.error.isError() || !p.missing.isEmpty())
                                          done(-1);
                                      else
                                          count(p.request);
                                  });
}

QString ChatSession::continuePrompt()
{
    return tr("Please continue exactly where you stopped.");
}

AnswerJob *ChatSession::continueAnswer(QString *whyNot)
{
    return send(continuePrompt(), whyNot);
}

AnswerJob *ChatSession::retryWithHigherLimit(int index, QString *whyNot)
{
    m_refusal = {};
    if (!canStart(whyNot))
        return nullptr;
    if (!m_conversation || index < 0 || index >= m_conversation->count() ||
        !m_conversation->at(index).isAssistant()) {
        if (whyNot)
            *whyNot = tr("there is no such answer");
        return nullptr;
    }
    const ModelInfo info = modelInfo();
    const int largest = info.limitsKnown ? info.maxOutputTokens : 1'000'000;
    const qint64 used = m_conversation->at(index).usage.outputTokens;
    const int now = std::max<qint64>(effectiveMaxTokens(), used) > INT_MAX / 2
                        ? INT_MAX / 2
                        : int(std::max<qint64>(effectiveMaxTokens(), used));
    const int higher = std::min(largest, now * 2);
    if (higher <= now) {
        if (whyNot)
            *whyNot = tr("the answer already had the model's largest limit (%1 tokens)")
                          .arg(QLocale().toString(largest));
        return nullptr;
    }
    if (!withinBudget(whyNot))
        return nullptr;
    m_conversation->addVersion(index,
                               ChatMessage::assistant(m_model, m_engine->clock()->wallNow()));
    return startAnswer(index, higher);
}

AnswerJob *ChatSession::startAnswer(int index, int maxTokens)
{
    AnswerJob::Setup setup;
    setup.engine = m_engine;
    setup.conversation = m_conversation;
    setup.index = index;
    setup.model = m_model;
    setup.modelInfo = modelInfo();
    setup.maxTokens = maxTokens > 0 ? maxTokens : effectiveMaxTokens();
    setup.thinking = m_thinking;
    setup.promptCache = m_promptCache;
    setup.compressor = m_compressor;
    setup.autosaver = m_autosaver;
    setup.attachments = m_attachments;
    setup.prices = m_prices;
    setup.stats = m_stats;
    setup.fallbackMode = m_fallback.mode;
    const int requested = maxTokens > 0 ? maxTokens : m_maxTokens;
    for (const QString &id : m_fallback.fallbacksFor(m_model)) {
        const ModelInfo info = m_catalogue ? m_catalogue->info(id) : ModelInfo::unknown(id);
        setup.fallbacks.append({id, info, info.maxTokensFor(requested)});
    }
    setup.meter = m_meter;
    setup.ledgerConversation = m_trackConversation ? m_conversation->id() : QString();
    setup.ignoreBudget = std::exchange(m_overBudgetOnce, false);
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
    if (m_meter && !m_meter->canCheck()) {
        // Its budget check would count nothing spent before this process: it starts when the
        // ledger has been read (a moment after the window opened), or ends if stopped before.
        m_meter->whenLoaded(job, [job] {
            if (!job->isEnded())
                job->start();
        });
        return job;
    }
    job->start();
    return job;
}

} // namespace bw
