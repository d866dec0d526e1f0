#include "translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>

namespace bw {

namespace {

const QString kCatalogues = QStringLiteral(":/i18n");

// The translator lives as long as the application (which does not take ownership).
bool install(QTranslator *translator, bool loaded)
{
    if (loaded && QCoreApplication::installTranslator(translator))
        return true;
    delete translator;
    return false;
}

} // namespace

QStringList availableLanguages()
{
    QStringList languages;
    const QStringList files = QDir(kCatalogues).entryList({QStringLiteral("breakwater_*.qm")});
    for (const QString &file : files)
        languages << file.mid(11, file.size() - 11 - 3);
    return languages;
}

QStringList installTranslations(const QLocale &locale)
{
    QStringList installed;
    auto *own = new QTranslator(QCoreApplication::instance());
    if (install(own, own->load(locale, QStringLiteral("breakwater"), QStringLiteral("_"),
                               kCatalogues))) {
        installed << own->language();
    } else {
        auto *english = new QTranslator(QCoreApplication::instance());
        if (install(english, english->load(QStringLiteral("breakwater_en"), kCatalogues)))
            installed << english->language();
    }
    if (installed.isEmpty() || installed.constFirst().startsWith(u"en"))
        return installed; // Qt's strings are English already
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (install(qt, qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                             QLibraryInfo::path(QLibraryInfo::TranslationsPath))))
        installed << QStringLiteral("qtbase_") + qt->language();
    return installed;
}

} // namespace bw
