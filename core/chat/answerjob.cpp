#include "answerjob.h"

#include "autosaver.h"
#include "base/clock.h"
#include "base/logging.h"
#include "contextcompressor.h"
#include "conversation.h"
#include "pricetable.h"
#include "requestpreparer.h"
#include "resilience/circuitbreaker.h"
#include "resilience/resilientclient.h"
#include "spendmeter.h"
#include "streamstats.h"

#include <QMetaMethod>

namespace bw {

AnswerJob::AnswerJob(Setup setup, QObject *parent)
    : Operation(parent)
    , m_setup(std::move(setup))
    , m_conversationGuard(m_setup.conversation)
    , m_messageId(m_setup.conversation && m_setup.index >= 0 &&
                          m_setup.index < m_setup.conversation->count()
                      ? m_setup.conversation->at(m_setup.index).id
                      : QString())
    , m_model(m_setup.model)
    , m_modelInfo(m_setup.modelInfo)
    , m_maxTokens(m_setup.maxTokens)
{}

void AnswerJob::write(const std::function<void(ChatMessage &)> &change)
{
    Conversation *c = m_conversationGuard;
    if (!c)
        return;
    if (const int i = index(); i >= 0)
        c->update(i, change);
    else
        c->updateById(m_messageId, change); // another version is shown: this one still gets it
}

int AnswerJob::index() const
{
    // The answer's place on the shown path; -1 when another version is shown meanwhile.
    Conversation *c = m_conversationGuard;
    if (!c)
        return -1;
    if (m_setup.index < c->count() && c->at(m_setup.index).id == m_messageId)
        return m_setup.index;
    return c->indexOf(m_messageId);
}

AnswerJob::~AnswerJob()
{
    if (m_call) {
        m_call->disconnect(this);
        m_call->cancel();
    }
}

QString AnswerJob::prompt() const
{
    if (!m_conversationGuard)
        return {};
    for (int i = std::min(m_setup.index, m_conversationGuard->count()) - 1; i >= 0; --i) {
        if (m_conversationGuard->at(i).isUser())
            return m_conversationGuard->at(i).text;
    }
    return {};
}

bool AnswerJob::isWaiting() const
{
    return m_call && m_call->isWaiting();
}

qint64 AnswerJob::elapsedMs() const
{
    return m_setup.engine->clock()->nowMs() - m_startMs;
}

void AnswerJob::setStage(Stage stage)
{
    if (m_stage == stage)
        return;
    m_stage = stage;
    Q_EMIT stageChanged(stage);
}

void AnswerJob::start()
{
    m_startMs = m_setup.engine->clock()->nowMs();
    if (m_setup.stats)
        m_setup.stats->start();
    // The prompt is on disk before the request carrying it goes out: when it cannot be saved,
    // nothing is sent (a crash would lose it, and an answer could not be kept either). The text
    // stays in the conversation, and the answer's Retry tries the save again.
    Autosaver *saver = m_setup.autosaver;
    if (saver && saver->conversation() == m_setup.conversation) {
        saver->saveNow(this, [this](bool ok, const QString &problem) {
            if (isEnded())
                return;
            if (!ok) {
                const ApiError e = ApiError::make(
                    ErrorKind::Storage,
                    tr("the conversation could not be saved, so the prompt was not sent: %1")
                        .arg(problem));
                end(&e);
                return;
            }
            compress();
        });
        // A saver that goes away (the process is closing) never answers: end here instead.
        connect(saver, &QObject::destroyed, this, [this] {
            if (m_stage == Stage::Saving) {
                const ApiError e = ApiError::make(ErrorKind::Cancelled, tr("stopped"));
                end(&e);
            }
        });
        return;
    }
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (!isEnded())
                compress();
        },
        Qt::QueuedConnection);
}

