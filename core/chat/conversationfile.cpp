#include "conversationfile.h"

#include "citationmarkers.h"
#include "conversationtree.h"
#include "jsonfieldreader.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <limits>

namespace bw {

namespace {

// For the functions of namespace ConversationFile; lupdate files a tr() in the anonymous
// namespace under "bw", so those call QCoreApplication::translate themselves.
QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("bw::ConversationFile", text, disambiguation, n);
}

QJsonObject thinkingToJson(const ChatMessage &m)
{
    QJsonObject o{{QStringLiteral("blocks"), m.thinkingBlocks}};
    const QString joined = thinkingTextOf(m.thinkingBlocks);
    // Thinking that never got its signature (the answer was stopped) is kept to be read, never
    // sent back.
    if (m.thinking != joined && m.thinking.startsWith(joined))
        o.insert(QStringLiteral("unsent"), m.thinking.mid(joined.size()));
    if (m.thinkingMs >= 0)
        o.insert(QStringLiteral("ms"), m.thinkingMs);
    if (m.timeToFirstThinkingMs >= 0)
        o.insert(QStringLiteral("first_ms"), m.timeToFirstThinkingMs);
    return o;
}

QString time(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

// Numbers are written within the ranges the reader accepts, so Breakwater never writes a file it
// would refuse to read (a usage a server reported as negative, say).
qint64 count(qint64 n)
{
    return std::clamp<qint64>(n, 0, JsonFieldReader::kMaxExactInteger);
}

double nonNegative(double x)
{
    return std::isfinite(x) && x > 0 ? x : 0.0;
}

QJsonObject withUnknown(QJsonObject known, const QJsonObject &unknown)
{
    for (auto it = unknown.begin(); it != unknown.end(); ++it) {
        if (!known.contains(it.key()))
            known.insert(it.key(), it.value());
    }
    return known;
}

QJsonValue idOrNull(const QString &id)
{
    return id.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(id);
}

// `tree`: written as version 2, with the fields of the tree; else as version 1, without them.
QJsonObject summaryToJson(const ConversationSummary &s, qsizetype messages, bool tree)
{
    // At most the file's number of messages: with versions, the summary covers the first
    // messages of one path, never more than there are.
    QJsonObject known{{QStringLiteral("text"), s.text},
                      {QStringLiteral("covered_messages"),
                       std::clamp<qint64>(s.coveredMessages, 0, qint64(messages))},
                      {QStringLiteral("tokens_before"), count(s.tokensBefore)},
                      {QStringLiteral("tokens_after"), count(s.tokensAfter)},
                      {QStringLiteral("model"), s.model},
                      {QStringLiteral("created"), time(s.createdAt)}};
    if (tree)
        known.insert(QStringLiteral("covered_through"), idOrNull(s.coveredThroughId));
    return withUnknown(known, s.unknownFields);
}

QJsonObject usageToJson(const ChatMessage &m)
{
    QJsonObject known{
        {QStringLiteral("input_tokens"), count(m.usage.inputTokens)},
        {QStringLiteral("output_tokens"), count(m.usage.outputTokens)},
        {QStringLiteral("cache_creation_input_tokens"), count(m.usage.cacheCreationInputTokens)},
        {QStringLiteral("cache_read_input_tokens"), count(m.usage.cacheReadInputTokens)}};
    if (m.usage.cacheCreation1hInputTokens > 0)
        known.insert(QStringLiteral("cache_creation"),
                     QJsonObject{{QStringLiteral("ephemeral_1h_input_tokens"),
                                  count(m.usage.cacheCreation1hInputTokens)}});
    if (m.usage.thinkingTokens > 0)
        known.insert(
            QStringLiteral("output_tokens_details"),
            QJsonObject{{QStringLiteral("thinking_tokens"), count(m.usage.thinkingTokens)}});
    return withUnknown(known, m.unknownUsageFields);
}

QJsonObject attachmentToJson(const Attachment &a)
{
    QJsonObject o{{QStringLiteral("name"), a.name},
                  {QStringLiteral("media_type"), a.mediaType},
                  {QStringLiteral("sha256"), a.sha256},
                  {QStringLiteral("bytes"), count(a.bytes)}};
    if (a.isImage()) {
        o.insert(QStringLiteral("width"), std::clamp(a.width, 0, Attachment::kMaxImageEdge));
        o.insert(QStringLiteral("height"), std::clamp(a.height, 0, Attachment::kMaxImageEdge));
    }
    if (a.pages > 0)
        o.insert(QStringLiteral("pages"), a.pages);
    if (a.jsonBytes > 0 && a.kind() == Attachment::Kind::Text)
        o.insert(QStringLiteral("json_bytes"), count(a.jsonBytes)); // for the size checks
    return withUnknown(o, a.extra);
}

QJsonObject citationToJson(const Citation &c, qsizetype textSize)
{
    // Within the text, as the reader checks.
    const qsizetype start = std::clamp<qsizetype>(c.start, 0, textSize);
    QJsonObject o{{QStringLiteral("start"), start},
                  {QStringLiteral("end"), std::clamp<qsizetype>(c.end, start, textSize)},
                  {QStringLiteral("citation"), c.source}};
    if (!c.documentSha.isEmpty())
        o.insert(QStringLiteral("document"), c.documentSha);
    return o;
}

QJsonObject messageToJson(const ChatMessage &m, bool tree)
{
    QJsonObject o{{QStringLiteral("id"), m.id},
                  {QStringLiteral("role"), m.role},
                  {QStringLiteral("text"), m.text},
                  {QStringLiteral("created"), time(m.created)},
                  {QStringLiteral("status"), messageStatusName(m.status)}};
    if (tree)
        o.insert(QStringLiteral("parent"), idOrNull(m.parentId));
    if (tree && !m.shownChildId.isEmpty())
        o.insert(QStringLiteral("shown_child"), m.shownChildId);
    if (m.finished.isValid())
        o.insert(QStringLiteral("finished"), time(m.finished));
    if (m.isUser() && !m.attachments.isEmpty()) {
        QJsonArray list;
        for (const Attachment &a : m.attachments)
            list.append(attachmentToJson(a));
        o.insert(QStringLiteral("attachments"), list);
    }
    if (m.isAssistant() && !m.citations.isEmpty()) {
        QJsonArray list;
        for (const Citation &c : m.citations)
            list.append(citationToJson(c, m.text.size()));
        o.insert(QStringLiteral("citations"), list);
    }
    if (m.isAssistant()) {
        o.insert(QStringLiteral("model"), m.model);
        o.insert(QStringLiteral("usage"), usageToJson(m));
        o.insert(QStringLiteral("attempts"), std::max(0, m.attempts));
        o.insert(QStringLiteral("stop_reason"), m.stopReason);
        o.insert(QStringLiteral("ttft_ms"),
                 std::clamp<qint64>(m.timeToFirstTokenMs, -1, JsonFieldReader::kMaxExactInteger));
        o.insert(QStringLiteral("tokens_per_second"), nonNegative(m.outputTokensPerSecond));
        o.insert(QStringLiteral("cost_usd"), nonNegative(m.costUsd));
        if (m.cacheSavingsUsd != 0 && std::isfinite(m.cacheSavingsUsd))
            o.insert(QStringLiteral("cache_savings_usd"), m.cacheSavingsUsd);
        if (m.hasThinking())
            o.insert(QStringLiteral("thinking"), thinkingToJson(m));
        if (!m.stopDetails.isEmpty())
            o.insert(QStringLiteral("stop_details"), m.stopDetails);
        // Older readers keep it as a field they do not know.
        if (m.isFallback() || !m.unknownFallbackFields.isEmpty())
            o.insert(QStringLiteral("fallback"),
                     withUnknown(QJsonObject{{QStringLiteral("from"),
                                              QJsonArray::fromStringList(m.fallbackFrom)},
                                             {QStringLiteral("reason"), m.fallbackReason}},
                                 m.unknownFallbackFields));
        if (m.errorKind != ErrorKind::None || !m.errorText.isEmpty() ||
            !m.unknownErrorFields.isEmpty())
            o.insert(QStringLiteral("error"),
                     withUnknown(QJsonObject{{QStringLiteral("kind"), errorKindName(m.errorKind)},
                                             {QStringLiteral("text"), m.errorText}},
                                 m.unknownErrorFields));
    }
    return withUnknown(o, m.unknownFields);
}

QString unknownValue(const JsonFieldReader &r, QLatin1String key, const QString &value)
{
    return QCoreApplication::translate("bw::ConversationFile",
                                       "the field %1 is \"%2\", which this version does not know")
        .arg(r.nameOf(key), value.left(40));
}

void readUsage(JsonFieldReader &message, ChatMessage &m)
{
    std::optional<JsonFieldReader> r = message.object(QLatin1String("usage"));
    if (!r)
        return;
    constexpr qint64 max = JsonFieldReader::kMaxExactInteger;
    r->integer(QLatin1String("input_tokens"), 0, max, m.usage.inputTokens);
    r->integer(QLatin1String("output_tokens"), 0, max, m.usage.outputTokens);
    r->integer(QLatin1String("cache_creation_input_tokens"), 0, max,
               m.usage.cacheCreationInputTokens);
    r->integer(QLatin1String("cache_read_input_tokens"), 0, max, m.usage.cacheReadInputTokens);
    if (std::optional<JsonFieldReader> c = r->object(QLatin1String("cache_creation")))
        c->integer(QLatin1String("ephemeral_1h_input_tokens"), 0, max,
                   m.usage.cacheCreation1hInputTokens);
    m.usage.cacheCreation1hInputTokens =
        std::min(m.usage.cacheCreation1hInputTokens, m.usage.cacheCreationInputTokens);
    if (std::optional<JsonFieldReader> d = r->object(QLatin1String("output_tokens_details")))
        d->integer(QLatin1String("thinking_tokens"), 0, max, m.usage.thinkingTokens);
    m.unknownUsageFields = r->unknownFields();
}

// An answer's thinking ({blocks, unsent, ms, first_ms}) and a refusal's stop_details. A block
// is kept only whole: a thinking block with its text and signature, or redacted data.
void readThinking(JsonFieldReader &message, const QJsonObject &o, ChatMessage &m)
{
    message.markKnown(QLatin1String("stop_details"));
    if (const QJsonValue d = o.value(QLatin1String("stop_details")); d.isObject())
        m.stopDetails = d.toObject();
    else if (!d.isUndefined() && !d.isNull())
        message.fail(
            tr("the field %1 is not an object").arg(message.nameOf(QLatin1String("stop_details"))));
    std::optional<JsonFieldReader> r = message.object(QLatin1String("thinking"));
    if (!r)
        return;
    r->markKnown(QLatin1String("blocks"));
    const QJsonValue blocks =
        o.value(QLatin1String("thinking")).toObject().value(QLatin1String("blocks"));
    if (!blocks.isUndefined() && !blocks.isArray()) {
        r->fail(tr("the field %1 is not a list").arg(r->nameOf(QLatin1String("blocks"))));
        return;
    }
    const QJsonArray list = blocks.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject b = list.at(i).toObject();
        const QString type = b.value(QLatin1String("type")).toString();
        const bool whole =
            (type == u"thinking" && b.value(QLatin1String("thinking")).isString() &&
             b.value(QLatin1String("signature")).isString()) ||
            (type == u"redacted_thinking" && b.value(QLatin1String("data")).isString());
        if (!whole) {
            r->fail(tr("%1[%2] is not a thinking block with its text and signature, nor redacted "
                       "thinking with its data")
                        .arg(r->nameOf(QLatin1String("blocks")))
                        .arg(i));
            return;
        }
        m.thinkingBlocks.append(b);
    }
    QString unsent;
    r->string(QLatin1String("unsent"), unsent);
    m.thinking = thinkingTextOf(m.thinkingBlocks) + unsent;
    constexpr qint64 max = JsonFieldReader::kMaxExactInteger;
    r->integer(QLatin1String("ms"), -1, max, m.thinkingMs);
    r->integer(QLatin1String("first_ms"), -1, max, m.timeToFirstThinkingMs);
}

// The error object: its kind and text, unless `replaced` (the message's own end was rewritten).
void readError(JsonFieldReader &message, ChatMessage &m, bool replaced)
{
    std::optional<JsonFieldReader> r = message.object(QLatin1String("error"));
    if (!r)
        return;
    QString kind;
    QString text;
    r->string(QLatin1String("kind"), kind);
    r->string(QLatin1String("text"), text);
    const std::optional<ErrorKind> known =
        kind.isEmpty() ? std::optional(ErrorKind::None) : errorKindFromName(kind);
    if (!known)
        r->fail(unknownValue(*r, QLatin1String("kind"), kind));
    if (!replaced && known) {
        m.errorKind = *known;
        m.errorText = text;
    }
    m.unknownErrorFields = r->unknownFields();
}

bool isSha256(const QString &s)
{
    if (s.size() != 64)
        return false;
    return std::all_of(s.cbegin(), s.cend(), [](QChar c) {
        return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
    });
}

// A list field of objects, each read by `readOne(reader, object)`; the list's and every
// element's problems name the element ("messages[2].attachments[0].sha256").
template<class ReadOne>
void readList(JsonFieldReader &message, const QJsonObject &o, QLatin1String key, ReadOne readOne)
{
    message.markKnown(key);
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return;
    if (!v.isArray()) {
        message.fail(
            QCoreApplication::translate("bw::ConversationFile", "the field %1 is not a list")
                .arg(message.nameOf(key)));
        return;
    }
    const QJsonArray list = v.toArray();
    for (qsizetype i = 0; i < list.size() && message.ok(); ++i) {
        const QString name = message.nameOf(key) + QStringLiteral("[%1]").arg(i);
        if (!list.at(i).isObject()) {
            message.fail(QCoreApplication::translate("bw::ConversationFile", "%1 is not an object")
                             .arg(name));
            return;
        }
        QString problem;
        JsonFieldReader r(list.at(i).toObject(), name, &problem);
        readOne(r, list.at(i).toObject());
        if (!r.ok()) {
            message.fail(problem);
            return;
        }
    }
}

// A prompt's files: what describes each (the bytes are in the attachment store).
void readAttachments(JsonFieldReader &message, const QJsonObject &o, ChatMessage &m)
{
    readList(message, o, QLatin1String("attachments"),
             [&m](JsonFieldReader &r, const QJsonObject &) {
                 Attachment a;
                 r.string(QLatin1String("name"), a.name);
                 r.requiredString(QLatin1String("media_type"), a.mediaType);
                 r.requiredString(QLatin1String("sha256"), a.sha256);
                 r.integer(QLatin1String("bytes"), 0, JsonFieldReader::kMaxExactInteger, a.bytes);
                 r.integer(QLatin1String("width"), 0, Attachment::kMaxImageEdge, a.width);
                 r.integer(QLatin1String("height"), 0, Attachment::kMaxImageEdge, a.height);
                 r.integer(QLatin1String("pages"), 0, 1'000'000, a.pages);
                 r.integer(QLatin1String("json_bytes"), 0, JsonFieldReader::kMaxExactInteger,
                           a.jsonBytes);
                 if (r.ok() && !Attachment::isSupportedMediaType(a.mediaType))
                     r.fail(unknownValue(r, QLatin1String("media_type"), a.mediaType));
                 else if (r.ok() && !isSha256(a.sha256))
                     r.fail(QCoreApplication::translate("bw::ConversationFile",
                                                        "the field %1 is not a SHA-256 in hex")
                                .arg(r.nameOf(QLatin1String("sha256"))));
                 a.extra = r.unknownFields();
                 m.attachments.append(a);
             });
}

// An answer's citations: the span of its text each backs, and the API's citation object.
void readCitations(JsonFieldReader &message, const QJsonObject &o, ChatMessage &m)
{
    const qint64 size = m.text.size();
    readList(message, o, QLatin1String("citations"),
             [&m, size](JsonFieldReader &r, const QJsonObject &entry) {
                 Citation c;
                 qint64 start = 0, end = 0;
                 r.integer(QLatin1String("start"), 0, size, start);
                 end = start; // without an end, the span is empty (as it is written back)
                 r.integer(QLatin1String("end"), start, size, end);
                 r.string(QLatin1String("document"), c.documentSha);
                 r.markKnown(QLatin1String("citation"));
                 if (!entry.value(QLatin1String("citation")).isObject())
                     r.fail(QCoreApplication::translate("bw::ConversationFile",
                                                        "the field %1 is not an object")
                                .arg(r.nameOf(QLatin1String("citation"))));
                 c.start = start;
                 c.end = end;
                 c.source = entry.value(QLatin1String("citation")).toObject();
                 m.citations.append(c);
             });
}

std::optional<MessageStatus> statusFromName(const QString &name)
{
    for (MessageStatus s : {MessageStatus::Complete, MessageStatus::Streaming,
                            MessageStatus::Interrupted, MessageStatus::Failed}) {
        if (name == messageStatusName(s))
            return s;
    }
    return std::nullopt;
}

// `tree`: a version-2 message, which names its parent; in a version-1 file the fields of the
// tree mean nothing (the list's order is the tree) and are ignored.
bool messageFromJson(const QJsonValue &v, ChatMessage &m, int index, bool tree, QString *error)
{
    const QJsonObject o = v.toObject();
    const QString role = o.value(QLatin1String("role")).toString();
    if (!v.isObject() || (role != u"user" && role != u"assistant") ||
        !o.value(QLatin1String("text")).isString()) {
        *error = QCoreApplication::translate("bw::ConversationFile",
                                             "message %1 has no valid role and text")
                     .arg(index + 1);
        return false;
    }
    JsonFieldReader r(o, QStringLiteral("messages[%1]").arg(index), error);
    r.string(QLatin1String("role"), m.role);
    r.string(QLatin1String("id"), m.id);
    // Version 2: the message it follows (null: a first message) and, at a fork, the version
    // shown below it (null or absent: the newest). Whether they name the right messages is
    // checked once all are read (ConversationTree::problem).
    if (tree) {
        r.nullableString(QLatin1String("parent"), m.parentId);
        r.nullableString(QLatin1String("shown_child"), m.shownChildId);
    } else {
        r.markKnown(QLatin1String("parent"));
        r.markKnown(QLatin1String("shown_child"));
    }
    r.string(QLatin1String("text"), m.text);
    r.time(QLatin1String("created"), m.created);
    r.time(QLatin1String("finished"), m.finished);
    QString status = messageStatusName(MessageStatus::Complete);
    r.string(QLatin1String("status"), status);
    if (const std::optional<MessageStatus> s = statusFromName(status))
        m.status = *s;
    else
        r.fail(unknownValue(r, QLatin1String("status"), status));
    if (m.isUser())
        readAttachments(r, o, m);
    // A user's turn has none of an answer's fields: any it carries are kept as they are.
    if (m.isAssistant()) {
        r.string(QLatin1String("model"), m.model);
        readUsage(r, m);
        r.integer(QLatin1String("attempts"), 0, std::numeric_limits<int>::max(), m.attempts);
        r.string(QLatin1String("stop_reason"), m.stopReason);
        // -1: no token arrived.
        r.integer(QLatin1String("ttft_ms"), -1, JsonFieldReader::kMaxExactInteger,
                  m.timeToFirstTokenMs);
        r.nonNegativeNumber(QLatin1String("tokens_per_second"), m.outputTokensPerSecond);
        r.nonNegativeNumber(QLatin1String("cost_usd"), m.costUsd);
        r.number(QLatin1String("cache_savings_usd"), m.cacheSavingsUsd);
        const bool stopped = m.status == MessageStatus::Streaming;
        if (stopped) {
            // A file is only saved mid-stream while Breakwater runs: found like this, it stopped.
            m.status = m.text.isEmpty() ? MessageStatus::Failed : MessageStatus::Interrupted;
            m.errorKind = ErrorKind::Incomplete;
            m.errorText = QCoreApplication::translate(
                "bw::ConversationFile",
                "Breakwater stopped before this answer finished. What arrived is kept; retry to "
                "ask again.");
        }
        readError(r, m, stopped);
        readThinking(r, o, m);
        if (std::optional<JsonFieldReader> f = r.object(QLatin1String("fallback"))) {
            f->stringList(QLatin1String("from"), m.fallbackFrom);
            f->string(QLatin1String("reason"), m.fallbackReason);
            m.unknownFallbackFields = f->unknownFields();
        }
        readCitations(r, o, m);
    }
    m.unknownFields = r.unknownFields();
    return r.ok();
}

// Every message needs an id (a save merges with what another program wrote by id): one missing
// or taken gets a new one made from its place, the same in every program that reads the file.
void giveEveryMessageAnId(QList<ChatMessage> &messages)
{
    QSet<QString> taken;
    QList<int> needing;
    for (int i = 0; i < messages.size(); ++i) {
        if (messages[i].id.isEmpty() || taken.contains(messages[i].id))
            needing << i;
        else
            taken.insert(messages[i].id);
    }
    for (int i : std::as_const(needing)) {
        QString id = QStringLiteral("message-%1").arg(i + 1);
        for (int n = 2; taken.contains(id); ++n)
            id = QStringLiteral("message-%1-%2").arg(i + 1).arg(n);
        messages[i].id = id;
        taken.insert(id);
    }
}

} // namespace

