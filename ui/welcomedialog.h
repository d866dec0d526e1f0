#pragma once

#include <QString>

namespace bw::ui {

// The first start without a key: try the demo, enter a key, or leave.
enum class WelcomeChoice { Demo, EnterKey, Quit };
WelcomeChoice askHowToStart(const QString &whyNoKey);

} // namespace bw::ui
