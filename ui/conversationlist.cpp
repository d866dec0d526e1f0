#include "conversationlist.h"

#include "app/conversationlibrary.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace bw::ui {

namespace {
enum Role { IdRole = Qt::UserRole, PathRole, ReadableRole };

QString when(const QDateTime &t)
{
    const QDateTime local = t.toLocalTime();
    const QLocale l;
    if (local.date() == QDate::currentDate())
        return l.toString(local.time(), QLocale::ShortFormat);
    return l.toString(local.date(), QLocale::ShortFormat);
}
} // namespace

ConversationList::ConversationList(ConversationLibrary *library, QWidget *parent)
    : QWidget(parent)
    , m_library(library)
    , m_search(new QLineEdit(this))
    , m_tree(new QTreeWidget(this))
{
    setAccessibleName(tr("Conversations"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_search->setPlaceholderText(tr("Search all conversations…"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search conversations"));
    layout->addWidget(m_search);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Title"), tr("Updated")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setAccessibleName(tr("Conversation list"));
    m_tree->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    layout->addWidget(m_tree, 1);

    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(250);
    connect(&m_searchDelay, &QTimer::timeout, this, &ConversationList::runSearch);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_searchDelay.start(); });
    connect(library, &ConversationLibrary::listChanged, this, [this](bool reloaded) {
        // Files may have come or gone: search them again. A save only updates its own row.
        if (reloaded && !m_search->text().trimmed().isEmpty())
            runSearch();
        else
            fill();
    });
    connect(library, &ConversationLibrary::searched, this,
            [this](const QString &text, const QList<ConversationSearchHit> &hits) {
                if (text != m_search->text().trimmed())
                    return;
                m_snippets.clear();
                m_matched.clear();
                for (const ConversationSearchHit &hit : hits) {
                    m_snippets.insert(hit.id, hit.snippet);
                    m_matched.insert(hit.id, hit.messageId);
                }
                fill();
            });
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (item->data(0, ReadableRole).toBool())
            Q_EMIT openRequested(item->data(0, PathRole).toString(),
                                 m_matched.value(item->data(0, IdRole).toString()));
    });
    connect(m_tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *item, int column) {
        if (m_filling || column != 0)
            return;
        const QString title = item->text(0).simplified();
        if (!title.isEmpty())
            Q_EMIT renameRequested(item->data(0, PathRole).toString(), title);
    });
    connect(m_tree, &QTreeWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QTreeWidgetItem *item = m_tree->itemAt(pos);
        if (!item || !item->data(0, ReadableRole).toBool())
            return;
        QMenu menu(this);
        const QString path = item->data(0, PathRole).toString();
        const QString matched = m_matched.value(item->data(0, IdRole).toString());
        menu.addAction(tr("&Open"), this,
                       [this, path, matched] { Q_EMIT openRequested(path, matched); });
        menu.addAction(tr("&Rename"), this, [this, item] { m_tree->editItem(item, 0); });
        menu.addAction(tr("&Export as Markdown…"), this,
                       [this, path] { Q_EMIT exportRequested(path); });
        menu.addSeparator();
        menu.addAction(tr("&Delete…"), this,
                       [this, path, item] { Q_EMIT deleteRequested(path, item->text(0)); });
        menu.exec(m_tree->viewport()->mapToGlobal(pos));
    });
    // Delete key deletes (after confirmation), like a file manager.
    auto *del = new QAction(this);
    del->setShortcut(QKeySequence::Delete);
    del->setShortcutContext(Qt::WidgetShortcut);
    m_tree->addAction(del);
    connect(del, &QAction::triggered, this, [this] {
        if (QTreeWidgetItem *item = m_tree->currentItem();
            item && item->data(0, ReadableRole).toBool())
            Q_EMIT deleteRequested(item->data(0, PathRole).toString(), item->text(0));
    });
}

void ConversationList::refresh()
{
    m_library->refresh();
}

void ConversationList::runSearch()
{
    const QString text = m_search->text().trimmed();
    if (text.isEmpty()) {
        m_snippets.clear();
        m_matched.clear();
        fill();
        return;
    }
    m_library->search(text);
}

void ConversationList::fill()
{
    const bool searching = !m_search->text().trimmed().isEmpty();
    m_filling = true;
    m_tree->clear();
    for (const ConversationInfo &info : m_library->entries()) {
        if (searching && !m_snippets.contains(info.id))
            continue;
        auto *item = new QTreeWidgetItem(m_tree);
        item->setData(0, IdRole, info.id);
        item->setData(0, PathRole, info.path);
        item->setData(0, ReadableRole, info.readable);
        if (!info.readable) {
            item->setText(0, tr("⚠ %1").arg(QFileInfo(info.path).fileName()));
            item->setText(1, tr("unreadable"));
            item->setToolTip(
                0, tr("This file cannot be opened: %1\nIt is kept as it is.").arg(info.problem));
            item->setForeground(0, palette().brush(QPalette::Disabled, QPalette::Text));
            item->setFlags(Qt::ItemIsEnabled);
            continue;
        }
        item->setText(0, info.title.isEmpty() ? tr("Untitled") : info.title);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable);
        const QString snippet = m_snippets.value(info.id);
        item->setText(1, snippet.isEmpty() ? when(info.updated) : snippet);
        item->setToolTip(0, tr("%1\n%n message(s), updated %2", nullptr, info.messages)
                                .arg(info.title, QLocale().toString(info.updated.toLocalTime(),
                                                                    QLocale::ShortFormat)));
        if (info.id == m_current)
            m_tree->setCurrentItem(item);
    }
    m_filling = false;
}

void ConversationList::setCurrent(const QString &id)
{
    m_current = id;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        if (m_tree->topLevelItem(i)->data(0, IdRole).toString() == id) {
            m_tree->setCurrentItem(m_tree->topLevelItem(i));
            return;
        }
    }
    m_tree->clearSelection();
}

int ConversationList::rowCount() const
{
    return m_tree->topLevelItemCount();
}

QString ConversationList::titleAt(int row) const
{
    return m_tree->topLevelItem(row) ? m_tree->topLevelItem(row)->text(0) : QString();
}

} // namespace bw::ui
