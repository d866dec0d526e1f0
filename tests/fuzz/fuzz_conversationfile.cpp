// libFuzzer harness for the conversation file (issue 17). Whatever the bytes: parsing never
// crashes and allocates in proportion to the input; what parses survives a save — parse ->
// serialize -> parse gives the same data, and serializing that again gives the same bytes (what
// Breakwater writes, it reads back unchanged). The Markdown export of it never crashes either.
//
// Build and run: tests/fuzz/conversationfile.sh (or the CMake target fuzz_conversationfile, see
// conversationfile.cmake). Seeds: tests/fuzz/corpus/conversationfile/, written by Breakwater
// itself; dictionary: tests/fuzz/conversationfile.dict.
#include "chat/conversationfile.h"

#include <QByteArray>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace bw;

namespace {

// The first field that differs, for the report.
QString firstDifference(const ConversationData &a, const ConversationData &b)
{
    if (a.id != b.id || a.title != b.title || a.systemPrompt != b.systemPrompt)
        return QStringLiteral("id, title or system");
    if (a.created != b.created || a.updated != b.updated)
        return QStringLiteral("created or updated");
    if (!(a.summary == b.summary))
        return QStringLiteral("summary");
    if (a.unknownFields != b.unknownFields)
        return QStringLiteral("unknown fields");
    if (a.tree != b.tree || a.fileVersion != b.fileVersion)
        return QStringLiteral("format version");
    if (a.shownRootId != b.shownRootId || a.deletedIds != b.deletedIds)
        return QStringLiteral("shown_root or deleted");
    if (a.messages.size() != b.messages.size())
        return QStringLiteral("message count");
    for (qsizetype i = 0; i < a.messages.size(); ++i) {
        if (!(a.messages[i] == b.messages[i]))
            return QStringLiteral("message %1").arg(i);
    }
    return QStringLiteral("nothing?");
}

[[noreturn]] void failWith(const char *what, const QString &detail, const QByteArray &saved)
{
    std::fprintf(stderr, "conversation file round trip: %s: %s\nwritten:\n%s\n", what,
                 qPrintable(detail), saved.constData());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    ConversationData first;
    QString error;
    if (!ConversationFile::parse(bytes, first, &error))
        return 0; // refused, with a reason: fine
    const QByteArray saved = ConversationFile::serialize(first);
    ConversationData second;
    if (!ConversationFile::parse(saved, second, &error))
        failWith("what was written is refused", error, saved);
    if (!(first == second))
        failWith("the data changed", firstDifference(first, second), saved);
    if (ConversationFile::serialize(second) != saved)
        failWith("a second save wrote other bytes", QString(), saved);
    (void)ConversationFile::toMarkdown(first);
    return 0;
}
