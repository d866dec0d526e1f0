#pragma once

// Messages and paths for the tests of conversations (they link breakwater-chat only).

#include "chat/conversation.h"

#include <QStringList>

namespace bw::test {

inline const QDateTime kT(QDate(2026, 11, 1), QTime(9, 0), Qt::UTC);

inline ChatMessage user(const QString &text)
{
    return ChatMessage::user(text, kT);
}

// A complete answer.
inline ChatMessage answer(const QString &text)
{
    ChatMessage a = ChatMessage::assistant(QStringLiteral("m"), kT);
    a.text = text;
    a.status = MessageStatus::Complete;
    return a;
}

// The shown path's texts.
inline QStringList texts(const Conversation &c)
{
    QStringList t;
    for (int i = 0; i < c.count(); ++i)
        t << c.at(i).text;
    return t;
}

} // namespace bw::test
