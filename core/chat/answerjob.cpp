#include "answerjob.h"

#include "autosaver.h"
#include "base/clock.h"
#include "base/logging.h"
#include "contextcompressor.h"
#include "conversation.h"
#include "pricetable.h"
#include "resilience/resilientclient.h"
#include "streamstats.h"

namespace bw {

AnswerJob::AnswerJob(Setup setup, QObject *parent)
    : Operation(parent)
    , m_setup(std::move(setup))
    , m_conversationGuard(m_setup.conversation)
    , m_messageId(m_setup.conversation && m_setup.index >= 0 &&
                          m_setup.index < m_setup.conversation->count()
                      ? m_setup.conversation->at(m_setup.index).id
                      : QString())
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
    // The prompt is on disk before the request carrying it goes out. A failed save is reported
    // by the autosaver; the answer goes on (the text is still in the window).
    Autosaver *saver = m_setup.autosaver;
    if (saver && saver->conversation() == m_setup.conversation) {
        saver->saveNow(this, [this](bool, const QString &) {
            if (!isEnded())
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
    if (!compressor || !compressor->settings().enabled()) {
        call();
        return;
    }
    setStage(Stage::Compressing);
    connect(compressor, &ContextCompressor::compressed, this, &AnswerJob::compressed);
    connect(compressor, &ContextCompressor::compressionFailed, this, &AnswerJob::compressionFailed);
    QPointer<AnswerJob> self(this);
    compressor->prepare(m_setup.conversation, m_setup.index, m_setup.model,
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
                        });
}

void AnswerJob::call()
{
    if (!m_conversationGuard) {
        const ApiError e = ApiError::make(ErrorKind::Cancelled, tr("the conversation was closed"));
        end(&e);
        return;
    }
    setStage(Stage::Calling);
    const MessageRequest request = ContextCompressor::requestFor(
        *m_setup.conversation, m_setup.index, m_setup.model, m_setup.maxTokens);
    if (const QString problem = request.validate(); !problem.isEmpty()) {
        const ApiError e = ApiError::make(ErrorKind::InvalidRequest, problem);
        end(&e);
        return;
    }
    GuardedCall *call = m_setup.engine->stream(request, this);
    m_call = call;
    connect(call, &GuardedCall::attemptStarted, this, [this](int n) {
        if (m_conversationGuard)
            write([n](ChatMessage &m) { m.attempts = n; });
        Q_EMIT attemptStarted(n);
    });
    connect(call, &GuardedCall::headersReceived, this, &AnswerJob::headersReceived);
    connect(call, &GuardedCall::retryScheduled, this, &AnswerJob::retryScheduled);
    connect(call, &GuardedCall::waitTick, this, &AnswerJob::waitTick);
    connect(call, &GuardedCall::breakerStateChanged, this, &AnswerJob::breakerStateChanged);
    connect(call, &GuardedCall::committed, this, [this](qint64 ms) {
        m_committed = true;
        if (m_setup.stats)
            m_setup.stats->recordFirstToken();
        Q_EMIT committed(ms);
    });
    connect(call, &GuardedCall::textReceived, this, [this](const QByteArray &utf8, int deltas) {
        if (m_setup.stats)
            m_setup.stats->recordText(deltas);
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
    connect(call, &GuardedCall::finished, this, [this, call] {
        m_message = call->message();
        end(nullptr);
    });
    connect(call, &GuardedCall::failed, this, [this, call](const ApiError &e) {
        m_message = call->message();
        end(&e);
    });
    call->start();
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
        write([&](ChatMessage &m) {
            m.finished = now;
            if (!message.model.isEmpty())
                m.model = message.model;
            if (stats) {
                m.usage = stats->usage();
                m.timeToFirstTokenMs = stats->timeToFirstTokenMs();
                m.outputTokensPerSecond = stats->tokensPerSecond();
            }
            m.stopReason = message.stopReason;
            m.costUsd = prices ? prices->cost(m.model, m.usage) : 0;
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
