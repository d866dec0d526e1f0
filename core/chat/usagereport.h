#pragma once

#include "usageledger.h"
#include "usagerecord.h"

#include <QCoreApplication>
#include <QDate>
#include <QHash>
#include <QList>
#include <QMap>
#include <QStringList>

#include <optional>

namespace bw {

// The local calendar day of a UTC time, quickly for times close together (a ledger read in
// order): the conversion to local time runs once per day, not once per record.
class LocalDays final
{
public:
    QDate dayOf(const QDateTime &time);
    // Whether `day` counts for "this month" on `today`: its month, up to today.
    static bool isThisMonth(QDate day, QDate today)
    {
        return day.year() == today.year() && day.month() == today.month() && day <= today;
    }

private:
    qint64 m_startMs = 1;
    qint64 m_endMs = 0; // [start, end) in ms since the epoch is `m_day`
    QDate m_day;
};

// What some requests cost together.
struct UsageTotal
{
    QString key; // the day (yyyy-MM-dd), model, conversation id or profile
    qint64 requests = 0;
    Usage usage;
    double costUsd = 0;

    void add(const UsageRecord &record);
};

// The usage ledger summed up for a person: cost per day and model for a chart, totals by day,
// model, conversation and profile, and CSV. Days are the local calendar's. Built from records one
// at a time (UsageLedger::read hands them over), so a ledger of any length takes little memory.
class UsageReport final
{
    Q_DECLARE_TR_FUNCTIONS(bw::UsageReport)

public:
    enum class By { Day, Model, Conversation, Profile };
    static std::optional<By> byFromName(QStringView name);
    static QString byName(By by);

    // `today` anchors the chart (its last `chartDays` days), "today" and "this month"; records
    // before `since` (a local day; invalid: none) are left out of everything.
    explicit UsageReport(QDate today = {}, QDate since = {}, int chartDays = 30);

    // The rows of detailCsv() are kept only when asked for (before the first add): a ledger of
    // 100,000 lines has tens of thousands of them, and only an export needs them.
    void keepDetail(bool keep) { m_keepDetail = keep; }

    void add(const UsageRecord &record);
    // Adds every record of the ledger at `path` (that `wanted` keeps), and notes what reading it
    // found (damagedLines, problem). File work: never on a GUI thread.
    UsageLedger::Read addLedger(const QString &path,
                                const std::function<bool(const UsageRecord &)> &wanted = {});

    QDate today() const { return m_today; }
    const UsageTotal &total() const { return m_total; }
    // Days in order; models, conversations and profiles the most expensive first.
    QList<UsageTotal> totals(By by) const;

    // The chart: its days, oldest first, and the models used in them, the most expensive first.
    QList<QDate> chartDays() const;
    QStringList chartModels() const;
    double chartCost(QDate day, const QString &model) const;

    struct ProfileSpend
    {
        QString profile;
        double today = 0;
        double month = 0;
        double chart = 0; // in the chart's days
        double all = 0;
        qint64 requests = 0;
        Usage usage;
    };
    QList<ProfileSpend> profiles() const;

    // One row per day, profile, model and conversation: date, profile, model, conversation,
    // requests, the four token counts, cost_usd (with keepDetail(true)).
    QByteArray detailCsv() const;
    // `rows` as CSV, the first column named after `by`.
    static QByteArray toCsv(const QList<UsageTotal> &rows, By by);

    // What reading the ledger found (set by whoever read it).
    int damagedLines = 0;
    QString problem;

private:
    QDate m_today;
    QDate m_since;
    int m_chartDays;
    bool m_keepDetail = false;
    UsageTotal m_total;
    // What the CSV has a row for.
    struct DetailKey
    {
        QDate day;
        QString profile;
        QString model;
        QString conversation;
        friend bool operator==(const DetailKey &, const DetailKey &) = default;
        friend size_t qHash(const DetailKey &k, size_t seed = 0)
        {
            return qHashMulti(seed, k.day, k.profile, k.model, k.conversation);
        }
    };

    QMap<QDate, UsageTotal> m_byDay;
    QHash<QString, UsageTotal> m_byModel;
    QHash<QString, UsageTotal> m_byConversation;
    QHash<QString, ProfileSpend> m_profiles;
    QMap<QDate, QHash<QString, double>> m_chart;
    QHash<DetailKey, UsageTotal> m_detail;
    LocalDays m_days;
};

} // namespace bw

Q_DECLARE_METATYPE(bw::UsageReport)
