#include "messagestream.h"

#include <QCoreApplication>
#include <QNetworkReply>

namespace bw {

MessageStream::MessageStream(QNetworkReply *reply, QObject *parent)
    : ApiCall(reply, parent)
{}

MessageStream::MessageStream(ApiError immediateFailure, QObject *parent)
    : ApiCall(std::move(immediateFailure), parent)
{}

void MessageStream::onHeaders()
{
    const QByteArray type = headers().value("content-type");
    if (!type.toLower().startsWith("text/event-stream")) {
        ApiError e = ApiError::make(
            ErrorKind::Protocol,
            tr("the server answered HTTP %1 but not with an event stream (content-type '%2')")
                .arg(httpStatus())
                .arg(QString::fromLatin1(type.isEmpty() ? QByteArray("none") : type)),
            httpStatus());
        e.requestId = requestId();
        fail(std::move(e));
    }
}

void MessageStream::flushText()
{
    if (m_pendingDeltas == 0)
        return;
    const QByteArray text = std::exchange(m_pendingText, {});
    const int deltas = std::exchange(m_pendingDeltas, 0);
    m_deliveredText = true;
    Q_EMIT textReceived(text, deltas);
}

void MessageStream::failStream(ApiError error)
{
    flushText();
    error.partial = m_deliveredText;
    if (error.requestId.isEmpty())
        error.requestId = requestId();
    fail(std::move(error));
}

void MessageStream::onBody(QByteArrayView bytes)
{
    m_events.clear();
    if (!m_decoder.feed(bytes, m_events)) {
        // Events completed before the oversized one are still delivered below.
    }
    for (const SseEvent &ev : std::as_const(m_events)) {
        const Usage usageBefore = m_assembler.message().usage;
        switch (m_assembler.handle(ev.type, ev.data)) {
        case MessageAssembler::Step::Ignored:
            break;
        case MessageAssembler::Step::Text:
            m_pendingText.append(m_assembler.lastText());
            ++m_pendingDeltas;
            break;
        case MessageAssembler::Step::Started:
            Q_EMIT messageStarted();
            Q_EMIT usageUpdated(m_assembler.message().usage);
            break;
        case MessageAssembler::Step::Updated:
            if (!(m_assembler.message().usage == usageBefore)) {
                flushText();
                Q_EMIT usageUpdated(m_assembler.message().usage);
            }
            break;
        case MessageAssembler::Step::Stopped:
            flushText();
            succeed();
            return;
        case MessageAssembler::Step::Failed: {
            ApiError e = m_assembler.error();
            if (e.kind != ErrorKind::Protocol && !e.httpStatus)
                e.httpStatus = httpStatus();
            failStream(std::move(e));
            return;
        }
        }
        if (isEnded())
            return;
    }
    flushText();
    if (m_decoder.hasFailed()) {
        failStream(ApiError::make(ErrorKind::Protocol,
                                  tr("an event in the stream was larger than %1 MiB")
                                      .arg(SseDecoder::kDefaultMaxEventBytes >> 20),
                                  httpStatus()));
    }
}

void MessageStream::onComplete()
{
    if (m_assembler.finish() == MessageAssembler::Step::Stopped) {
        succeed();
        return;
    }
    ApiError e = m_assembler.error();
    e.httpStatus = httpStatus();
    failStream(std::move(e));
}

void MessageStream::annotateError(ApiError &error)
{
    flushText();
    error.partial = m_deliveredText;
    if (m_assembler.isStarted() && error.kind == ErrorKind::Network)
        error.message =
            tr("the connection broke in the middle of the answer (%1)").arg(error.message);
}

} // namespace bw
