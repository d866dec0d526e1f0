#include "conversation.h"

#include <QUuid>

namespace bw {

Conversation::Conversation(QObject *parent)
    : QObject(parent)
    , m_id(QUuid::createUuid().toString(QUuid::WithoutBraces))
{}

void Conversation::setTitle(const QString &title)
{
    if (title == m_title)
        return;
    m_title = title;
    Q_EMIT titleChanged(title);
    Q_EMIT modified();
}

void Conversation::setSummary(const ConversationSummary &summary)
{
    m_summary = summary;
    Q_EMIT summaryChanged();
    Q_EMIT modified();
}

int Conversation::indexOf(const QString &messageId) const
{
    for (int i = 0; i < count(); ++i) {
        if (m_messages[i].id == messageId)
            return i;
    }
    return -1;
}

int Conversation::append(ChatMessage message)
{
    if (m_title.isEmpty() && message.isUser())
        setTitle(titleFrom(message.text));
    m_messages.append(std::move(message));
    const int index = count() - 1;
    Q_EMIT messageAppended(index);
    Q_EMIT modified();
    return index;
}

void Conversation::appendText(int index, const QString &delta)
{
    m_messages[index].text += delta;
    Q_EMIT textAppended(index, delta);
    Q_EMIT modified();
}

void Conversation::update(int index, const std::function<void(ChatMessage &)> &change)
{
    change(m_messages[index]);
    Q_EMIT messageChanged(index);
    Q_EMIT modified();
}

void Conversation::removeAt(int index)
{
    m_messages.removeAt(index);
    Q_EMIT messageRemoved(index);
    Q_EMIT modified();
}

void Conversation::reset(QList<ChatMessage> messages)
{
    m_messages = std::move(messages);
    Q_EMIT reloaded();
}

QString Conversation::titleFrom(const QString &prompt)
{
    QString t = prompt.simplified();
    if (t.size() > 60) {
        t.truncate(60);
        const qsizetype space = t.lastIndexOf(QLatin1Char(' '));
        if (space > 30)
            t.truncate(space);
        t += QStringLiteral("…");
    }
    return t.isEmpty() ? tr("New conversation") : t;
}

double Conversation::totalCostUsd() const
{
    double sum = 0;
    for (const ChatMessage &m : m_messages)
        sum += m.costUsd;
    return sum;
}

} // namespace bw
