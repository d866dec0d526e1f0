#pragma once

namespace bw {

// Whether the caller runs on a GUI application's main thread (where file work does not belong).
// False in a command-line program.
bool isGuiThread();

} // namespace bw
