#include "usagerecord.h"

#include "api/jsoncount.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

namespace bw {

namespace {

constexpr std::pair<UsageRecord::Source, const char *> kSources[] = {
    {UsageRecord::Source::Chat, "chat"},
    {UsageRecord::Source::Summary, "summary"},
    {UsageRecord::Source::Batch, "batch"},
    {UsageRecord::Source::BatchesApi, "batches_api"},
};

// A profile name, a model id or a conversation id: text of a sane length.
constexpr qsizetype kLongestName = 256;

bool readText(const QJsonObject &o, QLatin1String key, QString &field, bool required)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined())
        return !required;
    if (!v.isString() || v.toString().size() > kLongestName)
        return false;
    field = v.toString();
    return true;
}

bool readCount(const QJsonObject &o, QLatin1String key, qint64 &field)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined())
        return true; // a count the API did not report is zero
    const std::optional<qint64> n = jsonCount(v);
    if (!n || double(*n) != v.toDouble()) // whole numbers only
        return false;
    field = *n;
    return true;
}

} // namespace

QString UsageRecord::sourceName(Source source)
{
    for (const auto &[s, name] : kSources) {
        if (s == source)
            return QLatin1String(name);
    }
    return QStringLiteral("chat");
}

std::optional<UsageRecord::Source> UsageRecord::sourceFromName(QStringView name)
{
    for (const auto &[s, n] : kSources) {
        if (name == QLatin1String(n))
            return s;
    }
    return std::nullopt;
}

QByteArray UsageRecord::toJsonLine() const
{
    // Written field by field, in this order (QJsonObject would sort the keys): the time first, so
    // that a person (or grep) reading the file sees it at once.
    auto text = [](const QString &s) {
        const QByteArray array = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
        return array.mid(1, array.size() - 2); // the string, quoted and escaped as JSON
    };
    const QByteArray when = time.toUTC().toString(Qt::ISODateWithMs).toLatin1();
    const double cost = std::isfinite(costUsd) ? costUsd : 0;
    return "{\"time\":\"" + when + "\",\"profile\":" + text(profile) + ",\"model\":" + text(model) +
           ",\"conversation\":" + text(conversationId) + ",\"source\":\"" +
           sourceName(source).toLatin1() +
           "\",\"input_tokens\":" + QByteArray::number(usage.inputTokens) +
           ",\"output_tokens\":" + QByteArray::number(usage.outputTokens) +
           ",\"cache_creation_input_tokens\":" +
           QByteArray::number(usage.cacheCreationInputTokens) +
           ",\"cache_read_input_tokens\":" + QByteArray::number(usage.cacheReadInputTokens) +
           ",\"cost_usd\":" + QByteArray::number(cost, 'g', QLocale::FloatingPointShortest) + "}\n";
}

std::optional<UsageRecord> UsageRecord::fromJsonLine(QByteArrayView line)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    UsageRecord r;
    const QJsonValue time = o.value(QLatin1String("time"));
    if (!time.isString())
        return std::nullopt;
    r.time = QDateTime::fromString(time.toString(), Qt::ISODateWithMs);
    if (!r.time.isValid())
        return std::nullopt;
    r.time = r.time.toUTC();
    if (!readText(o, QLatin1String("profile"), r.profile, true) ||
        !readText(o, QLatin1String("model"), r.model, true) ||
        !readText(o, QLatin1String("conversation"), r.conversationId, false))
        return std::nullopt;
    if (const QJsonValue source = o.value(QLatin1String("source")); !source.isUndefined()) {
        const auto s = source.isString() ? sourceFromName(source.toString()) : std::nullopt;
        if (s)
            r.source = *s; // a source a newer Breakwater added counts like a chat's
        else if (!source.isString())
            return std::nullopt;
    }
    Usage &u = r.usage;
    if (!readCount(o, QLatin1String("input_tokens"), u.inputTokens) ||
        !readCount(o, QLatin1String("output_tokens"), u.outputTokens) ||
        !readCount(o, QLatin1String("cache_creation_input_tokens"), u.cacheCreationInputTokens) ||
        !readCount(o, QLatin1String("cache_read_input_tokens"), u.cacheReadInputTokens))
        return std::nullopt;
    const QJsonValue cost = o.value(QLatin1String("cost_usd"));
    if (!cost.isDouble())
        return std::nullopt;
    r.costUsd = cost.toDouble();
    // Written so that NaN fails too.
    if (!(r.costUsd >= 0.0 && r.costUsd <= kLargestCostUsd))
        return std::nullopt;
    return r;
}

} // namespace bw
