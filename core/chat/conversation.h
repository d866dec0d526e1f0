#pragma once

#include "chatmessage.h"

#include <QList>
#include <QObject>

#include <functional>

namespace bw {

// The compressed summary of the oldest turns (ContextCompressor writes it).
struct ConversationSummary
{
    QString text;
    int coveredMessages = 0; // messages [0, coveredMessages) are folded into the text
    qint64 tokensBefore = 0;
    qint64 tokensAfter = 0;
    QString model;
    QDateTime createdAt;

    bool isEmpty() const { return text.isEmpty(); }
};

// A conversation as the user sees it: every message stays, whatever is sent to the API.
class Conversation final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Conversation)

public:
    explicit Conversation(QObject *parent = nullptr);

    const QString &id() const { return m_id; }
    void setId(QString id) { m_id = std::move(id); }
    const QString &title() const { return m_title; }
    void setTitle(const QString &title);
    const QString &systemPrompt() const { return m_systemPrompt; }
    void setSystemPrompt(const QString &prompt) { m_systemPrompt = prompt; }
    const QDateTime &created() const { return m_created; }
    void setCreated(const QDateTime &t) { m_created = t; }
    const ConversationSummary &summary() const { return m_summary; }
    void setSummary(const ConversationSummary &summary);
    QJsonObject &unknownFields() { return m_unknownFields; }
    const QJsonObject &unknownFields() const { return m_unknownFields; }

    int count() const { return int(m_messages.size()); }
    bool isEmpty() const { return m_messages.isEmpty(); }
    const ChatMessage &at(int index) const { return m_messages.at(index); }
    const QList<ChatMessage> &messages() const { return m_messages; }
    int indexOf(const QString &messageId) const;

    int append(ChatMessage message);
    void appendText(int index, const QString &delta);
    void update(int index, const std::function<void(ChatMessage &)> &change);
    void removeAt(int index);
    // Replaces everything (loading a file).
    void reset(QList<ChatMessage> messages);

    // A title from the first prompt, as the user would write it on a tab.
    static QString titleFrom(const QString &prompt);
    // Total cost of every answer so far.
    double totalCostUsd() const;

Q_SIGNALS:
    void messageAppended(int index);
    void textAppended(int index, const QString &delta);
    void messageChanged(int index);
    void messageRemoved(int index);
    void titleChanged(const QString &title);
    void summaryChanged();
    void reloaded();
    void modified(); // anything above

private:
    QString m_id;
    QString m_title;
    QString m_systemPrompt;
    QDateTime m_created;
    ConversationSummary m_summary;
    QJsonObject m_unknownFields;
    QList<ChatMessage> m_messages;
};

} // namespace bw
