#pragma once

#include <QCommandLineParser>

namespace bw {
struct EngineSettings;
class SpendMeter;
} // namespace bw

namespace bw::cli {

// What a command that sends requests (ask, batch) may spend: the profile's budgets (per day, per
// month, per conversation, from the settings), --budget-usd for this run, --ignore-budget.
class BudgetOptions final
{
public:
    void addTo(QCommandLineParser &parser);
    // Points `meter` at the usage ledger with this run's budgets. False with `errors` filled on
    // a bad value. The meter's problems (the ledger cannot be written) are printed as warnings.
    bool apply(const QCommandLineParser &parser, const EngineSettings &settings, SpendMeter &meter,
               QStringList &errors) const;
};

} // namespace bw::cli
