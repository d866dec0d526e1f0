#include "codeblockview.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QToolButton>
#include <QVBoxLayout>

namespace bw::ui {

CodeBlockView::CodeBlockView(const QString &language, QWidget *parent)
    : QFrame(parent)
    , m_language(new QLabel(this))
    , m_copy(new QToolButton(this))
    , m_code(new QPlainTextEdit(this))
{
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::AlternateBase);
    setAutoFillBackground(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 6);
    layout->setSpacing(2);
    auto *header = new QHBoxLayout;
    m_language->setText(language.isEmpty() ? tr("code") : language);
    m_language->setForegroundRole(QPalette::PlaceholderText);
    m_copy->setText(tr("Copy"));
    m_copy->setIcon(QIcon(QStringLiteral(":/breakwater/icons/copy.svg")));
    m_copy->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_copy->setAutoRaise(true);
    m_copy->setAccessibleName(tr("Copy code"));
    m_copy->setToolTip(tr("Copy this code block"));
    header->addWidget(m_language);
    header->addStretch();
    header->addWidget(m_copy);
    layout->addLayout(header);

    m_code->setReadOnly(true);
    m_code->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_code->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_code->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_code->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_code->setFrameShape(QFrame::NoFrame);
    m_code->setBackgroundVisible(false);
    m_code->viewport()->setAutoFillBackground(false);
    m_code->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_code->setAccessibleName(tr("Code"));
    m_code->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(m_code);

    connect(m_copy, &QToolButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(text());
        m_copy->setText(tr("Copied"));
        Q_EMIT copied();
    });
}

QString CodeBlockView::text() const
{
    QString t = m_code->toPlainText();
    if (t.endsWith(u'\n'))
        t.chop(1);
    return t;
}

void CodeBlockView::setText(const QString &text)
{
    m_code->setPlainText(text);
    m_code->setFixedHeight(contentHeight());
}

void CodeBlockView::appendText(const QString &text)
{
    if (text.isEmpty())
        return;
    QTextCursor c(m_code->document());
    c.movePosition(QTextCursor::End);
    c.insertText(text); // appending never re-lays out earlier lines
    m_code->setFixedHeight(contentHeight());
}

int CodeBlockView::contentHeight() const
{
    const QFontMetrics fm(m_code->font());
    int lines = m_code->document()->blockCount();
    if (lines > 1 && m_code->document()->lastBlock().text().isEmpty())
        --lines; // the newline that ends the last line
    int h =
        std::max(1, lines) * fm.lineSpacing() + 2 * int(m_code->document()->documentMargin()) + 4;
    if (m_code->horizontalScrollBar()->isVisible() ||
        m_code->document()->idealWidth() > m_code->viewport()->width())
        h += m_code->horizontalScrollBar()->sizeHint().height();
    return h;
}

QSize CodeBlockView::sizeHint() const
{
    return {QFrame::sizeHint().width(), QFrame::sizeHint().height()};
}

QSize CodeBlockView::minimumSizeHint() const
{
    return {100, QFrame::minimumSizeHint().height()};
}

} // namespace bw::ui
