#pragma once

#include "settings/appearance.h"

namespace bw::ui {

// Follows the system palette by default; "light" and "dark" use the Fusion style with a matching
// palette. The font size, when set, applies to the whole application.
void applyAppearance(const Appearance &appearance);

} // namespace bw::ui
