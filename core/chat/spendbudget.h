#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace bw {

// A profile's spend budgets in USD; 0 is none.
struct SpendBudgets
{
    double dayUsd = 0;
    double monthUsd = 0;
    double conversationUsd = 0;

    // The most a budget can be (a larger number is a typo).
    static constexpr double kLargestUsd = 1'000'000;

    bool isEmpty() const { return dayUsd <= 0 && monthUsd <= 0 && conversationUsd <= 0; }
    // Human-readable problems; empty when every budget is usable.
    QStringList validate() const;

    friend bool operator==(const SpendBudgets &, const SpendBudgets &) = default;

    Q_DECLARE_TR_FUNCTIONS(bw::SpendBudgets) // last: the macro ends with private:
};

// What has been spent against each budget before a request.
struct Spent
{
    double today = 0;
    double month = 0;
    double conversation = 0;
    double run = 0; // by this process (breakwater-cli --budget-usd)
};

// Whether a request may go: spent so far against every budget (the request's own cost is not
// known before it is answered). From 80% of a budget on, a warning; at 100% it is not sent.
struct BudgetVerdict
{
    enum class Level { Ok, Warning, Reached };
    // Ledger: the profile's budgets cannot be checked (the usage ledger cannot be read).
    enum class Scope { Day, Month, Conversation, Run, Ledger };

    static constexpr double kWarningFraction = 0.8;

    Level level = Level::Ok;
    Scope scope = Scope::Day;
    double spentUsd = 0;
    double limitUsd = 0;
    QString problem; // Scope::Ledger: why the ledger cannot be read

    bool isReached() const { return level == Level::Reached; }
    double leftUsd() const { return std::max(0.0, limitUsd - spentUsd); }
    // "The daily budget of $5.00 is reached: $5.12 spent today. Not sent." or the warning.
    QString sentence() const;

    // The most pressing verdict: a reached budget before a warning; among equals the order of
    // Scope. `runLimit` < 0: no budget for this run.
    // Reached, for the budgets cannot be checked: `problem` says why.
    static BudgetVerdict unknown(const QString &problem);
    static BudgetVerdict judge(const Spent &spent, const SpendBudgets &budgets,
                               double runLimitUsd = -1);
    // "$1.23", "$0.0042": cents, or more digits for less than a cent.
    static QString money(double usd);

    Q_DECLARE_TR_FUNCTIONS(bw::BudgetVerdict) // last: the macro ends with private:
};

} // namespace bw
