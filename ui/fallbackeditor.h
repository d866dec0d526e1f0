#pragma once

#include "api/modelinfo.h"
#include "chat/fallbackpolicy.h"

#include <QWidget>

class QComboBox;
class QListWidget;
class QPushButton;

namespace bw::ui {

// The profile's fallback models, in order, picked from the model catalogue by display name, and
// whether to switch automatically, ask each time or never.
class FallbackEditor final : public QWidget
{
    Q_OBJECT

public:
    explicit FallbackEditor(QWidget *parent = nullptr);

    void setModels(const QList<ModelInfo> &models);
    void setPolicy(const FallbackPolicy &policy);
    FallbackPolicy policy() const;

    QComboBox *modeBox() const { return m_mode; }
    QComboBox *modelBox() const { return m_pick; }
    QListWidget *list() const { return m_list; }
    QPushButton *addButton() const { return m_add; }

Q_SIGNALS:
    void changed();

private:
    QString labelFor(const QString &id) const;
    void addModel(const QString &id);
    void move(int by);
    void updateButtons();

    QList<ModelInfo> m_models;
    QComboBox *m_mode;
    QListWidget *m_list;
    QComboBox *m_pick;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_up;
    QPushButton *m_down;
};

} // namespace bw::ui
