#include "guardedcall.h"

#include "api/anthropicclient.h"
#include "api/jsoncall.h"
#include "api/messagestream.h"
#include "base/clock.h"
#include "base/logging.h"
#include "randomsource.h"

namespace bw {

static QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'g', 3);
}

GuardedCall::GuardedCall(AnthropicClient *client, CircuitBreaker *breaker, MessageRequest request,
                         GuardConfig config, Clock *clock, RandomSource *random, QObject *parent)
    : GuardedCall(
          client, breaker,
          [request = std::move(request)](AnthropicClient &c) -> ApiCall * {
              return c.streamMessage(request);
          },
          config, clock, random, parent)
{}

GuardedCall::GuardedCall(AnthropicClient *client, CircuitBreaker *breaker,
                         AttemptFactory makeAttempt, GuardConfig config, Clock *clock,
                         RandomSource *random, QObject *parent)
    : Operation(parent)
    , m_client(client)
    , m_breaker(breaker)
    , m_makeAttempt(std::move(makeAttempt))
    , m_config(config)
    , m_policy(config.retry)
    , m_clock(clock)
    , m_random(random)
    , m_deadlineTimer(clock->createTimer())
    , m_waitTimer(clock->createTimer())
    , m_tickTimer(clock->createTimer())
    , m_totalTimer(clock->createTimer())
{
    m_deadlineTimer->setCallback([this] { onDeadline(); });
    m_waitTimer->setCallback([this] {
        m_tickTimer->stop();
        Q_EMIT waitTick(0);
        startAttempt();
    });
    m_tickTimer->setCallback([this] {
        const qint64 remaining = std::max<qint64>(0, m_waitUntilMs - m_clock->nowMs());
        Q_EMIT waitTick(remaining);
        if (remaining > 0)
            m_tickTimer->start(std::min<qint64>(1000, remaining));
    });
    m_totalTimer->setCallback([this] { onTotalDeadline(); });
    if (m_breaker)
        connect(m_breaker, &CircuitBreaker::stateChanged, this, &GuardedCall::breakerStateChanged);
}

GuardedCall::~GuardedCall()
{
    if (m_attempt) {
        m_attempt->disconnect(this);
        m_attempt->cancel();
        if (m_breaker)
            m_breaker->release(m_permit); // a probe held by a call that is gone blocks no one
    }
}

bool GuardedCall::isWaiting() const
{
    return m_waitTimer->isActive();
}

qint64 GuardedCall::elapsedMs() const
{
    return m_clock->nowMs() - m_startMs;
}

void GuardedCall::setMaxAttempts(int attempts)
{
    m_config.retry.maxAttempts = std::clamp(attempts, 1, m_config.retry.maxAttempts);
    m_policy = RetryPolicy(m_config.retry);
}

void GuardedCall::setHeadersTimeout(qint64 ms)
{
    if (ms > 0 && (m_config.headersTimeoutMs <= 0 || ms < m_config.headersTimeoutMs))
        m_config.headersTimeoutMs = ms;
}

void GuardedCall::start()
{
    m_startMs = m_clock->nowMs();
    if (!m_totalFromMs || *m_totalFromMs > m_startMs)
        m_totalFromMs = m_startMs;
    if (m_config.totalTimeoutMs > 0) {
        const qint64 left = m_config.totalTimeoutMs - (m_startMs - *m_totalFromMs);
        if (left <= 0) {
            m_totalExpired = true;
            failSoon(totalDeadlineError()); // nothing is sent
            return;
        }
        m_totalTimer->start(left);
    }
    startAttempt();
}

