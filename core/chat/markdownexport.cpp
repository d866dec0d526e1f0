#include "markdownexport.h"

#include "attachmentstore.h"
#include "conversationfile.h"
#include "conversationstore.h"

#include <QFileInfo>

namespace bw {

QString MarkdownExport::filesFolderFor(const QString &target)
{
    const QFileInfo fi(target);
    return fi.absolutePath() + QLatin1Char('/') + fi.completeBaseName() + QStringLiteral("_files");
}

bool MarkdownExport::write(const ConversationData &data, const QString &target,
                           const AttachmentStore *store, bool allBranches, QString *error,
                           QStringList *problems)
{
    QHash<QString, QString> links;
    const QList<Attachment> attachments = AttachmentStore::attachmentsOf(data);
    if (store && !attachments.isEmpty())
        links = store->exportTo(attachments, filesFolderFor(target),
                                QFileInfo(target).absolutePath(), problems);
    if (problems)
        problems->removeDuplicates(); // a folder that cannot be made: said once, not per file
    const QString md = ConversationFile::toMarkdown(
        data, allBranches, [&links](const Attachment &a) { return links.value(a.sha256); });
    return ConversationStore::writeAtomically(target, md.toUtf8(), error);
}

} // namespace bw
