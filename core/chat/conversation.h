#pragma once

#include "chatmessage.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

#include <functional>
#include <optional>

namespace bw {

// The compressed summary of the oldest turns of one path through the conversation.
struct ConversationSummary
{
    QString text;
    int coveredMessages = 0; // the path's messages [0, coveredMessages) are folded into the text
    qint64 tokensBefore = 0;
    qint64 tokensAfter = 0;
    QString model;
    QDateTime createdAt;
    QString coveredThroughId;  // the last folded message: the summary belongs to paths through it
    QJsonObject unknownFields; // fields a newer Breakwater wrote: kept on re-save

    bool isEmpty() const { return text.isEmpty(); }

    friend bool operator==(const ConversationSummary &, const ConversationSummary &) = default;
};

// A conversation as the user sees it: every message of every version stays, whatever is sent to
// the API. The messages form a tree — a regenerated answer is a sibling of the old one, an
// edited prompt starts a sibling branch — and one path through it is shown: at every fork the
// chosen child (the newest unless the user picked another). Indexes (at(), count(), the
// signals) are positions on the shown path; that path is what the transcript shows and what a
// request carries.
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
    // The summary, if it belongs to the shown path (else an empty one: a branch it does not cover
    // is sent whole).
    const ConversationSummary &summary() const;
    // The summary as kept, whatever path is shown (for the file).
    const ConversationSummary &storedSummary() const { return m_summary; }
    // Replaces the summary; it covers the shown path's first `coveredMessages` messages.
    void setSummary(ConversationSummary summary);
    // Puts back a summary as a file kept it (for whichever path it was made).
    void restoreSummary(const ConversationSummary &summary);
    // The file format version this conversation was read from (0: new); a version-1 file is
    // backed up before it is first written as version 2.
    int fileVersion() const { return m_fileVersion; }
    void setFileVersion(int version) { m_fileVersion = version; }
    // How much the model thinks in this conversation; none: the settings' default.
    const std::optional<ThinkingConfig> &thinking() const { return m_thinking; }
    void setThinking(std::optional<ThinkingConfig> thinking);
    QJsonObject &unknownFields() { return m_unknownFields; }
    const QJsonObject &unknownFields() const { return m_unknownFields; }

    // --- The shown path
    int count() const { return int(m_path.size()); }
    bool isEmpty() const { return m_path.isEmpty(); }
    const ChatMessage &at(int index) const { return m_all[m_path[index]]; }
    // The shown path's messages, in order.
    QList<ChatMessage> messages() const;
    int indexOf(const QString &messageId) const; // on the shown path; -1 if not on it
    // Any version of any message; nullptr if there is none.
    const ChatMessage *messageById(const QString &messageId) const
    {
        const auto it = m_byId.constFind(messageId);
        return it == m_byId.cend() ? nullptr : &m_all[*it];
    }

    // Appends to the shown path (a child of its last message).
    int append(ChatMessage message);
    void appendText(int index, const QString &delta);
    void appendThinking(int index, const QString &delta);
    void update(int index, const std::function<void(ChatMessage &)> &change);
    // Changes any version of any message, shown or not (an answer that streams on while another
    // version is shown). False if there is no such message.
    bool updateById(const QString &messageId, const std::function<void(ChatMessage &)> &change);

    // --- Versions
    // How many versions the message at `index` has (itself and its siblings), and which it is.
    int versionCount(int index) const;
    int versionNumber(int index) const; // 0-based, in the order the versions were made
    // Shows another version of the message at `index` (and, below it, that version's own shown
    // path). pathChanged(index).
    void showVersion(int index, int version);
    // A new version of the message at `index`: a sibling with the same parent, shown; the path
    // ends with it. Returns its index (== index). pathChanged(index).
    int addVersion(int index, ChatMessage message);
    // Deletes the version shown at `index` with everything below it; the newest remaining
    // sibling is shown. False when it is the only version (delete the conversation instead).
    bool removeVersion(int index);
    // Shows the path through the message `messageId` (any branch). False if there is none.
    bool showMessage(const QString &messageId);

    // --- Every message of every version
    const QList<ChatMessage> &allMessages() const { return m_all; }
    // Replaces everything (loading a file): a tree (each message names its parent) or a list
    // (each message follows the one before, as version 1 files have it).
    void reset(QList<ChatMessage> messages, bool tree = false, const QString &shownRootId = {});
    const QString &shownRootId() const { return m_shownRootId; }

    // --- Several writers
    // What this program changed since the conversation was read from its file: a save that
    // merges with another program's writes (mergeConversations) keeps these and takes the file's
    // version of the rest — a copy read before another program finished its answer must not undo
    // it. Messages made or changed here, by id (append, appendText, update, updateById,
    // addVersion):
    const QSet<QString> &changedMessages() const { return m_changedMessages; }
    // Forks whose shown version was chosen here (append, addVersion, showVersion, removeVersion,
    // showMessage), by the id of the message above the fork; "" for the shown first message.
    const QSet<QString> &changedShownChoices() const { return m_changedShownChoices; }
    bool isSummaryChanged() const { return m_summaryChanged; }
    // Just read from the file: nothing is changed yet.
    void forgetChanges();
    // Every message the user deleted (removeVersion), as kept in the file: a merging save never
    // takes one of them back from a file or from another program's older copy.
    const QSet<QString> &deletedIds() const { return m_deletedIds; }
    void setDeletedIds(QSet<QString> ids) { m_deletedIds = std::move(ids); }

    // A title from the first prompt, as the user would write it on a tab.
    static QString titleFrom(const QString &prompt);
    // Total cost of every answer on the shown path.
    double totalCostUsd() const;
    // On the shown path: what caching saved, and the answers' usage summed.
    double totalCacheSavingsUsd() const;
    Usage totalUsage() const;

Q_SIGNALS:
    void messageAppended(int index);
    void textAppended(int index, const QString &delta);
    void thinkingAppended(int index, const QString &delta);
    void messageChanged(int index);
    void pathChanged(int fromIndex); // the shown path differs from this index on
    void titleChanged(const QString &title);
    void summaryChanged();
    void reloaded();
    void modified(); // anything above

private:
    QList<int> childrenOf(const QString &parentId) const; // indexes into m_all, oldest first
    QString parentIdAt(int index) const;
    void rebuildIndex();
    void extendPath(); // follows the shown child of the path's last message down to a leaf
    void showPathFrom(int index); // path cut after `index`, then extended
    // The shown version below `parentId` ("" : the first message) was chosen here.
    void choiceChanged(const QString &parentId) { m_changedShownChoices.insert(parentId); }

    QString m_id;
    QString m_title;
    QString m_systemPrompt;
    QDateTime m_created;
    ConversationSummary m_summary;
    QJsonObject m_unknownFields;
    std::optional<ThinkingConfig> m_thinking;
    QList<ChatMessage> m_all;              // every version, in the order they were made
    QHash<QString, int> m_byId;            // id -> index into m_all
    QHash<QString, QList<int>> m_children; // parent id ("" for the first messages) -> m_all indexes
    QString m_shownRootId;                 // which first message is shown when there are several
    int m_fileVersion = 0;
    QList<int> m_path; // the shown path, as indexes into m_all
    QSet<QString> m_changedMessages;
    QSet<QString> m_changedShownChoices;
    bool m_summaryChanged = false;
    QSet<QString> m_deletedIds;
};

} // namespace bw