ConversationData ConversationData::of(const Conversation &c, const QDateTime &updated)
{
    ConversationData d;
    d.id = c.id();
    d.title = c.title();
    d.systemPrompt = c.systemPrompt();
    d.created = c.created();
    d.updated = updated;
    d.summary = c.storedSummary();
    d.messages = c.allMessages();
    d.tree = true;
    d.shownRootId = c.shownRootId();
    d.fileVersion = c.fileVersion();
    d.deletedIds = c.deletedIds();
    d.unknownFields = c.unknownFields();
    d.thinking = c.thinking();
    d.changedMessages = c.changedMessages();
    d.changedShownChoices = c.changedShownChoices();
    d.summaryChanged = c.isSummaryChanged();
    return d;
}

void ConversationData::applyTo(Conversation &c) const
{
    c.setId(id);
    c.setTitle(title);
    c.setSystemPrompt(systemPrompt);
    c.setCreated(created);
    c.setFileVersion(fileVersion);
    c.unknownFields() = unknownFields;
    c.setThinking(thinking);
    c.reset(messages, tree, shownRootId);
    c.restoreSummary(summary);
    c.setDeletedIds(deletedIds);
    c.forgetChanges();
}

namespace ConversationFile {

QJsonObject toJson(const ConversationData &d)
{
    QJsonArray messages;
    for (const ChatMessage &m : d.messages)
        messages.append(messageToJson(m, d.tree));
    QJsonObject o{{QStringLiteral("format"), QStringLiteral("breakwater-conversation")},
                  {QStringLiteral("version"), d.tree ? kVersion : 1},
                  {QStringLiteral("id"), d.id},
                  {QStringLiteral("title"), d.title},
                  {QStringLiteral("system"), d.systemPrompt},
                  {QStringLiteral("created"), time(d.created)},
                  {QStringLiteral("updated"), time(d.updated)},
                  {QStringLiteral("messages"), messages}};
    if (!d.summary.isEmpty())
        o.insert(QStringLiteral("summary"), summaryToJson(d.summary, d.messages.size(), d.tree));
    if (d.tree && !d.shownRootId.isEmpty())
        o.insert(QStringLiteral("shown_root"), d.shownRootId);
    if (d.thinking)
        o.insert(QStringLiteral("thinking"), d.thinking->toJson());
    if (d.tree && !d.deletedIds.isEmpty()) {
        QStringList deleted(d.deletedIds.cbegin(), d.deletedIds.cend());
        deleted.sort(); // the same bytes for the same set
        o.insert(QStringLiteral("deleted"), QJsonArray::fromStringList(deleted));
    }
    return withUnknown(o, d.unknownFields);
}

bool fromJson(const QJsonObject &o, ConversationData &d, QString *error)
{
    if (o.value(QLatin1String("format")).toString() != u"breakwater-conversation") {
        *error = tr("it is not a Breakwater conversation");
        return false;
    }
    const int version = o.value(QLatin1String("version")).toInt(0);
    if (version > kVersion) {
        *error =
            tr("it was written by a newer Breakwater (file format %1; this version reads up to %2)")
                .arg(version)
                .arg(kVersion);
        return false;
    }
    if (version < 1 || !o.value(QLatin1String("messages")).isArray()) {
        *error = tr("its version or message list is missing");
        return false;
    }
    error->clear();
    d = ConversationData();
    JsonFieldReader r(o, QString(), error);
    r.markKnown(QLatin1String("format"));
    r.markKnown(QLatin1String("version"));
    r.markKnown(QLatin1String("messages"));
    r.string(QLatin1String("id"), d.id);
    if (!isUsableId(d.id))
        d.id.clear(); // the store gives it one (ConversationStore::load)
    r.string(QLatin1String("title"), d.title);
    r.string(QLatin1String("system"), d.systemPrompt);
    r.time(QLatin1String("created"), d.created);
    r.time(QLatin1String("updated"), d.updated);
    d.fileVersion = version;
    d.tree = version >= 2;
    if (d.tree) {
        // The first message shown (null or absent: the newest), and the ids of the messages the
        // user deleted, which a merging save never brings back (mergeConversations).
        r.nullableString(QLatin1String("shown_root"), d.shownRootId);
        r.stringSet(QLatin1String("deleted"), d.deletedIds);
    } else {
        r.markKnown(QLatin1String("shown_root"));
        r.markKnown(QLatin1String("deleted"));
    }
    // The conversation's own thinking setting (absent: the settings' default).
    r.markKnown(QLatin1String("thinking"));
    if (const QJsonValue t = o.value(QLatin1String("thinking")); t.isObject())
        d.thinking = ThinkingConfig::fromJson(t.toObject());
    else if (!t.isUndefined() && !t.isNull())
        r.fail(tr("the field thinking is not an object"));
    const QJsonArray messages = o.value(QLatin1String("messages")).toArray();
    d.messages.reserve(messages.size());
    for (qsizetype i = 0; i < messages.size() && r.ok(); ++i) {
        ChatMessage m;
        if (!messageFromJson(messages.at(i), m, int(i), d.tree, error))
            return false;
        d.messages.append(std::move(m));
    }
    giveEveryMessageAnId(d.messages);
    // A message that is in the file is not deleted, whatever the list says (a hand edit, or an
    // older Breakwater that kept the list as a field it did not know): nothing in a file is lost.
    for (const ChatMessage &m : std::as_const(d.messages))
        d.deletedIds.remove(m.id);
    if (std::optional<JsonFieldReader> s = r.object(QLatin1String("summary"))) {
        // A summary is its text: without one there is nothing to send in place of the messages
        // it says it covers.
        s->requiredString(QLatin1String("text"), d.summary.text);
        // The first messages of one path: never more than the file has. (With versions, whether
        // they are the shown path's is for Conversation::summary(), which ignores a summary made
        // on another branch.)
        s->integer(QLatin1String("covered_messages"), 0, int(d.messages.size()),
                   d.summary.coveredMessages);
        if (d.tree)
            s->nullableString(QLatin1String("covered_through"), d.summary.coveredThroughId);
        else
            s->markKnown(QLatin1String("covered_through"));
        s->integer(QLatin1String("tokens_before"), 0, JsonFieldReader::kMaxExactInteger,
                   d.summary.tokensBefore);
        s->integer(QLatin1String("tokens_after"), 0, JsonFieldReader::kMaxExactInteger,
                   d.summary.tokensAfter);
        s->string(QLatin1String("model"), d.summary.model);
        s->time(QLatin1String("created"), d.summary.createdAt);
        d.summary.unknownFields = s->unknownFields();
        // A version-1 file has one path: the summary ends after its covered_messages-th message.
        if (!d.tree && d.summary.coveredMessages > 0)
            d.summary.coveredThroughId = d.messages[d.summary.coveredMessages - 1].id;
    }
    // The tree's own rules: parents that exist, no cycle, shown versions that follow their fork.
    if (d.tree && r.ok()) {
        if (const QString problem = ConversationTree::problem(d); !problem.isEmpty())
            r.fail(problem);
    }
    d.unknownFields = r.unknownFields();
    return r.ok();
}

bool isUsableId(const QString &id)
{
    if (id.isEmpty() || id.size() > 128 || id == u"." || id == u"..")
        return false;
    for (QChar c : id) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format ||
            c == u'/' || c == u'\\' || c.isSurrogate() || c == QChar::LineSeparator ||
            c == QChar::ParagraphSeparator)
            return false;
    }
    return true;
}

