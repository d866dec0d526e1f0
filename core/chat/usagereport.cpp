#include "usagereport.h"

#include <algorithm>

namespace bw {

namespace {

QList<UsageTotal> byCost(const QHash<QString, UsageTotal> &totals)
{
    QList<UsageTotal> list = totals.values();
    std::sort(list.begin(), list.end(), [](const UsageTotal &a, const UsageTotal &b) {
        return a.costUsd != b.costUsd ? a.costUsd > b.costUsd : a.key < b.key;
    });
    return list;
}

QByteArray csvField(const QString &text)
{
    QString s = text;
    // OWASP CSV injection: a spreadsheet runs a cell that starts like a formula; a quote first
    // makes it text (a model id, a conversation's id or a profile comes from outside).
    static const QString kFormulaStart = QStringLiteral("=+-@\t\r");
    if (!s.isEmpty() && kFormulaStart.contains(s.front()))
        s.prepend(u'\'');
    if (s.contains(u',') || s.contains(u'"') || s.contains(u'\n') || s.contains(u'\r'))
        s = u'"' + s.replace(u'"', QStringLiteral("\"\"")) + u'"';
    return s.toUtf8();
}

QByteArray csvNumbers(const UsageTotal &t)
{
    const Usage &u = t.usage;
    return QByteArray::number(t.requests) + ',' + QByteArray::number(u.inputTokens) + ',' +
           QByteArray::number(u.outputTokens) + ',' +
           QByteArray::number(u.cacheCreationInputTokens) + ',' +
           QByteArray::number(u.cacheReadInputTokens) + ',' + QByteArray::number(t.costUsd, 'f', 6);
}

const char kCsvNumbersHeader[] =
    "requests,input_tokens,output_tokens,cache_creation_input_tokens,cache_read_input_tokens,"
    "cost_usd";

} // namespace

QDate LocalDays::dayOf(const QDateTime &time)
{
    const qint64 ms = time.toMSecsSinceEpoch();
    if (ms >= m_startMs && ms < m_endMs)
        return m_day;
    m_day = time.toLocalTime().date();
    m_startMs = QDateTime(m_day, QTime(0, 0), Qt::LocalTime).toMSecsSinceEpoch();
    m_endMs = QDateTime(m_day.addDays(1), QTime(0, 0), Qt::LocalTime).toMSecsSinceEpoch();
    if (!(ms >= m_startMs && ms < m_endMs)) // a day that does not begin at midnight (DST)
        m_startMs = m_endMs = ms;
    return m_day;
}

void UsageTotal::add(const UsageRecord &record)
{
    ++requests;
    usage += record.usage;
    usage.thinkingTokens = 0; // the ledger does not keep it
    costUsd += record.costUsd;
}

std::optional<UsageReport::By> UsageReport::byFromName(QStringView name)
{
    for (By by : {By::Day, By::Model, By::Conversation, By::Profile}) {
        if (name == byName(by))
            return by;
    }
    return std::nullopt;
}

QString UsageReport::byName(By by)
{
    switch (by) {
    case By::Day:
        return QStringLiteral("day");
    case By::Model:
        return QStringLiteral("model");
    case By::Conversation:
        return QStringLiteral("conversation");
    case By::Profile:
        return QStringLiteral("profile");
    }
    return {};
}

UsageReport::UsageReport(QDate today, QDate since, int chartDays)
    : m_today(today)
    , m_since(since)
    , m_chartDays(std::max(1, chartDays))
{}

void UsageReport::add(const UsageRecord &r)
{
    const QDate day = m_days.dayOf(r.time);
    if (m_since.isValid() && day < m_since)
        return;
    m_total.add(r);
    m_byDay[day].add(r);
    auto addTo = [&r](QHash<QString, UsageTotal> &totals, const QString &key) {
        UsageTotal &t = totals[key];
        if (t.requests == 0)
            t.key = key;
        t.add(r);
    };
    addTo(m_byModel, r.model);
    addTo(m_byConversation, r.conversationId);
    ProfileSpend &p = m_profiles[r.profile];
    if (p.requests == 0)
        p.profile = r.profile;
    p.all += r.costUsd;
    ++p.requests;
    p.usage += r.usage;
    if (m_today.isValid()) {
        if (day == m_today)
            p.today += r.costUsd;
        if (LocalDays::isThisMonth(day, m_today))
            p.month += r.costUsd;
        if (day <= m_today && day > m_today.addDays(-m_chartDays)) {
            p.chart += r.costUsd;
            m_chart[day][r.model] += r.costUsd;
        }
    }
    if (m_keepDetail)
        m_detail[DetailKey{day, r.profile, r.model, r.conversationId}].add(r);
}

UsageLedger::Read UsageReport::addLedger(const QString &path,
                                         const std::function<bool(const UsageRecord &)> &wanted)
{
    const UsageLedger::Read r = UsageLedger(path).read(0, [this, &wanted](const UsageRecord &x) {
        if (!wanted || wanted(x))
            add(x);
    });
    damagedLines += r.damaged;
    if (!r.error.isEmpty())
        problem = r.error;
    return r;
}

QList<UsageTotal> UsageReport::totals(By by) const
{
    switch (by) {
    case By::Day: {
        QList<UsageTotal> days;
        for (auto it = m_byDay.cbegin(); it != m_byDay.cend(); ++it) { // oldest first
            days << it.value();
            days.last().key = it.key().toString(Qt::ISODate);
        }
        return days;
    }
    case By::Model:
        return byCost(m_byModel);
    case By::Conversation:
        return byCost(m_byConversation);
    case By::Profile: {
        QHash<QString, UsageTotal> profiles;
        for (const ProfileSpend &p : m_profiles) {
            UsageTotal &t = profiles[p.profile];
            t.key = p.profile;
            t.requests = p.requests;
            t.usage = p.usage;
            t.usage.thinkingTokens = 0;
            t.costUsd = p.all;
        }
        return byCost(profiles);
    }
    }
    return {};
}

QList<QDate> UsageReport::chartDays() const
{
    QList<QDate> days;
    if (!m_today.isValid())
        return days;
    for (int i = m_chartDays - 1; i >= 0; --i)
        days << m_today.addDays(-i);
    return days;
}

QStringList UsageReport::chartModels() const
{
    QHash<QString, double> cost;
    for (const QHash<QString, double> &day : m_chart) {
        for (auto it = day.cbegin(); it != day.cend(); ++it)
            cost[it.key()] += it.value();
    }
    QStringList models = cost.keys();
    std::sort(models.begin(), models.end(), [&cost](const QString &a, const QString &b) {
        return cost.value(a) != cost.value(b) ? cost.value(a) > cost.value(b) : a < b;
    });
    return models;
}

double UsageReport::chartCost(QDate day, const QString &model) const
{
    return m_chart.value(day).value(model);
}

QList<UsageReport::ProfileSpend> UsageReport::profiles() const
{
    QList<ProfileSpend> list = m_profiles.values();
    std::sort(list.begin(), list.end(), [](const ProfileSpend &a, const ProfileSpend &b) {
        return a.all != b.all ? a.all > b.all : a.profile < b.profile;
    });
    return list;
}

QByteArray UsageReport::detailCsv() const
{
    QList<DetailKey> keys = m_detail.keys();
    std::sort(keys.begin(), keys.end(), [](const DetailKey &a, const DetailKey &b) {
        return std::tie(a.day, a.profile, a.model, a.conversation) <
               std::tie(b.day, b.profile, b.model, b.conversation);
    });
    QByteArray csv = QByteArray("date,profile,model,conversation,") + kCsvNumbersHeader + '\n';
    for (const DetailKey &k : std::as_const(keys)) {
        csv += k.day.toString(Qt::ISODate).toLatin1() + ',' + csvField(k.profile) + ',' +
               csvField(k.model) + ',' + csvField(k.conversation) + ',' +
               csvNumbers(m_detail.value(k)) + '\n';
    }
    return csv;
}

QByteArray UsageReport::toCsv(const QList<UsageTotal> &rows, By by)
{
    QByteArray csv = byName(by).toUtf8() + ',' + kCsvNumbersHeader + '\n';
    for (const UsageTotal &t : rows)
        csv += csvField(t.key) + ',' + csvNumbers(t) + '\n';
    return csv;
}

} // namespace bw
