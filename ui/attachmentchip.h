#pragma once

#include "api/attachment.h"

#include <QFrame>

class QLabel;
class QToolButton;

namespace bw::ui {

// One attached file as a chip: a thumbnail for an image (a badge for a document), its name, and
// what it is (size in pixels, pages, bytes). Above the composer it can be removed, and an image
// scaled down can be sent at its original size instead; in the transcript a click opens it.
class AttachmentChip final : public QFrame
{
    Q_OBJECT

public:
    enum class Mode { Composer, Transcript };
    enum class State { Preparing, Ready, Failed, Missing };

    AttachmentChip(Mode mode, QWidget *parent = nullptr);

    // A file being read: its name until it is ready.
    void setPreparing(const QString &name);
    void setAttachment(const Attachment &attachment);
    // A scaled image: from which size (the chip offers the original).
    void setScaledFrom(QSize original, bool keptOriginal);
    void setThumbnail(const QImage &thumbnail);
    void setFailed(const QString &problem);
    void setMissing();

    const Attachment &attachment() const { return m_attachment; }
    State state() const { return m_state; }
    QString detailText() const; // "1,238 × 929 px · 240 kB"
    QString problem() const { return m_problem; }
    bool hasThumbnail() const;
    // The badge shown without a thumbnail: "PDF", "IMG", "TXT" (a refused file's by its name's
    // extension, since its type was never taken), "FILE", "…" while it is prepared.
    QString badgeText() const;
    QSize originalSize() const { return m_original; }
    QToolButton *keepOriginalButton() const { return m_keepOriginal; }

    static QString sizeText(qint64 bytes);

Q_SIGNALS:
    void removeRequested();
    void openRequested(const bw::Attachment &attachment);
    void keepOriginalRequested(bool keep);

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    void refresh();

    Mode m_mode;
    State m_state = State::Preparing;
    Attachment m_attachment;
    QString m_problem;
    QSize m_original;
    QLabel *m_picture;
    QLabel *m_name;
    QLabel *m_detail;
    QToolButton *m_keepOriginal = nullptr;
    QToolButton *m_remove = nullptr;
};

} // namespace bw::ui
