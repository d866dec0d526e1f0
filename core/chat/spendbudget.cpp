#include "spendbudget.h"

#include <QLocale>

#include <cmath>

namespace bw {

QStringList SpendBudgets::validate() const
{
    QStringList problems;
    const std::pair<double, QString> budgets[] = {
        {dayUsd, tr("the daily budget")},
        {monthUsd, tr("the monthly budget")},
        {conversationUsd, tr("the budget per conversation")},
    };
    for (const auto &[usd, name] : budgets) {
        if (!(usd >= 0 && usd <= kLargestUsd)) // NaN too
            problems << tr("%1 must be an amount from 0 (none) to %2 USD")
                            .arg(name, QLocale().toString(kLargestUsd, 'f', 0));
    }
    return problems;
}

QString BudgetVerdict::money(double usd)
{
    // Less than a cent shows its first digits, so small test runs do not read as "$0.00".
    const int decimals = usd > 0 && usd < 0.01 ? 4 : 2;
    return QStringLiteral("$") + QLocale().toString(usd, 'f', decimals);
}

QString BudgetVerdict::sentence() const
{
    const QString spent = money(spentUsd);
    const QString limit = money(limitUsd);
    const QString left = money(leftUsd());
    // Each with what helps with that budget (the error's advice cannot tell them apart).
    if (level == Level::Reached) {
        switch (scope) {
        case Scope::Day:
            return tr("The daily budget of %1 is reached: %2 spent today. Wait until tomorrow, "
                      "raise it, or send this one anyway (breakwater-cli: --ignore-budget).")
                .arg(limit, spent);
        case Scope::Month:
            return tr("The monthly budget of %1 is reached: %2 spent this month. Wait until next "
                      "month, raise it, or send this one anyway (breakwater-cli: "
                      "--ignore-budget).")
                .arg(limit, spent);
        case Scope::Conversation:
            return tr("This conversation's budget of %1 is reached: %2 spent in it. It does not "
                      "reset: raise it, start a new conversation, or send this one anyway "
                      "(breakwater-cli: --ignore-budget).")
                .arg(limit, spent);
        case Scope::Run:
            return tr("The budget of this run (%1) is reached: %2 spent. Run again with a larger "
                      "--budget-usd (--ignore-budget does not lift it).")
                .arg(limit, spent);
        case Scope::Ledger:
            return tr("Your budgets cannot be checked, because the usage ledger cannot be read: "
                      "%1. Repair or move it, or send this one anyway (breakwater-cli: "
                      "--ignore-budget).")
                .arg(problem);
        }
    }
    if (level == Level::Warning) {
        switch (scope) {
        case Scope::Day:
            return tr("%1 of today's budget of %2 is spent; %3 left.").arg(spent, limit, left);
        case Scope::Month:
            return tr("%1 of this month's budget of %2 is spent; %3 left.").arg(spent, limit, left);
        case Scope::Conversation:
            return tr("%1 of this conversation's budget of %2 is spent; %3 left.")
                .arg(spent, limit, left);
        case Scope::Run:
            return tr("%1 of this run's budget of %2 is spent; %3 left.").arg(spent, limit, left);
        case Scope::Ledger:
            break;
        }
    }
    return {};
}

BudgetVerdict BudgetVerdict::unknown(const QString &problem)
{
    BudgetVerdict v;
    v.level = Level::Reached;
    v.scope = Scope::Ledger;
    v.problem = problem;
    return v;
}

BudgetVerdict BudgetVerdict::judge(const Spent &spent, const SpendBudgets &budgets,
                                   double runLimitUsd)
{
    const std::tuple<Scope, double, double> checks[] = {
        {Scope::Day, spent.today, budgets.dayUsd},
        {Scope::Month, spent.month, budgets.monthUsd},
        {Scope::Conversation, spent.conversation, budgets.conversationUsd},
        // A run's budget of 0 means nothing may be spent; a profile's 0 means no budget.
        {Scope::Run, spent.run, runLimitUsd},
    };
    // In whole micro-dollars: a sum of doubles misses by a hair (ten times $0.10 is
    // $0.9999999999999999), which must not leave a budget of $1.00 unreached.
    auto micro = [](double usd) { return std::llround(usd * 1e6); };
    BudgetVerdict worst;
    for (const auto &[scope, used, limit] : checks) {
        const bool isBudget = scope == Scope::Run ? limit >= 0 : limit > 0;
        if (!isBudget)
            continue;
        Level level = Level::Ok;
        if (micro(used) >= micro(limit))
            level = Level::Reached;
        else if (micro(used) >= micro(limit * kWarningFraction))
            level = Level::Warning;
        if (level > worst.level) {
            worst.level = level;
            worst.scope = scope;
            worst.spentUsd = used;
            worst.limitUsd = limit;
        }
    }
    return worst;
}

} // namespace bw
