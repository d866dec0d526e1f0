#pragma once

#include "api/assistantmessage.h"
#include "api/messagerequest.h"
#include "api/modelinfo.h"
#include "api/operation.h"
#include "api/ratelimitinfo.h"
#include "citation.h"
#include "fallbackpolicy.h"
#include "resilience/circuitbreaker.h"

#include <QPointer>

#include <functional>

namespace bw {

class AttachmentStore;
class Autosaver;
struct ChatMessage;
class ContextCompressor;
class Conversation;
class GuardedCall;
class PriceTable;
class ResilientClient;
class SpendMeter;
class StreamStats;

// One answer, from the moment the prompt is in the conversation to the final word: the prompt
// saved to disk (a failed save ends the answer as `storage` before anything is sent), compression
// of the context, every attempt under the guard, the waits between them, the streamed text, usage
// and statistics, and the end — written into the answer's message (complete, interrupted with what
// arrived, or failed with the reason) before the one final signal. The CLI, the panels and the
// autosaver listen to the job, never to the calls inside it. An Operation: ends exactly once in
// every path (success, failure before any call, cancel in any stage), then deletes itself later.
//
// Model fallback: when the model is overloaded before the answer's first token (529 overloaded
// after the guard's retries, or its circuit breaker open), the answer goes to the next model of
// Setup::fallbacks — on its own (Automatic) or once the user agrees (Ask: fallbackOffered). Only
// before the first token: once thinking or text arrived, a failure ends the answer as always,
// what arrived kept. Other failures (5xx, network, timeouts) say nothing about one model and
// are not a reason to switch.
class AnswerJob final : public Operation
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AnswerJob)

public:
    enum class Stage { Saving, Compressing, Calling };

    // A model to ask instead, with what is sent to it (resolved for this model).
    struct Fallback
    {
        QString model;
        ModelInfo info;
        int maxTokens = 0;
    };

    struct Setup
    {
        ResilientClient *engine = nullptr;
        Conversation *conversation = nullptr;
        int index = -1; // the assistant message the answer streams into
        QString model;
        ModelInfo modelInfo; // what the catalogue knows of `model`
        int maxTokens = 0;
        ThinkingConfig thinking; // the settings' default; the conversation's own wins
        PromptCache promptCache{PromptCache::Ttl::Off};
        ContextCompressor *compressor = nullptr; // none: no compression
        Autosaver *autosaver = nullptr;          // none: the prompt is not saved first
        AttachmentStore *attachments = nullptr;  // where the prompts' files are kept
        const PriceTable *prices = nullptr;
        StreamStats *stats = nullptr;
        // In order, `model` left out; used as fallbackMode says.
        QList<Fallback> fallbacks;
        FallbackPolicy::Mode fallbackMode = FallbackPolicy::Mode::Never;
        // Records each request's usage, and is asked before any is sent (none: no budgets).
        SpendMeter *meter = nullptr;
        QString ledgerConversation; // the conversation id its requests are recorded under
        bool ignoreBudget = false;  // "Send this one anyway": the profile's budgets do not stop it
    };

    explicit AnswerJob(Setup setup, QObject *parent = nullptr);
    ~AnswerJob() override;

    // Begins with saving the prompt. Connect to the job first.
    void start();
    void cancel() override;

    // The answer's index on the conversation's shown path (-1 if another version is shown).
    int index() const;
    // The prompt this job answers (the last user turn before it).
    QString prompt() const;
    Stage stage() const { return m_stage; }
    bool isWaiting() const; // between attempts
    qint64 elapsedMs() const;
    // What arrived: complete after finished(), partial after failed().
    const AssistantMessage &message() const { return m_message; }
    // The model asked now: Setup::model, or the fallback that took over.
    const QString &model() const { return m_model; }
    // Ask mode: between fallbackOffered and the user's answer.
    bool isAskingFallback() const { return m_offered >= 0; }
    // The user's answer to fallbackOffered: ask the offered model, or end with the overload.
    void acceptFallback();
    void declineFallback();

