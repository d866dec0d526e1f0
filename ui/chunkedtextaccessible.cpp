#include "chunkedtextaccessible.h"
#include "chunkedtextview.h"

#include <QScrollArea>
#include <QTextBoundaryFinder>

#include <algorithm>

namespace bw::ui {

ChunkedTextAccessible::ChunkedTextAccessible(ChunkedTextView *view)
    // StaticText, as Qt 6 reports its read-only QTextBrowser (and QLabel): a reader presents it
    // as text to read, not as a field to type in, which EditableText would announce.
    : QAccessibleWidget(view, QAccessible::StaticText)
{}

void ChunkedTextAccessible::install()
{
    static const bool installed = [] {
        QAccessible::installFactory(&ChunkedTextAccessible::create);
        return true;
    }();
    Q_UNUSED(installed);
}

QAccessibleInterface *ChunkedTextAccessible::create(const QString &key, QObject *object)
{
    // QAccessible asks every factory once per class name of the object, most derived first.
    if (key != QLatin1String(ChunkedTextView::staticMetaObject.className()))
        return nullptr;
    auto *view = qobject_cast<ChunkedTextView *>(object);
    return view ? new ChunkedTextAccessible(view) : nullptr;
}

ChunkedTextView *ChunkedTextAccessible::view() const
{
    return static_cast<ChunkedTextView *>(widget());
}

QString ChunkedTextAccessible::text(QAccessible::Text t) const
{
    if (t == QAccessible::Value)
        return view()->shownText();
    QString text = QAccessibleWidget::text(t);
    // An unnamed view takes the name of what holds it ("Claude's answer" from MessageWidget), as
    // a field takes its label's; the text itself, maybe megabytes, is the value, never the name.
    if (t == QAccessible::Name) {
        for (const QWidget *w = view()->parentWidget(); text.isEmpty() && w && !w->isWindow();
             w = w->parentWidget())
            text = w->accessibleName();
    }
    return text;
}

QAccessible::State ChunkedTextAccessible::state() const
{
    QAccessible::State s = QAccessibleWidget::state(); // focusable, focused, invisible, ...
    s.readOnly = true;
    s.selectableText = true;
    s.multiLine = true;
    return s;
}

void *ChunkedTextAccessible::interface_cast(QAccessible::InterfaceType t)
{
    if (t == QAccessible::TextInterface)
        return static_cast<QAccessibleTextInterface *>(this);
    return QAccessibleWidget::interface_cast(t);
}

void ChunkedTextAccessible::selection(int selectionIndex, int *startOffset, int *endOffset) const
{
    *startOffset = *endOffset = 0;
    if (selectionIndex != 0 || !view()->hasSelection())
        return;
    const int anchor = view()->selectionAnchorOffset();
    const int focus = view()->selectionFocusOffset();
    *startOffset = std::min(anchor, focus);
    *endOffset = std::max(anchor, focus);
}

int ChunkedTextAccessible::selectionCount() const
{
    return view()->hasSelection() ? 1 : 0;
}

void ChunkedTextAccessible::addSelection(int startOffset, int endOffset)
{
    setSelection(0, startOffset, endOffset); // one selection only: a new one replaces it
}

void ChunkedTextAccessible::removeSelection(int selectionIndex)
{
    const int focus = view()->selectionFocusOffset();
    if (selectionIndex == 0 && focus >= 0)
        view()->setSelectionOffsets(focus, focus);
}

void ChunkedTextAccessible::setSelection(int selectionIndex, int startOffset, int endOffset)
{
    if (selectionIndex == 0)
        view()->setSelectionOffsets(startOffset, endOffset);
}

int ChunkedTextAccessible::cursorPosition() const
{
    // No caret is drawn; the selection's moving end is where the user last pointed.
    return std::max(0, view()->selectionFocusOffset());
}

void ChunkedTextAccessible::setCursorPosition(int position)
{
    view()->setSelectionOffsets(position, position);
}

QString ChunkedTextAccessible::text(int startOffset, int endOffset) const
{
    const QString all = view()->shownText();
    const int length = int(all.size());
    if (endOffset == -1)
        endOffset = length;
    startOffset = std::clamp(startOffset, 0, length);
    endOffset = std::clamp(endOffset, startOffset, length);
    return all.mid(startOffset, endOffset - startOffset);
}

int ChunkedTextAccessible::characterCount() const
{
    return view()->shownLength();
}

int ChunkedTextAccessible::resolve(int offset, int length) const
{
    // IAccessible2's conventions, which Qt keeps: -1 is the end, -2 the caret.
    if (offset == -1)
        return length;
    if (offset == -2)
        return cursorPosition();
    return offset;
}

std::pair<int, int> ChunkedTextAccessible::itemAt(const QString &text, int offset,
                                                  QAccessible::TextBoundaryType type) const
{
    if (type == QAccessible::LineBoundary)
        return view()->lineAt(offset);
    // No character, word or sentence runs past a line end, so each is looked for in its line of
    // text rather than in the whole text, which may be megabytes.
    const int lineStart = offset > 0 ? int(text.lastIndexOf(u'\n', offset - 1)) + 1 : 0;
    const qsizetype newline = text.indexOf(u'\n', offset);
    const int lineEnd = newline < 0 ? int(text.size()) : int(newline) + 1;
    if (type == QAccessible::ParagraphBoundary)
        return {lineStart, lineEnd};
    const QStringView line = QStringView(text).mid(lineStart, lineEnd - lineStart);
    QTextBoundaryFinder finder(type == QAccessible::CharBoundary   ? QTextBoundaryFinder::Grapheme
                               : type == QAccessible::WordBoundary ? QTextBoundaryFinder::Word
                                                                   : QTextBoundaryFinder::Sentence,
                               line);
    // Items start or end at an edge; a mere break opportunity (between two spaces) is none, so
    // a run of spaces and punctuation is one item, as Qt's own helpers count.
    const auto atEdge = [&finder, &line] {
        const qsizetype p = finder.position();
        return p <= 0 || p >= line.size() ||
               (finder.boundaryReasons() &
                (QTextBoundaryFinder::StartOfItem | QTextBoundaryFinder::EndOfItem));
    };
    const int local = offset - lineStart; // inside the line: offset < text.size()
    finder.setPosition(local);
    while (!atEdge())
        finder.toPreviousBoundary();
    const int start = int(finder.position());
    finder.setPosition(local);
    do
        finder.toNextBoundary();
    while (!atEdge());
    return {lineStart + start, lineStart + int(finder.position())};
}

QString ChunkedTextAccessible::textAtOffset(int offset, QAccessible::TextBoundaryType boundaryType,
                                            int *startOffset, int *endOffset) const
{
    *startOffset = *endOffset = -1;
    const QString all = view()->shownText();
    const int length = int(all.size());
    offset = resolve(offset, length);
    if (length == 0 || offset < 0 || offset > length)
        return {};
    if (boundaryType == QAccessible::NoBoundary) {
        *startOffset = 0;
        *endOffset = length;
        return all;
    }
    if (offset == length) {
        if (boundaryType == QAccessible::CharBoundary)
            return {}; // no character after the last
        --offset;      // the word, sentence or line that ends the text
    }
    const auto [start, end] = itemAt(all, offset, boundaryType);
    *startOffset = start;
    *endOffset = end;
    return all.mid(start, end - start);
}

QString ChunkedTextAccessible::textBeforeOffset(int offset,
                                                QAccessible::TextBoundaryType boundaryType,
                                                int *startOffset, int *endOffset) const
{
    *startOffset = *endOffset = -1;
    const QString all = view()->shownText();
    const int length = int(all.size());
    offset = resolve(offset, length);
    if (length == 0 || offset < 0 || offset > length || boundaryType == QAccessible::NoBoundary)
        return {};
    // The item before the one at offset; at the very end, the last one.
    const int before = offset == length ? length - 1 : itemAt(all, offset, boundaryType).first - 1;
    if (before < 0)
        return {};
    const auto [start, end] = itemAt(all, before, boundaryType);
    *startOffset = start;
    *endOffset = end;
    return all.mid(start, end - start);
}

QString ChunkedTextAccessible::textAfterOffset(int offset,
                                               QAccessible::TextBoundaryType boundaryType,
                                               int *startOffset, int *endOffset) const
{
    *startOffset = *endOffset = -1;
    const QString all = view()->shownText();
    const int length = int(all.size());
    offset = resolve(offset, length);
    if (offset < 0 || offset >= length || boundaryType == QAccessible::NoBoundary)
        return {};
    const int after = itemAt(all, offset, boundaryType).second;
    if (after >= length)
        return {};
    const auto [start, end] = itemAt(all, after, boundaryType);
    *startOffset = start;
    *endOffset = end;
    return all.mid(start, end - start);
}

QRect ChunkedTextAccessible::characterRect(int offset) const
{
    const QRect r = view()->characterRect(offset);
    return r.isNull() ? r : QRect(view()->mapToGlobal(r.topLeft()), r.size());
}

int ChunkedTextAccessible::offsetAtPoint(const QPoint &point) const
{
    return view()->offsetAt(view()->mapFromGlobal(point));
}

void ChunkedTextAccessible::scrollToSubstring(int startIndex, int endIndex)
{
    // The view scrolls inside a QScrollArea (TranscriptView): bring the range into it.
    QScrollArea *area = nullptr;
    for (QWidget *w = view()->parentWidget(); w && !area; w = w->parentWidget())
        area = qobject_cast<QScrollArea *>(w);
    if (!area || !area->widget() || !area->widget()->isAncestorOf(view()))
        return;
    // The end first, so that the start wins where the range is taller than the area.
    for (const int offset : {std::max(startIndex, endIndex - 1), startIndex}) {
        const QRect r = view()->characterRect(offset);
        if (r.isNull())
            continue;
        const QPoint p = view()->mapTo(area->widget(), r.center());
        area->ensureVisible(p.x(), p.y(), r.width(), r.height());
    }
}

QString ChunkedTextAccessible::attributes(int offset, int *startOffset, int *endOffset) const
{
    // No text attributes are exposed (fonts, bold, code); say so for the whole text at once, so
    // a reader walking attribute runs is done in one step.
    Q_UNUSED(offset);
    *startOffset = 0;
    *endOffset = characterCount();
    return {};
}

} // namespace bw::ui
