#include "guithread.h"

#include <QCoreApplication>
#include <QThread>

namespace bw {

bool isGuiThread()
{
    const QCoreApplication *app = QCoreApplication::instance();
    return app && QThread::currentThread() == app->thread() && app->inherits("QGuiApplication");
}

} // namespace bw
