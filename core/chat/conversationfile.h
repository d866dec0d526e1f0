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
    QList<ChatMessage> messages;
    QJsonObject unknownFields;

    // A snapshot of `conversation`, stamped as updated at `updated`.
    static ConversationData of(const Conversation &conversation, const QDateTime &updated);
    void applyTo(Conversation &conversation) const;
};

// The JSON file format: { "format": "breakwater-conversation", "version": 1, ... }.
// Fields this version does not know are kept and written back.
namespace ConversationFile {

constexpr int kVersion = 1;

QJsonObject toJson(const ConversationData &data);
// False with `error` in words when the object is not a conversation this version can read
// (another format, a newer version, missing or mistyped fields).
bool fromJson(const QJsonObject &json, ConversationData &data, QString *error);
// Parses a whole file's bytes.
bool parse(const QByteArray &bytes, ConversationData &data, QString *error);
QByteArray serialize(const ConversationData &data);

// A readable Markdown rendering for export.
QString toMarkdown(const ConversationData &data);

} // namespace ConversationFile
} // namespace bw
