#pragma once

#include "api/modelinfo.h"
#include "api/thinkingconfig.h"

#include <QComboBox>

namespace bw::ui {

// How much the model thinks, for the conversation: the model's default, off, adaptive with an
// effort, or a budget. Choices the chosen model does not take are disabled, with the reason as
// their tooltip.
class ThinkingPicker final : public QComboBox
{
    Q_OBJECT

public:
    explicit ThinkingPicker(QWidget *parent = nullptr);

    // Enables the choices `model` takes with `maxTokens`.
    void setModelInfo(const ModelInfo &model, int maxTokens);
    // Shows `config` (added to the list if it is not one of the usual choices).
    void setCurrent(const ThinkingConfig &config);
    ThinkingConfig current() const;
    ThinkingConfig configAt(int index) const;
    bool isOffered(int index) const;
    QString whyNot(int index) const; // the tooltip of a disabled choice
    int indexOf(const ThinkingConfig &config) const;

Q_SIGNALS:
    void chosen(const bw::ThinkingConfig &config);

private:
    void addChoice(const ThinkingConfig &config);
    static QString labelFor(const ThinkingConfig &config);

    QList<ThinkingConfig> m_configs;
    bool m_setting = false;
};

} // namespace bw::ui
