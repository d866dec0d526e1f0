#pragma once

#include "chat/conversationinfo.h"

#include <QPointer>

#include <QTimer>
#include <QWidget>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace bw {
class ConversationLibrary;
}

namespace bw::ui {

// The saved conversations, newest first, with a search over all of their text. Titles are
// editable in place; a file that cannot be read is shown with the reason and cannot be opened.
// A view of the ConversationLibrary: it never reads a file itself.
class ConversationList final : public QWidget
{
    Q_OBJECT

public:
    explicit ConversationList(ConversationLibrary *library, QWidget *parent = nullptr);

    // Reads the folder again (in the background).
    void refresh();
    void setCurrent(const QString &id);
    int rowCount() const;
    QString titleAt(int row) const;
    QLineEdit *searchField() const { return m_search; }
    QTreeWidget *tree() const { return m_tree; }

Q_SIGNALS:
    // `messageId`: the message a search found, whose branch is to be shown (empty: as saved).
    void openRequested(const QString &path, const QString &messageId);
    void renameRequested(const QString &path, const QString &title);
    void deleteRequested(const QString &path, const QString &title);
    void exportRequested(const QString &path);

private:
    void fill();
    void runSearch();

    QPointer<ConversationLibrary> m_library;
    QHash<QString, QString> m_snippets; // id -> snippet of the active search's hits
    QHash<QString, QString> m_matched;  // id -> the message the active search found
    QLineEdit *m_search;
    QTreeWidget *m_tree;
    QTimer m_searchDelay;
    QString m_current;
    bool m_filling = false;
};

} // namespace bw::ui
