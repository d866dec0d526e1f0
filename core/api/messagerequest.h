#pragma once

#include "attachment.h"
#include "promptcache.h"
#include "thinkingconfig.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace bw {

struct ChatTurn
{
    QString role; // "user" or "assistant"
    QString text;
    // An answer's thinking blocks ({type: thinking, thinking, signature} or {type:
    // redacted_thinking, data}), sent back before its text exactly as they were received.
    QJsonArray thinking;
    // A user turn's files, sent before its text (the API's advice) with their bytes in `data`;
    // with none, the content stays a plain string.
    QList<Attachment> attachments = {};

    friend bool operator==(const ChatTurn &, const ChatTurn &) = default;
};

// A /v1/messages request body, built with chained setters.
class MessageRequest final
{
    Q_DECLARE_TR_FUNCTIONS(bw::MessageRequest)

public:
    MessageRequest &setModel(QString model);
    MessageRequest &setMaxTokens(int maxTokens);
    MessageRequest &setSystem(QString system);
    MessageRequest &setMessages(QList<ChatTurn> messages);
    MessageRequest &addMessage(QString role, QString text);
    MessageRequest &setStopSequences(QStringList sequences);
    MessageRequest &setMetadataUserId(QString userId);
    // Sent as given: resolve it for the model first (ThinkingConfig::resolvedFor).
    MessageRequest &setThinking(ThinkingConfig thinking);
    // Automatic caching of the prompt (off unless set): a top-level cache_control.
    MessageRequest &setPromptCache(PromptCache cache);

    const QString &model() const { return m_model; }
    int maxTokens() const { return m_maxTokens; }
    const QString &system() const { return m_system; }
    const QList<ChatTurn> &messages() const { return m_messages; }
    const ThinkingConfig &thinking() const { return m_thinking; }
    const PromptCache &promptCache() const { return m_cache; }

    // The first nonce its files' placeholders take while it is serialised (a test's, known);
    // empty: a random one. A text that holds a placeholder makes it take another.
    MessageRequest &setPlaceholderNonce(QByteArray nonce);

    // What the service would reject with 400, found before sending; empty when fine.
    QString validate() const;

    QByteArray toJson(bool stream) const;
    // count_tokens takes the same body without max_tokens.
    QByteArray toCountTokensJson() const;

    // Attachments make a body of megabytes: serialise it once, off the GUI thread, with
    // prepare(); toJson() (or toCountTokensJson()) then returns the very same bytes without
    // building them again, and the attachments' bytes are let go (only the body is kept). A
    // setter called afterwards drops the prepared body. Not prepared (isPrepared() false) when
    // an attachment's file could not be read whole.
    enum class Body { Stream, Message, CountTokens };
    MessageRequest &prepare(Body body);
    bool isPrepared() const { return !m_prepared.isEmpty(); }
    // Every attachment of the request, in the order it is sent.
    QList<Attachment> attachments() const;

private:
    QByteArray serialised(Body kind) const;

    QString m_model;
    int m_maxTokens = 1024;
    QString m_system;
    QList<ChatTurn> m_messages;
    QStringList m_stopSequences;
    QString m_userId;
    ThinkingConfig m_thinking;
    PromptCache m_cache{PromptCache::Ttl::Off};
    Body m_preparedKind = Body::Stream;
    QByteArray m_prepared;
    QByteArray m_placeholderNonce;
};

} // namespace bw
