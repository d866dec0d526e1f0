#include "thinkingpicker.h"

#include <QLocale>
#include <QStandardItemModel>

namespace bw::ui {

ThinkingPicker::ThinkingPicker(QWidget *parent)
    : QComboBox(parent)
{
    setAccessibleName(tr("Thinking"));
    setToolTip(tr("How much the model thinks before it answers, for this conversation"));
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    using Mode = ThinkingConfig::Mode;
    addChoice({Mode::ModelDefault, QStringLiteral("high"), 8192});
    addChoice({Mode::Off, QStringLiteral("high"), 8192});
    for (const char *effort : {"low", "medium", "high", "max"})
        addChoice({Mode::Adaptive, QLatin1String(effort), 8192});
    for (int budget : {4096, 16384, 32000})
        addChoice({Mode::Budget, QStringLiteral("high"), budget});
    connect(this, &QComboBox::activated, this, [this](int index) {
        if (!m_setting && index >= 0 && index < m_configs.size())
            Q_EMIT chosen(m_configs.at(index));
    });
}

QString ThinkingPicker::labelFor(const ThinkingConfig &c)
{
    switch (c.mode) {
    case ThinkingConfig::Mode::ModelDefault:
        return tr("Thinking: model's default");
    case ThinkingConfig::Mode::Off:
        return tr("Thinking: off");
    case ThinkingConfig::Mode::Adaptive:
        return tr("Thinking: adaptive, %1 effort").arg(c.effort);
    case ThinkingConfig::Mode::Budget:
        return tr("Thinking: up to %1 tokens").arg(QLocale().toString(c.budgetTokens));
    }
    return {};
}

void ThinkingPicker::addChoice(const ThinkingConfig &config)
{
    m_configs.append(config);
    addItem(labelFor(config));
}

int ThinkingPicker::indexOf(const ThinkingConfig &c) const
{
    for (int i = 0; i < m_configs.size(); ++i) {
        const ThinkingConfig &o = m_configs.at(i);
        if (o.mode != c.mode)
            continue;
        if (c.mode == ThinkingConfig::Mode::ModelDefault || c.mode == ThinkingConfig::Mode::Off ||
            (c.mode == ThinkingConfig::Mode::Adaptive && o.effort == c.effort) ||
            (c.mode == ThinkingConfig::Mode::Budget && o.budgetTokens == c.budgetTokens))
            return i;
    }
    return -1;
}

void ThinkingPicker::setModelInfo(const ModelInfo &model, int maxTokens)
{
    auto *items = qobject_cast<QStandardItemModel *>(this->model());
    if (!items)
        return;
    for (int i = 0; i < m_configs.size(); ++i) {
        QString why;
        m_configs.at(i).resolvedFor(model, maxTokens, &why);
        QStandardItem *item = items->item(i);
        item->setEnabled(why.isEmpty());
        item->setToolTip(why);
    }
}

void ThinkingPicker::setCurrent(const ThinkingConfig &config)
{
    int i = indexOf(config);
    if (i < 0) {
        addChoice(config);
        i = int(m_configs.size()) - 1;
    }
    m_setting = true;
    setCurrentIndex(i);
    m_setting = false;
}

ThinkingConfig ThinkingPicker::configAt(int index) const
{
    return m_configs.value(index);
}

ThinkingConfig ThinkingPicker::current() const
{
    return configAt(currentIndex());
}

bool ThinkingPicker::isOffered(int index) const
{
    auto *items = qobject_cast<QStandardItemModel *>(model());
    return items && items->item(index) && items->item(index)->isEnabled();
}

QString ThinkingPicker::whyNot(int index) const
{
    auto *items = qobject_cast<QStandardItemModel *>(model());
    return items && items->item(index) ? items->item(index)->toolTip() : QString();
}

} // namespace bw::ui
