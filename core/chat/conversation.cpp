#include "conversation.h"

#include "conversationtree.h"

#include <QSet>
#include <QUuid>

#include <algorithm>

namespace bw {

namespace {
const ConversationSummary kNoSummary;
}

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

const ConversationSummary &Conversation::summary() const
{
    const ConversationSummary &s = m_summary;
    if (s.isEmpty() || s.coveredMessages <= 0 || s.coveredMessages > count())
        return s.isEmpty() ? s : kNoSummary;
    // A summary from before versions existed names no message: it belongs to the only path.
    if (!s.coveredThroughId.isEmpty() && at(s.coveredMessages - 1).id != s.coveredThroughId)
        return kNoSummary;
    return s;
}

void Conversation::setSummary(ConversationSummary summary)
{
    // The compressor indexes the messages with it: never outside the path, whatever made it.
    summary.coveredMessages = std::clamp(summary.coveredMessages, 0, count());
    summary.coveredThroughId = !summary.isEmpty() && summary.coveredMessages > 0
                                   ? at(summary.coveredMessages - 1).id
                                   : QString();
    m_summary = std::move(summary);
    m_summaryChanged = true;
    Q_EMIT summaryChanged();
    Q_EMIT modified();
}

void Conversation::restoreSummary(const ConversationSummary &summary)
{
    m_summary = summary;
    Q_EMIT summaryChanged();
}

QList<ChatMessage> Conversation::messages() const
{
    QList<ChatMessage> path;
    path.reserve(m_path.size());
    for (int i : m_path)
        path.append(m_all[i]);
    return path;
}

int Conversation::indexOf(const QString &messageId) const
{
    const int k = m_byId.value(messageId, -1);
    return k < 0 ? -1 : int(m_path.indexOf(k));
}

QList<int> Conversation::childrenOf(const QString &parentId) const
{
    return m_children.value(parentId);
}

QString Conversation::parentIdAt(int index) const
{
    return index > 0 ? at(index - 1).id : QString();
}

int Conversation::append(ChatMessage message)
{
    if (m_title.isEmpty() && message.isUser())
        setTitle(titleFrom(message.text));
    message.parentId = isEmpty() ? QString() : at(count() - 1).id;
    const int k = int(m_all.size());
    m_byId.insert(message.id, k);
    m_children[message.parentId].append(k);
    m_changedMessages.insert(message.id);
    choiceChanged(message.parentId);
    m_all.append(std::move(message));
    m_path.append(k);
    const int index = count() - 1;
    // The newest child is shown by default; a fork's earlier choice gives way to it.
    if (index > 0)
        m_all[m_path[index - 1]].shownChildId.clear();
    else
        m_shownRootId.clear();
    Q_EMIT messageAppended(index);
    Q_EMIT modified();
    return index;
}

void Conversation::appendText(int index, const QString &delta)
{
    m_all[m_path[index]].text += delta;
    m_changedMessages.insert(m_all[m_path[index]].id);
    Q_EMIT textAppended(index, delta);
    Q_EMIT modified();
}

void Conversation::appendThinking(int index, const QString &delta)
{
    m_all[m_path[index]].thinking += delta;
    Q_EMIT thinkingAppended(index, delta);
    Q_EMIT modified();
}

void Conversation::setThinking(std::optional<ThinkingConfig> thinking)
{
    if (m_thinking == thinking)
        return;
    m_thinking = std::move(thinking);
    Q_EMIT modified();
}

void Conversation::update(int index, const std::function<void(ChatMessage &)> &change)
{
    change(m_all[m_path[index]]);
    m_changedMessages.insert(m_all[m_path[index]].id);
    Q_EMIT messageChanged(index);
    Q_EMIT modified();
}

bool Conversation::updateById(const QString &messageId,
                              const std::function<void(ChatMessage &)> &change)
{
    const int k = m_byId.value(messageId, -1);
    if (k < 0)
        return false;
    change(m_all[k]);
    m_changedMessages.insert(m_all[k].id);
    if (const int index = int(m_path.indexOf(k)); index >= 0)
        Q_EMIT messageChanged(index);
    Q_EMIT modified();
    return true;
}

int Conversation::versionCount(int index) const
{
    return int(m_children.value(parentIdAt(index)).size());
}

int Conversation::versionNumber(int index) const
{
    return int(m_children.value(parentIdAt(index)).indexOf(m_path[index]));
}

void Conversation::showPathFrom(int index)
{
    m_path.resize(index + 1);
    extendPath();
    Q_EMIT pathChanged(index);
    Q_EMIT modified();
}

void Conversation::extendPath()
{
    for (;;) {
        const QString parent = m_path.isEmpty() ? QString() : m_all[m_path.last()].id;
        const QList<int> kids = m_children.value(parent);
        if (kids.isEmpty())
            return;
        const QString chosen = m_path.isEmpty() ? m_shownRootId : m_all[m_path.last()].shownChildId;
        const int pick = m_byId.value(chosen, -1);
        m_path.append(kids.contains(pick) ? pick : kids.last());
    }
}

void Conversation::showVersion(int index, int version)
{
    const QList<int> siblings = m_children.value(parentIdAt(index));
    if (version < 0 || version >= siblings.size() || siblings[version] == m_path[index])
        return;
    const QString chosen = m_all[siblings[version]].id;
    if (index == 0)
        m_shownRootId = chosen;
    else
        m_all[m_path[index - 1]].shownChildId = chosen;
    choiceChanged(parentIdAt(index));
    m_path[index] = siblings[version];
    showPathFrom(index);
}

int Conversation::addVersion(int index, ChatMessage message)
{
    message.parentId = parentIdAt(index);
    const int k = int(m_all.size());
    m_byId.insert(message.id, k);
    m_children[message.parentId].append(k);
    m_changedMessages.insert(message.id);
    choiceChanged(message.parentId);
    m_all.append(std::move(message));
    if (index == 0)
        m_shownRootId.clear(); // the newest is shown
    else
        m_all[m_path[index - 1]].shownChildId.clear();
    m_path.resize(index);
    m_path.append(k);
    Q_EMIT pathChanged(index);
    Q_EMIT modified();
    return index;
}

bool Conversation::removeVersion(int index)
{
    const QString parent = parentIdAt(index);
    if (m_children.value(parent).size() < 2)
        return false;
    // The version and everything below it.
    QSet<int> doomed;
    QList<int> stack{m_path[index]};
    while (!stack.isEmpty()) {
        const int k = stack.takeLast();
        doomed.insert(k);
        stack += m_children.value(m_all[k].id);
    }
    // Remembered, and kept in the file: a merging save never takes them back from a file that
    // still has them, nor from another program's older copy.
    bool summaryGone = false;
    for (int k : std::as_const(doomed)) {
        m_deletedIds.insert(m_all[k].id);
        m_changedMessages.remove(m_all[k].id);
        m_changedShownChoices.remove(m_all[k].id);
        summaryGone = summaryGone || m_all[k].id == m_summary.coveredThroughId;
    }
    choiceChanged(parent);
    // A summary of the deleted branch belongs to no path any more (and a file keeps a summary
    // only through a message it has).
    if (summaryGone) {
        m_summary = ConversationSummary();
        m_summaryChanged = true;
    }
    QStringList above; // the path down to the fork, by id (indexes move)
    for (int i = 0; i < index; ++i)
        above << at(i).id;
    QList<ChatMessage> kept;
    kept.reserve(m_all.size() - doomed.size());
    for (int k = 0; k < m_all.size(); ++k) {
        if (!doomed.contains(k))
            kept.append(std::move(m_all[k]));
    }
    m_all = std::move(kept);
    rebuildIndex();
    m_path.clear();
    for (const QString &id : std::as_const(above))
        m_path.append(m_byId.value(id));
    if (index == 0)
        m_shownRootId.clear(); // the newest remaining version is shown
    else
        m_all[m_path.last()].shownChildId.clear();
    extendPath();
    Q_EMIT pathChanged(index);
    if (summaryGone)
        Q_EMIT summaryChanged();
    Q_EMIT modified();
    return true;
}

bool Conversation::showMessage(const QString &messageId)
{
    int k = m_byId.value(messageId, -1);
    if (k < 0)
        return false;
    QList<int> chain; // from a first message down to this one
    for (; k >= 0; k = m_byId.value(m_all[k].parentId, -1))
        chain.prepend(k);
    int changedFrom = -1;
    for (int i = 0; i < chain.size(); ++i) {
        if (changedFrom < 0 && (i >= m_path.size() || m_path[i] != chain[i]))
            changedFrom = i;
        QString &choice = i == 0 ? m_shownRootId : m_all[chain[i - 1]].shownChildId;
        if (choice != m_all[chain[i]].id) {
            choice = m_all[chain[i]].id;
            choiceChanged(i == 0 ? QString() : m_all[chain[i - 1]].id);
        }
    }
    if (changedFrom < 0)
        return true;
    m_path = chain;
    extendPath();
    Q_EMIT pathChanged(changedFrom);
    Q_EMIT modified();
    return true;
}

void Conversation::rebuildIndex()
{
    m_byId.clear();
    m_children.clear();
    for (int k = 0; k < m_all.size(); ++k) {
        m_byId.insert(m_all[k].id, k);
        m_children[m_all[k].parentId].append(k);
    }
}

void Conversation::reset(QList<ChatMessage> messages, bool tree, const QString &shownRootId)
{
    // Every message needs an id of its own to be found in the tree.
    QSet<QString> seen;
    for (ChatMessage &m : messages) {
        if (m.id.isEmpty() || seen.contains(m.id))
            m.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        seen.insert(m.id);
    }
    // A list (version 1 files): each message follows the one before.
    if (!tree)
        ConversationTree::chain(messages);
    // A message that cannot be reached from a first message (its parent is missing, or it is
    // caught in a cycle) starts a branch of its own: nothing given is dropped.
    ConversationTree::attachOrphans(messages);
    m_all = std::move(messages);
    rebuildIndex();
    m_shownRootId = shownRootId;
    m_path.clear();
    extendPath();
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

void Conversation::forgetChanges()
{
    m_changedMessages.clear();
    m_changedShownChoices.clear();
    m_summaryChanged = false;
}

double Conversation::totalCostUsd() const
{
    double sum = 0;
    for (int k : m_path)
        sum += m_all[k].costUsd;
    return sum;
}

double Conversation::totalCacheSavingsUsd() const
{
    double sum = 0;
    for (int k : m_path)
        sum += m_all[k].cacheSavingsUsd;
    return sum;
}

Usage Conversation::totalUsage() const
{
    Usage sum;
    for (int k : m_path)
        sum += m_all[k].usage;
    return sum;
}

} // namespace bw
