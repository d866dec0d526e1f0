#pragma once

namespace bw {

// The key lives in this process's memory while it runs: a core dump would write it to disk, and a
// debugger of the same user could read it. Turns both off (Linux: no core file, not dumpable, not
// attachable), as password managers do. Call first thing in main().
void protectProcessMemory();

} // namespace bw