bool parse(const QByteArray &bytes, ConversationData &d, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = tr("it is not valid JSON (%1 at byte %2)")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return false;
    }
    if (!doc.isObject()) {
        *error = tr("it is not a Breakwater conversation");
        return false;
    }
    return fromJson(doc.object(), d, error);
}

QByteArray serialize(const ConversationData &d)
{
    return QJsonDocument(toJson(d)).toJson(QJsonDocument::Indented);
}

namespace {

// A link target as Markdown needs it: each part of the relative path percent-encoded (read as a
// URL, a "#", "?" or ":" in a name would start a fragment, a query or a scheme).
QString linkTarget(const QString &path)
{
    QStringList parts = path.split(QLatin1Char('/'));
    for (QString &part : parts)
        part = QString::fromLatin1(QUrl::toPercentEncoding(part));
    return parts.join(QLatin1Char('/'));
}

QString attachmentsMarkdown(const ChatMessage &m, const AttachmentLinks &links)
{
    QString md;
    for (const Attachment &a : m.attachments) {
        const QString link = links ? links(a) : QString();
        const QString name = QString(a.name).replace(QLatin1Char(']'), QLatin1Char(')'));
        if (link.isEmpty())
            md += QStringLiteral("📎 ") + tr("%1 (not exported)").arg(name);
        else if (a.isImage())
            md += QStringLiteral("![") + name + QStringLiteral("](") + linkTarget(link) +
                  QLatin1Char(')');
        else
            md += QStringLiteral("📎 [") + name + QStringLiteral("](") + linkTarget(link) +
                  QLatin1Char(')');
        md += QStringLiteral("\n\n");
    }
    return md;
}

// `footnotes`: the footnote labels used so far in the document (each is defined once in it).
QString messageMarkdown(const ChatMessage &m, const AttachmentLinks &links, int *footnotes)
{
    const QLocale l = QLocale::c();
    const QString when = m.created.isValid() ? l.toString(m.created.toUTC(),
                                                          QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))
                                             : QString();
    if (m.isUser())
        return QStringLiteral("## ") + tr("You") + QStringLiteral(" — ") + when +
               QStringLiteral("\n\n") + attachmentsMarkdown(m, links) + m.text +
               QStringLiteral("\n\n");
    QString head = QStringLiteral("## ") + tr("Claude") + QStringLiteral(" — ") + when;
    if (!m.model.isEmpty())
        head += QStringLiteral(" · ") + m.model;
    if (m.isFallback())
        head += QStringLiteral(" ") + tr("(instead of %1, which was overloaded)")
                                          .arg(m.fallbackFrom.join(QStringLiteral(", ")));
    if (m.usage.outputTokens)
        head += tr(" · %1 in / %2 out tokens")
                    .arg(m.usage.totalInputTokens())
                    .arg(m.usage.outputTokens);
    if (m.costUsd > 0)
        head += QStringLiteral(" · $") + l.toString(m.costUsd, 'f', 4);
    QString md = head + QStringLiteral("\n\n");
    if (!m.thinking.isEmpty())
        md += QStringLiteral("<details><summary>") + tr("Thinking") +
              QStringLiteral("</summary>\n\n") + m.thinking + QStringLiteral("\n\n</details>\n\n");
    const CitationMarkers markers(m.citations);
    md += markers.apply(m.text, CitationMarkers::Style::Footnote, *footnotes + 1) +
          QStringLiteral("\n\n");
    *footnotes += int(markers.sources().size());
    if (const QString notice = m.stopNotice();
        !notice.isEmpty() && m.status == MessageStatus::Complete)
        md += QStringLiteral("> ") + notice + QStringLiteral("\n\n");
    if (m.status == MessageStatus::Interrupted || m.status == MessageStatus::Failed)
        md += QStringLiteral("> ⚠ ") +
              (m.status == MessageStatus::Failed ? tr("No answer: ") : tr("Interrupted: ")) +
              QString(m.errorText).replace(QLatin1Char('\n'), QLatin1Char(' ')) +
              QStringLiteral("\n\n");
    return md;
}

} // namespace

