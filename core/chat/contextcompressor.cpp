#include "contextcompressor.h"

#include "api/anthropicclient.h"
#include "api/jsoncount.h"
#include "base/clock.h"
#include "base/logging.h"
#include "conversation.h"
#include "resilience/guardedcall.h"
#include "resilience/resilientclient.h"
#include "spendmeter.h"

#include <QCoreApplication>

namespace bw {

const char *const ContextCompressor::kInstruction =
    "Summarize the conversation so far for the assistant that will continue it. Keep every fact, "
    "decision, name, number, piece of code and open question the rest of the conversation may "
    "need; drop pleasantries. If an earlier summary is given, fold it in. Write plain prose, at "
    "most a few paragraphs.";

namespace {

qint64 estimate(QStringView text)
{
    return (text.size() + 3) / 4; // a common rule of thumb; the API's counts correct it
}

qint64 messageTokens(const ChatMessage &m)
{
    qint64 tokens = estimate(m.text) + 4; // per-message framing
    for (const Attachment &a : m.attachments)
        tokens += a.estimatedTokens().high;
    return tokens;
}

// For the model, not for the window: always in English, so that the prompt's bytes (and the
// prompt cache) do not change with the language of the window or of the command line.
QString summaryBlock(const ConversationSummary &s)
{
    return QStringLiteral("Summary of the earlier part of this conversation (%1 %2, folded by "
                          "Breakwater to save context):\n")
               .arg(s.coveredMessages)
               .arg(s.coveredMessages == 1 ? QStringLiteral("message")
                                           : QStringLiteral("messages")) +
           s.text;
}

} // namespace

void ContextCompressor::setSpendMeter(SpendMeter *meter)
{
    m_meter = meter;
}

ContextCompressor::ContextCompressor(ResilientClient *engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
{}

ContextCompressor::~ContextCompressor()
{
    cancel();
}

bool ContextCompressor::isBusy() const
{
    // An ended call lingers until its deleteLater: it is not work in progress.
    return (m_call && !m_call->isEnded()) || (m_count && !m_count->isEnded());
}

void ContextCompressor::cancel()
{
    for (GuardedCall *call : {m_count.data(), m_call.data()}) {
        if (call) {
            call->disconnect(this);
            call->cancel();
        }
    }
}

ContextCompressor::Outcome ContextCompressor::closed()
{
    Outcome o;
    o.kind = Outcome::Kind::Failed;
    o.message = tr("The conversation was closed before it was compressed.");
    return o;
}

void ContextCompressor::later(std::function<void()> work)
{
    QMetaObject::invokeMethod(this, std::move(work), Qt::QueuedConnection);
}

MessageRequest ContextCompressor::requestFor(const Conversation &c, int assistantIndex,
                                             const QString &model, int maxTokens)
{
    const ConversationSummary &s = c.summary();
    const bool useSummary =
        !s.isEmpty() && s.coveredMessages > 0 && s.coveredMessages < assistantIndex;
    QString system = c.systemPrompt();
    if (useSummary)
        system = summaryBlock(s) + (system.isEmpty() ? QString() : QStringLiteral("\n\n") + system);
    MessageRequest r;
    r.setModel(model).setMaxTokens(maxTokens).setSystem(system);
    r.setMessages(apiTurns(c.messages(), useSummary ? s.coveredMessages : 0, assistantIndex));
    return r;
}

qint64 ContextCompressor::estimateTokens(const Conversation &c, int assistantIndex)
{
    const int covered =
        c.summary().isEmpty() ? 0 : std::min(c.summary().coveredMessages, assistantIndex);
    // The newest answer the API counted, if it was made with today's summary in place.
    int base = -1;
    for (int i = assistantIndex - 1; i >= covered; --i) {
        const ChatMessage &m = c.at(i);
        if (m.isAssistant() && m.usage.totalInputTokens() > 0 &&
            (c.summary().createdAt.isNull() || m.created > c.summary().createdAt)) {
            base = i;
            break;
        }
    }
    qint64 tokens = 0;
    int from = covered;
    if (base >= 0) {
        // Its thinking is not sent again (the API drops earlier turns' thinking): the output
        // without it.
        const Usage &u = c.at(base).usage;
        tokens = u.totalInputTokens() + std::max<qint64>(0, u.outputTokens - u.thinkingTokens);
        from = base + 1;
    } else {
        tokens = estimate(c.systemPrompt()) +
                 (c.summary().isEmpty() ? 0 : estimate(summaryBlock(c.summary())));
    }
    for (int i = from; i < assistantIndex; ++i)
        tokens += messageTokens(c.at(i));
    return tokens;
}

int ContextCompressor::foldEnd(const Conversation &c, int assistantIndex) const
{
    int end = assistantIndex - std::max(1, m_settings.keepRecent);
    // The kept part starts with a user turn.
    while (end > 0 && end < assistantIndex && !c.at(end).isUser())
        --end;
    if (m_settings.cacheAware && end >= 0) {
        qint64 kept = 0;
        for (int i = end; i < assistantIndex; ++i)
            kept += messageTokens(c.at(i));
        // Whole exchanges more while what stays is over half the threshold; the prompt being
        // answered (the last user turn) always stays.
        while (kept > m_settings.compressAtTokens / 2) {
            int after = end + 1;
            while (after < assistantIndex && !c.at(after).isUser())
                ++after;
            if (after >= assistantIndex)
                break;
            for (int i = end; i < after; ++i)
                kept -= messageTokens(c.at(i));
            end = after;
        }
    }
    const int covered = c.summary().isEmpty() ? 0 : c.summary().coveredMessages;
    return end > covered ? end : -1;
}

qint64 ContextCompressor::estimateAfterFold(const Conversation &c, int assistantIndex,
                                            int foldTo) const
{
    // The new summary folds the old one and the turns before foldTo, at most summaryMaxTokens
    // long; summaries run to about a fifth of what they fold.
    const int covered = c.summary().isEmpty() ? 0 : c.summary().coveredMessages;
    qint64 folded = c.summary().isEmpty() ? 0 : estimate(summaryBlock(c.summary()));
    for (int i = covered; i < foldTo && i < c.count(); ++i)
        folded += messageTokens(c.at(i));
    qint64 tokens =
        estimate(c.systemPrompt()) + std::min<qint64>(m_settings.summaryMaxTokens, folded / 5 + 1);
    for (int i = std::max(covered, foldTo); i < assistantIndex && i < c.count(); ++i)
        tokens += messageTokens(c.at(i));
    return tokens;
}

void ContextCompressor::finish(const Done &done, const Outcome &outcome)
{
    if (outcome.kind == Outcome::Kind::Compressed)
        Q_EMIT compressed(outcome.summarizedMessages, outcome.tokensBefore, outcome.tokensAfter);
    else if (outcome.kind == Outcome::Kind::FailedButFits || outcome.kind == Outcome::Kind::Failed)
        Q_EMIT compressionFailed(outcome.message);
    done(outcome);
}

void ContextCompressor::prepare(Conversation *c, int assistantIndex, const QString &chatModel,
                                Done done, std::optional<Ledger> ledger)
{
    m_chatModel = chatModel;
    m_ledger = ledger.value_or(Ledger{c->id(), false});
    if (!m_settings.enabled()) {
        later([this, done] { finish(done, {}); });
        return;
    }
    const qint64 estimated = estimateTokens(*c, assistantIndex);
    const MessageRequest countRequest = requestFor(*c, assistantIndex, chatModel, 1);
    // Near the threshold, ask the API for the exact count (count_tokens); far from it, the
    // estimate decides on its own. So it does with attachments: their bytes are read for the
    // request itself, not twice for a figure.
    if (estimated < m_settings.compressAtTokens * 3 / 4 ||
        estimated > m_settings.compressAtTokens * 3 || !countRequest.attachments().isEmpty()) {
        later([this, c, assistantIndex, estimated, done] {
            decide(c, assistantIndex, estimated, done);
        });
        return;
    }
    // Under the model's breaker: count_tokens is answered per model, like the answer itself.
    GuardedCall *count = m_engine->call(
        chatModel,
        [countRequest](AnthropicClient &client) { return client.countTokens(countRequest); }, this);
    // The count only sharpens the estimate: one quick try, then the estimate decides.
    count->setMaxAttempts(1);
    count->setHeadersTimeout(kCountTimeoutMs);
    m_count = count;
    QPointer<Conversation> guard(c);
    connect(count, &GuardedCall::finished, this,
            [this, guard, assistantIndex, estimated, count, done] {
                const qint64 counted =
                    jsonCount(count->json().value(QLatin1String("input_tokens"))).value_or(0);
                if (guard)
                    decide(guard, assistantIndex, counted > 0 ? counted : estimated, done);
                else
                    finish(done, closed());
            });
    connect(count, &GuardedCall::failed, this,
            [this, guard, assistantIndex, estimated, done](const ApiError &e) {
                if (e.kind == ErrorKind::Cancelled)
                    return;
                qCDebug(lcChat) << "count_tokens unavailable, using the estimate:" << e.describe();
                if (guard)
                    decide(guard, assistantIndex, estimated, done);
                else
                    finish(done, closed());
            });
    count->start();
}

void ContextCompressor::decide(Conversation *c, int assistantIndex, qint64 measured, Done done)
{
    if (measured < m_settings.compressAtTokens) {
        Outcome o;
        o.tokensBefore = o.tokensAfter = measured;
        finish(done, o);
        return;
    }
    const int foldTo = foldEnd(*c, assistantIndex);
    if (foldTo < 0) {
        // Only the kept recent turns are left: nothing more can be folded; send what there is.
        Outcome o;
        o.tokensBefore = o.tokensAfter = measured;
        finish(done, o);
        return;
    }
    summarize(c, assistantIndex, foldTo, measured, false, done);
}

void ContextCompressor::compressNow(Conversation *c, Done done, std::optional<Ledger> ledger)
{
    m_ledger = ledger.value_or(Ledger{c->id(), false});
    const int end = c->count();
    const int foldTo = foldEnd(*c, end);
    if (foldTo < 0) {
        Outcome o;
        o.kind = Outcome::Kind::Failed;
        o.message = tr("There is nothing to compress yet: only the %n most recent message(s) are "
                       "kept word for word.",
                       nullptr, m_settings.keepRecent);
        later([this, done, o] { finish(done, o); });
        return;
    }
    if (m_meter) {
        // A summary asked for costs like any request (before an answer, the answer's job asks).
        if (const BudgetVerdict v = m_meter->check(m_ledger.conversation, m_ledger.ignoreBudget);
            v.isReached()) {
            Outcome o;
            o.kind = Outcome::Kind::Failed;
            o.error = ApiError::make(ErrorKind::Budget, v.sentence());
            o.message = tr("Not compressed: %1").arg(v.sentence());
            later([this, done, o] { finish(done, o); });
            return;
        }
    }
    summarize(c, end, foldTo, estimateTokens(*c, end), true, done);
}

void ContextCompressor::summarize(Conversation *c, int assistantIndex, int foldTo,
                                  qint64 tokensBefore, bool forced, Done done)
{
    const ConversationSummary previous = c->summary();
    const int from = previous.isEmpty() ? 0 : previous.coveredMessages;
    QString transcript;
    if (!previous.isEmpty())
        transcript += QStringLiteral("Earlier summary:\n") + previous.text +
                      QStringLiteral("\n\nWhat followed:\n");
    for (int i = from; i < foldTo; ++i) {
        const ChatMessage &m = c->at(i);
        if (m.text.trimmed().isEmpty() && m.attachments.isEmpty())
            continue;
        QStringList files;
        for (const Attachment &a : m.attachments)
            files.append(a.name);
        transcript +=
            (m.isUser() ? QStringLiteral("User: ") : QStringLiteral("Assistant: ")) +
            (files.isEmpty() ? QString()
                             : QStringLiteral("[attached: ") + files.join(QStringLiteral(", ")) +
                                   QStringLiteral("] ")) +
            m.text + QStringLiteral("\n\n");
    }
    MessageRequest request;
    request.setModel(m_settings.summaryModel)
        .setMaxTokens(m_settings.summaryMaxTokens)
        .setSystem(QLatin1String(kInstruction));
    request.addMessage(QStringLiteral("user"), transcript);
    Q_EMIT compressing(foldTo);

    GuardedCall *call = m_engine->stream(request, this);
    m_call = call;
    QPointer<Conversation> guard(c);
    // A summary is a request like any other: what it cost is recorded, also when it failed
    // after reporting usage.
    auto charge = [this, call, conversationId = m_ledger.conversation] {
        if (m_meter)
            m_meter->record(SpendMeter::billedModel(call->message().model, m_settings.summaryModel),
                            call->message().usage, conversationId, UsageRecord::Source::Summary);
    };
    connect(call, &GuardedCall::attemptUsage, this,
            [this, conversationId = m_ledger.conversation](const Usage &u, const QString &served) {
                if (m_meter) // an attempt that failed after its message began was billed too
                    m_meter->record(SpendMeter::billedModel(served, m_settings.summaryModel), u,
                                    conversationId, UsageRecord::Source::Summary);
            });
    connect(call, &GuardedCall::finished, this, charge); // first: before the outcome is handed on
    connect(call, &GuardedCall::failed, this, charge);
    connect(call, &GuardedCall::finished, this,
            [this, guard, call, assistantIndex, foldTo, tokensBefore, done] {
                const QString text = call->message().text().trimmed();
                if (!guard) {
                    finish(done, closed());
                    return;
                }
                if (text.isEmpty()) {
                    Outcome o;
                    o.kind = Outcome::Kind::FailedButFits;
                    o.message =
                        tr("The summary came back empty; the whole conversation is sent instead.");
                    finish(done, o);
                    return;
                }
                ConversationSummary s;
                s.text = text;
                s.coveredMessages = foldTo;
                s.model = call->message().model.isEmpty() ? m_settings.summaryModel
                                                          : call->message().model;
                s.createdAt = m_engine->clock()->wallNow();
                s.tokensBefore = tokensBefore;
                guard->setSummary(s); // estimateTokens needs it in place
                s.tokensAfter = estimateTokens(*guard, assistantIndex);
                guard->setSummary(s);
                Outcome o;
                o.kind = Outcome::Kind::Compressed;
                o.tokensBefore = tokensBefore;
                o.tokensAfter = s.tokensAfter;
                o.summarizedMessages = foldTo;
                qCInfo(lcChat) << "compressed" << foldTo << "messages:" << tokensBefore << "->"
                               << s.tokensAfter << "tokens";
                finish(done, o);
            });
    connect(
        call, &GuardedCall::failed, this, [this, tokensBefore, forced, done](const ApiError &e) {
            Outcome o;
            o.error = e;
            o.tokensBefore = o.tokensAfter = tokensBefore;
            if (e.kind == ErrorKind::Cancelled) {
                o.kind = Outcome::Kind::Failed;
                o.message = tr("Compression was stopped.");
            } else if (forced) {
                o.kind = Outcome::Kind::Failed;
                o.message = tr("The conversation could not be compressed: %1.").arg(e.describe());
            } else if (tokensBefore <= m_settings.contextWindowTokens) {
                // A failed summary never blocks the chat: the whole conversation still fits.
                o.kind = Outcome::Kind::FailedButFits;
                o.message = tr("The conversation could not be compressed (%1); the whole "
                               "conversation is sent instead.")
                                .arg(e.describe());
            } else {
                o.kind = Outcome::Kind::Failed;
                o.message = tr("The conversation (about %1 tokens) is too long for the model, and "
                               "compressing it failed: %2. "
                               "Try again in a moment, or start a new conversation.")
                                .arg(tokensBefore)
                                .arg(e.describe());
            }
            finish(done, o);
        });
    call->start();
}

} // namespace bw
