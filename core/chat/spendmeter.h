#pragma once

#include "spendbudget.h"
#include "usagereport.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>

namespace bw {

class Clock;
class PriceTable;
class StorageQueue;

// What the ledger says was spent: per profile and local day, and per conversation.
struct SpendIndex
{
    QHash<QString, QHash<QDate, double>> byProfileDay;
    QHash<QString, double> byConversation;

    void add(const UsageRecord &record, LocalDays &days);
    void merge(const SpendIndex &other);
    double day(const QString &profile, QDate day) const;
    double month(const QString &profile, QDate day) const;
    double conversation(const QString &id) const;
};

// The one place where a request's usage becomes money: every request that reached the API is
// recorded here (answers, also interrupted ones that reported usage; summaries; batch items) and
// appended to the usage ledger, and every request is checked here before it is sent, against the
// profile's budgets (per day, per month, per conversation) and a budget for this run.
//
// With a StorageQueue (the window) the ledger is read and appended to on the storage thread: what
// this process recorded counts at once, what other processes appended from the check after they
// did (each check reads on in the background). Without one (the command line) the file work
// happens on the caller's thread, and the ledger is read only when a budget needs it.
class SpendMeter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpendMeter)

public:
    // The Message Batches API bills half the price of the same requests sent one by one.
    static constexpr double kBatchesApiPriceFactor = 0.5;

    SpendMeter(Clock *clock, const PriceTable *prices, QObject *parent = nullptr);
    ~SpendMeter() override;

    // Where records go. With `queue`, reads the ledger there now (loaded() when done).
    void setLedger(const QString &path, StorageQueue *queue = nullptr);
    const QString &ledgerPath() const { return m_path; }
    void setProfile(const QString &profile) { m_profile = profile; }
    void setBudgets(const SpendBudgets &budgets) { m_budgets = budgets; }
    // A cap on what this process spends (breakwater-cli --budget-usd); below 0: none.
    void setRunBudget(double usd) { m_runBudget = usd; }
    // breakwater-cli --ignore-budget: the profile's budgets do not stop a request (a run's does).
    void setProfileBudgetsIgnored(bool ignored) { m_ignoreProfileBudgets = ignored; }

    // The model a request is recorded under: the one the server says answered when it is a
    // plausible Claude model id (a dated id, or another model than asked for), else the one asked
    // for — a server's text never goes into the ledger unchecked (it could echo the key).
    static QString billedModel(const QString &served, const QString &requested);
    // What `usage` of `model` costs (`priceFactor` 0.5 for the Message Batches API).
    double cost(const QString &model, const Usage &usage, double priceFactor = 1.0) const;
    // Records one request that reached the API; nothing when it reported no tokens at all.
    // Returns what it cost.
    double record(const QString &model, const Usage &usage, const QString &conversationId,
                  UsageRecord::Source source, double priceFactor = 1.0);

    Spent spent(const QString &conversationId);
    // Before a request: may it go? `ignoreProfileBudgets`: "Send this one anyway". With a budget
    // set and a ledger that cannot be read, the budgets cannot be checked: that stops a request
    // like a reached budget. Ask after loaded() (see whenLoaded()).
    BudgetVerdict check(const QString &conversationId, bool ignoreProfileBudgets = false);
    double runSpentUsd() const { return m_runSpent; }
    // The first read of the ledger has ended: what was spent before this process is known, or
    // why it cannot be (budgets count it from now on).
    bool isLoaded() const { return m_loaded; }
    // A check now counts everything spent before: loaded, or no need to wait for it.
    bool canCheck() const { return m_loaded || !m_queue || !needsLedger(); }
    // Runs `then` at once when loaded (or when no budget needs the ledger, or on the command
    // line, where a check reads it), else after the first read: a check before it would count
    // nothing spent. `then` is dropped with `context`.
    void whenLoaded(QObject *context, std::function<void()> then);
    int damagedLines() const { return m_damaged; }

Q_SIGNALS:
    void loaded();
    void recorded(const bw::UsageRecord &record);
    // The ledger could not be written or read; a sentence for the person.
    void problem(const QString &message);

private:
    struct Cursor;
    struct Delta;
    struct Pending
    {
        quint64 serial = 0;
        UsageRecord record;
    };

    bool needsLedger() const;
    // Reads what was appended since the last read (the first time: the whole ledger).
    void readOn();
    void readInBackground(bool fromStart);
    void apply(const Delta &delta);
    QDate today();

    Clock *m_clock;
    const PriceTable *m_prices;
    QString m_path;
    StorageQueue *m_queue = nullptr;
    std::shared_ptr<Cursor> m_cursor;
    QString m_profile;
    SpendBudgets m_budgets;
    double m_runBudget = -1;
    bool m_ignoreProfileBudgets = false;
    SpendIndex m_index;
    QList<Pending> m_pending;            // recorded here, not yet read back from the ledger
    SpendIndex m_unrecorded;             // recorded here, could not be appended to the ledger
    QHash<QString, bool> m_unpricedSaid; // models without a price, said once
    LocalDays m_days;
    quint64 m_serial = 0;
    double m_runSpent = 0;
    int m_damaged = 0;
    bool m_loaded = false;
    bool m_reading = false; // a read on the storage thread is on its way
    QString m_readError;    // why the last read failed (empty: it did not)
};

} // namespace bw
