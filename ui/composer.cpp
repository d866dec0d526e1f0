#include "composer.h"

#include <QImage>
#include <QKeyEvent>
#include <QMimeData>
#include <QTextBlock>

namespace bw::ui {

Composer::Composer(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setPlaceholderText(tr("Ask Claude…  (Enter sends · Shift+Enter new line · Esc stops)"));
    setAccessibleName(tr("Message"));
    setAccessibleDescription(
        tr("Type a message. Enter sends it, Shift+Enter adds a line, Escape stops the answer."));
    setTabChangesFocus(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    connect(document(), &QTextDocument::blockCountChanged, this, [this] { updateGeometry(); });
}

int Composer::heightForLines(int lines) const
{
    return lines * fontMetrics().lineSpacing() + 2 * int(document()->documentMargin()) +
           2 * frameWidth() + 4;
}

QSize Composer::sizeHint() const
{
    const int lines = std::clamp(document()->blockCount(), 3, 10);
    return {QPlainTextEdit::sizeHint().width(), heightForLines(lines)};
}

QSize Composer::minimumSizeHint() const
{
    return {100, heightForLines(2)};
}

void Composer::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        const QString text = toPlainText();
        if (!text.trimmed().isEmpty() || m_hasAttachments)
            Q_EMIT sendRequested(text);
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Escape) {
        Q_EMIT stopRequested();
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace bw::ui

namespace bw::ui {

namespace {

QStringList localFiles(const QMimeData *source)
{
    QStringList files;
    for (const QUrl &url : source->urls()) {
        if (url.isLocalFile())
            files << url.toLocalFile();
    }
    return files;
}

} // namespace

bool Composer::canInsertFromMimeData(const QMimeData *source) const
{
    return source->hasImage() || !localFiles(source).isEmpty() ||
           QPlainTextEdit::canInsertFromMimeData(source);
}

void Composer::insertFromMimeData(const QMimeData *source)
{
    // A file manager's copy carries the files' URLs (and their names as text): files, not text.
    if (const QStringList files = localFiles(source); !files.isEmpty()) {
        Q_EMIT filesPasted(files);
        return;
    }
    if (source->hasImage()) {
        Q_EMIT imagePasted(qvariant_cast<QImage>(source->imageData()));
        return;
    }
    QPlainTextEdit::insertFromMimeData(source);
}

} // namespace bw::ui
