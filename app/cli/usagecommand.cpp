#include "commands.h"

#include "chat/conversationstore.h"
#include "chat/usageledger.h"
#include "chat/usagereport.h"
#include "settings/settingsstore.h"

#include <QCommandLineParser>
#include <QDate>
#include <QRegularExpression>

#include <cstdio>

namespace bw::cli {

namespace {

QString column(const QString &text, int width, bool right)
{
    return right ? text.rightJustified(width) : text.leftJustified(width);
}

// The table a person reads: one row per day, model, conversation or profile, and the total.
QByteArray table(const QList<UsageTotal> &rows, const UsageTotal &total, UsageReport::By by,
                 const QHash<QString, QString> &titles)
{
    const QStringList header{UsageReport::byName(by),       QStringLiteral("requests"),
                             QStringLiteral("input"),       QStringLiteral("output"),
                             QStringLiteral("cache write"), QStringLiteral("cache read"),
                             QStringLiteral("cost USD")};
    QList<QStringList> lines{header};
    auto cells = [](const QString &key, const UsageTotal &t) {
        const Usage &u = t.usage;
        return QStringList{key,
                           QString::number(t.requests),
                           QString::number(u.inputTokens),
                           QString::number(u.outputTokens),
                           QString::number(u.cacheCreationInputTokens),
                           QString::number(u.cacheReadInputTokens),
                           QString::number(t.costUsd, 'f', 4)};
    };
    for (const UsageTotal &t : rows) {
        QString key = t.key;
        if (by == UsageReport::By::Conversation) {
            if (key.isEmpty())
                key = QStringLiteral("(none: one-shot or batch)");
            else if (const QString title = titles.value(key); !title.isEmpty())
                key += QStringLiteral("  ") + title;
        }
        lines << cells(key, t);
    }
    lines << cells(QStringLiteral("total"), total);
    QList<int> widths(header.size(), 0);
    for (const QStringList &l : lines) {
        for (int i = 0; i < l.size(); ++i)
            widths[i] = std::max(widths[i], int(std::min<qsizetype>(l[i].size(), 80)));
    }
    QByteArray out;
    for (const QStringList &l : lines) {
        QStringList padded;
        for (int i = 0; i < l.size(); ++i)
            padded << column(l[i], widths[i], i > 0);
        out += padded.join(QStringLiteral("  ")).trimmed().toUtf8() + '\n';
    }
    return out;
}

} // namespace

int runUsage(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral(
            "Shows what the requests Breakwater sent cost, from the usage ledger (%1):\n"
            "one row per day, model, conversation or profile, and the total. Damaged lines are "
            "skipped and counted\n"
            "on standard error.\n"
            "Exit status: 0 done, 1 the ledger cannot be read, 2 usage.")
            .arg(UsageLedger::defaultPath()));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("usage"), QStringLiteral("The command."));
    const QCommandLineOption since(
        QStringLiteral("since"),
        QStringLiteral("Only requests on or after DATE (YYYY-MM-DD, local time)."),
        QStringLiteral("DATE"));
    const QCommandLineOption by(
        QStringLiteral("by"),
        QStringLiteral("One row per day (default), model, conversation or profile."),
        QStringLiteral("day|model|conversation|profile"), QStringLiteral("day"));
    const QCommandLineOption csv(QStringLiteral("csv"),
                                 QStringLiteral("CSV instead of a table (no total row)."));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     QStringLiteral("Only the requests of profile P."),
                                     QStringLiteral("P"));
    const QCommandLineOption ledger(QStringLiteral("ledger"),
                                    QStringLiteral("Read another ledger FILE (e.g. the demo's)."),
                                    QStringLiteral("FILE"));
    parser.addOptions({since, by, csv, profile, ledger});
    QStringList positional;
    if (const auto exit = parseCommand(parser, arguments, &positional))
        return *exit;
    if (!positional.isEmpty()) {
        printDiagnostic(QStringLiteral("usage takes no arguments, only options (see --help)"));
        return kExitUsage;
    }
    const std::optional<UsageReport::By> key = UsageReport::byFromName(parser.value(by));
    if (!key) {
        printDiagnostic(QStringLiteral("--by takes day, model, conversation or profile (got '%1')")
                            .arg(parser.value(by)));
        return kExitUsage;
    }
    QDate from;
    if (parser.isSet(since)) {
        // Exactly a date: Qt's ISO parsing reads "2026-12-02 garbage" or "2026-12-02T23:59" as
        // the date alone, and a typo would go unnoticed.
        static const QRegularExpression date(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
        if (date.match(parser.value(since)).hasMatch())
            from = QDate::fromString(parser.value(since), Qt::ISODate);
        if (!from.isValid()) {
            printDiagnostic(QStringLiteral("--since takes a date as YYYY-MM-DD (got '%1')")
                                .arg(parser.value(since)));
            return kExitUsage;
        }
    }
    const QString path = parser.isSet(ledger) ? parser.value(ledger) : UsageLedger::defaultPath();
    const QString onlyProfile = parser.value(profile);
    if (parser.isSet(profile) && !SettingsStore::isValidProfileName(onlyProfile)) {
        printDiagnostic(QStringLiteral("--profile takes a profile's name: letters, digits, '-', "
                                       "'_' and '.', at most 40 (got '%1')")
                            .arg(onlyProfile));
        return kExitUsage;
    }
    UsageReport report(QDate::currentDate(), from);
    const UsageLedger::Read r = report.addLedger(path, [&onlyProfile](const UsageRecord &record) {
        return onlyProfile.isEmpty() || record.profile == onlyProfile;
    });
    if (!r.error.isEmpty()) {
        printDiagnostic(QStringLiteral("error: ") + r.error);
        return 1;
    }
    if (r.damaged > 0)
        printDiagnostic(
            QStringLiteral("%1 damaged line(s) in %2 were skipped").arg(r.damaged).arg(path));
    if (r.missing)
        printDiagnostic(QStringLiteral("no usage recorded yet (%1 does not exist)").arg(path));
    const QList<UsageTotal> rows = report.totals(*key);
    QByteArray out;
    if (parser.isSet(csv)) {
        out = UsageReport::toCsv(rows, *key);
    } else {
        QHash<QString, QString> titles;
        if (*key == UsageReport::By::Conversation) {
            ConversationStore store;
            for (const ConversationInfo &info : store.list())
                titles.insert(info.id, info.title);
        }
        out = table(rows, report.total(), *key, titles);
    }
    std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
    std::fflush(stdout);
    return kExitOk;
}

} // namespace bw::cli
