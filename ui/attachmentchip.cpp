#include "attachmentchip.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolButton>
#include <QVBoxLayout>

namespace bw::ui {

namespace {

// The picture's side: small above the composer, a thumbnail worth looking at in the transcript.
constexpr int kComposerPicture = 40;
constexpr int kTranscriptPicture = 96;

// A document's badge: its kind in a rounded box, drawn in the palette's colours.
QPixmap badge(const QString &kind, const QPalette &palette, qreal ratio)
{
    constexpr int kPicture = kComposerPicture;
    QPixmap pixmap(QSize(kPicture, kPicture) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(palette.color(QPalette::Mid), 1));
    p.setBrush(palette.color(QPalette::Base));
    p.drawRoundedRect(QRectF(6.5, 2.5, kPicture - 13, kPicture - 5), 3, 3);
    QFont f = p.font();
    f.setBold(true);
    f.setPixelSize(10);
    p.setFont(f);
    p.setPen(kind == u"PDF" ? QColor(0xc6, 0x28, 0x28) : palette.color(QPalette::Text));
    p.drawText(QRectF(0, 0, kPicture, kPicture), Qt::AlignCenter, kind);
    return pixmap;
}

} // namespace

AttachmentChip::AttachmentChip(Mode mode, QWidget *parent)
    : QFrame(parent)
    , m_mode(mode)
    , m_picture(new QLabel(this))
    , m_name(new QLabel(this))
    , m_detail(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(6);
    const int side = mode == Mode::Composer ? kComposerPicture : kTranscriptPicture;
    m_picture->setFixedSize(side, side * 3 / 4 > kComposerPicture ? side * 3 / 4 : side);
    m_picture->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_picture);
    auto *text = new QVBoxLayout;
    text->setSpacing(0);
    m_name->setTextFormat(Qt::PlainText); // a file's name is never markup
    m_detail->setTextFormat(Qt::PlainText);
    m_detail->setForegroundRole(QPalette::PlaceholderText);
    QFont small = m_detail->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_detail->setFont(small);
    text->addWidget(m_name);
    text->addWidget(m_detail);
    layout->addLayout(text);
    if (mode == Mode::Composer) {
        m_keepOriginal = new QToolButton(this);
        m_keepOriginal->setCheckable(true);
        m_keepOriginal->setAutoRaise(true);
        m_keepOriginal->setText(tr("Original"));
        m_keepOriginal->setToolTip(
            tr("Send the image at its original size instead (more tokens; the API scales large "
               "images down anyway)"));
        m_keepOriginal->hide();
        connect(m_keepOriginal, &QToolButton::toggled, this,
                [this](bool keep) { Q_EMIT keepOriginalRequested(keep); });
        layout->addWidget(m_keepOriginal);
        m_remove = new QToolButton(this);
        m_remove->setAutoRaise(true);
        m_remove->setText(QStringLiteral("✕"));
        m_remove->setAccessibleName(tr("Remove attachment"));
        m_remove->setToolTip(tr("Remove this file from the message"));
        connect(m_remove, &QToolButton::clicked, this, &AttachmentChip::removeRequested);
        layout->addWidget(m_remove);
    } else {
        setCursor(Qt::PointingHandCursor);
    }
    setMaximumWidth(460);
    refresh();
}

void AttachmentChip::setPreparing(const QString &name)
{
    m_attachment.name = name;
    m_state = State::Preparing;
    refresh();
}

void AttachmentChip::setAttachment(const Attachment &attachment)
{
    m_attachment = attachment;
    m_attachment.data.clear();
    m_state = State::Ready;
    m_problem.clear();
    refresh();
}

void AttachmentChip::setScaledFrom(QSize original, bool keptOriginal)
{
    m_original = original;
    if (m_keepOriginal) {
        m_keepOriginal->setVisible(original.isValid());
        const QSignalBlocker quiet(m_keepOriginal);
        m_keepOriginal->setChecked(keptOriginal);
    }
    refresh();
}

