#pragma once

#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <functional>

namespace bw {

// The one thread that touches conversation files. Writes run there in the order they were queued
// (so a delete queued after a save happens after it) and ahead of reads still waiting (a full-text
// search must not hold back the prompt's save, and with it the request). Each result comes back
// to a context object on the queue's thread — dropped if the context is gone by then. The
// window's thread never waits for the disk: it queues, and hears back.
class StorageQueue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StorageQueue)

public:
    explicit StorageQueue(QObject *parent = nullptr);
    ~StorageQueue() override; // waits for what was queued

    // Writes go first; work of one kind runs in the order it was queued.
    enum class Kind { Read = 0, Write = 1 };

    void run(std::function<void()> work, Kind kind = Kind::Write);
    template<typename Result>
    void run(std::function<Result()> work, QObject *context, std::function<void(Result)> done,
             Kind kind = Kind::Write)
    {
        // The result is posted to the queue itself (it outlives its work: the destructor waits),
        // and handed on only if the context still exists by then.
        QPointer<QObject> guard(context);
        run(
            [this, work = std::move(work), guard, done = std::move(done)] {
                Result result = work();
                QMetaObject::invokeMethod(
                    this,
                    [guard, done, result = std::move(result)] {
                        if (guard)
                            done(result);
                    },
                    Qt::QueuedConnection);
            },
            kind);
    }
    // Blocks until everything queued so far is done (quitting, tests).
    void waitForDone();

private:
    QThreadPool m_pool;
};

} // namespace bw
