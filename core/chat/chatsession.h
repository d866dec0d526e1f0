#pragma once

#include "answerjob.h" // the answerStarted signal carries one: moc needs the whole type
#include "api/messagerequest.h"

#include <QObject>
#include <QPointer>

namespace bw {

class AttachmentStore;
class Autosaver;
class Conversation;
class ContextCompressor;
class ModelCatalogue;
class PriceTable;
class ResilientClient;
class SpendMeter;
class StreamStats;

// Drives one conversation through the engine: appends the user's turn and an answer to it, and
// hands out one AnswerJob per answer (answerStarted) that does the rest. One answer at a time.
// The CLI and the window share it.
class ChatSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatSession)

public:
    ChatSession(ResilientClient *engine, Conversation *conversation, const PriceTable *prices,
                QObject *parent = nullptr);
    ~ChatSession() override;

    Conversation *conversation() const;
    void setConversation(Conversation *conversation); // stops a running answer first
    ResilientClient *engine() const { return m_engine; }
    const PriceTable *prices() const { return m_prices; }
    const QString &model() const { return m_model; }
    void setModel(const QString &model) { m_model = model; }
    // The user's limit; 0: the model's largest. A limit above the model's is lowered to it.
    int maxTokens() const { return m_maxTokens; }
    void setMaxTokens(int maxTokens) { m_maxTokens = maxTokens; }
    // What is sent for the current model.
    int effectiveMaxTokens() const;
    // What the models can do (limits, thinking); none: nothing is known of any model.
    void setCatalogue(const ModelCatalogue *catalogue) { m_catalogue = catalogue; }
    ModelInfo modelInfo() const;
    // How much the model thinks when the conversation does not say (the settings' default).
    const ThinkingConfig &thinking() const { return m_thinking; }
    void setThinking(const ThinkingConfig &thinking) { m_thinking = thinking; }
    // Answers' requests carry it (summaries and counts never do).
    const PromptCache &promptCache() const { return m_promptCache; }
    void setPromptCache(const PromptCache &cache) { m_promptCache = cache; }
    // The models that answer when the model is overloaded before its answer begins, and how
    // (AnswerJob::Setup::fallbacks).
    const FallbackPolicy &fallback() const { return m_fallback; }
    void setFallback(const FallbackPolicy &fallback) { m_fallback = fallback; }

    // Compression before each request; none when null.
    void setCompressor(ContextCompressor *compressor);
    ContextCompressor *compressor() const;
    // Saves the prompt before each request, when it keeps this session's conversation.
    void setAutosaver(Autosaver *autosaver);
    // Records every request's usage and checks the budgets before each; none when null.
    // `tracked` false: the conversation lives only as long as the process (a one-shot `ask`), so
    // its requests are recorded without a conversation and only the day's, month's and run's
    // budgets apply.
    void setSpendMeter(SpendMeter *meter, bool tracked = true);
    SpendMeter *spendMeter() const;
    // The next answer goes out even when one of the profile's budgets is reached ("Send this
    // one anyway"); the answers after it are checked again.
    void allowNextOverBudget(bool allow = true) { m_overBudgetOnce = allow; }
    // Where the prompts' files are kept (their bytes are read from it for each request).
    void setAttachmentStore(AttachmentStore *store) { m_attachments = store; }
    AttachmentStore *attachmentStore() const { return m_attachments; }

    // Sends a prompt: the job answering it, or null (with `whyNot`) when the prompt is empty or
    // an answer is running.
    AnswerJob *send(const QString &text, QString *whyNot = nullptr);
    // With files (stored already: see AttachmentStore), sent before the text; the text may then be
    // empty.
    AnswerJob *send(const QString &text, const QList<Attachment> &attachments,
                    QString *whyNot = nullptr);
    // Why the last regenerate(), edit() or retryWithHigherLimit() returned null when a budget
    // refused it (kind `budget`: nothing was sent, and no version was made — allowNextOverBudget()
    // and the same call again send it); else no error.
    const ApiError &refusal() const { return m_refusal; }
    // A new version of the answer at `index`, to the same prompt with the same history; the old
    // one is kept as a version. Null (with `whyNot`) when that is not possible now.
    AnswerJob *regenerate(int index, QString *whyNot = nullptr);
    // A new version of the user's message at `index` with `text`, and an answer to it: a branch
    // from that point; the old branch, with everything after it, is kept.
    AnswerJob *edit(int index, const QString &text, QString *whyNot = nullptr);
    // Asks again for a failed or interrupted answer: an answer with nothing in it is replaced, one
    // with partial text is kept as a version of its own (a regenerate).
    AnswerJob *retry(int index);
    // After an answer cut off at max_tokens (or a pause): asks the model, as a new turn, to go
    // on from where it stopped (assistant prefill is rejected by current models).
    AnswerJob *continueAnswer(QString *whyNot = nullptr);
    // A new version of the cut-off answer at `index` with a higher limit (twice the old one, at
    // most the model's largest). Null with `whyNot` when the limit cannot go higher.
    AnswerJob *retryWithHigherLimit(int index, QString *whyNot = nullptr);
    // The request text continueAnswer() sends.
    static QString continuePrompt();
    // Stops the running answer at any moment; what arrived stays, marked interrupted.
    void stop();

    bool isBusy() const;
    AnswerJob *activeJob() const;
    // The statistics of the current (or last) answer.
    StreamStats *stats() const { return m_stats; }

    // The request answering the turns before `assistantIndex`.
    MessageRequest requestFor(int assistantIndex) const;

    // How full the model's context is: the API's input tokens of the last answer plus an
    // estimate (characters / 4) of what came since, and `pending` (the prompt being written).
    struct ContextUse
    {
        qint64 tokens = 0;
        qint64 window = 0;    // the model's context window
        bool counted = false; // measured by count_tokens, not estimated
        double fraction() const { return window > 0 ? double(tokens) / double(window) : 0; }
        bool fits() const { return tokens <= window; }
    };
    ContextUse estimateContext(const QString &pending,
                               const QList<Attachment> &attachments = {}) const;
    // Asks count_tokens for the exact figure (one quick try); `done` gets it, or the estimate
    // (counted = false) when the service cannot say. Runs later, on `context`.
    void countContext(const QString &pending, QObject *context,
                      std::function<void(const ContextUse &)> done,
                      const QList<Attachment> &attachments = {});
    // The input tokens of prompt files as count_tokens says (one quick try, the files read and
    // encoded off this thread); `done` gets -1 when the service cannot say. Runs later, on
    // `context`.
    void countAttachments(const QList<Attachment> &attachments, QObject *context,
                          std::function<void(qint64 tokens)> done);

