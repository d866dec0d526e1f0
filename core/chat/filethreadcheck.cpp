#include "filethreadcheck.h"

#include "base/logging.h"

#include <QCoreApplication>
#include <QThread>

#include <atomic>

namespace bw {

namespace {

std::atomic_int g_guiThreadCalls{0};
std::atomic<qint64> g_guiThreadNs{0};
thread_local int t_depth = 0;

bool onGuiThread()
{
    const QCoreApplication *app = QCoreApplication::instance();
    return app && QThread::currentThread() == app->thread() && app->inherits("QGuiApplication");
}

} // namespace

FileThreadCheck::FileThreadCheck(const char *what)
    : m_gui(t_depth++ == 0 && onGuiThread())
{
    if (!m_gui)
        return;
    if (g_guiThreadCalls.fetch_add(1) == 0)
        qCWarning(lcChat) << "conversation files touched on the GUI thread:" << what;
    Q_ASSERT_X(false, what, "file work on the GUI thread; queue it on the StorageQueue");
    m_timer.start();
}

FileThreadCheck::~FileThreadCheck()
{
    --t_depth;
    if (m_gui)
        g_guiThreadNs.fetch_add(m_timer.nsecsElapsed());
}

FileThreadCheck::Use FileThreadCheck::guiThreadUse()
{
    return {g_guiThreadCalls.load(), g_guiThreadNs.load()};
}

void FileThreadCheck::reset()
{
    g_guiThreadCalls = 0;
    g_guiThreadNs = 0;
}

} // namespace bw
