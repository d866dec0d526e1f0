#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace bw {

class AttachmentStore;
struct ConversationData;

// A conversation written as Markdown to a file, with its attachments copied into a folder beside
// it ("chat.md" -> "chat_files/") and linked from the prompts that sent them (images shown),
// citations as footnotes. The window's export and breakwater-cli export share it.
class MarkdownExport final
{
    Q_DECLARE_TR_FUNCTIONS(bw::MarkdownExport)

public:
    // The folder the attachments of an export to `target` go to.
    static QString filesFolderFor(const QString &target);
    // False with `error` when the Markdown file cannot be written; `problems` gets attachments
    // that could not be copied (they are named in the text instead). `store` null: none copied.
    static bool write(const ConversationData &data, const QString &target,
                      const AttachmentStore *store, bool allBranches, QString *error,
                      QStringList *problems = nullptr);
};

} // namespace bw
