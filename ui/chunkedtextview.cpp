#include "chunkedtextview.h"
#include "chunkedtextaccessible.h"

#include <QAbstractTextDocumentLayout>
#include <QAccessible>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QTextLayout>
#include <QToolTip>

#include <algorithm>

namespace bw::ui {

namespace {
constexpr int kGap = 6;         // between chunks
constexpr int kCodePadding = 8; // inside a code box
} // namespace

ChunkedTextView::ChunkedTextView(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    setFocusPolicy(Qt::ClickFocus);
    setMouseTracking(true);
    setCursor(Qt::IBeamCursor);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    ChunkedTextAccessible::install();
    // Text changes reach a screen reader once per pass of the event loop, however many came in it
    // (MessageBody changes the view once per frame while streaming).
    m_reportTimer.setSingleShot(true);
    m_reportTimer.setInterval(0);
    connect(&m_reportTimer, &QTimer::timeout, this, &ChunkedTextView::reportTextChange);
}

ChunkedTextView::~ChunkedTextView() = default;

void ChunkedTextView::invalidate()
{
    m_totalWidth = -1;
    updateGeometry();
    update();
}

int ChunkedTextView::appendChunk(Kind kind, const QString &text, const QString &language)
{
    textAboutToChange(chunkCount());
    Chunk c;
    c.kind = kind;
    c.text = text;
    c.language = language;
    m_chunks.push_back(std::move(c));
    invalidate();
    return chunkCount() - 1;
}

void ChunkedTextView::setChunk(int index, Kind kind, const QString &text, const QString &language)
{
    Chunk &c = m_chunks[size_t(index)];
    if (c.kind == kind && c.text == text && c.language == language)
        return;
    textAboutToChange(index);
    c.kind = kind;
    c.text = text;
    c.language = language;
    c.doc.reset();
    c.docWidth = c.estimateWidth = -1;
    invalidate();
}

void ChunkedTextView::appendToChunk(int index, const QString &text)
{
    if (text.isEmpty())
        return;
    textAboutToChange(index);
    Chunk &c = m_chunks[size_t(index)];
    const bool endedWithNewline = c.text.endsWith(u'\n');
    c.text += text;
    c.estimateWidth = -1;
    if (c.doc && c.kind != Kind::Markdown) {
        // Plain text grows in place: only the new lines are laid out. The document holds the text
        // without its final line end (which would show as an empty last line).
        QString insert = text;
        if (endedWithNewline)
            insert.prepend(u'\n');
        if (insert.endsWith(u'\n'))
            insert.chop(1);
        QTextCursor cursor(c.doc.get());
        cursor.movePosition(QTextCursor::End);
        cursor.insertText(insert);
        c.height = int(std::ceil(c.doc->size().height())) +
                   (c.kind == Kind::Code ? headerHeight() + 2 * kCodePadding : 0);
    } else {
        c.doc.reset();
        c.docWidth = -1;
    }
    invalidate();
}

void ChunkedTextView::removeLastChunk()
{
    if (m_chunks.empty())
        return;
    textAboutToChange(chunkCount() - 1);
    m_chunks.pop_back();
    invalidate();
    if (m_anchor.chunk >= chunkCount() || m_focus.chunk >= chunkCount())
        select({}, {});
}

void ChunkedTextView::clear()
{
    textAboutToChange(0);
    m_chunks.clear();
    invalidate();
    select({}, {});
}

int ChunkedTextView::laidOutChunks() const
{
    int n = 0;
    for (const Chunk &c : m_chunks)
        n += c.doc ? 1 : 0;
    return n;
}

int ChunkedTextView::headerHeight() const
{
    return fontMetrics().height() + 4;
}

int ChunkedTextView::estimate(const Chunk &c, int width) const
{
    if (c.text.isEmpty())
        return 0;
    const QFontMetrics fm = c.kind == Kind::Code
                                ? QFontMetrics(QFontDatabase::systemFont(QFontDatabase::FixedFont))
                                : fontMetrics();
    const int inner = std::max(1, width - (c.kind == Kind::Code ? 2 * kCodePadding : 0));
    const qsizetype perLine = std::max<qsizetype>(1, inner / std::max(1, fm.averageCharWidth()));
    qsizetype lines = 0;
    qsizetype paragraphs = 0;
    for (QStringView line : QStringView(c.text).split(u'\n')) {
        if (line.trimmed().isEmpty()) {
            ++paragraphs;
            continue;
        }
        lines += (line.size() + perLine - 1) / perLine;
    }
    int h = int(lines) * fm.lineSpacing() + int(paragraphs) * fm.lineSpacing() / 2;
    if (c.kind == Kind::Code)
        h += headerHeight() + 2 * kCodePadding;
    return h;
}

int ChunkedTextView::chunkHeight(int index, int width) const
{
    Chunk &c = m_chunks[size_t(index)];
    if (c.doc && c.docWidth == width)
        return c.height;
    if (c.doc && c.docWidth > 0 && c.height > 0 && c.estimateWidth != width) {
        // Laid out at another width: scale until it is painted again at this one.
        c.height = int(double(c.height) * c.docWidth / std::max(1, width));
        c.docWidth = -2;
        c.estimateWidth = width;
        return c.height;
    }
    if (c.estimateWidth != width) {
        c.height = estimate(c, width);
        c.estimateWidth = width;
    }
    return c.height;
}

bool ChunkedTextView::layOut(int index, int width) const
{
    Chunk &c = m_chunks[size_t(index)];
    if (c.doc && c.docWidth == width)
        return false;
    const int before = chunkHeight(index, width);
    if (!c.doc) {
        c.doc = std::make_unique<QTextDocument>();
        c.doc->setDocumentMargin(0);
        c.doc->setUndoRedoEnabled(false);
        if (c.kind == Kind::Code) {
            c.doc->setDefaultFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
            c.doc->setPlainText(c.text.endsWith(u'\n') ? c.text.chopped(1) : c.text);
        } else {
            c.doc->setDefaultFont(font());
            if (c.kind == Kind::Markdown)
                c.doc->setMarkdown(c.text, QTextDocument::MarkdownDialectGitHub);
            else
                c.doc->setPlainText(c.text.endsWith(u'\n') ? c.text.chopped(1) : c.text);
        }
    }
    const int inner = c.kind == Kind::Code ? width - 2 * kCodePadding : width;
    c.doc->setTextWidth(std::max(1, inner));
    c.docWidth = width;
    c.estimateWidth = width;
    c.height = c.text.isEmpty()
                   ? 0
                   : int(std::ceil(c.doc->size().height())) +
                         (c.kind == Kind::Code ? headerHeight() + 2 * kCodePadding : 0);
    return c.height != before;
}

int ChunkedTextView::heightForWidth(int width) const
{
    if (width == m_totalWidth)
        return m_totalHeight;
    int total = 0;
    int visible = 0;
    for (int i = 0; i < chunkCount(); ++i) {
        const int h = chunkHeight(i, width);
        if (h > 0) {
            total += h + (visible ? kGap : 0);
            ++visible;
        }
    }
    m_totalWidth = width;
    m_totalHeight = total;
    return total;
}

QSize ChunkedTextView::sizeHint() const
{
    const int w = width() > 0 ? width() : 500;
    return {w, heightForWidth(w)};
}

QSize ChunkedTextView::minimumSizeHint() const
{
    return {100, 0};
}

QRect ChunkedTextView::chunkBox(int index) const
{
    int y = 0;
    const int w = width();
    for (int i = 0; i < index; ++i) {
        const int h = chunkHeight(i, w);
        if (h > 0)
            y += h + kGap;
    }
    return {0, y, w, chunkHeight(index, w)};
}

int ChunkedTextView::chunkAt(int y) const
{
    int top = 0;
    const int w = width();
    int last = -1;
    for (int i = 0; i < chunkCount(); ++i) {
        const int h = chunkHeight(i, w);
        if (h <= 0)
            continue;
        last = i;
        if (y < top + h + kGap)
            return i;
        top += h + kGap;
    }
    return last;
}

QRect ChunkedTextView::contentRect(const Chunk &c, const QRect &box) const
{
    if (c.kind != Kind::Code)
        return box;
    return box.adjusted(kCodePadding, kCodePadding + headerHeight(), -kCodePadding, -kCodePadding);
}

QRect ChunkedTextView::copyButtonRect(const QRect &box) const
{
    const int w = fontMetrics().horizontalAdvance(tr("Copied")) + 12;
    return {box.right() - w - kCodePadding + 4, box.top() + 4, w, headerHeight()};
}

void ChunkedTextView::paintEvent(QPaintEvent *event)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRect clip = event->rect();
    const int w = width();
    bool changed = false;
    // Selection bounds in chunk order.
    Position from = m_anchor, to = m_focus;
    if (to.chunk < from.chunk || (to.chunk == from.chunk && to.pos < from.pos))
        std::swap(from, to);
    int y = 0;
    for (int i = 0; i < chunkCount(); ++i) {
        int h = chunkHeight(i, w);
        if (h <= 0)
            continue;
        if (y + h < clip.top()) {
            y += h + kGap;
            continue;
        }
        if (y > clip.bottom())
            break;
        changed |= layOut(i, w); // first sight: lay out now
        h = chunkHeight(i, w);
        const Chunk &c = m_chunks[size_t(i)];
        const QRect box(0, y, w, h);
        if (c.kind == Kind::Code) {
            QPainterPath path;
            path.addRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
            p.fillPath(path, palette().color(QPalette::AlternateBase));
            p.setPen(palette().color(QPalette::Mid));
            p.drawPath(path);
            p.setPen(palette().color(QPalette::PlaceholderText));
            p.drawText(box.adjusted(kCodePadding, 4, 0, 0).topLeft() +
                           QPoint(0, fontMetrics().ascent()),
                       c.language.isEmpty() ? tr("code") : c.language);
            const QRect copy = copyButtonRect(box);
            p.setPen(palette().color(QPalette::Link));
            p.drawText(copy, Qt::AlignCenter, m_copiedChunk == i ? tr("Copied") : tr("Copy"));
        }
        const QRect content = contentRect(c, box);
        QAbstractTextDocumentLayout::PaintContext ctx;
        ctx.palette = palette();
        ctx.palette.setColor(QPalette::Text, palette().color(QPalette::WindowText));
        ctx.clip = QRectF(clip.intersected(content).translated(-content.topLeft()));
        if (from.isValid() && to.isValid() && i >= from.chunk && i <= to.chunk &&
            !(from.chunk == to.chunk && from.pos == to.pos)) {
            QAbstractTextDocumentLayout::Selection sel;
            sel.cursor = QTextCursor(c.doc.get());
            sel.cursor.setPosition(i == from.chunk ? from.pos : 0);
            sel.cursor.setPosition(i == to.chunk ? to.pos : c.doc->characterCount() - 1,
                                   QTextCursor::KeepAnchor);
            sel.format.setBackground(palette().brush(QPalette::Highlight));
            sel.format.setForeground(palette().brush(QPalette::HighlightedText));
            ctx.selections.append(sel);
        }
        p.save();
        p.translate(content.topLeft());
        c.doc->documentLayout()->draw(&p, ctx);
        p.restore();
        y += h + kGap;
    }
    if (changed) {
        // Real heights replaced estimates: let the layout catch up (after this paint).
        m_totalWidth = -1;
        QTimer::singleShot(0, this, [this] { updateGeometry(); });
    }
}