void AnswerJob::compress()
{
    ContextCompressor *compressor = m_setup.compressor;
    if (!m_conversationGuard) {
        const ApiError e = ApiError::make(ErrorKind::Cancelled, tr("the conversation was closed"));
        end(&e);
        return;
    }
    if (!withinBudget())
        return; // a summary costs too
    if (!compressor || !compressor->settings().enabled()) {
        call();
        return;
    }
    setStage(Stage::Compressing);
    connect(compressor, &ContextCompressor::compressed, this, &AnswerJob::compressed);
    connect(compressor, &ContextCompressor::compressionFailed, this, &AnswerJob::compressionFailed);
    QPointer<AnswerJob> self(this);
    compressor->prepare(
        m_setup.conversation, m_setup.index, m_setup.model,
        [self, compressor](const ContextCompressor::Outcome &o) {
            if (!self || self->isEnded())
                return; // stopped meanwhile
            compressor->disconnect(self);
            if (o.kind == ContextCompressor::Outcome::Kind::Failed) {
                const ApiError e = ApiError::make(ErrorKind::TooLarge, o.message);
                self->end(&e);
                return;
            }
            self->call();
        },
        ContextCompressor::Ledger{m_setup.ledgerConversation, m_setup.ignoreBudget});
}

void AnswerJob::call()
{
    if (!m_conversationGuard) {
        const ApiError e = ApiError::make(ErrorKind::Cancelled, tr("the conversation was closed"));
        end(&e);
        return;
    }
    if (!withinBudget())
        return; // also before a resend: a summary may just have spent the rest
    setStage(Stage::Calling);
    // For the model asked now: a fallback gets its own limit and the thinking it takes; earlier
    // turns' thinking blocks go back as received, whichever model wrote them.
    MessageRequest request =
        ContextCompressor::requestFor(*m_setup.conversation, m_setup.index, m_model, m_maxTokens);
    QString note;
    request.setThinking(m_conversationGuard->thinking()
                            .value_or(m_setup.thinking)
                            .resolvedFor(m_modelInfo, m_maxTokens, &note));
    if (!note.isEmpty() && m_pauses == 0 && !m_contextRetry)
        Q_EMIT notice(note);
    request.setPromptCache(m_setup.promptCache);
    if (m_pauses > 0) {
        // Going on after pause_turn: the answer so far goes back as the last turn, thinking first.
        const ChatMessage *m = m_conversationGuard->messageById(m_messageId);
        QList<ChatTurn> turns = request.messages();
        // (The API refuses a final assistant turn that ends in white space.)
        QString soFar = m ? m->text : QString();
        while (!soFar.isEmpty() && soFar.back().isSpace())
            soFar.chop(1);
        if (!soFar.isEmpty() || !m_thinkingBlocks.isEmpty())
            turns.append({QStringLiteral("assistant"), soFar, m_thinkingBlocks});
        request.setMessages(turns);
    }
    if (const ChatMessage *m = m_conversationGuard->messageById(m_messageId))
        m_textBase = m->text.size(); // a paused turn goes on after what it said
    noteFilesOf(request);
    if (!request.attachments().isEmpty()) {
        prepareAndSend(std::move(request));
        return;
    }
    if (const QString problem = request.validate(); !problem.isEmpty()) {
        const ApiError e = ApiError::make(ErrorKind::InvalidRequest, problem);
        end(&e);
        return;
    }
    send(request);
}

void AnswerJob::noteFilesOf(const MessageRequest &request)
{
    m_documentShas.clear();
    m_sendsImages = m_sendsPdfs = false;
    for (const Attachment &a : request.attachments()) {
        if (a.isDocument())
            m_documentShas.append(a.sha256);
        m_sendsImages |= a.kind() == Attachment::Kind::Image;
        m_sendsPdfs |= a.kind() == Attachment::Kind::Pdf;
    }
}

void AnswerJob::prepareAndSend(MessageRequest request)
{
    RequestPreparer::prepareAsync(
        std::move(request), m_setup.attachments, MessageRequest::Body::Stream, this,
        [this](const RequestPreparer::Prepared &p) {
            if (isEnded())
                return; // stopped meanwhile
            if (!p.missing.isEmpty())
                Q_EMIT notice(tr("Sent without %n attached file(s) that could not be read: %1.",
                                 nullptr, int(p.missing.size()))
                                  .arg(p.missing.join(QStringLiteral("; "))));
            if (p.error.isError()) {
                end(&p.error);
                return;
            }
            // What is sent: a file left out is no document a citation's index counts.
            noteFilesOf(p.request);
            send(p.request);
        });
}

