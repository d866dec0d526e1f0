#pragma once

#include "apierror.h"

#include <QObject>

namespace bw {

// One asynchronous operation (an HTTP call, a guarded call with its retries, a batch job, an
// answer). It ends exactly once — finished() or failed(), then ended() — in every path: success,
// failure, cancel, and failure before anything was sent (reported on a later turn of the event
// loop, so a caller can always connect first). Afterwards it deletes itself, later: hold it in a
// QPointer if you keep it.
class Operation : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Operation)

public:
    ~Operation() override;

    bool isEnded() const { return m_ended; }
    // Ends the operation as cancelled (failed() with kind cancelled) at any moment. No-op once
    // ended.
    virtual void cancel() = 0;

Q_SIGNALS:
    void finished();
    void failed(const bw::ApiError &error);
    // After finished() or failed(): for observers that only care that it is over.
    void ended();

protected:
    explicit Operation(QObject *parent);

    // The one way to end: false (and nothing emitted) when already ended. `aboutToEnd` runs first,
    // so a subclass stops its timers and children before anyone hears the outcome.
    bool succeed();
    bool fail(const ApiError &error);
    // Fails on the next turn of the event loop (a problem found before anything was sent).
    void failSoon(ApiError error);
    virtual void aboutToEnd(bool /*ok*/) {}
    // Last look at a failure before anyone hears of it (an HTTP call takes its key out of the
    // server's words here).
    virtual void review(ApiError & /*error*/) {}

private:
    bool m_ended = false;
};

} // namespace bw
