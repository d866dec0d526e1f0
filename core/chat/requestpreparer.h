#pragma once

#include "api/apierror.h"
#include "api/messagerequest.h"

#include <QCoreApplication>
#include <QStringList>

#include <functional>

class QObject;

namespace bw {

class AttachmentStore;

// Makes a request with attachments ready to send, off the GUI thread: the files' bytes read from
// the store (checked against their SHA-256), the body serialised once (MessageRequest::prepare),
// its size checked against the API's 32 MB and its PDFs against 100 pages. A file that cannot be
// read is left out with a note to the model in its place, so the rest of the conversation can
// still be sent; `missing` says which, for the user.
class RequestPreparer final
{
    Q_DECLARE_TR_FUNCTIONS(bw::RequestPreparer)

public:
    struct Prepared
    {
        MessageRequest request;
        QStringList missing; // why each file that was left out could not be read
        ApiError error;      // set when nothing can be sent
    };

    // Blocking: on a worker thread.
    static Prepared prepare(MessageRequest request, const AttachmentStore *store,
                            MessageRequest::Body body);
    // On a worker of the global thread pool; `done` runs later on the application's thread,
    // unless `context` is gone by then.
    static void prepareAsync(MessageRequest request, const AttachmentStore *store,
                             MessageRequest::Body body, QObject *context,
                             std::function<void(const Prepared &)> done);
};

} // namespace bw
