#pragma once

#include <QString>

namespace bw {

// How the window looks (shared by every profile).
struct Appearance
{
    QString theme = QStringLiteral("system"); // "system", "light" or "dark"
    int fontPointSize = 0;                    // 0: the system's
};

} // namespace bw