Q_SIGNALS:
    void stageChanged(bw::AnswerJob::Stage stage);
    void compressed(int summarizedMessages, qint64 tokensBefore, qint64 tokensAfter);
    void compressionFailed(const QString &message); // the answer goes on without it when it fits
    void attemptStarted(int attempt);
    void headersReceived(int status, const QString &requestId, const bw::RateLimitInfo &rateLimit);
    void retryScheduled(int attempt, qint64 delayMs, const bw::ApiError &reason);
    void waitTick(qint64 remainingMs);
    void breakerStateChanged(bw::BreakerState state);
    // Something the user should know that changes nothing by itself (thinking adjusted to what
    // the model takes, a pause the model asked to go on from, a full context being compressed).
    void notice(const QString &text);
    // The first output token, thinking or text: from here on nothing is replayed.
    void committed(qint64 msToFirstToken);
    void firstThinking(qint64 ms);
    void thinkingReceived(const QByteArray &utf8, int deltas);
    void firstText(qint64 ms); // the answer's own first token, after any thinking
    void textReceived(const QByteArray &utf8, int deltas);
    void usageUpdated(const bw::Usage &usage);
    // Ask mode: `from` is overloaded before anything arrived (`reason`: "overloaded" or
    // "circuit_open"); the job waits for acceptFallback() or declineFallback(). With nobody
    // connected, Ask is Never.
    void fallbackOffered(const QString &from, const QString &to, const QString &reason);
    // The answer goes to `to` from here on, because `from` was overloaded.
    void modelSwitched(const QString &from, const QString &to, const QString &reason);

protected:
    void aboutToEnd(bool ok) override;

private:
    void setStage(Stage stage);
    void write(const std::function<void(ChatMessage &)> &change);
    void compress();
    void call();
    // Attachments are read from the store, checked and encoded on a worker thread; then the
    // prepared request goes out.
    // The documents a citation's index counts, and the kinds of file a fallback must read.
    void noteFilesOf(const MessageRequest &request);
    void prepareAndSend(MessageRequest request);
    void send(const MessageRequest &request);
    void end(const ApiError *error);
    // After a success: goes on where the stop reason asks for it (pause_turn, a full context);
    // true when a new call or compression is under way.
    bool goOn();
    void keepWhatArrived();
    // After a failed call: true when the answer goes on with (or asks about) a fallback model.
    bool fallBack(const ApiError &error, const ApiError &lastAttemptError);
    // An overload that ends the answer after other models were tried too: it names them and
    // counts the attempts across all of them (the guard's count is one model's).
    ApiError acrossModels(ApiError error, const ApiError &lastAttemptError) const;
    // The next fallback to ask, or -1.
    int nextFallback() const;
    void switchTo(int fallback, const QString &reason);
    // Before a request: false (and the job ended as `budget`) when a budget is reached; a
    // warning once from 80%.
    bool withinBudget();
    void charge(const AssistantMessage &message);
    // A stream that ended without message_delta (stopped, cut off) reported only message_start's
    // output_tokens (1): what arrived, as the deltas count it, stands in for the API's count.
    void estimateOutput(AssistantMessage &message) const;

    Setup m_setup;
    QPointer<Conversation> m_conversationGuard;
    QString m_messageId; // the answer being written
    Stage m_stage = Stage::Saving;
    QPointer<GuardedCall> m_call;
    AssistantMessage m_message;
    static constexpr int kMaxPauses = 3;
    qint64 m_startMs = 0;
    bool m_committed = false;
    bool m_ending = false;
    bool m_sawText = false;
    bool m_sawThinking = false;
    bool m_budgetWarned = false;
    int m_pauses = 0;            // pause_turn resends so far
    qint64 m_callDeltas = 0;     // text and thinking deltas of the call under way
    bool m_contextRetry = false; // compressed once after model_context_window_exceeded
    QJsonArray m_thinkingBlocks; // of the calls before a pause_turn resend
    QList<Citation> m_citations; // of the calls before a pause_turn resend
    qsizetype m_textBase = 0;    // the answer's text before this call's
    QStringList m_documentShas;  // the request's documents, as citations count them
    bool m_sendsImages = false;  // the request carries images: a fallback must read them
    bool m_sendsPdfs = false;    // ... and PDFs
    Usage m_earlierUsage;        // of the calls before a resend
    QString m_model;             // asked now (Setup::model, or a fallback)
    ModelInfo m_modelInfo;
    int m_maxTokens = 0;
    int m_nextFallback = 0; // index in Setup::fallbacks to try next
    int m_offered = -1;     // the fallback offered to the user, waiting for an answer
    QString m_offeredReason;
    ApiError m_overload;      // what ends the answer if the user declines
    int m_callAttempts = 0;   // of the call that failed
    int m_attemptOffset = 0;  // attempts of the models passed over
    QStringList m_passedOver; // the models passed over, in order
    QString m_fallbackReason; // why the first was
    // When the answer's first call began: the guard's total time limit holds across all its
    // calls (fallback models, continuations), the time a user took to answer fallbackOffered
    // left out. -1: no call yet.
    qint64 m_callsFromMs = -1;
    qint64 m_offeredAtMs = 0;
};

} // namespace bw
