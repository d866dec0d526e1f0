#include "simpromptcache.h"

#include "simattachments.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace bw::sim {

namespace {

constexpr qint64 kFiveMinutesMs = 5 * 60 * 1000;
constexpr qint64 kOneHourMs = 60 * 60 * 1000;

struct Block
{
    QByteArray bytes;  // what the prefix hash covers (without any cache_control)
    qint64 chars = 0;  // text characters, as the simulator counts tokens
    qint64 tokens = 0; // an image's or a document's tokens
    bool startsMessage = false;
    qint64 breakpointTtl = 0; // > 0: the block carries its own cache_control
};

// The TTL a cache_control asks for; 0 when it is malformed.
qint64 ttlOf(const QJsonValue &control)
{
    const QJsonObject c = control.toObject();
    if (!control.isObject() || c.value(QLatin1String("type")).toString() != u"ephemeral")
        return 0;
    const QJsonValue ttl = c.value(QLatin1String("ttl"));
    if (ttl.isUndefined() || ttl.toString() == u"5m")
        return kFiveMinutesMs;
    return ttl.toString() == u"1h" ? kOneHourMs : 0;
}

void addBlocks(QList<Block> &out, const QByteArray &role, const QJsonValue &content)
{
    if (content.isString()) {
        const QString text = content.toString();
        QJsonObject b{{QLatin1String("type"), QLatin1String("text")},
                      {QLatin1String("text"), text}};
        out.append(
            {role + QJsonDocument(b).toJson(QJsonDocument::Compact), text.size(), 0, true, 0});
        return;
    }
    bool first = true;
    for (const QJsonValue &v : content.toArray()) {
        QJsonObject b = v.toObject();
        const qint64 ttl = b.contains(QLatin1String("cache_control"))
                               ? ttlOf(b.value(QLatin1String("cache_control")))
                               : 0;
        b.remove(QLatin1String("cache_control"));
        const qint64 chars = b.value(QLatin1String("type")).toString() == u"text"
                                 ? b.value(QLatin1String("text")).toString().size()
                                 : 0;
        const qint64 tokens = SimAttachments::blockTokens(b);
        out.append(
            {role + QJsonDocument(b).toJson(QJsonDocument::Compact), chars, tokens, first, ttl});
        first = false;
    }
}

QList<Block> blocksOf(const QJsonObject &body)
{
    QList<Block> blocks;
    if (body.contains(QLatin1String("system")))
        addBlocks(blocks, "system:", body.value(QLatin1String("system")));
    for (auto &b : blocks)
        b.startsMessage = false; // the system prompt is not a message
    for (const QJsonValue &m : body.value(QLatin1String("messages")).toArray()) {
        const QJsonObject message = m.toObject();
        addBlocks(blocks, message.value(QLatin1String("role")).toString().toUtf8() + ':',
                  message.value(QLatin1String("content")));
    }
    return blocks;
}

} // namespace

QJsonObject SimPromptCache::Usage::toJson() const
{
    return {
        {QLatin1String("input_tokens"), inputTokens},
        {QLatin1String("cache_creation_input_tokens"), cacheCreationInputTokens},
        {QLatin1String("cache_read_input_tokens"), cacheReadInputTokens},
        {QLatin1String("cache_creation"),
         QJsonObject{{QLatin1String("ephemeral_5m_input_tokens"),
                      cacheCreationInputTokens - cacheCreation1hInputTokens},
                     {QLatin1String("ephemeral_1h_input_tokens"), cacheCreation1hInputTokens}}}};
}

