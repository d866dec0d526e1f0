#pragma once

#include <QFrame>

class QLabel;
class QPlainTextEdit;
class QToolButton;

namespace bw::ui {

// A fenced code block: monospace, never wrapped (a horizontal scroll bar instead), its language,
// and a Copy button. Text is appended as it streams; the height follows the line count.
class CodeBlockView final : public QFrame
{
    Q_OBJECT

public:
    explicit CodeBlockView(const QString &language, QWidget *parent = nullptr);

    void appendText(const QString &text);
    void setText(const QString &text);
    QString text() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void copied();

private:
    int contentHeight() const;

    QLabel *m_language;
    QToolButton *m_copy;
    QPlainTextEdit *m_code;
};

} // namespace bw::ui
