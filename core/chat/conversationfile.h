#pragma once

#include "conversation.h"

#include <QJsonObject>
#include <QSet>

#include <functional>
#include <optional>

namespace bw {

// Everything a conversation file holds, as a value: cheap to copy (implicitly shared), so a
// snapshot can be written on another thread while the conversation goes on.
struct ConversationData
{
    QString id;
    QString title;
    QString systemPrompt;
    QDateTime created;
    QDateTime updated;
    ConversationSummary summary;
    QList<ChatMessage> messages; // every version of every message, in the order they were made
    bool tree = false;           // messages name their parents (version 2); else a list
    QString shownRootId;         // which first message is shown, when there are several
    int fileVersion = 0;         // the format version it was read from (0: not read)
    // The ids of the messages the user deleted (each version with everything below it): a
    // merging save drops them from both sides, so no program brings one back.
    QSet<QString> deletedIds;
    QJsonObject unknownFields;
    std::optional<ThinkingConfig> thinking; // the conversation's own; none: the settings'
    // Not in the file: what the program saving it changed since it read it (see
    // Conversation::changedMessages); a merging save keeps the file's version of the rest.
    QSet<QString> changedMessages;
    QSet<QString> changedShownChoices;
    bool summaryChanged = false;

    // A snapshot of `conversation`, stamped as updated at `updated`.
    static ConversationData of(const Conversation &conversation, const QDateTime &updated);
    // Loads it into `conversation`, with nothing changed yet (forgetChanges).
    void applyTo(Conversation &conversation) const;

    friend bool operator==(const ConversationData &, const ConversationData &) = default;
};

// The JSON file format: { "format": "breakwater-conversation", "version": 2, ... }. Version 2
// holds the tree of versions: every message names its "parent", a fork its "shown_child", the
// file its "shown_root", the summary the message it is "covered_through", and "deleted" lists
// the messages the user deleted; version 1 was a list (each message follows the one before),
// read as such. Fields this version does not know are kept and written back, at every level (the
// conversation, its summary, each message, its usage and its error). A known field of the wrong
// type, a number out of its range or a value this version does not know (a message status, an
// error kind) makes the file unreadable, with the field named — it is refused like a newer
// version's file, never blanked and written back. So does a tree that breaks its rules
// (ConversationTree::problem: a parent that names no message, a cycle, a shown version that is
// not below its fork). Numbers are written within the ranges read back.
namespace ConversationFile {

constexpr int kVersion = 2;
// Where the original of a version-1 file is kept before it is first written as version 2.
QString backupPathFor(const QString &path);

QJsonObject toJson(const ConversationData &data);
// False with `error` in words when the object is not a conversation this version can read
// (another format, a newer version, missing, mistyped or out-of-range fields). Messages without
// an id (or with one already taken) get one made from their place in the list.
bool fromJson(const QJsonObject &json, ConversationData &data, QString *error);
// Parses a whole file's bytes.
bool parse(const QByteArray &bytes, ConversationData &data, QString *error);
QByteArray serialize(const ConversationData &data);

// A conversation id Breakwater can keep: the usage ledger sums a conversation's spend under it
// (an empty one counts for no conversation, a long one does not fit a ledger line) and the
// store names a file after it. 1 to 128 characters, no control characters, no '/' or '\\', not
// "." or "..".
bool isUsableId(const QString &id);

// Where an export put an attachment's copy, relative to the Markdown file (empty: nowhere).
using AttachmentLinks = std::function<QString(const Attachment &)>;

// A readable Markdown rendering for export: the shown path, or every branch (each after a
// heading that names its fork). Attachments are linked where `links` says (images shown), else
// named; citations become footnotes.
QString toMarkdown(const ConversationData &data, bool allBranches = false,
                   const AttachmentLinks &links = {});

} // namespace ConversationFile
} // namespace bw
