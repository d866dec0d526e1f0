#pragma once

#include <QPlainTextEdit>

namespace bw::ui {

// Where the user writes. Enter or Ctrl+Enter sends, Shift+Enter starts a new line, Esc stops
// the running answer. Grows with its text up to a limit.
class Composer final : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit Composer(QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void sendRequested(const QString &text);
    void stopRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    int heightForLines(int lines) const;
};

} // namespace bw::ui