ChunkedTextView::Position ChunkedTextView::positionAt(const QPoint &point) const
{
    const int i = chunkAt(point.y());
    if (i < 0)
        return {};
    layOut(i, width());
    const Chunk &c = m_chunks[size_t(i)];
    const QRect content = contentRect(c, chunkBox(i));
    if (point.y() < content.top())
        return {i, 0};
    if (point.y() > content.bottom())
        return {i, std::max(0, c.doc->characterCount() - 1)};
    const int pos =
        c.doc->documentLayout()->hitTest(QPointF(point - content.topLeft()), Qt::FuzzyHit);
    return {i, std::max(0, pos)};
}

QString ChunkedTextView::anchorAt(const QPoint &point) const
{
    const int i = chunkAt(point.y());
    if (i < 0 || !m_chunks[size_t(i)].doc)
        return {};
    const Chunk &c = m_chunks[size_t(i)];
    const QRect content = contentRect(c, chunkBox(i));
    return c.doc->documentLayout()->anchorAt(QPointF(point - content.topLeft()));
}

void ChunkedTextView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    const int i = chunkAt(event->position().toPoint().y());
    if (i >= 0 && m_chunks[size_t(i)].kind == Kind::Code &&
        copyButtonRect(chunkBox(i)).contains(event->position().toPoint())) {
        QString code = m_chunks[size_t(i)].text;
        if (code.endsWith(u'\n'))
            code.chop(1);
        QGuiApplication::clipboard()->setText(code);
        m_copiedChunk = i;
        update();
        Q_EMIT codeCopied(i);
        return;
    }
    const Position at = positionAt(event->position().toPoint());
    m_selecting = true;
    select(at, at);
}

