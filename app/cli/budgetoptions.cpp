#include "budgetoptions.h"

#include "commands.h"

#include "chat/spendmeter.h"
#include "chat/usageledger.h"
#include "settings/enginesettings.h"

namespace bw::cli {

void BudgetOptions::addTo(QCommandLineParser &parser)
{
    parser.addOptions({
        QCommandLineOption(
            QStringLiteral("budget-usd"),
            QStringLiteral("Spend at most USD in this run: a request is not sent once the run "
                           "has spent it (0: nothing may be spent). The profile's budgets apply "
                           "as well."),
            QStringLiteral("USD")),
        QCommandLineOption(
            QStringLiteral("ignore-budget"),
            QStringLiteral("Send even when one of the profile's budgets (per day, month or "
                           "conversation) is reached; --budget-usd still applies.")),
    });
}

bool BudgetOptions::apply(const QCommandLineParser &parser, const EngineSettings &settings,
                          SpendMeter &meter, QStringList &errors) const
{
    meter.setLedger(UsageLedger::defaultPath());
    meter.setProfile(settings.profile);
    meter.setBudgets(settings.budgets);
    meter.setProfileBudgetsIgnored(parser.isSet(QStringLiteral("ignore-budget")));
    if (parser.isSet(QStringLiteral("budget-usd"))) {
        const QString raw = parser.value(QStringLiteral("budget-usd"));
        bool ok = false;
        const double usd = raw.trimmed().toDouble(&ok);
        if (!ok || !(usd >= 0 && usd <= SpendBudgets::kLargestUsd)) {
            errors << QStringLiteral("--budget-usd takes an amount of USD from 0 to 1000000, "
                                     "e.g. 0.50 (got '%1')")
                          .arg(raw);
            return false;
        }
        meter.setRunBudget(usd);
    }
    QObject::connect(&meter, &SpendMeter::problem, [](const QString &message) {
        printDiagnostic(QStringLiteral("warning: ") + message);
    });
    return true;
}

} // namespace bw::cli
