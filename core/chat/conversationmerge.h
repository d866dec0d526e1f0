#pragma once

#include "conversationfile.h"

namespace bw {

// What a save writes when the file changed since this program last wrote it: another program
// (a second window, `breakwater-cli ask --conversation`) added or finished turns meanwhile, and
// an acknowledged turn is never lost. The result is a tree (file format 2; a version-1 side is
// read as a list, each message following the one before):
//   - Messages: the union of both sides, matched by id, each with its parent — two turns added
//     after the same message by two programs become two versions of the next turn, each with
//     the history it was sent with. Of a message both have, ours is kept when we changed it
//     since we read the file (ours.changedMessages), else the file's. The file's order is kept
//     (the order versions were made) and ours that are new go after the one they follow in
//     `ours` and after the other program's messages that came after that one.
//   - Shown choices: at each fork (and for the first message) ours when we chose it since we
//     read the file (ours.changedShownChoices), else the file's.
//   - Deleted versions: the union of both sides' deletedIds (kept in the file as "deleted")
//     leaves the result, with everything below each — so an older copy that still has a
//     deleted version never brings it back, and a turn another program added below a version
//     the user deleted goes with it. A shown choice or a summary that named one is forgotten.
//   - The summary is ours when we changed it, else the file's; it names the message it ends
//     after, and keeps covering the same path. Title and system prompt are ours; unknown fields
//     of either side are kept.
ConversationData mergeConversations(const ConversationData &ours, const ConversationData &onDisk);

} // namespace bw