void ChunkedTextView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pt = event->position().toPoint();
    if (m_selecting) {
        select(m_anchor, positionAt(pt));
        return;
    }
    const int i = chunkAt(pt.y());
    const bool overCopy = i >= 0 && m_chunks[size_t(i)].kind == Kind::Code &&
                          copyButtonRect(chunkBox(i)).contains(pt);
    setCursor(overCopy || !anchorAt(pt).isEmpty() ? Qt::PointingHandCursor : Qt::IBeamCursor);
}

void ChunkedTextView::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_selecting)
        return QWidget::mouseReleaseEvent(event);
    m_selecting = false;
    select(m_anchor, positionAt(event->position().toPoint()));
    if (!hasSelection()) {
        const QString href = anchorAt(event->position().toPoint());
        if (isOwnLink(href))
            Q_EMIT linkActivated(href);
        else if (!href.isEmpty())
            QDesktopServices::openUrl(QUrl(href));
    } else if (QGuiApplication::clipboard()->supportsSelection()) {
        QGuiApplication::clipboard()->setText(selectedText(), QClipboard::Selection);
    }
}

bool ChunkedTextView::isOwnLink(const QString &href)
{
    return href.startsWith(QLatin1String("cite:"));
}

bool ChunkedTextView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip && m_linkToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QString href = anchorAt(help->pos());
        const QString tip = isOwnLink(href) ? m_linkToolTip(href) : QString();
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, this);
        return true;
    }
    return QWidget::event(event);
}