void GuardedCall::startAttempt()
{
    if (isEnded())
        return;
    m_permit = m_breaker ? m_breaker->acquire() : CircuitBreaker::Permit{true, false, 0, 0};
    if (!m_permit.allowed) {
        ApiError e = m_breaker->refusal(m_permit);
        if (m_lastError.isError())
            e.message += QStringLiteral(" (last error: %1)").arg(m_lastError.describe());
        if (m_attempts == 0)
            failSoon(e); // nothing was sent: callers hear it on a later turn, like any failure
        else
            end(&e);
        return;
    }
    ++m_attempts;
    m_headersSeen = false;
    qCDebug(lcResilience) << "attempt" << m_attempts;
    Q_EMIT attemptStarted(m_attempts);
    if (isEnded())
        return;
    ApiCall *attempt = m_makeAttempt(*m_client);
    m_attempt = attempt;
    connect(attempt, &ApiCall::headersReceived, this, &GuardedCall::onHeaders);
    connect(attempt, &ApiCall::activity, this, [this] { m_lastActivityMs = m_clock->nowMs(); });
    if (auto *stream = qobject_cast<MessageStream *>(attempt)) {
        connect(stream, &MessageStream::textReceived, this, &GuardedCall::onText);
        connect(stream, &MessageStream::thinkingReceived, this, &GuardedCall::onThinking);
        connect(stream, &MessageStream::usageUpdated, this, &GuardedCall::usageUpdated);
    }
    connect(attempt, &ApiCall::finished, this, &GuardedCall::onAttemptFinished);
    connect(attempt, &ApiCall::failed, this, &GuardedCall::onAttemptFailed);
    if (m_config.headersTimeoutMs > 0)
        m_deadlineTimer->start(m_config.headersTimeoutMs);
}

void GuardedCall::onHeaders(int status)
{
    m_headersSeen = true;
    m_lastActivityMs = m_clock->nowMs();
    m_deadlineTimer->stop();
    if (m_config.idleTimeoutMs > 0 && status >= 200 && status < 300)
        m_deadlineTimer->start(m_config.idleTimeoutMs);
    if (m_attempt)
        Q_EMIT headersReceived(status, m_attempt->requestId(), m_attempt->rateLimit());
}

void GuardedCall::onDeadline()
{
    if (!m_attempt)
        return;
    if (!m_headersSeen) {
        m_attempt->abortWith(
            ApiError::make(ErrorKind::Timeout, tr("no answer from %1 within %2 s")
                                                   .arg(m_client->config().baseUrl.host(),
                                                        seconds(m_config.headersTimeoutMs))));
        return;
    }
    // Activity only stamps a time; the one timer re-arms itself for the rest of the idle window.
    const qint64 idle = m_clock->nowMs() - m_lastActivityMs;
    if (idle < m_config.idleTimeoutMs) {
        m_deadlineTimer->start(m_config.idleTimeoutMs - idle);
        return;
    }
    m_attempt->abortWith(ApiError::make(
        ErrorKind::Stalled,
        tr("the answer stalled: no data for %1 s").arg(seconds(m_config.idleTimeoutMs))));
}

void GuardedCall::onText(const QByteArray &utf8, int deltas)
{
    if (!m_committed) {
        m_committed = true;
        Q_EMIT committed(elapsedMs());
    }
    Q_EMIT textReceived(utf8, deltas);
}

void GuardedCall::onThinking(const QByteArray &utf8, int deltas)
{
    // Thinking the user has seen is kept like text: the stream is committed from here on.
    if (!m_committed) {
        m_committed = true;
        Q_EMIT committed(elapsedMs());
    }
    Q_EMIT thinkingReceived(utf8, deltas);
}

void GuardedCall::keepWhatArrived()
{
    if (auto *stream = qobject_cast<MessageStream *>(m_attempt.data())) {
        m_message = stream->message();
    } else if (auto *json = qobject_cast<JsonCall *>(m_attempt.data())) {
        m_json = json->json();
        m_body = json->body();
    }
}

void GuardedCall::onAttemptFinished()
{
    m_deadlineTimer->stop();
    keepWhatArrived();
    m_openExchange = m_attempt ? m_attempt->openExchange() : nullptr;
    m_attempt = nullptr;
    if (m_breaker)
        m_breaker->recordSuccess(m_permit);
    end(nullptr);
}

