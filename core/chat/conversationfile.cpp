#include "conversationfile.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSet>

namespace bw {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("bw::ConversationFile", text, disambiguation, n);
}

const QStringList kConversationKeys = {QStringLiteral("format"),   QStringLiteral("version"),
                                       QStringLiteral("id"),       QStringLiteral("title"),
                                       QStringLiteral("system"),   QStringLiteral("created"),
                                       QStringLiteral("updated"),  QStringLiteral("summary"),
                                       QStringLiteral("messages"), QStringLiteral("shown_root")};
const QStringList kMessageKeys = {
    QStringLiteral("id"),          QStringLiteral("parent"),   QStringLiteral("shown_child"),
    QStringLiteral("role"),        QStringLiteral("text"),     QStringLiteral("created"),
    QStringLiteral("finished"),    QStringLiteral("model"),    QStringLiteral("usage"),
    QStringLiteral("status"),      QStringLiteral("attempts"), QStringLiteral("error"),
    QStringLiteral("stop_reason"), QStringLiteral("ttft_ms"),  QStringLiteral("tokens_per_second"),
    QStringLiteral("cost_usd")};

QString time(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime parseTime(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}

QJsonObject withUnknown(QJsonObject known, const QJsonObject &unknown)
{
    for (auto it = unknown.begin(); it != unknown.end(); ++it) {
        if (!known.contains(it.key()))
            known.insert(it.key(), it.value());
    }
    return known;
}

QJsonObject unknownOf(const QJsonObject &o, const QStringList &known)
{
    QJsonObject u;
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key()))
            u.insert(it.key(), it.value());
    }
    return u;
}

QJsonObject messageToJson(const ChatMessage &m)
{
    QJsonObject o{{QStringLiteral("id"), m.id},
                  {QStringLiteral("parent"),
                   m.parentId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(m.parentId)},
                  {QStringLiteral("role"), m.role},
                  {QStringLiteral("text"), m.text},
                  {QStringLiteral("created"), time(m.created)},
                  {QStringLiteral("status"), messageStatusName(m.status)}};
    if (!m.shownChildId.isEmpty())
        o.insert(QStringLiteral("shown_child"), m.shownChildId);
    if (m.finished.isValid())
        o.insert(QStringLiteral("finished"), time(m.finished));
    if (m.isAssistant()) {
        o.insert(QStringLiteral("model"), m.model);
        o.insert(QStringLiteral("usage"), m.usage.toJson());
        o.insert(QStringLiteral("attempts"), m.attempts);
        o.insert(QStringLiteral("stop_reason"), m.stopReason);
        o.insert(QStringLiteral("ttft_ms"), m.timeToFirstTokenMs);
        o.insert(QStringLiteral("tokens_per_second"), m.outputTokensPerSecond);
        o.insert(QStringLiteral("cost_usd"), m.costUsd);
        if (m.errorKind != ErrorKind::None || !m.errorText.isEmpty())
            o.insert(QStringLiteral("error"),
                     QJsonObject{{QStringLiteral("kind"), errorKindName(m.errorKind)},
                                 {QStringLiteral("text"), m.errorText}});
    }
    return withUnknown(o, m.unknownFields);
}

bool messageFromJson(const QJsonValue &v, ChatMessage &m, int index, QString *error)
{
    const QJsonObject o = v.toObject();
    m.role = o.value(QLatin1String("role")).toString();
    if (!v.isObject() || (m.role != u"user" && m.role != u"assistant") ||
        !o.value(QLatin1String("text")).isString()) {
        *error = QCoreApplication::translate("bw::ConversationFile",
                                             "message %1 has no valid role and text")
                     .arg(index + 1);
        return false;
    }
    m.id = o.value(QLatin1String("id")).toString();
    m.parentId = o.value(QLatin1String("parent")).toString();
    m.shownChildId = o.value(QLatin1String("shown_child")).toString();
    m.text = o.value(QLatin1String("text")).toString();
    m.created = parseTime(o.value(QLatin1String("created")));
    m.finished = parseTime(o.value(QLatin1String("finished")));
    m.model = o.value(QLatin1String("model")).toString();
    m.usage = Usage::fromJson(o.value(QLatin1String("usage")).toObject());
    m.status = messageStatusFromName(o.value(QLatin1String("status")).toString());
    if (m.status == MessageStatus::Streaming) {
        // A file is only saved mid-stream while Breakwater runs: found like this, it stopped.
        m.status = m.text.isEmpty() ? MessageStatus::Failed : MessageStatus::Interrupted;
        m.errorKind = ErrorKind::Incomplete;
        m.errorText = QCoreApplication::translate(
            "bw::ConversationFile",
            "Breakwater stopped before this answer finished. What arrived is kept; "
            "retry to ask again.");
    }
    m.attempts = o.value(QLatin1String("attempts")).toInt();
    const QJsonObject err = o.value(QLatin1String("error")).toObject();
    if (m.errorText.isEmpty()) {
        m.errorKind = errorKindFromName(err.value(QLatin1String("kind")).toString())
                          .value_or(ErrorKind::None);
        m.errorText = err.value(QLatin1String("text")).toString();
    }
    m.stopReason = o.value(QLatin1String("stop_reason")).toString();
    m.timeToFirstTokenMs = qint64(o.value(QLatin1String("ttft_ms")).toDouble(-1));
    m.outputTokensPerSecond = o.value(QLatin1String("tokens_per_second")).toDouble();
    m.costUsd = o.value(QLatin1String("cost_usd")).toDouble();
    m.unknownFields = unknownOf(o, kMessageKeys);
    return true;
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
    d.unknownFields = c.unknownFields();
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
    c.reset(messages, tree, shownRootId);
    c.restoreSummary(summary);
}