void ChunkedTextView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const Position at = positionAt(event->position().toPoint());
    if (!at.isValid())
        return;
    QTextCursor c(m_chunks[size_t(at.chunk)].doc.get());
    c.setPosition(at.pos);
    c.select(QTextCursor::WordUnderCursor);
    select({at.chunk, c.selectionStart()}, {at.chunk, c.selectionEnd()});
}

bool ChunkedTextView::hasSelection() const
{
    return m_anchor.isValid() && m_focus.isValid() &&
           (m_anchor.chunk != m_focus.chunk || m_anchor.pos != m_focus.pos);
}

void ChunkedTextView::selectAll()
{
    if (m_chunks.empty())
        return;
    const int last = chunkCount() - 1;
    layOut(last, std::max(1, width()));
    select({0, 0}, {last, std::max(0, m_chunks.back().doc->characterCount() - 1)});
}

QString ChunkedTextView::selectedText() const
{
    if (!hasSelection())
        return {};
    Position from = m_anchor, to = m_focus;
    if (to.chunk < from.chunk || (to.chunk == from.chunk && to.pos < from.pos))
        std::swap(from, to);
    QStringList parts;
    for (int i = from.chunk; i <= to.chunk; ++i) {
        layOut(i, std::max(1, width()));
        QTextCursor c(m_chunks[size_t(i)].doc.get());
        c.setPosition(i == from.chunk ? from.pos : 0);
        c.setPosition(i == to.chunk ? to.pos : m_chunks[size_t(i)].doc->characterCount() - 1,
                      QTextCursor::KeepAnchor);
        parts << c.selection().toPlainText();
    }
    return parts.join(QLatin1Char('\n'));
}

