#include "conversationmerge.h"

#include "conversationtree.h"

#include <QHash>
#include <QSet>

namespace bw {

namespace {

// One side's messages as a tree (a version-1 list: each follows the one before).
QList<ChatMessage> treeOf(const ConversationData &d)
{
    QList<ChatMessage> messages = d.messages;
    if (!d.tree)
        ConversationTree::chain(messages);
    return messages;
}

// One side's summary, naming the message it ends after (a list's names it by its place).
ConversationSummary summaryOf(const ConversationData &d)
{
    ConversationSummary s = d.summary;
    const int covered = s.coveredMessages;
    if (!d.tree && !s.isEmpty() && s.coveredThroughId.isEmpty() && covered > 0 &&
        covered <= d.messages.size())
        s.coveredThroughId = d.messages[covered - 1].id;
    return s;
}

} // namespace

ConversationData mergeConversations(const ConversationData &ours, const ConversationData &onDisk)
{
    ConversationData merged = ours;
    if (onDisk.created.isValid() && (!ours.created.isValid() || onDisk.created < ours.created))
        merged.created = onDisk.created;
    for (auto it = onDisk.unknownFields.begin(); it != onDisk.unknownFields.end(); ++it) {
        if (!merged.unknownFields.contains(it.key()))
            merged.unknownFields.insert(it.key(), it.value());
    }
    merged.tree = true; // a list is a tree without forks
    // A version deleted on either side stays deleted: neither side brings it back.
    merged.deletedIds = ours.deletedIds + onDisk.deletedIds;

    const QList<ChatMessage> ourMessages = treeOf(ours);
    const QList<ChatMessage> theirMessages = treeOf(onDisk);
    QHash<QString, qsizetype> ourIndex;
    for (qsizetype i = 0; i < ourMessages.size(); ++i)
        ourIndex.insert(ourMessages[i].id, i);
    QSet<QString> onDiskIds;
    for (const ChatMessage &m : theirMessages)
        onDiskIds.insert(m.id);
    // Ours that are new to the file, by the last of ours before them that is in it ("": none).
    QHash<QString, QList<ChatMessage>> newAfter;
    QString anchor;
    for (const ChatMessage &m : ourMessages) {
        if (onDiskIds.contains(m.id))
            anchor = m.id;
        else
            newAfter[anchor].append(m);
    }
    // The file's order — the order the versions were made, so the newest of a fork's children
    // stays last — with ours that are new after their anchor and after the other program's
    // messages that follow it. Every message keeps its parent: turns two programs added after
    // the same message are two versions of the next turn, each with the history it was sent
    // with.
    QList<ChatMessage> messages;
    messages.reserve(ourMessages.size() + theirMessages.size());
    QList<ChatMessage> waiting = newAfter.take(QString());
    for (const ChatMessage &m : theirMessages) {
        const auto ourVersion = ourIndex.constFind(m.id);
        if (ourVersion == ourIndex.cend()) {
            messages.append(m);
            continue;
        }
        messages.append(waiting);
        const ChatMessage &our = ourMessages[*ourVersion];
        // Ours only when we changed it: an unchanged copy may be older than the file's. The
        // version shown below it, the same way: ours only when we chose it.
        ChatMessage kept = ours.changedMessages.contains(m.id) ? our : m;
        kept.shownChildId =
            ours.changedShownChoices.contains(m.id) ? our.shownChildId : m.shownChildId;
        messages.append(std::move(kept));
        waiting = newAfter.take(m.id);
    }
    messages.append(waiting);
    merged.messages = std::move(messages);
    // The first message shown: ours when we chose it, else the file's.
    if (!ours.changedShownChoices.contains(QString()))
        merged.shownRootId = onDisk.shownRootId;
    // The summary is ours when we changed it, else the file's (another program may have
    // compressed the conversation since we read it). It names the message it ends after, and a
    // merge changes no message's parents: it keeps covering the same path.
    merged.summary = summaryOf(ours.summaryChanged ? ours : onDisk);
    // Deleted versions go (with what is below them); a shown choice or a summary that named
    // one is forgotten.
    ConversationTree::prune(merged);
    return merged;
}

} // namespace bw
