#pragma once

#include "api/attachment.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;

namespace bw {
class Application;
}

namespace bw::ui {

class AttachmentChip;
class FlowLayout;

// The files of the message being written, above the composer: a chip for each (removable; a
// scaled image can go at its original size), and what they will cost — tokens as count_tokens
// says when the service answers, else estimated, and dollars at the model's price. Files come
// from the paperclip's dialog, a drop on the window or a paste; each is read, scaled and stored
// off the GUI thread (AttachmentLibrary) for what the chosen model reads.
class AttachmentTray final : public QWidget
{
    Q_OBJECT

public:
    explicit AttachmentTray(Application *app, QWidget *parent = nullptr);
    ~AttachmentTray() override;

    void addFiles(const QStringList &paths);
    void addImage(const QImage &image);
    // The files ready to go, in the order they were added.
    QList<Attachment> attachments() const;
    bool isPreparing() const;
    // Why the files that cannot go cannot.
    QStringList problems() const;
    int count() const { return int(m_chips.size()); }
    const QList<AttachmentChip *> &chips() const { return m_chips; }
    void removeChip(AttachmentChip *chip);
    // After sending (the conversation holds them now), or to start over.
    void clear();
    QString estimateText() const;
    bool isCounted() const { return m_counted >= 0; }
    // Drops of files on `target` (the window) and its children come here.
    void acceptDropsOn(QWidget *target);
    // The file dialog's filter for what the chosen model reads.
    QString fileFilter() const;

Q_SIGNALS:
    void changed(); // a file added, ready, removed
    void problem(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    AttachmentChip *addChip(const QString &name);
    void prepare(AttachmentChip *chip, const QString &path, bool keepOriginal);
    void updateEstimate();
    void countTokens();

    QPointer<Application> m_app;
    FlowLayout *m_flow;
    QLabel *m_estimate;
    QList<AttachmentChip *> m_chips;
    QHash<AttachmentChip *, int> m_serials; // each chip's newest preparation
    QTimer m_countTimer;
    int m_countSerial = 0;
    qint64 m_counted = -1; // count_tokens' figure for the files as they are now
};

} // namespace bw::ui
