#include "interruptwatcher.h"

#include <atomic>
#include <csignal>

namespace bw {

namespace {
std::atomic_int g_pending{0};
std::atomic_bool g_seen{false};

extern "C" void onSignal(int signal)
{
    g_pending = signal;
    g_seen = true;
}
} // namespace

InterruptWatcher::InterruptWatcher(QObject *parent)
    : QObject(parent)
{
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    m_poll.setInterval(50);
    connect(&m_poll, &QTimer::timeout, this, [this] {
        if (const int signal = g_pending.exchange(0))
            Q_EMIT interrupted(signal);
    });
    m_poll.start();
}

InterruptWatcher::~InterruptWatcher()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

bool InterruptWatcher::wasInterrupted() const
{
    return g_seen;
}

} // namespace bw
