#pragma once

// Shared helpers for tests that talk to the simulator over loopback.

#include "api/anthropicclient.h"
#include "api/messagestream.h"
#include "sim/apisimulator.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QPointer>
#include <QTest>
#include <QTimer>

namespace bw::test {

inline constexpr auto kTestKey = "fake-test-key-not-real-0123456789";

inline MessageRequest
simpleRequest(const QString &prompt = QStringLiteral("Tell me about breakwaters"),
              int maxTokens = 1024)
{
    MessageRequest r;
    r.setModel(QStringLiteral("claude-sonnet-4-6"))
        .setMaxTokens(maxTokens)
        .addMessage(QStringLiteral("user"), prompt);
    return r;
}

inline ClientConfig configFor(const sim::ApiSimulator &sim)
{
    ClientConfig c;
    c.baseUrl = sim.baseUrl();
    c.apiKey = kTestKey;
    return c;
}

// The text the simulator will answer to `request` (its replies are deterministic).
inline QString expectedReply(const sim::ApiSimulator &sim, const MessageRequest &request)
{
    const QJsonObject body = QJsonDocument::fromJson(request.toJson(true)).object();
    return sim.replyTokens(body).join(QString());
}

inline QString expectedPrefix(const sim::ApiSimulator &sim, const MessageRequest &request,
                              int tokens)
{
    const QJsonObject body = QJsonDocument::fromJson(request.toJson(true)).object();
    return sim.replyTokens(body).mid(0, tokens).join(QString());
}

struct StreamOutcome
{
    bool ended = false;
    bool succeeded = false;
    ApiError error;
    QByteArray text; // everything textReceived delivered, in order
    int textSignals = 0;
    int headersStatus = 0;
    QString requestId;
    AssistantMessage message;
    Usage lastUsage;
    RateLimitInfo rateLimit;
};

// Runs a call to its end (or `timeoutMs` of real time) and records what it delivered.
inline StreamOutcome runStream(MessageStream *stream, int timeoutMs = 10000)
{
    StreamOutcome out;
    QEventLoop loop;
    QObject::connect(stream, &ApiCall::headersReceived, [&, stream](int status) {
        out.headersStatus = status;
        out.requestId = stream->requestId();
        out.rateLimit = stream->rateLimit();
    });
    QObject::connect(stream, &MessageStream::textReceived, [&](const QByteArray &t, int) {
        out.text += t;
        ++out.textSignals;
    });
    QObject::connect(stream, &MessageStream::usageUpdated,
                     [&](const Usage &u) { out.lastUsage = u; });
    QObject::connect(stream, &ApiCall::finished, [&, stream] {
        out.ended = out.succeeded = true;
        out.message = stream->message();
        loop.quit();
    });
    QObject::connect(stream, &ApiCall::failed, [&, stream](const ApiError &e) {
        out.ended = true;
        out.error = e;
        out.message = stream->message();
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (!out.ended)
        loop.exec();
    return out;
}

inline QList<sim::SimBehaviour> script(const QString &text)
{
    QString error;
    const auto s = sim::SimBehaviour::parseScript(text, &error);
    if (!s)
        qFatal("bad test script %s: %s", qPrintable(text), qPrintable(error));
    return *s;
}

} // namespace bw::test