void AnswerJob::send(const MessageRequest &request)
{
    GuardedCall *call = m_setup.engine->stream(request, this);
    m_call = call;
    m_callDeltas = 0;
    if (m_callsFromMs < 0)
        m_callsFromMs = m_setup.engine->clock()->nowMs();
    call->setTotalTimeFrom(m_callsFromMs); // what is left of the total time, not all of it again
    // Attempts count on across the models of a fallback.
    connect(call, &GuardedCall::attemptStarted, this, [this](int n) {
        m_callAttempts = n;
        // This attempt's usage only: an earlier attempt's (another model's, too) was charged
        // when it failed.
        if (m_setup.stats)
            m_setup.stats->recordUsage({});
        const int total = m_attemptOffset + n;
        if (m_conversationGuard)
            write([total](ChatMessage &m) { m.attempts = total; });
        Q_EMIT attemptStarted(total);
    });
    connect(call, &GuardedCall::headersReceived, this, &AnswerJob::headersReceived);
    connect(call, &GuardedCall::retryScheduled, this,
            [this](int attempt, qint64 delayMs, const ApiError &reason) {
                Q_EMIT retryScheduled(m_attemptOffset + attempt, delayMs, reason);
            });
    connect(call, &GuardedCall::waitTick, this, &AnswerJob::waitTick);
    connect(call, &GuardedCall::breakerStateChanged, this, &AnswerJob::breakerStateChanged);
    connect(call, &GuardedCall::committed, this, [this](qint64 ms) {
        m_committed = true; // the first output, thinking or text: each records its own time
        Q_EMIT committed(ms);
    });
    connect(call, &GuardedCall::thinkingReceived, this, [this](const QByteArray &utf8, int deltas) {
        m_callDeltas += deltas;
        if (m_setup.stats)
            m_setup.stats->recordThinking(deltas);
        if (!m_sawThinking) {
            m_sawThinking = true;
            Q_EMIT firstThinking(elapsedMs());
        }
        if (const int i = index(); i >= 0)
            m_conversationGuard->appendThinking(i, QString::fromUtf8(utf8));
        else
            write([&utf8](ChatMessage &m) { m.thinking += QString::fromUtf8(utf8); });
        Q_EMIT thinkingReceived(utf8, deltas);
    });
    connect(call, &GuardedCall::textReceived, this, [this](const QByteArray &utf8, int deltas) {
        m_callDeltas += deltas;
        if (m_setup.stats)
            m_setup.stats->recordText(deltas);
        if (!m_sawText) {
            m_sawText = true;
            Q_EMIT firstText(elapsedMs());
        }
        if (const int i = index(); i >= 0)
            m_conversationGuard->appendText(i, QString::fromUtf8(utf8));
        else
            write([&utf8](ChatMessage &m) { m.text += QString::fromUtf8(utf8); });
        Q_EMIT textReceived(utf8, deltas);
    });
    connect(call, &GuardedCall::usageUpdated, this, [this](const Usage &u) {
        if (m_setup.stats)
            m_setup.stats->recordUsage(u);
        Q_EMIT usageUpdated(u);
    });
    // An attempt that failed after its message began was billed: one ledger line each.
    connect(call, &GuardedCall::attemptUsage, this, [this](const Usage &u, const QString &served) {
        if (m_setup.meter)
            m_setup.meter->record(SpendMeter::billedModel(served, m_model), u,
                                  m_setup.ledgerConversation, UsageRecord::Source::Chat);
    });
    connect(call, &GuardedCall::finished, this, [this, call] {
        m_message = call->message();
        estimateOutput(m_message);
        charge(m_message);
        m_call = nullptr;
        if (!goOn())
            end(nullptr);
    });
    connect(call, &GuardedCall::failed, this, [this, call](const ApiError &e) {
        m_message = call->message();
        m_call = nullptr;
        estimateOutput(m_message);
        charge(m_message); // an interrupted answer that reported usage was billed
        if (!fallBack(e, call->lastError())) {
            const ApiError final = acrossModels(e, call->lastError());
            end(&final);
        }
    });
    m_callAttempts = 0;
    call->start();
}

