#include "commands.h"

#include <QCommandLineParser>

#include <cstdio>

namespace bw::cli {

void printDiagnostic(const QString &message)
{
    std::fprintf(stderr, "breakwater-cli: %s\n", message.toLocal8Bit().constData());
    std::fflush(stderr);
}

std::optional<int> parseCommand(QCommandLineParser &parser, const QStringList &arguments,
                                QStringList *positional)
{
    if (!parser.parse(arguments)) {
        printDiagnostic(parser.errorText() +
                        QStringLiteral(" (see breakwater-cli %1 --help)").arg(arguments.value(1)));
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return kExitOk;
    }
    *positional = parser.positionalArguments().mid(1);
    return std::nullopt;
}

} // namespace bw::cli
