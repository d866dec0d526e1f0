#include "usagerecord.h"

#include "api/jsoncount.h"

#include <QCryptographicHash>
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

constexpr qsizetype kLongestName = UsageRecord::kLongestName;

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

QString UsageRecord::fitted(const QString &text)
{
    if (text.size() <= kLongestName)
        return text;
    const QByteArray hash =
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    QString cut = text.left(kLongestName - hash.size() - 1);
    if (cut.back().isHighSurrogate())
        cut.chop(1);
    return cut + u'~' + QString::fromLatin1(hash);
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
    // In the range the reader accepts (a line it skips would lose the spend): more is capped,
    // NaN and less than nothing are nothing.
    const double cost = costUsd > kLargestCostUsd ? kLargestCostUsd : costUsd >= 0 ? costUsd : 0;
    // Texts the reader takes back (it skips a line with a longer one).
    return "{\"time\":\"" + when + "\",\"profile\":" + text(fitted(profile)) +
           ",\"model\":" + text(fitted(model)) +
           ",\"conversation\":" + text(fitted(conversationId)) + ",\"source\":\"" +
           sourceName(source).toLatin1() +
           "\",\"input_tokens\":" + QByteArray::number(usage.inputTokens) +
           ",\"output_tokens\":" + QByteArray::number(usage.outputTokens) +
           ",\"cache_creation_input_tokens\":" +
           QByteArray::number(usage.cacheCreationInputTokens) +
           ",\"cache_read_input_tokens\":" + QByteArray::number(usage.cacheReadInputTokens) +
           ",\"cost_usd\":" + QByteArray::number(cost, 'g', QLocale::FloatingPointShortest) + "}\n";
}

namespace {

// The fast path for a line exactly as toJsonLine() writes it (ASCII, nothing escaped): about five
// times faster than a JSON document, which matters for a ledger of 100,000 lines read before a
// budget check. Anything else (another order, escapes, spaces, a doubtful number) goes to the
// JSON parser, which alone decides what is damaged: this path accepts only what it would.
class WrittenLine
{
public:
    explicit WrittenLine(QByteArrayView line)
        : m_s(line)
    {}

    std::optional<UsageRecord> read()
    {
        UsageRecord r;
        QByteArrayView time, source;
        if (!literal("{\"time\":") || !string(time) || time.size() != 24 ||
            !literal(",\"profile\":") || !text(r.profile) || !literal(",\"model\":") ||
            !text(r.model) || !literal(",\"conversation\":") || !text(r.conversationId) ||
            !literal(",\"source\":") || !string(source) || !literal(",\"input_tokens\":") ||
            !count(r.usage.inputTokens) || !literal(",\"output_tokens\":") ||
            !count(r.usage.outputTokens) || !literal(",\"cache_creation_input_tokens\":") ||
            !count(r.usage.cacheCreationInputTokens) || !literal(",\"cache_read_input_tokens\":") ||
            !count(r.usage.cacheReadInputTokens) || !literal(",\"cost_usd\":") ||
            !cost(r.costUsd) || !literal("}") || m_at != m_s.size())
            return std::nullopt;
        const auto s = UsageRecord::sourceFromName(QString::fromLatin1(source));
        if (!s)
            return std::nullopt;
        r.source = *s;
        r.time = utc(time);
        if (!r.time.isValid())
            return std::nullopt;
        return r;
    }

private:
    bool literal(const char *text)
    {
        const QByteArrayView want(text);
        if (!m_s.sliced(m_at).startsWith(want))
            return false;
        m_at += want.size();
        return true;
    }

    // A string of printable ASCII without escapes.
    bool string(QByteArrayView &out)
    {
        if (m_at >= m_s.size() || m_s[m_at] != '"')
            return false;
        const qsizetype start = ++m_at;
        while (m_at < m_s.size() && m_s[m_at] != '"') {
            const char c = m_s[m_at];
            if (c == '\\' || c < 0x20 || c > 0x7e)
                return false;
            ++m_at;
        }
        if (m_at >= m_s.size() || m_at - start > kLongestName)
            return false;
        out = m_s.sliced(start, m_at - start);
        ++m_at;
        return true;
    }

    bool text(QString &out)
    {
        QByteArrayView v;
        if (!string(v))
            return false;
        out = QString::fromLatin1(v);
        return true;
    }

    // A whole number of at most 15 digits (far below 2^53), no sign, no leading zero.
    bool count(qint64 &out)
    {
        const qsizetype start = m_at;
        qint64 n = 0;
        while (m_at < m_s.size() && m_s[m_at] >= '0' && m_s[m_at] <= '9' && m_at - start < 15)
            n = n * 10 + (m_s[m_at++] - '0');
        const qsizetype digits = m_at - start;
        if (digits == 0 || (digits > 1 && m_s[start] == '0') ||
            (m_at < m_s.size() && m_s[m_at] >= '0' && m_s[m_at] <= '9'))
            return false;
        out = n;
        return true;
    }

    // A JSON number: digits, a fraction, an exponent; in range.
    bool cost(double &out)
    {
        const qsizetype start = m_at;
        auto digits = [this] {
            const qsizetype from = m_at;
            while (m_at < m_s.size() && m_s[m_at] >= '0' && m_s[m_at] <= '9')
                ++m_at;
            return m_at - from;
        };
        const qsizetype whole = digits();
        if (whole == 0 || (whole > 1 && m_s[start] == '0'))
            return false;
        if (m_at < m_s.size() && m_s[m_at] == '.') {
            ++m_at;
            if (digits() == 0)
                return false;
        }
        if (m_at < m_s.size() && (m_s[m_at] == 'e' || m_s[m_at] == 'E')) {
            ++m_at;
            if (m_at < m_s.size() && (m_s[m_at] == '+' || m_s[m_at] == '-'))
                ++m_at;
            if (digits() == 0)
                return false;
        }
        bool ok = false;
        out = m_s.sliced(start, m_at - start).toByteArray().toDouble(&ok);
        return ok && out >= 0.0 && out <= UsageRecord::kLargestCostUsd;
    }

    // "2026-03-15T12:00:00.000Z"
    static QDateTime utc(QByteArrayView t)
    {
        auto number = [&t](qsizetype at, qsizetype n) {
            int v = 0;
            for (qsizetype i = at; i < at + n; ++i) {
                if (t[i] < '0' || t[i] > '9')
                    return -1;
                v = v * 10 + (t[i] - '0');
            }
            return v;
        };
        if (t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' ||
            t[19] != '.' || t[23] != 'Z')
            return {};
        const QDate date(number(0, 4), number(5, 2), number(8, 2));
        const QTime time(number(11, 2), number(14, 2), number(17, 2), number(20, 3));
        if (!date.isValid() || !time.isValid() || date.year() < 1000)
            return {};
        return QDateTime(date, time, Qt::UTC);
    }

    QByteArrayView m_s;
    qsizetype m_at = 0;
};

} // namespace

std::optional<UsageRecord> UsageRecord::fromJsonLine(QByteArrayView line)
{
    if (std::optional<UsageRecord> r = WrittenLine(line).read())
        return r;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return fromJson(doc.object());
}

std::optional<UsageRecord> UsageRecord::fromJson(const QJsonObject &o)
{
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