void AttachmentChip::setThumbnail(const QImage &thumbnail)
{
    if (thumbnail.isNull())
        return;
    const qreal ratio = devicePixelRatioF();
    QPixmap p = QPixmap::fromImage(
        thumbnail.scaled(m_picture->size() * ratio, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    p.setDevicePixelRatio(ratio);
    m_picture->setPixmap(p);
}

bool AttachmentChip::hasThumbnail() const
{
    return m_attachment.isImage() && !m_picture->pixmap().isNull();
}

void AttachmentChip::setFailed(const QString &problem)
{
    m_state = State::Failed;
    m_problem = problem;
    refresh();
}

void AttachmentChip::setMissing()
{
    m_state = State::Missing;
    m_problem = tr("The stored copy of this file is missing.");
    refresh();
}

QString AttachmentChip::sizeText(qint64 bytes)
{
    const QLocale l;
    if (bytes < 1000)
        return tr("%1 B").arg(bytes);
    if (bytes < 1'000'000)
        return tr("%1 kB").arg(l.toString(double(bytes) / 1e3, 'f', 0));
    return tr("%1 MB").arg(l.toString(double(bytes) / 1e6, 'f', 1));
}

QString AttachmentChip::detailText() const
{
    const QLocale l;
    const Attachment &a = m_attachment;
    switch (m_state) {
    case State::Preparing:
        return tr("Preparing…");
    case State::Failed:
    case State::Missing:
        return m_problem;
    case State::Ready:
        break;
    }
    QStringList parts;
    if (a.isImage() && a.width > 0)
        parts << tr("%1 × %2 px").arg(l.toString(a.width), l.toString(a.height));
    if (a.kind() == Attachment::Kind::Pdf) // pages in compressed objects are not counted
        parts << (a.pages > 0 ? tr("%n page(s)", nullptr, a.pages) : tr("pages unknown"));
    parts << sizeText(a.bytes);
    if (m_original.isValid() && !(m_keepOriginal && m_keepOriginal->isChecked()))
        parts << tr("scaled from %1 × %2")
                     .arg(l.toString(m_original.width()), l.toString(m_original.height()));
    return parts.join(QStringLiteral(" · "));
}

QString AttachmentChip::badgeText() const
{
    if (m_state == State::Preparing)
        return QStringLiteral("…");
    if (!m_attachment.mediaType.isEmpty())
        return m_attachment.kind() == Attachment::Kind::Pdf ? QStringLiteral("PDF")
               : m_attachment.isImage()                     ? QStringLiteral("IMG")
                                                            : QStringLiteral("TXT");
    // Refused before its type was taken: what its name says it is.
    const QString suffix = QFileInfo(m_attachment.name).suffix().toLower();
    static const QStringList images = {QStringLiteral("png"), QStringLiteral("jpg"),
                                       QStringLiteral("jpeg"), QStringLiteral("gif"),
                                       QStringLiteral("webp")};
    static const QStringList texts = {QStringLiteral("txt"), QStringLiteral("md"),
                                      QStringLiteral("csv"), QStringLiteral("log"),
                                      QStringLiteral("json")};
    if (suffix == u"pdf")
        return QStringLiteral("PDF");
    if (images.contains(suffix))
        return QStringLiteral("IMG");
    if (texts.contains(suffix))
        return QStringLiteral("TXT");
    return QStringLiteral("FILE");
}

void AttachmentChip::refresh()
{
    m_name->setText(fontMetrics().elidedText(m_attachment.name, Qt::ElideMiddle, 180));
    m_name->setToolTip(m_attachment.name);
    m_detail->setText(m_detail->fontMetrics().elidedText(detailText(), Qt::ElideRight, 360));
    m_detail->setToolTip(detailText());
    const bool problem = m_state == State::Failed || m_state == State::Missing;
    QPalette p = m_detail->palette();
    p.setColor(QPalette::WindowText,
               problem ? QColor(0xd3, 0x2f, 0x2f) : palette().color(QPalette::PlaceholderText));
    m_detail->setPalette(p);
    if (!m_attachment.isImage() || m_state != State::Ready)
        m_picture->setPixmap(badge(badgeText(), palette(), devicePixelRatioF()));
    setAccessibleName(tr("Attachment %1").arg(m_attachment.name));
    setAccessibleDescription(detailText());
    if (m_mode == Mode::Transcript)
        setToolTip(m_state == State::Ready ? tr("Open %1").arg(m_attachment.name) : m_problem);
}

void AttachmentChip::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_mode == Mode::Transcript && event->button() == Qt::LeftButton &&
        rect().contains(event->position().toPoint()) && m_state == State::Ready)
        Q_EMIT openRequested(m_attachment);
    QFrame::mouseReleaseEvent(event);
}

} // namespace bw::ui