bool AnswerJob::fallBack(const ApiError &error, const ApiError &lastAttemptError)
{
    // Only before the first token (what the user saw is never replaced or repeated), and not
    // after a pause_turn (the turn so far is the model's own).
    if (m_committed || m_pauses > 0 || !m_conversationGuard ||
        m_setup.fallbackMode == FallbackPolicy::Mode::Never)
        return false;
    // Overload is per model; an open breaker is a model that kept failing. A 5xx, a network
    // failure or a timeout says nothing about one model: another would fare no better.
    // A breaker that 529s opened during this answer's retries is an overload too.
    QString reason;
    if (error.kind == ErrorKind::Overloaded ||
        (error.kind == ErrorKind::CircuitOpen && lastAttemptError.kind == ErrorKind::Overloaded))
        reason = QStringLiteral("overloaded");
    else if (error.kind == ErrorKind::CircuitOpen)
        reason = QStringLiteral("circuit_open");
    else
        return false;
    const int next = nextFallback();
    if (next < 0)
        return false;
    const bool ask = m_setup.fallbackMode == FallbackPolicy::Mode::Ask;
    if (ask && !isSignalConnected(QMetaMethod::fromSignal(&AnswerJob::fallbackOffered)))
        return false; // nobody to ask: never
    m_attemptOffset += m_callAttempts;
    m_callAttempts = 0;
    if (ask) {
        m_offered = next;
        m_offeredReason = reason;
        m_overload = acrossModels(error, lastAttemptError);
        m_offeredAtMs = m_setup.engine->clock()->nowMs();
        Q_EMIT fallbackOffered(m_model, m_setup.fallbacks.at(next).model, reason);
        return true;
    }
    switchTo(next, reason);
    return true;
}

ApiError AnswerJob::acrossModels(ApiError error, const ApiError &lastAttemptError) const
{
    if (m_passedOver.isEmpty() || error.partial ||
        (error.kind != ErrorKind::Overloaded && error.kind != ErrorKind::CircuitOpen))
        return error;
    QStringList tried = m_passedOver;
    tried << m_model;
    const int attempts = m_attemptOffset + m_callAttempts;
    // The last attempt's own words: the guard's "gave up after N attempts" counts one model.
    const QString what = lastAttemptError.kind == error.kind && !lastAttemptError.message.isEmpty()
                             ? lastAttemptError.message
                             : error.message;
    error.message = tr("%1 (models tried: %2; %n attempts in all)", nullptr, attempts)
                        .arg(what, tried.join(QStringLiteral(", ")));
    return error;
}

int AnswerJob::nextFallback() const
{
    for (int i = m_nextFallback; i < m_setup.fallbacks.size(); ++i) {
        const QString &id = m_setup.fallbacks.at(i).model;
        if (id == m_setup.model || id == m_model || m_passedOver.contains(id))
            continue;
        // A model that does not read the conversation's images or PDFs would refuse it.
        const ModelInfo &info = m_setup.fallbacks.at(i).info;
        if (info.limitsKnown && ((m_sendsImages && !info.supports(u"image_input")) ||
                                 (m_sendsPdfs && !info.supports(u"pdf_input"))))
            continue;
        // A model whose breaker is open would be refused at once: not worth asking about.
        const CircuitBreaker *b = m_setup.engine->findBreaker(id);
        if (b && b->state() == BreakerState::Open)
            continue;
        return i;
    }
    return -1;
}

void AnswerJob::acceptFallback()
{
    if (isEnded() || m_offered < 0)
        return;
    const int next = std::exchange(m_offered, -1);
    if (m_callsFromMs >= 0) // the user's time to answer is no time of the calls
        m_callsFromMs += m_setup.engine->clock()->nowMs() - m_offeredAtMs;
    switchTo(next, m_offeredReason);
}

void AnswerJob::declineFallback()
{
    if (isEnded() || m_offered < 0)
        return;
    m_offered = -1;
    const ApiError e = m_overload;
    end(&e);
}

void AnswerJob::switchTo(int fallback, const QString &reason)
{
    const Fallback &f = m_setup.fallbacks.at(fallback);
    const QString from = m_model;
    const QString fromLabel = m_modelInfo.label();
    m_nextFallback = fallback + 1;
    m_passedOver << from;
    if (m_fallbackReason.isEmpty())
        m_fallbackReason = reason;
    m_model = f.model;
    m_modelInfo = f.info;
    m_maxTokens = f.maxTokens;
    m_message = {};
    {
        const QStringList passedOver = m_passedOver;
        const QString why = m_fallbackReason;
        const QString to = m_model;
        write([&](ChatMessage &m) {
            m.model = to;
            m.fallbackFrom = passedOver;
            m.fallbackReason = why;
        });
    }
    qCInfo(lcChat) << "fallback from" << from << "to" << m_model << "(" << reason << ")";
    Q_EMIT modelSwitched(from, m_model, reason);
    if (isEnded())
        return;
    Q_EMIT notice(reason == u"circuit_open"
                      ? tr("%1 keeps failing (its circuit breaker is open); %2 answers instead.")
                            .arg(fromLabel, f.info.label())
                      : tr("%1 is overloaded; %2 answers instead.").arg(fromLabel, f.info.label()));
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (!isEnded())
                call();
        },
        Qt::QueuedConnection);
}

