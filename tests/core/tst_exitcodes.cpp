// The command line's exit status for every error kind (the README's table).
#include "exitcodes.h"

#include <QTest>

using namespace bw;

class TestExitCodes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyKindHasTheDocumentedStatus()
    {
        const QList<QPair<ErrorKind, int>> expected = {
            {ErrorKind::None, 0},           {ErrorKind::Auth, 3},       {ErrorKind::Permission, 3},
            {ErrorKind::InvalidRequest, 3}, {ErrorKind::NotFound, 3},   {ErrorKind::TooLarge, 3},
            {ErrorKind::RateLimited, 4},    {ErrorKind::Overloaded, 4}, {ErrorKind::Server, 5},
            {ErrorKind::Timeout, 6},        {ErrorKind::Stalled, 6},    {ErrorKind::Network, 7},
            {ErrorKind::CircuitOpen, 8},    {ErrorKind::Incomplete, 9}, {ErrorKind::Protocol, 9},
            {ErrorKind::Cancelled, 130},    {ErrorKind::Storage, 10},   {ErrorKind::SpendLimit, 11},
            {ErrorKind::Budget, 11},
        };
        for (const auto &[kind, code] : expected)
            QCOMPARE(cli::exitCodeFor(kind), code);
    }
};

QTEST_GUILESS_MAIN(TestExitCodes)
#include "tst_exitcodes.moc"
