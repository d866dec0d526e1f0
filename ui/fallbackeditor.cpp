#include "fallbackeditor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace bw::ui {

FallbackEditor::FallbackEditor(QWidget *parent)
    : QWidget(parent)
    , m_mode(new QComboBox(this))
    , m_list(new QListWidget(this))
    , m_pick(new QComboBox(this))
    , m_add(new QPushButton(tr("Add"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_up(new QPushButton(tr("Up"), this))
    , m_down(new QPushButton(tr("Down"), this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_mode->addItem(tr("Switch automatically"),
                    FallbackPolicy::modeName(FallbackPolicy::Mode::Automatic));
    m_mode->addItem(tr("Ask each time"), FallbackPolicy::modeName(FallbackPolicy::Mode::Ask));
    m_mode->addItem(tr("Never switch"), FallbackPolicy::modeName(FallbackPolicy::Mode::Never));
    m_mode->setAccessibleName(tr("When the model is overloaded"));
    m_mode->setToolTip(tr("Only before the answer's first word: an answer that has begun is never "
                          "started over by another model"));
    layout->addWidget(m_mode);

    auto *row = new QHBoxLayout;
    m_list->setAccessibleName(tr("Fallback models, in order"));
    m_list->setMaximumHeight(fontMetrics().height() * 5 + 8);
    row->addWidget(m_list, 1);
    auto *buttons = new QVBoxLayout;
    m_up->setAccessibleName(tr("Move the fallback model up"));
    m_down->setAccessibleName(tr("Move the fallback model down"));
    m_remove->setAccessibleName(tr("Remove the fallback model"));
    for (QPushButton *b : {m_up, m_down, m_remove})
        buttons->addWidget(b);
    buttons->addStretch(1);
    row->addLayout(buttons);
    layout->addLayout(row);

    auto *addRow = new QHBoxLayout;
    m_pick->setAccessibleName(tr("Model to add as a fallback"));
    m_pick->setEditable(true); // an id the list does not name (a gateway's alias) can be typed
    m_pick->setInsertPolicy(QComboBox::NoInsert);
    m_add->setAccessibleName(tr("Add the fallback model"));
    addRow->addWidget(m_pick, 1);
    addRow->addWidget(m_add);
    layout->addLayout(addRow);

    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        updateButtons();
        Q_EMIT changed();
    });
    connect(m_add, &QPushButton::clicked, this, [this] {
        // A display name picked from the list stands for its id; anything else is an id.
        const QString text = m_pick->currentText().trimmed();
        const int listed = m_pick->findText(text, Qt::MatchExactly);
        addModel(listed >= 0 ? m_pick->itemData(listed).toString() : text);
        Q_EMIT changed();
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        delete m_list->currentItem();
        updateButtons();
        Q_EMIT changed();
    });
    connect(m_up, &QPushButton::clicked, this, [this] { move(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { move(1); });
    connect(m_list, &QListWidget::currentRowChanged, this, &FallbackEditor::updateButtons);
    updateButtons();
}

QString FallbackEditor::labelFor(const QString &id) const
{
    for (const ModelInfo &m : m_models) {
        if (m.id == id)
            return m.label();
    }
    return id; // a model the catalogue does not list (a gateway's alias): its id
}

void FallbackEditor::setModels(const QList<ModelInfo> &models)
{
    const FallbackPolicy keep = policy();
    m_models = models;
    m_pick->clear();
    for (const ModelInfo &m : models)
        m_pick->addItem(m.label(), m.id);
    setPolicy(keep);
}

void FallbackEditor::setPolicy(const FallbackPolicy &policy)
{
    const int mode = m_mode->findData(FallbackPolicy::modeName(policy.mode));
    m_mode->setCurrentIndex(mode < 0 ? 0 : mode);
    m_list->clear();
    for (const QString &id : policy.models)
        addModel(id);
    updateButtons();
}

FallbackPolicy FallbackEditor::policy() const
{
    FallbackPolicy p;
    p.mode = FallbackPolicy::modeFromName(m_mode->currentData().toString()).value_or(p.mode);
    for (int i = 0; i < m_list->count(); ++i)
        p.models << m_list->item(i)->data(Qt::UserRole).toString();
    return p;
}

void FallbackEditor::addModel(const QString &id)
{
    if (!FallbackPolicy::isModelId(id))
        return;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(Qt::UserRole).toString() == id)
            return;
    }
    auto *item = new QListWidgetItem(labelFor(id), m_list);
    item->setData(Qt::UserRole, id);
    item->setToolTip(id);
    updateButtons();
}

void FallbackEditor::move(int by)
{
    const int from = m_list->currentRow();
    const int to = from + by;
    if (from < 0 || to < 0 || to >= m_list->count())
        return;
    m_list->insertItem(to, m_list->takeItem(from));
    m_list->setCurrentRow(to);
    Q_EMIT changed();
}

void FallbackEditor::updateButtons()
{
    const bool never =
        m_mode->currentData().toString() == FallbackPolicy::modeName(FallbackPolicy::Mode::Never);
    const int row = m_list->currentRow();
    m_list->setEnabled(!never);
    m_pick->setEnabled(!never);
    m_add->setEnabled(!never && m_list->count() < FallbackPolicy::kMaxModels);
    m_remove->setEnabled(!never && row >= 0);
    m_up->setEnabled(!never && row > 0);
    m_down->setEnabled(!never && row >= 0 && row < m_list->count() - 1);
}

} // namespace bw::ui