namespace ConversationFile {

QJsonObject toJson(const ConversationData &d)
{
    QJsonArray messages;
    for (const ChatMessage &m : d.messages)
        messages.append(messageToJson(m));
    QJsonObject o{{QStringLiteral("format"), QStringLiteral("breakwater-conversation")},
                  {QStringLiteral("version"), d.tree ? kVersion : 1},
                  {QStringLiteral("id"), d.id},
                  {QStringLiteral("title"), d.title},
                  {QStringLiteral("system"), d.systemPrompt},
                  {QStringLiteral("created"), time(d.created)},
                  {QStringLiteral("updated"), time(d.updated)},
                  {QStringLiteral("messages"), messages}};
    if (!d.summary.isEmpty()) {
        o.insert(QStringLiteral("summary"),
                 QJsonObject{{QStringLiteral("text"), d.summary.text},
                             {QStringLiteral("covered_messages"), d.summary.coveredMessages},
                             {QStringLiteral("tokens_before"), d.summary.tokensBefore},
                             {QStringLiteral("tokens_after"), d.summary.tokensAfter},
                             {QStringLiteral("model"), d.summary.model},
                             {QStringLiteral("created"), time(d.summary.createdAt)},
                             {QStringLiteral("covered_through"), d.summary.coveredThroughId}});
    }
    if (!d.shownRootId.isEmpty())
        o.insert(QStringLiteral("shown_root"), d.shownRootId);
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
    d.id = o.value(QLatin1String("id")).toString();
    d.title = o.value(QLatin1String("title")).toString();
    d.systemPrompt = o.value(QLatin1String("system")).toString();
    d.created = parseTime(o.value(QLatin1String("created")));
    d.updated = parseTime(o.value(QLatin1String("updated")));
    const QJsonObject s = o.value(QLatin1String("summary")).toObject();
    d.summary.text = s.value(QLatin1String("text")).toString();
    d.summary.coveredMessages = s.value(QLatin1String("covered_messages")).toInt();
    d.summary.tokensBefore = qint64(s.value(QLatin1String("tokens_before")).toDouble());
    d.summary.tokensAfter = qint64(s.value(QLatin1String("tokens_after")).toDouble());
    d.summary.model = s.value(QLatin1String("model")).toString();
    d.summary.createdAt = parseTime(s.value(QLatin1String("created")));
    d.summary.coveredThroughId = s.value(QLatin1String("covered_through")).toString();
    d.fileVersion = version;
    d.tree = version >= 2;
    d.shownRootId = o.value(QLatin1String("shown_root")).toString();
    const QJsonArray messages = o.value(QLatin1String("messages")).toArray();
    d.messages.clear();
    d.messages.reserve(messages.size());
    for (qsizetype i = 0; i < messages.size(); ++i) {
        ChatMessage m;
        if (!messageFromJson(messages.at(i), m, int(i), error))
            return false;
        d.messages.append(std::move(m));
    }
    if (d.summary.coveredMessages > d.messages.size())
        d.summary.coveredMessages = int(d.messages.size());
    if (!d.tree && !d.summary.isEmpty() && d.summary.coveredMessages > 0)
        d.summary.coveredThroughId = d.messages[d.summary.coveredMessages - 1].id; // the one path
    d.unknownFields = unknownOf(o, kConversationKeys);
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

QString messageMarkdown(const ChatMessage &m)
{
    const QLocale l = QLocale::c();
    const QString when = m.created.isValid() ? l.toString(m.created.toUTC(),
                                                          QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))
                                             : QString();
    if (m.isUser())
        return QStringLiteral("## ") + tr("You") + QStringLiteral(" — ") + when +
               QStringLiteral("\n\n") + m.text + QStringLiteral("\n\n");
    QString head = QStringLiteral("## ") + tr("Claude") + QStringLiteral(" — ") + when;
    if (!m.model.isEmpty())
        head += QStringLiteral(" · ") + m.model;
    if (m.usage.outputTokens)
        head += tr(" · %1 in / %2 out tokens")
                    .arg(m.usage.totalInputTokens())
                    .arg(m.usage.outputTokens);
    if (m.costUsd > 0)
        head += QStringLiteral(" · $") + l.toString(m.costUsd, 'f', 4);
    QString md = head + QStringLiteral("\n\n") + m.text + QStringLiteral("\n\n");
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

QString toMarkdown(const ConversationData &d, bool allBranches)
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
    for (const ChatMessage &m : path)
        md += messageMarkdown(m);
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
            md += messageMarkdown(branch[i]);
            written.insert(branch[i].id);
        }
    }
    return md;
}

} // namespace ConversationFile
} // namespace bw