QString ChunkedTextView::toPlainText() const
{
    QString all;
    for (const Chunk &c : m_chunks)
        all += c.text;
    return all;
}

void ChunkedTextView::copySelection() const
{
    if (hasSelection())
        QGuiApplication::clipboard()->setText(selectedText());
}

void ChunkedTextView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        return;
    }
    if (event->matches(QKeySequence::SelectAll)) {
        selectAll();
        return;
    }
    QWidget::keyPressEvent(event);
}

void ChunkedTextView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    QAction *copy = menu.addAction(tr("&Copy"), this, &ChunkedTextView::copySelection);
    copy->setEnabled(hasSelection());
    menu.addAction(tr("Select &All"), this, &ChunkedTextView::selectAll);
    const int i = chunkAt(event->pos().y());
    if (i >= 0 && m_chunks[size_t(i)].kind == Kind::Code) {
        menu.addAction(tr("Copy &Code Block"), this, [this, i] {
            QGuiApplication::clipboard()->setText(m_chunks[size_t(i)].text.trimmed());
            Q_EMIT codeCopied(i);
        });
    }
    menu.exec(event->globalPos());
}

void ChunkedTextView::select(Position anchor, Position focus)
{
    m_anchor = anchor;
    m_focus = focus;
    update();
    reportSelection();
}

// Accessibility. With no reader active a change costs a check of QAccessible::isActive() and no
// text is rendered or kept, so streaming costs what it did.

QString ChunkedTextView::shownTextOf(const Chunk &c) const
{
    if (c.doc)
        return c.doc->toPlainText();
    // Built as layOut() builds it, so the text is the one it will show; a document lays itself
    // out only when asked for geometry, which nothing here does.
    QTextDocument doc;
    doc.setUndoRedoEnabled(false);
    if (c.kind == Kind::Markdown)
        doc.setMarkdown(c.text, QTextDocument::MarkdownDialectGitHub);
    else
        doc.setPlainText(c.text.endsWith(u'\n') ? c.text.chopped(1) : c.text);
    return doc.toPlainText();
}

void ChunkedTextView::updateShown() const
{
    if (m_shownValid)
        return;
    qsizetype total = 0;
    for (Chunk &c : m_chunks) {
        if (!c.shownValid) {
            c.shown = shownTextOf(c);
            c.shownValid = true;
        }
        total += c.shown.size() + 1;
    }
    m_shown = QString();
    m_shown.reserve(total);
    m_shownStarts.clear();
    for (const Chunk &c : m_chunks) {
        if (!m_shownStarts.empty())
            m_shown += u'\n'; // as selectedText() joins chunks
        m_shownStarts.push_back(int(m_shown.size()));
        m_shown += c.shown;
    }
    m_shownValid = true;
}

QString ChunkedTextView::shownText() const
{
    updateShown();
    return m_shown;
}

int ChunkedTextView::shownLength() const
{
    updateShown();
    return int(m_shown.size());
}

int ChunkedTextView::offsetOf(Position position) const
{
    if (!position.isValid() || position.chunk >= chunkCount())
        return -1;
    updateShown();
    const int length = int(m_chunks[size_t(position.chunk)].shown.size());
    return m_shownStarts[size_t(position.chunk)] + std::clamp(position.pos, 0, length);
}

ChunkedTextView::Position ChunkedTextView::positionOf(int offset) const
{
    if (m_chunks.empty())
        return {};
    updateShown();
    offset = std::clamp(offset, 0, int(m_shown.size()));
    // The '\n' joining two chunks is the end of the first.
    const auto next = std::upper_bound(m_shownStarts.begin(), m_shownStarts.end(), offset);
    const int chunk = int(next - m_shownStarts.begin()) - 1;
    return {chunk, offset - m_shownStarts[size_t(chunk)]};
}

