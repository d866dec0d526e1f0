#pragma once

#include <QLocale>
#include <QStringList>

namespace bw {

// The catalogues (resources/translations, built in at :/i18n) hold the strings of core and of the
// window; they live in core so that the command line gets the English plural forms too.
//
// Installs Breakwater's translation for the first of the locale's UI languages that has one
// (falling back to English, whose catalogue carries the plural forms), plus Qt's own strings
// (standard buttons, dialogs) when the system has them. Returns the languages installed, e.g.
// {"de", "qtbase_de"}; call once, after the application object exists.
QStringList installTranslations(const QLocale &locale = QLocale());

// The languages Breakwater ships a translation for, e.g. {"de", "en"}.
QStringList availableLanguages();

} // namespace bw
