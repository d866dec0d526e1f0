#pragma once

#include "settings/settingsstore.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace bw::ui {

class FallbackEditor;
class ThinkingPicker;

// Every setting in one place, validated as it is typed: the key (stored in the keychain, never
// shown back — only where it comes from, masked), profile, endpoint, model, the retry, deadline
// and breaker parameters, and the profile's spend budgets.
class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(const EngineSettings &settings, const Appearance &appearance,
                   const QStringList &profiles, QWidget *parent = nullptr);

    // Fills the fields for another profile when the user picks it.
    void setProfileLoader(std::function<EngineSettings(const QString &)> loader)
    {
        m_loader = std::move(loader);
    }
    void setKeyStatus(const QString &status);
    void setModels(const QStringList &models);
    // Ids in the model boxes; display names in the fallback list.
    void setModels(const QList<ModelInfo> &models);
    FallbackEditor *fallbackEditor() const { return m_fallback; }

    void setValues(const EngineSettings &settings);
    EngineSettings values() const;
    Appearance appearance() const;
    QByteArray newKey() const;
    bool removeKeyRequested() const { return m_removeKey; }
    QStringList problems() const;

private:
    void validate();

    std::function<EngineSettings(const QString &)> m_loader;
    EngineSettings m_base;
    bool m_removeKey = false;
    QComboBox *m_profile;
    QLabel *m_keyStatus;
    QLineEdit *m_key;
    QLineEdit *m_baseUrl;
    QLineEdit *m_apiVersion;
    QCheckBox *m_insecure;
    QComboBox *m_promptCache;
    QComboBox *m_model;
    QSpinBox *m_maxTokens;
    ThinkingPicker *m_thinking;
    FallbackEditor *m_fallback;
    QPlainTextEdit *m_system;
    QSpinBox *m_attempts;
    QDoubleSpinBox *m_baseDelay;
    QDoubleSpinBox *m_maxDelay;
    QDoubleSpinBox *m_maxRetryWait;
    QComboBox *m_jitter;
    QDoubleSpinBox *m_headers;
    QDoubleSpinBox *m_idle;
    QDoubleSpinBox *m_total;
    QSpinBox *m_threshold;
    QDoubleSpinBox *m_recovery;
    QSpinBox *m_successes;
    QSpinBox *m_compressAt;
    QSpinBox *m_keepRecent;
    QComboBox *m_summaryModel;
    QDoubleSpinBox *m_budgetDay;
    QDoubleSpinBox *m_budgetMonth;
    QDoubleSpinBox *m_budgetConversation;
    QLabel *m_budgetProfile;
    QComboBox *m_theme;
    QSpinBox *m_fontSize;
    QLabel *m_problems;
    QDialogButtonBox *m_buttons;
};

} // namespace bw::ui
