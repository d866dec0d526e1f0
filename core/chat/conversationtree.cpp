#include "conversationtree.h"

#include "conversationfile.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

namespace bw::ConversationTree {

namespace {

using Children = QHash<QString, QList<qsizetype>>; // parent id ("": none) -> indexes

Children childrenOf(const QList<ChatMessage> &messages)
{
    Children children;
    for (qsizetype i = 0; i < messages.size(); ++i)
        children[messages[i].parentId].append(i);
    return children;
}

QString field(qsizetype message, const char *key)
{
    return QStringLiteral("messages[%1].%2").arg(message).arg(QLatin1String(key));
}

QString namesNoMessage(const QString &field, const QString &id)
{
    return QCoreApplication::translate(
               "bw::ConversationFile",
               "the field %1 is \"%2\", which names no message of this conversation")
        .arg(field, id.left(40));
}

} // namespace

void chain(QList<ChatMessage> &messages)
{
    for (qsizetype i = 0; i < messages.size(); ++i)
        messages[i].parentId = i > 0 ? messages[i - 1].id : QString();
}

void attachOrphans(QList<ChatMessage> &messages)
{
    const Children children = childrenOf(messages);
    QList<bool> reached(messages.size(), false);
    auto reach = [&](qsizetype from) {
        QList<qsizetype> stack{from};
        while (!stack.isEmpty()) {
            const qsizetype k = stack.takeLast();
            if (reached[k])
                continue;
            reached[k] = true;
            stack += children.value(messages[k].id);
        }
    };
    for (qsizetype k : children.value(QString()))
        reach(k);
    for (qsizetype k = 0; k < messages.size(); ++k) {
        if (!reached[k]) {
            messages[k].parentId.clear();
            reach(k);
        }
    }
}

QString problem(const ConversationData &d)
{
    const QList<ChatMessage> &ms = d.messages;
    QHash<QString, qsizetype> byId;
    byId.reserve(ms.size());
    for (qsizetype i = 0; i < ms.size(); ++i)
        byId.insert(ms[i].id, i);
    for (qsizetype i = 0; i < ms.size(); ++i) {
        if (!ms[i].parentId.isEmpty() && !byId.contains(ms[i].parentId))
            return namesNoMessage(field(i, "parent"), ms[i].parentId);
    }
    // Up the parents from each message, marking the way: meeting the way again is a cycle.
    enum State : char { Unseen, OnTheWay, Rooted };
    QList<char> state(ms.size(), Unseen);
    QList<qsizetype> way;
    for (qsizetype start = 0; start < ms.size(); ++start) {
        way.clear();
        qsizetype k = start;
        while (k >= 0 && state[k] == Unseen) {
            state[k] = OnTheWay;
            way.append(k);
            k = ms[k].parentId.isEmpty() ? -1 : byId.value(ms[k].parentId);
        }
        if (k >= 0 && state[k] == OnTheWay)
            return QCoreApplication::translate("bw::ConversationFile",
                                               "the field %1 is \"%2\", which makes a cycle: "
                                               "its parents lead back to this message")
                .arg(field(k, "parent"), ms[k].parentId.left(40));
        for (qsizetype w : std::as_const(way))
            state[w] = Rooted;
    }
    for (qsizetype i = 0; i < ms.size(); ++i) {
        const QString &shown = ms[i].shownChildId;
        if (shown.isEmpty())
            continue;
        const qsizetype child = byId.value(shown, -1);
        if (child < 0 || ms[child].parentId != ms[i].id)
            return QCoreApplication::translate(
                       "bw::ConversationFile",
                       "the field %1 is \"%2\", which is not a message that follows this one")
                .arg(field(i, "shown_child"), shown.left(40));
    }
    if (!d.shownRootId.isEmpty()) {
        const qsizetype root = byId.value(d.shownRootId, -1);
        if (root < 0 || !ms[root].parentId.isEmpty())
            return QCoreApplication::translate(
                       "bw::ConversationFile",
                       "the field %1 is \"%2\", which is not a first message of this conversation")
                .arg(QStringLiteral("shown_root"), d.shownRootId.left(40));
    }
    const QString &through = d.summary.coveredThroughId;
    if (!d.summary.isEmpty() && !through.isEmpty() && !byId.contains(through))
        return namesNoMessage(QStringLiteral("summary.covered_through"), through);
    return {};
}

void prune(ConversationData &d)
{
    const Children children = childrenOf(d.messages);
    QList<bool> dropped(d.messages.size(), false);
    QList<qsizetype> stack;
    for (qsizetype i = 0; i < d.messages.size(); ++i) {
        if (d.deletedIds.contains(d.messages[i].id))
            stack.append(i);
    }
    while (!stack.isEmpty()) {
        const qsizetype k = stack.takeLast();
        if (dropped[k])
            continue;
        dropped[k] = true;
        stack += children.value(d.messages[k].id);
    }
    QList<ChatMessage> kept;
    kept.reserve(d.messages.size());
    for (qsizetype i = 0; i < d.messages.size(); ++i) {
        if (dropped[i])
            d.deletedIds.insert(d.messages[i].id);
        else
            kept.append(std::move(d.messages[i]));
    }
    attachOrphans(kept);
    QHash<QString, QString> parentOf; // id -> parent id
    parentOf.reserve(kept.size());
    for (const ChatMessage &m : std::as_const(kept))
        parentOf.insert(m.id, m.parentId);
    for (ChatMessage &m : kept) {
        const auto shown = parentOf.constFind(m.shownChildId);
        if (!m.shownChildId.isEmpty() && (shown == parentOf.cend() || *shown != m.id))
            m.shownChildId.clear();
    }
    const auto root = parentOf.constFind(d.shownRootId);
    if (!d.shownRootId.isEmpty() && (root == parentOf.cend() || !root->isEmpty()))
        d.shownRootId.clear();
    const QString &through = d.summary.coveredThroughId;
    if (!through.isEmpty() && !parentOf.contains(through))
        d.summary = ConversationSummary();
    d.messages = std::move(kept);
}

} // namespace bw::ConversationTree
