#pragma once

#include "appearance.h"
#include "enginesettings.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace bw {

// Settings in the platform's config location (an INI file; on Linux
// $XDG_CONFIG_HOME/breakwater/settings.ini). Nothing secret is ever written here: the key lives
// in the keychain. Each profile has its own base URL and API version; the rest is shared.
// Values are validated on load: a bad one is reported in words and replaced by its default.
class SettingsStore final
{
    Q_DECLARE_TR_FUNCTIONS(bw::SettingsStore)

public:
    explicit SettingsStore(QString filePath = defaultPath());

    static QString defaultPath();
    static bool isValidProfileName(const QString &name);
    const QString &filePath() const { return m_path; }

    QStringList profiles() const;
    QString currentProfile() const;
    void setCurrentProfile(const QString &profile);
    bool removeProfile(const QString &profile);

    // The settings for `profile` (empty: the current one). `problems` gets a sentence for every
    // value that could not be used.
    EngineSettings load(const QString &profile = {}, QStringList *problems = nullptr) const;
    // Saves everything, the profile's own values under its name; adds the profile if new.
    // Returns false with `error` set if the file cannot be written.
    bool save(const EngineSettings &settings, QString *error = nullptr);

    Appearance appearance(QStringList *problems = nullptr) const;
    bool setAppearance(const Appearance &appearance, QString *error = nullptr);

    // Window geometry and dock layout (group "window").
    QVariant uiValue(const QString &key) const;
    void setUiValue(const QString &key, const QVariant &value);

private:
    bool prepareFile(QString *error) const;

    QString m_path;
};

// Makes every file and folder this process creates owner-only (umask 077) on Unix.
void restrictNewFilesToOwner();

} // namespace bw
