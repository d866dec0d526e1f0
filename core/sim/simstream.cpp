#include "simstream.h"

#include "simconnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <zlib.h>

namespace bw::sim {

namespace {
constexpr qint64 kHighWater = 512 * 1024; // fast mode: stop writing above this backlog
constexpr int kBatchEvents = 512;         // events per chunk in fast mode

QByteArray gzip(QByteArrayView data)
{
    z_stream z{};
    // 15 window bits + 16: a gzip header and trailer around the deflate data (zlib.h).
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(qsizetype(deflateBound(&z, uLong(data.size()))), Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.resize(qsizetype(z.total_out));
    deflateEnd(&z);
    return out;
}
} // namespace

SimStream::SimStream(SimConnection *connection, StreamPlan plan, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_plan(std::move(plan))
{
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(connection, &SimConnection::closed, this, [this] {
        m_stopped = true;
        m_timer.stop();
        Q_EMIT ended();
    });
}

SimStream::~SimStream() = default;

QByteArray SimStream::jsonString(const QString &text)
{
    // QJsonDocument escapes exactly as JSON requires; strip the array brackets around it.
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

QByteArray SimStream::event(QByteArrayView name, QByteArrayView json)
{
    QByteArray out;
    out.reserve(name.size() + json.size() + 16);
    out += "event: ";
    out += name;
    out += "\ndata: ";
    out += json;
    out += "\n\n";
    return out;
}

int SimStream::textIndex() const
{
    return (m_plan.thinkingTokens.isEmpty() ? 0 : 1) + (m_plan.redactedData.isEmpty() ? 0 : 1) +
           (m_citedOpen ? 1 : 0);
}

void SimStream::openCited(QByteArray &out)
{
    const QByteArray before = QByteArray::number(textIndex());
    out += event("content_block_stop",
                 QByteArray(R"({"type":"content_block_stop","index":)" + before + "}"));
    m_citedOpen = true;
    m_eventCache.clear(); // the token events name the block
    const QByteArray index = QByteArray::number(textIndex());
    out += event("content_block_start",
                 QByteArray(R"({"type":"content_block_start","index":)" + index +
                            R"(,"content_block":{"type":"text","text":"","citations":[]}})"));
    for (const QJsonValue &c : std::as_const(m_plan.citations))
        out += event("content_block_delta",
                     QByteArray(R"({"type":"content_block_delta","index":)" + index +
                                R"(,"delta":{"type":"citations_delta","citation":)" +
                                QJsonDocument(c.toObject()).toJson(QJsonDocument::Compact) + "}}"));
}

QByteArray SimStream::thinkingEvent(const QString &token)
{
    return event("content_block_delta",
                 QByteArray(R"({"type":"content_block_delta","index":0,"delta":{"type":)"
                            R"("thinking_delta","thinking":)" +
                            jsonString(token) + "}}"));
}

void SimStream::openText(QByteArray &out)
{
    if (m_textOpen)
        return;
    m_textOpen = true;
    int index = 0;
    if (!m_plan.thinkingTokens.isEmpty()) {
        out += event("content_block_delta",
                     QByteArray(R"({"type":"content_block_delta","index":0,"delta":{"type":)"
                                R"("signature_delta","signature":")" +
                                m_plan.signature + "\"}}"));
        out += event("content_block_stop", R"({"type":"content_block_stop","index":0})");
        ++index;
    }
    if (!m_plan.redactedData.isEmpty()) {
        const QByteArray i = QByteArray::number(index);
        out += event("content_block_start",
                     QByteArray(R"({"type":"content_block_start","index":)" + i +
                                R"(,"content_block":{"type":"redacted_thinking","data":")" +
                                m_plan.redactedData + "\"}}"));
        out += event("content_block_stop",
                     QByteArray(R"({"type":"content_block_stop","index":)" + i + "}"));
        ++index;
    }
    out +=
        event("content_block_start",
              QByteArray(R"({"type":"content_block_start","index":)" + QByteArray::number(index) +
                         R"(,"content_block":{"type":"text","text":""}})"));
}

QByteArray SimStream::tokenEvent(const QString &token)
{
    auto it = m_eventCache.constFind(token);
    if (it != m_eventCache.cend())
        return *it;
    const QByteArray ev = event(
        "content_block_delta",
        QByteArray(R"({"type":"content_block_delta","index":)" + QByteArray::number(textIndex()) +
                   R"(,"delta":{"type":"text_delta","text":)" + jsonString(token) + "}}"));
    if (m_eventCache.size() < 4096)
        m_eventCache.insert(token, ev);
    return ev;
}

int SimStream::faultAt() const
{
    const int fallback = std::min<int>(5, std::max<int>(1, int(m_plan.tokens.size()) / 2));
    return m_plan.behaviour.intParam(QStringLiteral("after"), fallback);
}

void SimStream::send(QByteArrayView bytes)
{
    if (m_plan.behaviour.kind == SimBehaviour::Kind::GzipSse)
        m_uncompressed += bytes;
    else if (m_connection)
        m_connection->writeChunk(bytes);
}

void SimStream::start()
{
    if (!m_connection)
        return;
    if (m_plan.behaviour.kind == SimBehaviour::Kind::EarlyHints)
        m_connection->writeInformational(103, {{"link", "</v1/models>; rel=preload"}});
    m_connection->beginStream(200, m_plan.headers);
    QByteArray out;
    QJsonObject usage{{QLatin1String("cache_creation_input_tokens"), 0},
                      {QLatin1String("cache_read_input_tokens"), 0}};
    for (auto it = m_plan.cacheUsage.constBegin(); it != m_plan.cacheUsage.constEnd(); ++it)
        usage.insert(it.key(), it.value());
    usage.insert(QLatin1String("input_tokens"), m_plan.inputTokens);
    usage.insert(QLatin1String("output_tokens"), 1);
    const QJsonObject message{{QLatin1String("id"), QString::fromLatin1(m_plan.messageId)},
                              {QLatin1String("type"), QLatin1String("message")},
                              {QLatin1String("role"), QLatin1String("assistant")},
                              {QLatin1String("model"), m_plan.model},
                              {QLatin1String("content"), QJsonArray{}},
                              {QLatin1String("stop_reason"), QJsonValue::Null},
                              {QLatin1String("stop_sequence"), QJsonValue::Null},
                              {QLatin1String("usage"), usage}};
    out += event("message_start",
                 QJsonDocument(QJsonObject{{QLatin1String("type"), QLatin1String("message_start")},
                                           {QLatin1String("message"), message}})
                     .toJson(QJsonDocument::Compact));
    if (m_plan.thinkingTokens.isEmpty())
        openText(out);
    else
        out +=
            event("content_block_start",
                  R"({"type":"content_block_start","index":0,"content_block":{"type":"thinking",)"
                  R"("thinking":"","signature":""}})");
    out += event("ping", R"({"type": "ping"})");
    send(out);

    if (m_plan.behaviour.kind == SimBehaviour::Kind::HugeLine) {
        m_connection->writeChunk("event: content_block_delta\ndata: ");
        m_fast = true;
        connect(m_connection, &SimConnection::writable, this, &SimStream::pump);
        pump();
        return;
    }
    if (m_plan.ttftMs > 0)
        QTimer::singleShot(m_plan.ttftMs, this, &SimStream::beginTokens);
    else
        beginTokens();
}

void SimStream::beginTokens()
{
    if (m_stopped || !m_connection)
        return;
    double tps = m_plan.tokensPerSecond;
    if (m_plan.behaviour.kind == SimBehaviour::Kind::Drip)
        tps = m_plan.behaviour.intParam(QStringLiteral("tps"), 2);
    m_clock.start();
    if (tps <= 0) {
        m_fast = true;
        connect(m_connection, &SimConnection::writable, this, &SimStream::pump);
        pump();
        return;
    }
    m_plan.tokensPerSecond = tps;
    connect(&m_timer, &QTimer::timeout, this, &SimStream::tick);
    m_timer.start(std::max(1, int(1000.0 / tps)));
    tick();
}

void SimStream::writeOut(QByteArray &out)
{
    if (!out.isEmpty())
        send(out);
    out.clear();
}

void SimStream::pump()
{
    if (m_stopped || !m_connection || !m_fast)
        return;
    QByteArray out;
    if (m_plan.behaviour.kind == SimBehaviour::Kind::HugeLine) {
        // An endless line: the client must give up on it, not buffer it forever.
        static const QByteArray filler(64 * 1024, 'x');
        while (m_connection && m_connection->isOpen() &&
               m_connection->pendingBytes() < kHighWater && m_emitted < 8192) {
            m_connection->writeChunk(filler);
            ++m_emitted;
        }
        return;
    }
    while (!m_stopped && m_connection && m_connection->pendingBytes() < kHighWater) {
        for (int i = 0; i < kBatchEvents && !m_stopped; ++i) {
            if (!emitNext(out))
                break;
        }
        writeOut(out);
        if (m_stopped || !m_fast)
            break;
    }
}

void SimStream::tick()
{
    if (m_stopped)
        return;
    const qint64 due = m_paceBase + qint64(m_clock.elapsed() * m_plan.tokensPerSecond / 1000.0) + 1;
    QByteArray out;
    while (!m_stopped && m_emitted < due && m_timer.isActive()) {
        if (!emitNext(out))
            break;
    }
    writeOut(out);
}

bool SimStream::emitNext(QByteArray &out)
{
    using Kind = SimBehaviour::Kind;
    const Kind kind = m_plan.behaviour.kind;
    const bool endless = kind == Kind::Endless;
    if (!m_faultDone && m_emitted == faultAt() && kind != Kind::Ok && kind != Kind::Drip &&
        !endless)
        return applyFault(out);
    const int thinking = int(m_plan.thinkingTokens.size());
    if (m_emitted < thinking) {
        out += thinkingEvent(m_plan.thinkingTokens.at(m_emitted));
        ++m_emitted;
        return true;
    }
    openText(out);
    if (!endless && m_emitted - thinking >= m_plan.tokens.size()) {
        writeOut(out);
        finishMessage();
        return false;
    }
    if (!m_citedOpen && m_plan.citedFrom >= 0 && m_emitted - thinking == m_plan.citedFrom)
        openCited(out);
    out += tokenEvent(
        m_plan.tokens.at((m_emitted - thinking) % std::max<qsizetype>(1, m_plan.tokens.size())));
    ++m_emitted;
    return true;
}

bool SimStream::applyFault(QByteArray &out)
{
    using Kind = SimBehaviour::Kind;
    m_faultDone = true;
    const SimBehaviour &b = m_plan.behaviour;
    switch (b.kind) {
    case Kind::StallMid: {
        writeOut(out);
        m_timer.stop();
        m_fast = false;
        if (const int ms = b.intParam(QStringLiteral("ms"), 0); ms > 0) {
            QTimer::singleShot(ms, this, [this] { resume(m_plan.tokensPerSecond <= 0); });
        }
        return false;
    }
    case Kind::ResetMid: {
        writeOut(out);
        m_stopped = true;
        m_timer.stop();
        // A reset discards bytes the peer has not read yet: give the client a moment to read what
        // was sent, as on a real connection that breaks after delivering part of an answer.
        QPointer<SimConnection> c = m_connection;
        QTimer::singleShot(b.intParam(QStringLiteral("delay-ms"), 100), c, [c] {
            if (!c)
                return;
            // Break off inside a chunk, so no reading of the bytes can take it for a clean end.
            c->socket()->write("400\r\nevent: content_block_delta\ndata: {\"type\":\"content_");
            c->socket()->flush();
            c->reset();
        });
        return false;
    }
    case Kind::CloseEarly:
        writeOut(out);
        end();
        return false;
    case Kind::ErrorMid: {
        const QString type = b.param(QStringLiteral("type"), QStringLiteral("overloaded_error"));
        const QString message = b.param(QStringLiteral("message"), QStringLiteral("Overloaded"));
        out += event("error",
                     QJsonDocument(QJsonObject{{QLatin1String("type"), QLatin1String("error")},
                                               {QLatin1String("error"),
                                                QJsonObject{{QLatin1String("type"), type},
                                                            {QLatin1String("message"), message}}}})
                         .toJson(QJsonDocument::Compact));
        writeOut(out);
        end();
        return false;
    }
    case Kind::Malformed:
        out += "event: content_block_delta\ndata: "
               "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_de\n\n";
        return true;
    case Kind::BadUtf8:
        out += "event: content_block_delta\ndata: "
               "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
               "\"text\":\"bad \xC3\x28 bytes\"}}\n\n";
        return true;
    case Kind::Pings: {
        writeOut(out);
        const int count = b.intParam(QStringLiteral("count"), 3);
        const int interval = b.intParam(QStringLiteral("interval"), 500);
        const bool wasFast = m_fast;
        m_timer.stop();
        m_fast = false;
        for (int i = 1; i <= count; ++i) {
            QTimer::singleShot(interval * i, this, [this, i, count, wasFast] {
                if (m_stopped || !m_connection)
                    return;
                m_connection->writeChunk(event("ping", R"({"type": "ping"})"));
                if (i == count)
                    resume(wasFast);
            });
        }
        return false;
    }
    default:
        return true;
    }
}

void SimStream::resume(bool fast)
{
    if (m_stopped)
        return;
    // Pacing continues from here: the pause does not count as time owed to the client.
    m_paceBase = m_emitted;
    m_clock.restart();
    if (fast) {
        m_fast = true;
        pump();
    } else {
        m_timer.start();
    }
}

void SimStream::finishMessage()
{
    if (m_stopped)
        return;
    QByteArray out;
    openText(out);
    out += event("content_block_stop", QByteArray(R"({"type":"content_block_stop","index":)" +
                                                  QByteArray::number(textIndex()) + "}"));
    QJsonObject delta{{QLatin1String("stop_reason"), m_plan.stopReason},
                      {QLatin1String("stop_sequence"), QJsonValue::Null}};
    if (!m_plan.stopDetails.isEmpty())
        delta.insert(QLatin1String("stop_details"), m_plan.stopDetails);
    QJsonObject usage{{QLatin1String("output_tokens"), m_emitted}};
    if (!m_plan.thinkingTokens.isEmpty())
        usage.insert(QLatin1String("output_tokens_details"),
                     QJsonObject{{QLatin1String("thinking_tokens"),
                                  std::min<qint64>(m_emitted, m_plan.thinkingTokens.size())}});
    out += event("message_delta",
                 QJsonDocument(QJsonObject{{QLatin1String("type"), QLatin1String("message_delta")},
                                           {QLatin1String("delta"), delta},
                                           {QLatin1String("usage"), usage}})
                     .toJson(QJsonDocument::Compact));
    out += event("message_stop", R"({"type":"message_stop"})");
    writeOut(out);
    if (m_plan.holdAfterStopMs > 0) {
        m_timer.stop();
        m_fast = false;
        if (m_connection)
            m_connection->socket()->flush();
        Q_EMIT messageStopped();
        QTimer::singleShot(m_plan.holdAfterStopMs, this, &SimStream::end);
        return;
    }
    Q_EMIT messageStopped();
    end();
}

void SimStream::end()
{
    if (m_stopped)
        return;
    m_stopped = true;
    m_timer.stop();
    if (m_connection && !m_uncompressed.isEmpty())
        m_connection->writeChunk(gzip(std::exchange(m_uncompressed, {})));
    if (m_connection)
        m_connection->endStream();
    Q_EMIT ended();
}

} // namespace bw::sim
