#pragma once

#include "chatmessage.h"

#include <QList>
#include <QString>

namespace bw {

struct ConversationData;

// The rules the tree of a conversation keeps (file format 2), in one place for the three that
// need them: the file's reader refuses a file that breaks one, a merging save makes sure what it
// writes keeps them, and a Conversation mends a tree it is given.
//   - Every "parent" names a message of the conversation (or is null: a first message), and
//     following parents up from any message ends at a first message: no cycle.
//   - A fork's "shown_child" names a message that follows it; "shown_root" names a first
//     message (empty: the newest is shown).
//   - The summary's "covered_through" names a message of the conversation.
namespace ConversationTree {

// Makes a list (file format 1) a tree: each message follows the one before.
void chain(QList<ChatMessage> &messages);

// Mends what breaks the parent rule without losing a message: one whose parent is missing, or
// that is caught in a cycle, starts a branch of its own (its parent is cleared).
void attachOrphans(QList<ChatMessage> &messages);

// The first rule `data` breaks, in words that name the field ("the field messages[3].parent
// is ..."), or empty. Ids are unique (the reader made them so).
QString problem(const ConversationData &data);

// What a merge of two programs' copies ends with (mergeConversations): every message in
// data.deletedIds goes, and with it every message below it — the user deleted that version
// "with everything below it", so a turn another program added there meanwhile goes too (its id
// joins deletedIds). Then the rules are made to hold: orphans are attached (attachOrphans), a
// shown choice that names a message no longer there is forgotten (the newest is shown), and a
// summary of a branch that is gone is dropped.
void prune(ConversationData &data);

} // namespace ConversationTree
} // namespace bw