int ChunkedTextView::selectionAnchorOffset() const
{
    return offsetOf(m_anchor);
}

int ChunkedTextView::selectionFocusOffset() const
{
    return offsetOf(m_focus);
}

void ChunkedTextView::setSelectionOffsets(int anchor, int focus)
{
    if (!m_chunks.empty())
        select(positionOf(anchor), positionOf(focus));
}

QRect ChunkedTextView::characterRect(int offset) const
{
    if (m_chunks.empty() || offset < 0 || offset > shownLength())
        return {};
    const Position at = positionOf(offset);
    const Chunk &c = m_chunks[size_t(at.chunk)];
    const QRect content = contentRect(c, chunkBox(at.chunk));
    if (c.doc && c.docWidth == width()) {
        const QTextBlock block = c.doc->findBlock(at.pos);
        if (block.isValid()) {
            (void)c.doc->documentLayout()->blockBoundingRect(block); // lays out the block if due
            const QTextLayout *layout = block.layout();
            const int inBlock = at.pos - block.position();
            const QTextLine line = layout->lineForTextPosition(inBlock);
            if (line.isValid()) {
                const qreal x = line.cursorToX(inBlock);
                const qreal next = inBlock < line.textStart() + line.textLength()
                                       ? line.cursorToX(inBlock + 1)
                                       : x + fontMetrics().averageCharWidth();
                QRectF r(std::min(x, next), line.y(), std::max(1.0, std::abs(next - x)),
                         line.height());
                r.translate(layout->position() + content.topLeft());
                return r.toAlignedRect();
            }
        }
    }
    // Not laid out for this width: where the offset lies in the chunk's (estimated) height.
    const QFontMetrics fm = fontMetrics();
    const qsizetype length = std::max<qsizetype>(1, c.shown.size());
    const int room = std::max(0, content.height() - fm.height());
    const int y = content.top() + int(qint64(room) * at.pos / length);
    return {content.left(), y, fm.averageCharWidth(), fm.height()};
}

int ChunkedTextView::offsetAt(const QPoint &point) const
{
    if (m_chunks.empty() || !rect().contains(point))
        return -1;
    const int i = chunkAt(point.y());
    if (i < 0)
        return -1;
    updateShown();
    const Chunk &c = m_chunks[size_t(i)];
    const QRect content = contentRect(c, chunkBox(i));
    const int length = int(c.shown.size());
    int pos = 0;
    if (c.doc && c.docWidth == width()) {
        pos = c.doc->documentLayout()->hitTest(QPointF(point - content.topLeft()), Qt::FuzzyHit);
    } else {
        const double f = (point.y() - content.top()) / double(std::max(1, content.height()));
        pos = int(std::clamp(f, 0.0, 1.0) * length);
    }
    return m_shownStarts[size_t(i)] + std::clamp(pos, 0, length);
}

std::pair<int, int> ChunkedTextView::lineAt(int offset) const
{
    const int length = shownLength();
    if (m_chunks.empty() || offset < 0 || offset > length)
        return {-1, -1};
    const Position at = positionOf(offset);
    const Chunk &c = m_chunks[size_t(at.chunk)];
    if (c.doc) { // laid out (maybe for another width, until painted again): real lines
        const QTextBlock block = c.doc->findBlock(at.pos);
        if (block.isValid()) {
            (void)c.doc->documentLayout()->blockBoundingRect(block);
            const QTextLayout *layout = block.layout();
            const QTextLine line = layout->lineForTextPosition(at.pos - block.position());
            if (line.isValid()) {
                const int blockStart = m_shownStarts[size_t(at.chunk)] + block.position();
                const int start = blockStart + line.textStart();
                // The last line of a block owns the line end after it (the block's, or the '\n'
                // joining the chunks), so lines follow one another without gaps.
                const int end = line.lineNumber() == layout->lineCount() - 1
                                    ? blockStart + block.length()
                                    : start + line.textLength();
                return {start, std::min(end, length)};
            }
        }
    }
    const int start = offset > 0 ? int(m_shown.lastIndexOf(u'\n', offset - 1)) + 1 : 0;
    const qsizetype lineEnd = m_shown.indexOf(u'\n', offset);
    return {start, lineEnd < 0 ? length : int(lineEnd) + 1};
}

