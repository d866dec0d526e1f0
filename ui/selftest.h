#pragma once

namespace bw::ui {

class MainWindow;

// breakwater --demo --self-test: one scripted exchange with the built-in simulator through the
// real window — the first answer is refused with 529 (overloaded), the guard retries, the reply
// streams in — then a verdict on standard output and the event loop's exit status (0 ok, 1
// failed).
void runSelfTest(MainWindow *window);

} // namespace bw::ui
