#pragma once

#include <QAccessibleWidget>

#include <utility>

namespace bw::ui {

class ChunkedTextView;

// What a screen reader sees of a ChunkedTextView, which paints its text itself: read-only text
// as Qt reports its own QTextBrowser (StaticText, read-only, selectable, multi-line), with the
// text interface over the text as shown (ChunkedTextView::shownText()) and the view's selection.
// Nothing here lays out a chunk: the geometry of chunks never painted is estimated.
class ChunkedTextAccessible final : public QAccessibleWidget, public QAccessibleTextInterface
{
public:
    explicit ChunkedTextAccessible(ChunkedTextView *view);

    // Registers the factory with QAccessible, once per process; ChunkedTextView's constructor
    // calls it, so every view is covered wherever it is used.
    static void install();

    QString text(QAccessible::Text t) const override;
    QAccessible::State state() const override;
    void *interface_cast(QAccessible::InterfaceType t) override;

    // QAccessibleTextInterface. One selection at most, as in Qt's own text widgets.
    void selection(int selectionIndex, int *startOffset, int *endOffset) const override;
    int selectionCount() const override;
    void addSelection(int startOffset, int endOffset) override;
    void removeSelection(int selectionIndex) override;
    void setSelection(int selectionIndex, int startOffset, int endOffset) override;
    int cursorPosition() const override;
    void setCursorPosition(int position) override;
    QString text(int startOffset, int endOffset) const override;
    QString textBeforeOffset(int offset, QAccessible::TextBoundaryType boundaryType,
                             int *startOffset, int *endOffset) const override;
    QString textAfterOffset(int offset, QAccessible::TextBoundaryType boundaryType,
                            int *startOffset, int *endOffset) const override;
    QString textAtOffset(int offset, QAccessible::TextBoundaryType boundaryType, int *startOffset,
                         int *endOffset) const override;
    int characterCount() const override;
    QRect characterRect(int offset) const override;
    int offsetAtPoint(const QPoint &point) const override;
    void scrollToSubstring(int startIndex, int endIndex) override;
    QString attributes(int offset, int *startOffset, int *endOffset) const override;

private:
    static QAccessibleInterface *create(const QString &key, QObject *object);
    ChunkedTextView *view() const;
    int resolve(int offset, int length) const;
    std::pair<int, int> itemAt(const QString &text, int offset,
                               QAccessible::TextBoundaryType type) const;
};

} // namespace bw::ui
