#pragma once

#include "api/apicall.h"
#include "api/assistantmessage.h"
#include "api/messagerequest.h"
#include "api/ratelimitinfo.h"
#include "circuitbreaker.h"
#include "guardconfig.h"
#include "retrypolicy.h"

#include <QJsonObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

namespace bw {

class AnthropicClient;
class RandomSource;

// One call under the whole guard: circuit breaker -> attempt with deadlines -> classify ->
// record in the breaker -> retry decision -> wait -> next attempt. Streams and JSON calls
// (count_tokens, models, batches) alike.
// A stream is committed at its first delivered token: after it nothing is retried or replayed;
// a failure keeps the partial text and is reported with partial = true.
// An Operation: ends in exactly one of finished()/failed(), then deletes itself (later).
class GuardedCall final : public Operation
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedCall)

public:
    // Makes the HTTP call of one attempt; called again for every attempt.
    using AttemptFactory = std::function<ApiCall *(AnthropicClient &client)>;

    // A streamed message.
    GuardedCall(AnthropicClient *client, CircuitBreaker *breaker, MessageRequest request,
                GuardConfig config, Clock *clock, RandomSource *random, QObject *parent = nullptr);
    // Any other call; its answer is json() (or body()) after finished().
    GuardedCall(AnthropicClient *client, CircuitBreaker *breaker, AttemptFactory makeAttempt,
                GuardConfig config, Clock *clock, RandomSource *random, QObject *parent = nullptr);
    ~GuardedCall() override;

    // Fewer attempts than the guard's configuration (a call whose answer is optional). Before
    // start().
    void setMaxAttempts(int attempts);
    // A shorter wait for the response headers than the guard's (an optional call). Before
    // start().
    void setHeadersTimeout(qint64 ms);
    // The total time limit counts from `ms` on the call's clock (when the work this call is part
    // of began: an answer's earlier calls, a fallback model's) instead of from start(); with
    // nothing left, the call ends at once with the total-time error, sending nothing. Before
    // start().
    void setTotalTimeFrom(qint64 ms) { m_totalFromMs = ms; }
    void start();
    // Ends the call as cancelled at any moment (waiting, connecting, streaming). Counts as
    // nothing in the breaker.
    void cancel() override;

    int attempts() const { return m_attempts; }
    // The failure of the last attempt that was made (none yet: not an error); after a refusal by
    // the breaker, what made it open.
    const ApiError &lastError() const { return m_lastError; }
    bool isCommitted() const { return m_committed; }
    bool isWaiting() const;
    // A stream's message: complete after finished(), what arrived after failed().
    const AssistantMessage &message() const { return m_message; }
    // A JSON call's answer after finished().
    const QJsonObject &json() const { return m_json; }
    const QByteArray &body() const { return m_body; }
    // After finished(): while the HTTP exchange of the successful attempt goes on past its answer
    // (ApiCall::openExchange), an object that is destroyed when it ends; else nullptr. A permit
    // that limits requests at the server should be held until then.
    QObject *openExchange() const { return m_openExchange; }
    qint64 elapsedMs() const;

Q_SIGNALS:
    void attemptStarted(int attempt);
    void headersReceived(int status, const QString &requestId, const bw::RateLimitInfo &rateLimit);
    void committed(qint64 msToFirstToken);
    void textReceived(const QByteArray &utf8, int deltas);
    void thinkingReceived(const QByteArray &utf8, int deltas);
    void usageUpdated(const bw::Usage &usage);
    // A stream's attempt that reported usage (its message_start arrived, so it reached the API
    // and is billed) failed, and another attempt follows: what it reported, and the model the
    // server named. The message of the attempt that ends the call is message() instead, so each
    // attempt is told of once.
    void attemptUsage(const bw::Usage &usage, const QString &servedModel);
    void retryScheduled(int attempt, qint64 delayMs, const bw::ApiError &reason);
    void waitTick(qint64 remainingMs); // when a wait begins and once a second during it
    // The guarding breaker's state, while this call runs.
    void breakerStateChanged(bw::BreakerState state);

protected:
    void aboutToEnd(bool ok) override;

private:
    void startAttempt();
    void onHeaders(int status);
    void onDeadline();
    void onText(const QByteArray &utf8, int deltas);
    void onThinking(const QByteArray &utf8, int deltas);
    void onAttemptFinished();
    void onAttemptFailed(const ApiError &error);
    void onTotalDeadline();
    void keepWhatArrived();
    void scheduleRetry(const ApiError &error, qint64 delayMs);
    void end(const ApiError *error);
    ApiError totalDeadlineError() const;

    AnthropicClient *m_client;
    QPointer<CircuitBreaker> m_breaker;
    AttemptFactory m_makeAttempt;
    GuardConfig m_config;
    RetryPolicy m_policy;
    Clock *m_clock;
    RandomSource *m_random;
    std::unique_ptr<ClockTimer> m_deadlineTimer; // headers, then idle
    std::unique_ptr<ClockTimer> m_waitTimer;
    std::unique_ptr<ClockTimer> m_tickTimer;
    std::unique_ptr<ClockTimer> m_totalTimer;
    QPointer<ApiCall> m_attempt;
    QPointer<QObject> m_openExchange;
    CircuitBreaker::Permit m_permit;
    AssistantMessage m_message;
    QJsonObject m_json;
    QByteArray m_body;
    ApiError m_lastError;
    qint64 m_startMs = 0;
    std::optional<qint64> m_totalFromMs; // the total limit's start; none: start()
    qint64 m_lastActivityMs = 0;
    qint64 m_waitUntilMs = 0;
    int m_attempts = 0;
    bool m_headersSeen = false;
    bool m_committed = false;
    bool m_totalExpired = false;
};

} // namespace bw
