#pragma once

#include "apicall.h"
#include "gzipdecoder.h"
#include "messageassembler.h"
#include "ssedecoder.h"

#include <memory>

namespace bw {

// A streaming /v1/messages call. Text arrives through textReceived() and thinking through
// thinkingReceived(), coalesced per network read (one signal carries every delta of one kind that
// arrived together), in UTF-8.
class MessageStream final : public ApiCall
{
    Q_OBJECT

public:
    MessageStream(QNetworkReply *reply, QObject *parent);
    MessageStream(ApiError immediateFailure, QObject *parent);

    const AssistantMessage &message() const { return m_assembler.message(); }
    qint64 textDeltaCount() const { return m_assembler.textDeltaCount(); }
    bool hasDeliveredText() const { return m_deliveredText; }

Q_SIGNALS:
    void messageStarted();
    void textReceived(const QByteArray &utf8, int deltas);
    void thinkingReceived(const QByteArray &utf8, int deltas);
    void usageUpdated(const bw::Usage &usage);

protected:
    void onHeaders() override;
    void onBody(QByteArrayView bytes) override;
    void onComplete() override;
    void annotateError(ApiError &error) override;

private:
    void handleEvents(QByteArrayView bytes);
    void flushText();
    void pend(bool thinking);
    void failStream(ApiError error);

    std::unique_ptr<GzipDecoder> m_gzip; // a proxy compressed the stream though we asked not to
    SseDecoder m_decoder;
    MessageAssembler m_assembler;
    QList<SseEvent> m_events;
    QByteArray m_pendingText;
    int m_pendingDeltas = 0;
    bool m_pendingThinking = false;
    bool m_deliveredText = false;
};

} // namespace bw
