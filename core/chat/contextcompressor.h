#pragma once

#include "api/apierror.h"
#include "api/messagerequest.h"
#include "compressionsettings.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace bw {

class Conversation;
class GuardedCall;
class ResilientClient;
class SpendMeter;

// Compression of long conversations: before a request, if the context would pass the threshold, the
// oldest turns — all but the most recent K messages, the kept part starting with a user turn — are
// folded into a summary written by a cheaper model through the same guarded client. Later
// compressions fold the previous summary with the turns that have grown old since. The transcript
// stays complete: only what is sent changes (the summary goes first in the system prompt).
class ContextCompressor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContextCompressor)

public:
    struct Outcome
    {
        enum class Kind { NotNeeded, Compressed, FailedButFits, Failed };
        Kind kind = Kind::NotNeeded;
        qint64 tokensBefore = 0; // the context measured before compressing
        qint64 tokensAfter = 0;
        int summarizedMessages = 0;
        ApiError error;  // for the failure kinds
        QString message; // a sentence for the user when something went wrong
    };
    using Done = std::function<void(const Outcome &)>;

    static const char
        *const kInstruction; // the summariser's system prompt (the simulator knows it)
    // count_tokens answers in milliseconds when the service is well; waiting longer only delays
    // the answer the user asked for.
    static constexpr qint64 kCountTimeoutMs = 5'000;

    explicit ContextCompressor(ResilientClient *engine, QObject *parent = nullptr);
    ~ContextCompressor() override;

    const CompressionSettings &settings() const { return m_settings; }
    void setSettings(const CompressionSettings &settings) { m_settings = settings; }
    // Records each summary's usage under its conversation; none when null.
    void setSpendMeter(SpendMeter *meter);

    // Context tokens of a request answering the turns before `assistantIndex`: the API's
    // input_tokens of the previous answer plus an estimate (characters / 4) of what came since;
    // a full estimate when there is no previous answer to start from.
    static qint64 estimateTokens(const Conversation &conversation, int assistantIndex);
    // Where the fold ends for a request at `assistantIndex`: -1 when nothing new can be folded.
    int foldEnd(const Conversation &conversation, int assistantIndex) const;
    // About how many tokens the context has after folding [.., foldTo) for `assistantIndex`:
    // the system prompt, a summary as long as summaries may be, and the turns kept.
    qint64 estimateAfterFold(const Conversation &conversation, int assistantIndex,
                             int foldTo) const;

    // Whom a summary is charged to: the ledger's conversation id ("" for a conversation that is
    // not kept, a one-shot `ask`), and whether the profile's budgets let it go anyway ("Send
    // this one anyway" for the answer it is made for). None: the conversation's own id, budgets
    // apply.
    struct Ledger
    {
        QString conversation;
        bool ignoreBudget = false;
    };

    // Before the request for `assistantIndex`: compresses when the context passes the threshold.
    // `done` runs exactly once, later.
    void prepare(Conversation *conversation, int assistantIndex, const QString &chatModel,
                 Done done, std::optional<Ledger> ledger = std::nullopt);
    // Folds now, whatever the size (Compress now in the window).
    void compressNow(Conversation *conversation, Done done,
                     std::optional<Ledger> ledger = std::nullopt);
    void cancel();
    bool isBusy() const;

    // The request for `assistantIndex` with the conversation's summary in place.
    static MessageRequest requestFor(const Conversation &conversation, int assistantIndex,
                                     const QString &model, int maxTokens);

Q_SIGNALS:
    void compressing(int messages);
    void compressed(int summarizedMessages, qint64 tokensBefore, qint64 tokensAfter);
    void compressionFailed(const QString &message);

private:
    void decide(Conversation *conversation, int assistantIndex, qint64 measured, Done done);
    void summarize(Conversation *conversation, int assistantIndex, int foldTo, qint64 tokensBefore,
                   bool forced, Done done);
    void finish(const Done &done, const Outcome &outcome);
    void later(std::function<void()> work);
    static Outcome closed(); // the conversation went away while a step ran

    ResilientClient *m_engine;
    CompressionSettings m_settings;
    QPointer<GuardedCall> m_call;
    QPointer<GuardedCall> m_count;
    QPointer<SpendMeter> m_meter;
    QString m_chatModel;
    Ledger m_ledger; // of the compression under way
};

} // namespace bw
