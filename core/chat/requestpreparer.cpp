#include "requestpreparer.h"

#include "attachmentstore.h"

#include <QLocale>
#include <QPointer>
#include <QThreadPool>

namespace bw {

RequestPreparer::Estimate RequestPreparer::estimate(const QList<ChatMessage> &history,
                                                    const QString &prompt,
                                                    const QList<Attachment> &attachments)
{
    Estimate e;
    e.bytes = prompt.toUtf8().size() + attachmentsRequestBytes(attachments);
    for (const Attachment &a : attachments)
        e.pages += a.pages;
    for (const ChatMessage &m : history) {
        e.bytes += m.text.toUtf8().size() + attachmentsRequestBytes(m.attachments);
        for (const Attachment &a : m.attachments)
            e.pages += a.pages;
    }
    return e;
}

RequestPreparer::Prepared RequestPreparer::prepare(MessageRequest request,
                                                   const AttachmentStore *store,
                                                   MessageRequest::Body body)
{
    Prepared p;
    QList<ChatTurn> turns = request.messages();
    int pages = 0;
    int images = 0;
    qsizetype current = turns.size() - 1; // the turn being sent: the last one of the user
    while (current >= 0 && turns.at(current).role != u"user")
        --current;
    for (qsizetype n = 0; n < turns.size(); ++n) {
        ChatTurn &t = turns[n];
        QStringList notes;
        for (qsizetype i = 0; i < t.attachments.size();) {
            Attachment &a = t.attachments[i];
            QString problem;
            // An image's or PDF's bytes are read while the body is serialised, straight from the
            // checked copy; a text document's go into the JSON as text.
            const bool fromFile = a.isImage() || a.kind() == Attachment::Kind::Pdf;
            if (a.data.isEmpty() &&
                (!store || !(fromFile ? store->locate(a, &problem) : store->load(a, &problem)))) {
                if (problem.isEmpty())
                    problem = tr("“%1” is not in the attachment store").arg(a.name);
                if (n == current) {
                    // The user attached it to this very message: sending it without the file
                    // would answer another question.
                    p.error = ApiError::make(
                        ErrorKind::Storage,
                        tr("a file of this message cannot be read: %1. Nothing was sent; "
                           "attach the file again.")
                            .arg(problem));
                    return p;
                }
                p.missing.append(problem);
                // For the model, in the language of the API.
                notes.append(QStringLiteral("[The attached file “%1” could not be sent: "
                                            "Breakwater no longer has it.]")
                                 .arg(a.name));
                t.attachments.removeAt(i);
                continue;
            }
            pages += a.pages;
            images += a.isImage() ? 1 : 0;
            ++i;
        }
        if (!notes.isEmpty())
            t.text = notes.join(QLatin1Char('\n')) +
                     (t.text.isEmpty() ? QString() : QStringLiteral("\n\n") + t.text);
    }
    request.setMessages(turns);
    if (const QString problem = request.validate(); !problem.isEmpty()) {
        p.error = ApiError::make(ErrorKind::InvalidRequest, problem);
        return p;
    }
    const QLocale l;
    if (pages > Attachment::kMaxPdfPages) {
        p.error = ApiError::make(
            ErrorKind::TooLarge,
            tr("the PDFs of this conversation have %1 pages together; the API reads at most %2 "
               "in one request. Nothing was sent. Start a new conversation for another PDF.")
                .arg(l.toString(pages), l.toString(Attachment::kMaxPdfPages)));
        return p;
    }
    if (images > Attachment::kMaxImages) {
        p.error = ApiError::make(
            ErrorKind::TooLarge,
            tr("this conversation has %1 images; the API takes at most %2 in one request. "
               "Nothing was sent. Start a new conversation for more images.")
                .arg(l.toString(images), l.toString(Attachment::kMaxImages)));
        return p;
    }
    request.prepare(body);
    if (!request.isPrepared()) {
        p.error = ApiError::make(ErrorKind::Storage,
                                 tr("an attached file could not be read while the request was "
                                    "made; nothing was sent. Try again."));
        return p;
    }
    const qint64 size = body == MessageRequest::Body::CountTokens
                            ? request.toCountTokensJson().size()
                            : request.toJson(body == MessageRequest::Body::Stream).size();
    if (size > Attachment::kMaxRequestBytes) {
        p.error = ApiError::make(
            ErrorKind::TooLarge,
            tr("with its attachments the request would be %1 MB; the API takes at most %2 MB. "
               "Nothing was sent. Remove an attachment, or start a new conversation (earlier "
               "files go with every turn).")
                .arg(l.toString(double(size) / 1e6, 'f', 1),
                     l.toString(double(Attachment::kMaxRequestBytes) / 1e6, 'f', 0)));
        return p;
    }
    p.request = std::move(request);
    return p;
}

void RequestPreparer::prepareAsync(MessageRequest request, const AttachmentStore *store,
                                   MessageRequest::Body body, QObject *context,
                                   std::function<void(const Prepared &)> done)
{
    QPointer<QObject> guard(context);
    QThreadPool::globalInstance()->start(
        [guard, store, body, done = std::move(done), request = std::move(request)]() mutable {
            Prepared p = prepare(std::move(request), store, body);
            // Back on the application's thread; the context may have gone meanwhile.
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [guard, done, p = std::move(p)] {
                    if (guard)
                        done(p);
                },
                Qt::QueuedConnection);
        });
}

} // namespace bw