QString backupPathFor(const QString &path)
{
    return path + QStringLiteral(".v1.bak");
}

QString toMarkdown(const ConversationData &d, bool allBranches, const AttachmentLinks &links)
{
    // The conversation's own rules say which path is shown.
    Conversation c;
    d.applyTo(c);
    const QList<ChatMessage> path = c.messages();
    QString md = QStringLiteral("# ") + (d.title.isEmpty() ? tr("Conversation") : d.title) +
                 QStringLiteral("\n\n");
    md += QCoreApplication::translate("bw::ConversationFile",
                                      "_Exported from Breakwater · %n message(s)_", nullptr,
                                      int(path.size())) +
          QStringLiteral("\n\n");
    if (!d.systemPrompt.isEmpty())
        md += tr("**System prompt:** ") + d.systemPrompt + QStringLiteral("\n\n");
    const ConversationSummary &summary = c.summary();
    if (!summary.isEmpty())
        md +=
            tr("> **Summary of the first %n message(s)** (%1): ", nullptr, summary.coveredMessages)
                .arg(summary.model) +
            QString(summary.text).replace(QLatin1Char('\n'), QStringLiteral("\n> ")) +
            QStringLiteral("\n\n");
    int footnotes = 0;
    for (const ChatMessage &m : path)
        md += messageMarkdown(m, links, &footnotes);
    if (!allBranches)
        return md;
    // Every other branch: from its fork down to its newest end, once each.
    QSet<QString> written;
    for (const ChatMessage &m : path)
        written.insert(m.id);
    for (const ChatMessage &m : c.allMessages()) {
        if (written.contains(m.id))
            continue;
        c.showMessage(m.id);
        const QList<ChatMessage> branch = c.messages();
        int fork = 0;
        while (fork < branch.size() && written.contains(branch[fork].id))
            ++fork;
        md += QStringLiteral("---\n\n# ") +
              tr("Branch at message %1 (version %2 of %3)")
                  .arg(fork + 1)
                  .arg(c.versionNumber(fork) + 1)
                  .arg(c.versionCount(fork)) +
              QStringLiteral("\n\n");
        for (int i = fork; i < branch.size(); ++i) {
            md += messageMarkdown(branch[i], links, &footnotes);
            written.insert(branch[i].id);
        }
    }
    return md;
}

} // namespace ConversationFile
} // namespace bw
