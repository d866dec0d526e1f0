#include "storagequeue.h"

namespace bw {

StorageQueue::StorageQueue(QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(1); // one writer: work happens in the order it was queued
    m_pool.setExpiryTimeout(-1);
    m_pool.setObjectName(QStringLiteral("bw-storage"));
}

StorageQueue::~StorageQueue()
{
    m_pool.waitForDone();
}

void StorageQueue::run(std::function<void()> work, Kind kind)
{
    m_pool.start(std::move(work), int(kind));
}

void StorageQueue::waitForDone()
{
    m_pool.waitForDone();
}

} // namespace bw