bool AnswerJob::withinBudget()
{
    if (!m_setup.meter)
        return true;
    const BudgetVerdict verdict =
        m_setup.meter->check(m_setup.ledgerConversation, m_setup.ignoreBudget);
    if (verdict.isReached()) {
        const ApiError e =
            ApiError::make(ErrorKind::Budget, tr("%1 Not sent.").arg(verdict.sentence()));
        end(&e);
        return false;
    }
    if (verdict.level == BudgetVerdict::Level::Warning && !m_budgetWarned) {
        m_budgetWarned = true;
        Q_EMIT notice(verdict.sentence());
    }
    return true;
}

void AnswerJob::charge(const AssistantMessage &message)
{
    if (m_setup.meter)
        m_setup.meter->record(SpendMeter::billedModel(message.model, m_model), message.usage,
                              m_setup.ledgerConversation, UsageRecord::Source::Chat);
}

void AnswerJob::estimateOutput(AssistantMessage &message) const
{
    // message_delta brings the stop reason and the final count together.
    if (!message.stopReason.isEmpty() || m_callDeltas <= message.usage.outputTokens)
        return;
    message.usage.outputTokens = m_callDeltas;
    if (m_setup.stats)
        m_setup.stats->recordUsage(message.usage);
}

bool AnswerJob::goOn()
{
    if (!m_conversationGuard)
        return false;
    const QString &reason = m_message.stopReason;
    if (reason == u"pause_turn" && m_pauses < kMaxPauses) {
        ++m_pauses;
        keepWhatArrived();
        Q_EMIT notice(tr("The model paused its turn; asking it to go on (%1 of %2).")
                          .arg(m_pauses)
                          .arg(kMaxPauses));
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (!isEnded())
                    call();
            },
            Qt::QueuedConnection);
        return true;
    }
    ContextCompressor *compressor = m_setup.compressor;
    // Only before anything was shown: what the user saw is never replaced or printed twice (an
    // answer that filled the context after some text stands, and its banner offers to compress
    // and ask again as a new version).
    if (reason == u"model_context_window_exceeded" && !m_contextRetry && !m_committed &&
        compressor && compressor->settings().enabled() &&
        compressor->foldEnd(*m_conversationGuard, m_conversationGuard->count()) >= 0) {
        m_contextRetry = true;
        Q_EMIT notice(tr("The context window is full: compressing older turns and asking again."));
        setStage(Stage::Compressing);
        connect(compressor, &ContextCompressor::compressed, this, &AnswerJob::compressed);
        QPointer<AnswerJob> self(this);
        compressor->compressNow(
            m_setup.conversation,
            [self, compressor](const ContextCompressor::Outcome &o) {
                if (!self || self->isEnded())
                    return;
                compressor->disconnect(self);
                if (o.kind == ContextCompressor::Outcome::Kind::Failed) {
                    // The answer stands as it arrived, with what happened.
                    Q_EMIT self->notice(o.message);
                    self->end(nullptr);
                    return;
                }
                // The answer starts over with the older turns folded into the
                // summary.
                // Nothing of the calls before goes with it (a paused
                // turn's thinking would be sent as its start).
                self->m_thinkingBlocks = {};
                self->m_citations = {};
                self->write([](ChatMessage &m) {
                    m.text.clear();
                    m.thinking.clear();
                    m.thinkingBlocks = {};
                    m.status = MessageStatus::Streaming;
                });
                self->m_sawText = self->m_sawThinking = false;
                if (self->m_setup.stats)
                    self->m_setup.stats->start();
                self->call();
            },
            ContextCompressor::Ledger{m_setup.ledgerConversation, m_setup.ignoreBudget});
        return true;
    }
    return false;
}

