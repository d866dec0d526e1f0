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
    // With files attached, Enter sends an empty text too.
    void setHasAttachments(bool has) { m_hasAttachments = has; }

Q_SIGNALS:
    void sendRequested(const QString &text);
    void stopRequested();
    // Pasted or dropped files and images become attachments, not text.
    void filesPasted(const QStringList &paths);
    void imagePasted(const QImage &image);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;

private:
    int heightForLines(int lines) const;

    bool m_hasAttachments = false;
};

} // namespace bw::ui
