#include "chunkedtextview.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QFontDatabase>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QTimer>

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
    m_chunks.pop_back();
    if (m_anchor.chunk >= chunkCount() || m_focus.chunk >= chunkCount())
        m_anchor = m_focus = {};
    invalidate();
}

void ChunkedTextView::clear()
{
    m_chunks.clear();
    m_anchor = m_focus = {};
    invalidate();
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
    m_anchor = m_focus = positionAt(event->position().toPoint());
    m_selecting = true;
    update();
}

void ChunkedTextView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pt = event->position().toPoint();
    if (m_selecting) {
        m_focus = positionAt(pt);
        update();
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
    m_focus = positionAt(event->position().toPoint());
    if (!hasSelection()) {
        const QString href = anchorAt(event->position().toPoint());
        if (!href.isEmpty())
            QDesktopServices::openUrl(QUrl(href));
    } else if (QGuiApplication::clipboard()->supportsSelection()) {
        QGuiApplication::clipboard()->setText(selectedText(), QClipboard::Selection);
    }
    update();
}

void ChunkedTextView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const Position at = positionAt(event->position().toPoint());
    if (!at.isValid())
        return;
    QTextCursor c(m_chunks[size_t(at.chunk)].doc.get());
    c.setPosition(at.pos);
    c.select(QTextCursor::WordUnderCursor);
    m_anchor = {at.chunk, c.selectionStart()};
    m_focus = {at.chunk, c.selectionEnd()};
    update();
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
    m_anchor = {0, 0};
    m_focus = {last, std::max(0, m_chunks.back().doc->characterCount() - 1)};
    update();
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
