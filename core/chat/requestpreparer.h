#pragma once

#include "api/apierror.h"
#include "api/messagerequest.h"
#include "chatmessage.h"

#include <QCoreApplication>
#include <QStringList>

#include <functional>

class QObject;

namespace bw {

class AttachmentStore;

// Makes a request with attachments ready to send, off the GUI thread: the files' bytes read from
// the store (checked against their SHA-256), the body serialised once (MessageRequest::prepare),
// its size checked against the API's 32 MB and its PDFs against 100 pages. A file of an earlier
// turn that cannot be read is left out with a note to the model in its place, so the rest of the
// conversation can still be sent; `missing` says which, for the user. A file of the turn being
// sent that cannot be read fails the request: nothing is sent.
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

    // What a request will be, about, before it is built: the conversation's text and files (an
    // earlier turn's files go with every turn) and a new prompt with its files. For the checks
    // made before a prompt is saved or sent; prepare() measures the body itself.
    struct Estimate
    {
        qint64 bytes = 0;
        int pages = 0; // of the PDFs
        bool fits() const
        {
            return bytes <= Attachment::kMaxRequestBytes && pages <= Attachment::kMaxPdfPages;
        }
    };
    static Estimate estimate(const QList<ChatMessage> &history, const QString &prompt,
                             const QList<Attachment> &attachments);

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
