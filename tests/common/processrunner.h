#pragma once

// Runs one of our executables as a real process while the test's event loop keeps running (so
// an in-process simulator can answer it).

#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTimer>

namespace bw::test {

struct ProcessResult
{
    int exitCode = -1;
    bool timedOut = false;
    QByteArray out;
    QByteArray err;
    qint64 ms = 0;
};

inline ProcessResult
runProcess(const QString &program, const QStringList &args,
           const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
           const QByteArray &input = {}, int timeoutMs = 30000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    ProcessResult r;
    QElapsedTimer t;
    t.start();
    QEventLoop loop;
    QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&p, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, [&] {
        r.timedOut = true;
        loop.quit();
    });
    p.start(program, args);
    if (!p.waitForStarted(5000))
        return r;
    if (!input.isNull())
        p.write(input);
    p.closeWriteChannel();
    loop.exec();
    if (r.timedOut) {
        p.kill();
        p.waitForFinished(2000);
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.ms = t.elapsed();
    return r;
}

} // namespace bw::test
