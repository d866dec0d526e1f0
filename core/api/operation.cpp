#include "operation.h"

namespace bw {

Operation::Operation(QObject *parent)
    : QObject(parent)
{}

Operation::~Operation() = default;

bool Operation::succeed()
{
    if (m_ended)
        return false;
    m_ended = true;
    aboutToEnd(true);
    Q_EMIT finished();
    Q_EMIT ended();
    deleteLater();
    return true;
}

bool Operation::fail(const ApiError &error)
{
    if (m_ended)
        return false;
    m_ended = true;
    ApiError reviewed = error;
    review(reviewed);
    aboutToEnd(false);
    Q_EMIT failed(reviewed);
    Q_EMIT ended();
    deleteLater();
    return true;
}

void Operation::failSoon(ApiError error)
{
    QMetaObject::invokeMethod(
        this, [this, e = std::move(error)] { fail(e); }, Qt::QueuedConnection);
}

} // namespace bw
