#pragma once

#include <QStringList>

namespace bw::cli {

// Exit statuses that are not an error kind's (see exitCodeFor for those).
constexpr int kExitOk = 0;
constexpr int kExitUsage = 2;

int runAsk(const QStringList &arguments);
int runKey(const QStringList &arguments);
int runExport(const QStringList &arguments);
int runBatch(const QStringList &arguments);

// Prints "breakwater-cli: message" to standard error.
void printDiagnostic(const QString &message);

} // namespace bw::cli
