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
    const QByteArray encoding = headers().value("content-encoding").trimmed().toLower();
    if (headers().pairs().isEmpty()) {
        // Qt 6.4 drops every header of an answer with more than 100 header lines, or with one
        // line too long for it, and reports none.
        fail(ApiError::make(ErrorKind::Protocol,
                            tr("the server answered HTTP %1, but its headers were too many or too "
                               "large to read (the limit is 100 header lines); a proxy in between "
                               "may be adding them")
                                .arg(httpStatus()),
                            httpStatus()));
        return;
    }
    if (encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate") {
        m_gzip = std::make_unique<GzipDecoder>();
    } else if (!encoding.isEmpty() && encoding != "identity") {
        ApiError e = ApiError::make(
            ErrorKind::Protocol,
            tr("the server compressed the event stream as '%1', which Breakwater cannot read (it "
               "asked for no compression; a proxy in between may be compressing it)")
                .arg(QString::fromLatin1(encoding)),
            httpStatus());
        e.requestId = requestId();
        fail(std::move(e));
        return;
    }
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
    if (m_pendingThinking)
        Q_EMIT thinkingReceived(text, deltas);
    else
        Q_EMIT textReceived(text, deltas);
}

void MessageStream::pend(bool thinking)
{
    if (thinking != m_pendingThinking) {
        flushText();
        m_pendingThinking = thinking;
    }
    m_pendingText.append(m_assembler.lastText());
    ++m_pendingDeltas;
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
    if (!m_gzip) {
        handleEvents(bytes);
        return;
    }
    const bool ok = m_gzip->decode(bytes, [this](QByteArrayView piece) {
        handleEvents(piece);
        return !isEnded();
    });
    if (!ok && !isEnded())
        failStream(ApiError::make(
            ErrorKind::Protocol,
            tr("the compressed event stream is damaged (%1)").arg(m_gzip->error()), httpStatus()));
}

void MessageStream::handleEvents(QByteArrayView bytes)
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
            pend(false);
            break;
        case MessageAssembler::Step::Thinking:
            pend(true);
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
