#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace bw {

// What the list of saved conversations shows of one file.
struct ConversationInfo
{
    QString id;
    QString path;
    QString title;
    QDateTime created;
    QDateTime updated;
    int messages = 0;
    qint64 bytes = 0;
    bool readable = true;
    QString problem; // why it cannot be read, when it cannot
};

// One conversation whose text matched a search.
struct ConversationSearchHit
{
    QString id;
    QString title;
    QString messageId; // the message that matched (on any branch); empty: the title did
    QString snippet;
};

} // namespace bw

Q_DECLARE_METATYPE(bw::ConversationInfo)
