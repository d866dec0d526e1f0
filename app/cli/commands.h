#pragma once

#include <QStringList>

#include <optional>

class QCommandLineParser;

namespace bw::cli {

// Exit statuses that are not an error kind's (see exitCodeFor for those).
constexpr int kExitOk = 0;
constexpr int kExitUsage = 2;

int runAsk(const QStringList &arguments);
int runKey(const QStringList &arguments);
int runExport(const QStringList &arguments);
int runBatch(const QStringList &arguments);
int runUsage(const QStringList &arguments);

// Prints "breakwater-cli: message" to standard error.
void printDiagnostic(const QString &message);

// Parses a command's ARGUMENTS ("ask", options…). A bad option is reported with a pointer to the
// command's --help and gives kExitUsage; --help prints the help and gives kExitOk; otherwise no
// exit status, and POSITIONAL holds the arguments after the command's name.
std::optional<int> parseCommand(QCommandLineParser &parser, const QStringList &arguments,
                                QStringList *positional);

} // namespace bw::cli
