#pragma once

#include <QObject>
#include <QTimer>

namespace bw {

// Turns SIGINT (Ctrl+C) and SIGTERM into a Qt signal: the handler only sets a flag (all a signal
// handler may safely do), and a short timer on the event loop looks at it. One per process.
class InterruptWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InterruptWatcher)

public:
    explicit InterruptWatcher(QObject *parent = nullptr);
    ~InterruptWatcher() override;

    bool wasInterrupted() const;

Q_SIGNALS:
    void interrupted(int signal); // once per signal received

private:
    QTimer m_poll;
};

} // namespace bw