void ChunkedTextView::textAboutToChange(int index)
{
    // A hidden view is told nothing: a reader reads it afresh when it shows (Qt says ObjectShow).
    // That spares rendering every message of a conversation being opened, whose views are filled
    // before they show.
    if (QAccessible::isActive() && isVisible()) {
        // The reader learns what changed from the text it last heard of, diffed once the event
        // loop comes round; keep that text before the first change.
        if (!m_reported)
            m_reported = shownText();
        if (!m_reportTimer.isActive())
            m_reportTimer.start();
    } else {
        m_reported.reset();
    }
    if (index >= 0 && index < chunkCount()) {
        Chunk &c = m_chunks[size_t(index)];
        c.shown = QString();
        c.shownValid = false;
    }
    m_shownValid = false;
}

void ChunkedTextView::reportTextChange()
{
    m_reportTimer.stop();
    if (!m_reported)
        return;
    if (!QAccessible::isActive() || !isVisible()) {
        m_reported.reset();
        return;
    }
    const QString was = *m_reported;
    const QString now = shownText();
    m_reported = now;
    const qsizetype common = std::min(was.size(), now.size());
    const qsizetype head =
        std::mismatch(was.cbegin(), was.cbegin() + common, now.cbegin()).first - was.cbegin();
    qsizetype tail = 0;
    while (tail < common - head && was.at(was.size() - 1 - tail) == now.at(now.size() - 1 - tail))
        ++tail;
    const QString removed = was.mid(head, was.size() - head - tail);
    const QString inserted = now.mid(head, now.size() - head - tail);
    // The events' default caret is after the change; this view's stays where the selection ends.
    const int cursor = std::max(0, selectionFocusOffset());
    if (removed.isEmpty() && inserted.isEmpty())
        return;
    if (removed.isEmpty()) {
        QAccessibleTextInsertEvent event(this, int(head), inserted);
        event.setCursorPosition(cursor);
        QAccessible::updateAccessibility(&event);
    } else if (inserted.isEmpty()) {
        QAccessibleTextRemoveEvent event(this, int(head), removed);
        event.setCursorPosition(cursor);
        QAccessible::updateAccessibility(&event);
    } else {
        QAccessibleTextUpdateEvent event(this, int(head), removed, inserted);
        event.setCursorPosition(cursor);
        QAccessible::updateAccessibility(&event);
    }
}

void ChunkedTextView::reportSelection()
{
    if (!QAccessible::isActive() || (m_anchor == m_reportedAnchor && m_focus == m_reportedFocus))
        return;
    const bool hadSelection = m_reportedAnchor != m_reportedFocus;
    m_reportedAnchor = m_anchor;
    m_reportedFocus = m_focus;
    reportTextChange(); // the offsets below are into the current text: the reader needs it first
    const int focus = std::max(0, offsetOf(m_focus));
    const int anchor = m_anchor.isValid() ? offsetOf(m_anchor) : focus;
    if (hadSelection || hasSelection()) {
        QAccessibleTextSelectionEvent event(this, std::min(anchor, focus), std::max(anchor, focus));
        event.setCursorPosition(focus);
        QAccessible::updateAccessibility(&event);
    } else {
        QAccessibleTextCursorEvent event(this, focus);
        QAccessible::updateAccessibility(&event);
    }
}

void ChunkedTextView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange) {
        for (Chunk &c : m_chunks) {
            c.doc.reset();
            c.docWidth = c.estimateWidth = -1;
        }
        invalidate();
    }
    QWidget::changeEvent(event);
}

} // namespace bw::ui
