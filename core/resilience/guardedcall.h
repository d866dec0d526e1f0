#pragma once

#include "api/assistantmessage.h"
#include "api/messagerequest.h"
#include "api/ratelimitinfo.h"
#include "circuitbreaker.h"
#include "retrypolicy.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace bw {

class AnthropicClient;
class MessageStream;
class RandomSource;

struct GuardConfig
{
    RetryConfig retry;
    qint64 headersTimeoutMs = 30'000; // until the response headers arrive
    qint64 idleTimeoutMs = 30'000;    // between bytes once the answer has begun (pings count)
    qint64 totalTimeoutMs = 600'000;  // across all attempts and waits; 0: none
};

// One streamed message under the whole guard: circuit breaker -> attempt with deadlines ->
// classify -> record in the breaker -> retry decision -> wait -> next attempt.
// The stream is committed at its first delivered token: after it nothing is retried or
// replayed; a failure keeps the partial text and is reported with partial = true.
// Ends in exactly one of finished()/failed(), then deletes itself (later).
class GuardedCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedCall)

public:
    GuardedCall(AnthropicClient *client, CircuitBreaker *breaker, MessageRequest request,
                GuardConfig config, Clock *clock, RandomSource *random, QObject *parent = nullptr);
    ~GuardedCall() override;

    void start();
    // Ends the call as cancelled at any moment (waiting, connecting, streaming). Counts as
    // nothing in the breaker.
    void cancel();

    const MessageRequest &request() const { return m_request; }
    int attempts() const { return m_attempts; }
    bool isCommitted() const { return m_committed; }
    bool isEnded() const { return m_ended; }
    bool isWaiting() const;
    // What arrived: complete after finished(), partial after failed().
    const AssistantMessage &message() const { return m_message; }
    qint64 elapsedMs() const;

Q_SIGNALS:
    void attemptStarted(int attempt);
    void headersReceived(int status, const QString &requestId, const bw::RateLimitInfo &rateLimit);
    void committed(qint64 msToFirstToken);
    void textReceived(const QByteArray &utf8, int deltas);
    void usageUpdated(const bw::Usage &usage);
    void retryScheduled(int attempt, qint64 delayMs, const bw::ApiError &reason);
    void waitTick(qint64 remainingMs); // when a wait begins and once a second during it
    void
    breakerStateChanged(bw::BreakerState state); // the guarding breaker's, while this call runs
    void finished();
    void failed(const bw::ApiError &error);

private:
    void startAttempt();
    void onHeaders(int status);
    void onDeadline();
    void onText(const QByteArray &utf8, int deltas);
    void onStreamFinished();
    void onStreamFailed(const ApiError &error);
    void onTotalDeadline();
    void scheduleRetry(const ApiError &error, qint64 delayMs);
    void end(const ApiError *error);
    ApiError totalDeadlineError() const;

    AnthropicClient *m_client;
    QPointer<CircuitBreaker> m_breaker;
    MessageRequest m_request;
    GuardConfig m_config;
    RetryPolicy m_policy;
    Clock *m_clock;
    RandomSource *m_random;
    std::unique_ptr<ClockTimer> m_deadlineTimer; // headers, then idle
    std::unique_ptr<ClockTimer> m_waitTimer;
    std::unique_ptr<ClockTimer> m_tickTimer;
    std::unique_ptr<ClockTimer> m_totalTimer;
    QPointer<MessageStream> m_stream;
    CircuitBreaker::Permit m_permit;
    AssistantMessage m_message;
    ApiError m_lastError;
    qint64 m_startMs = 0;
    qint64 m_lastActivityMs = 0;
    qint64 m_waitUntilMs = 0;
    int m_attempts = 0;
    bool m_headersSeen = false;
    bool m_committed = false;
    bool m_totalExpired = false;
    bool m_ended = false;
};

} // namespace bw