QString SimPromptCache::check(const QJsonObject &body)
{
    const QString ttlProblem = QStringLiteral("%1: Input should be an object with type "
                                              "'ephemeral' and an optional ttl of '5m' or '1h'");
    if (body.contains(QLatin1String("cache_control")) &&
        ttlOf(body.value(QLatin1String("cache_control"))) == 0)
        return ttlProblem.arg(QLatin1String("cache_control"));
    int explicitPoints = 0;
    auto inBlocks = [&](const QJsonValue &content, const QString &where) -> QString {
        const QJsonArray blocks = content.toArray();
        for (qsizetype j = 0; j < blocks.size(); ++j) {
            const QJsonObject b = blocks.at(j).toObject();
            if (!b.contains(QLatin1String("cache_control")))
                continue;
            if (ttlOf(b.value(QLatin1String("cache_control"))) == 0)
                return ttlProblem.arg(QStringLiteral("%1.%2.cache_control").arg(where).arg(j));
            ++explicitPoints;
        }
        return {};
    };
    if (QString p = inBlocks(body.value(QLatin1String("system")), QStringLiteral("system"));
        !p.isEmpty())
        return p;
    const QJsonArray messages = body.value(QLatin1String("messages")).toArray();
    for (qsizetype i = 0; i < messages.size(); ++i) {
        if (QString p = inBlocks(messages.at(i).toObject().value(QLatin1String("content")),
                                 QStringLiteral("messages.%1.content").arg(i));
            !p.isEmpty())
            return p;
    }
    if (explicitPoints > 4)
        return QStringLiteral("A maximum of 4 blocks with cache_control may be provided. Found "
                              "%1.")
            .arg(explicitPoints);
    return {};
}

SimPromptCache::Usage SimPromptCache::account(const QJsonObject &body, qint64 totalInputTokens,
                                              qint64 nowMs)
{
    Usage usage;
    usage.inputTokens = totalInputTokens;
    const QList<Block> blocks = blocksOf(body);
    const qint64 autoTtl = body.contains(QLatin1String("cache_control"))
                               ? ttlOf(body.value(QLatin1String("cache_control")))
                               : 0;
    // The prefix's key and token count at every block.
    QList<QByteArray> keys;
    QList<qint64> tokens;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(body.value(QLatin1String("model")).toString().toUtf8());
    qint64 chars = 0;
    qint64 fileTokens = 0;
    qint64 messages = 0;
    for (const Block &b : blocks) {
        hash.addData(QByteArray(QByteArray::number(b.bytes.size()) + ':'));
        hash.addData(b.bytes);
        keys.append(hash.result());
        chars += b.chars;
        fileTokens += b.tokens;
        messages += b.startsMessage ? 1 : 0;
        tokens.append(
            std::min<qint64>(totalInputTokens, 3 + 4 * messages + (chars + 3) / 4 + fileTokens));
    }
    QList<QPair<int, qint64>> points; // block index, TTL
    for (int i = 0; i < blocks.size(); ++i) {
        if (blocks[i].breakpointTtl > 0)
            points.append({i, blocks[i].breakpointTtl});
    }
    if (autoTtl > 0 && !blocks.isEmpty()) {
        if (!points.isEmpty() && points.last().first == int(blocks.size()) - 1)
            points.last().second = std::max(points.last().second, autoTtl);
        else
            points.append({int(blocks.size()) - 1, autoTtl});
    }
    if (points.isEmpty())
        return usage;

    // Expired entries go first: a read refreshes only what is still there.
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->expiresAtMs <= nowMs)
            it = m_entries.erase(it);
        else
            ++it;
    }
    int hit = -1;
    for (const auto &[point, ttl] : points) {
        for (int i = point; i >= 0 && i >= point - lookbackBlocks; --i) {
            if (i > hit && m_entries.contains(keys[i])) {
                hit = i;
                break;
            }
        }
    }
    qint64 read = 0;
    if (hit >= 0) {
        Entry &e = m_entries[keys[hit]];
        e.expiresAtMs = nowMs + e.ttlMs;
        read = tokens[hit];
    }
    qint64 written = read;
    qint64 written1h = 0;
    for (const auto &[point, ttl] : points) {
        if (point <= hit || tokens[point] < minTokens)
            continue;
        Entry &e = m_entries[keys[point]];
        e.ttlMs = std::max(e.ttlMs, ttl);
        e.expiresAtMs = nowMs + e.ttlMs;
        if (ttl == kOneHourMs)
            written1h += tokens[point] - written;
        written = tokens[point];
    }
    usage.cacheReadInputTokens = read;
    usage.cacheCreationInputTokens = written - read;
    usage.cacheCreation1hInputTokens = written1h;
    usage.inputTokens = std::max<qint64>(0, totalInputTokens - written);
    return usage;
}

} // namespace bw::sim