ApiError GuardedCall::totalDeadlineError() const
{
    ApiError e = ApiError::make(
        ErrorKind::Timeout,
        tr("the total time limit of %1 s passed").arg(seconds(m_config.totalTimeoutMs)));
    if (m_lastError.isError() && m_lastError.kind != ErrorKind::Timeout)
        e.message += QStringLiteral(" (last error: %1)").arg(m_lastError.describe());
    e.partial = m_committed;
    return e;
}

void GuardedCall::onAttemptFailed(const ApiError &error)
{
    m_deadlineTimer->stop();
    keepWhatArrived(); // what arrived before the failure
    m_attempt = nullptr;
    if (m_breaker)
        m_breaker->recordFailure(m_permit, error.kind);
    if (m_totalExpired) {
        const ApiError e = totalDeadlineError();
        end(&e);
        return;
    }
    m_lastError = error;
    if (m_committed) {
        ApiError e = error;
        e.partial = true; // never replayed: the text the user saw stays, marked interrupted
        end(&e);
        return;
    }
    const RetryDecision decision = m_policy.decide(error, m_attempts, *m_random);
    if (!decision.retry) {
        end(&decision.finalError);
        return;
    }
    if (m_config.totalTimeoutMs > 0 &&
        m_clock->nowMs() - *m_totalFromMs + decision.delayMs >= m_config.totalTimeoutMs) {
        ApiError e = error;
        e.message +=
            tr(" (stopped retrying: waiting %1 s more would pass the total time limit of %2 s)")
                .arg(seconds(decision.delayMs), seconds(m_config.totalTimeoutMs));
        end(&e);
        return;
    }
    // The next attempt's message replaces this one's: what this one reported is told now.
    const AssistantMessage spent = std::exchange(m_message, {});
    const Usage &u = spent.usage;
    if (u.inputTokens > 0 || u.outputTokens > 0 || u.cacheCreationInputTokens > 0 ||
        u.cacheReadInputTokens > 0) {
        Q_EMIT attemptUsage(u, spent.model);
        if (isEnded())
            return;
    }
    scheduleRetry(error, decision.delayMs);
}

void GuardedCall::scheduleRetry(const ApiError &error, qint64 delayMs)
{
    qCInfo(lcResilience) << "retry after" << delayMs << "ms:" << error.describe();
    m_waitUntilMs = m_clock->nowMs() + delayMs;
    Q_EMIT retryScheduled(m_attempts, delayMs, error);
    if (isEnded())
        return;
    m_waitTimer->start(delayMs);
    Q_EMIT waitTick(delayMs);
    if (isEnded())
        return;
    if (delayMs > 0)
        m_tickTimer->start(std::min<qint64>(1000, delayMs));
}

void GuardedCall::onTotalDeadline()
{
    m_totalExpired = true;
    if (m_attempt) {
        m_attempt->abortWith(ApiError::make(ErrorKind::Timeout, tr("the total time limit passed")));
        return; // onAttemptFailed reports it
    }
    const ApiError e = totalDeadlineError();
    end(&e);
}

void GuardedCall::cancel()
{
    if (isEnded())
        return;
    if (m_attempt) {
        keepWhatArrived();
        ApiCall *attempt = m_attempt;
        m_attempt = nullptr;
        attempt->disconnect(this);
        attempt->cancel();
        if (m_breaker)
            m_breaker->release(m_permit);
    }
    ApiError e = ApiError::make(ErrorKind::Cancelled, tr("stopped"));
    e.partial = m_committed;
    end(&e);
}

void GuardedCall::aboutToEnd(bool)
{
    m_deadlineTimer->stop();
    m_waitTimer->stop();
    m_tickTimer->stop();
    m_totalTimer->stop();
}

void GuardedCall::end(const ApiError *error)
{
    if (error)
        fail(*error);
    else
        succeed();
}

} // namespace bw