void AnswerJob::keepWhatArrived()
{
    // Before a resend: what the finished call brought stays, and its usage counts.
    for (const QJsonValue &b : m_message.thinkingBlocks())
        m_thinkingBlocks.append(b);
    m_citations += citationsOf(m_message, m_textBase, m_documentShas);
    if (m_setup.stats) {
        m_earlierUsage += m_setup.stats->usage();
        m_setup.stats->recordUsage({});
    }
}

void AnswerJob::cancel()
{
    if (isEnded())
        return;
    if (m_call) {
        m_call->cancel(); // ends this job through its failed()
        if (isEnded())
            return;
    }
    ApiError e = ApiError::make(ErrorKind::Cancelled, tr("stopped"));
    e.partial = m_committed;
    end(&e);
}

void AnswerJob::aboutToEnd(bool)
{
    if (m_setup.compressor) {
        m_setup.compressor->disconnect(this);
        if (m_stage == Stage::Compressing)
            m_setup.compressor->cancel();
    }
    if (m_call) {
        m_call->disconnect(this);
        m_call->cancel();
        m_call = nullptr;
    }
}

void AnswerJob::end(const ApiError *error)
{
    // Once, also when a listener of the message's last update stops the answer meanwhile.
    if (isEnded() || m_ending)
        return;
    m_ending = true;
    const bool ok = !error;
    if (m_setup.stats)
        m_setup.stats->finish();
    const QDateTime now = m_setup.engine->clock()->wallNow();
    {
        StreamStats *stats = m_setup.stats;
        const PriceTable *prices = m_setup.prices;
        const AssistantMessage &message = m_message;
        // As the ledger records it: the server's `model` only when it is a plausible Claude id
        // (a proxy's renamed model is no model the prices know; its text is not kept unchecked).
        const QString answeredBy = SpendMeter::billedModel(message.model, m_model);
        const Usage &earlier = m_earlierUsage;
        const QJsonArray &earlierBlocks = m_thinkingBlocks;
        const QList<Citation> citations =
            m_citations + citationsOf(message, m_textBase, m_documentShas);
        write([&](ChatMessage &m) {
            m.citations = citations;
            m.finished = now;
            m.model = answeredBy;
            if (stats) {
                m.usage = stats->usage();
                m.usage += earlier;
                m.timeToFirstTokenMs = stats->timeToFirstTokenMs();
                m.outputTokensPerSecond = stats->tokensPerSecond();
                if (stats->timeToFirstThinkingMs() >= 0) {
                    m.timeToFirstThinkingMs = stats->timeToFirstThinkingMs();
                    m.thinkingMs = stats->thinkingMs();
                }
            }
            // The thinking blocks of every call of this answer, as received; thinking that never
            // got its signature stays in m.thinking, to be read.
            QJsonArray blocks = earlierBlocks;
            for (const QJsonValue &b : message.thinkingBlocks())
                blocks.append(b);
            m.thinkingBlocks = blocks;
            // As shown from now on (and as the file rebuilds it): the blocks, each apart, then
            // what never got its signature.
            if (!blocks.isEmpty() || !message.unsignedThinking().isEmpty()) {
                const QString signedText = thinkingTextOf(blocks);
                const QString cut = message.unsignedThinking();
                m.thinking = signedText;
                if (!signedText.isEmpty() && !cut.isEmpty())
                    m.thinking += QStringLiteral("\n\n");
                m.thinking += cut;
            }
            m.stopReason = message.stopReason;
            m.stopDetails = message.stopDetails;
            m.costUsd = prices ? prices->cost(m.model, m.usage) : 0;
            m.cacheSavingsUsd = prices ? prices->cacheSavings(m.model, m.usage) : 0;
            if (ok) {
                m.status = MessageStatus::Complete;
                m.errorKind = ErrorKind::None;
                m.errorText.clear();
                return;
            }
            m.status = m.text.isEmpty() ? MessageStatus::Failed : MessageStatus::Interrupted;
            m.errorKind = error->kind;
            m.errorText = error->kind == ErrorKind::Cancelled
                              ? (m.text.isEmpty() ? tr("Stopped before the answer began.")
                                                  : tr("Stopped. What arrived is kept."))
                              : error->sentence() + QStringLiteral("\n") + error->advice();
        });
    }
    qCDebug(lcChat) << "answer" << m_setup.index << (ok ? "finished" : "failed");
    if (ok)
        succeed();
    else
        fail(*error);
}

} // namespace bw
