#pragma once

#include "conversation.h"

#include <QJsonObject>

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
    QJsonObject unknownFields;

    // A snapshot of `conversation`, stamped as updated at `updated`.
    static ConversationData of(const Conversation &conversation, const QDateTime &updated);
    void applyTo(Conversation &conversation) const;
};

// The JSON file format: { "format": "breakwater-conversation", "version": 2, ... }. Version 2
// holds the tree of versions: every message names its "parent", a fork its "shown_child", the
// file its "shown_root"; version 1 was a list (each message follows the one before), read as
// such. Fields this version does not know are kept and written back.
namespace ConversationFile {

constexpr int kVersion = 2;
// Where the original of a version-1 file is kept before it is first written as version 2.
QString backupPathFor(const QString &path);

QJsonObject toJson(const ConversationData &data);
// False with `error` in words when the object is not a conversation this version can read
// (another format, a newer version, missing or mistyped fields).
bool fromJson(const QJsonObject &json, ConversationData &data, QString *error);
// Parses a whole file's bytes.
bool parse(const QByteArray &bytes, ConversationData &data, QString *error);
QByteArray serialize(const ConversationData &data);

// A readable Markdown rendering for export: the shown path, or every branch (each after a
// heading that names its fork).
QString toMarkdown(const ConversationData &data, bool allBranches = false);

} // namespace ConversationFile
} // namespace bw
