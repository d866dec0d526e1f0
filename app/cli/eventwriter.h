#pragma once

#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>

namespace bw::cli {

// JSON Lines lifecycle events: one object per line, each with `type` and `t_ms` (ms since
// start). Nothing secret is ever passed in.
class EventWriter final
{
public:
    EventWriter() { m_clock.start(); }
    // "-" writes to standard error; empty disables events.
    bool open(const QString &target, QString *error);
    bool isEnabled() const { return m_file.isOpen(); }
    bool isStderr() const { return m_stderr; }
    void write(const char *type, QJsonObject fields = {});
    qint64 elapsedMs() const { return m_clock.elapsed(); }

private:
    QFile m_file;
    QElapsedTimer m_clock;
    bool m_stderr = false;
};

} // namespace bw::cli