Q_SIGNALS:
    void busyChanged(bool busy);
    // A new answer, not yet started: connect to it here.
    void answerStarted(bw::AnswerJob *job);

private:
    bool canStart(QString *whyNot) const;
    // Before a new version is made for an answer: false (with `whyNot` and refusal()) when a
    // budget would stop it, so that a refused request leaves no empty version behind.
    bool withinBudget(QString *whyNot);
    // count_tokens for `request` (one quick try; attachments read off this thread): -1 when the
    // service cannot say.
    void countTokens(const MessageRequest &request, QObject *context,
                     std::function<void(qint64)> done);
    AnswerJob *startAnswer(int index, int maxTokens = 0);

    ResilientClient *m_engine;
    QPointer<Conversation> m_conversation;
    const PriceTable *m_prices;
    StreamStats *m_stats;
    QPointer<ContextCompressor> m_compressor;
    QPointer<Autosaver> m_autosaver;
    QPointer<SpendMeter> m_meter;
    bool m_trackConversation = true;
    bool m_overBudgetOnce = false;
    ApiError m_refusal;
    AttachmentStore *m_attachments = nullptr;
    QPointer<AnswerJob> m_job;
    QString m_model;
    int m_maxTokens = 0;
    const ModelCatalogue *m_catalogue = nullptr;
    ThinkingConfig m_thinking;
    PromptCache m_promptCache;
    FallbackPolicy m_fallback{FallbackPolicy::Mode::Never, {}};
};

} // namespace bw
