#include "attachmenttray.h"

#include "app/application.h"
#include "app/attachmentlibrary.h"
#include "attachmentchip.h"
#include "chat/chatsession.h"
#include "flowlayout.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMimeData>
#include <QToolButton>
#include <QVBoxLayout>

namespace bw::ui {

AttachmentTray::AttachmentTray(Application *app, QWidget *parent)
    : QWidget(parent)
    , m_app(app)
    , m_estimate(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 0, 8, 0);
    layout->setSpacing(4);
    auto *chips = new QWidget(this);
    m_flow = new FlowLayout(chips);
    layout->addWidget(chips);
    m_estimate->setForegroundRole(QPalette::PlaceholderText);
    m_estimate->setAccessibleName(tr("Attachments' cost"));
    layout->addWidget(m_estimate);
    setAccessibleName(tr("Attachments"));
    m_countTimer.setSingleShot(true);
    m_countTimer.setInterval(400);
    connect(&m_countTimer, &QTimer::timeout, this, &AttachmentTray::countTokens);
    hide();
}

AttachmentTray::~AttachmentTray()
{
    // Only the holds on the files: the window around is going away too, nobody is told.
    if (!m_app)
        return;
    for (AttachmentChip *chip : std::as_const(m_chips)) {
        if (chip->state() == AttachmentChip::State::Ready)
            m_app->attachments()->release(chip->attachment());
    }
}

AttachmentChip *AttachmentTray::addChip(const QString &name)
{
    auto *chip = new AttachmentChip(AttachmentChip::Mode::Composer, this);
    chip->setPreparing(name);
    m_flow->addWidget(chip);
    m_chips.append(chip);
    connect(chip, &AttachmentChip::removeRequested, this, [this, chip] { removeChip(chip); });
    show();
    Q_EMIT changed();
    return chip;
}

void AttachmentTray::addFiles(const QStringList &paths)
{
    for (const QString &path : paths) {
        AttachmentChip *chip = addChip(QFileInfo(path).fileName());
        // The image at its original size, or scaled again: the same file prepared anew.
        connect(chip, &AttachmentChip::keepOriginalRequested, this, [this, chip, path](bool keep) {
            if (chip->state() == AttachmentChip::State::Ready)
                m_app->attachments()->release(chip->attachment());
            chip->setPreparing(QFileInfo(path).fileName());
            prepare(chip, path, keep);
            updateEstimate();
            Q_EMIT changed();
        });
        prepare(chip, path, false);
    }
    updateEstimate();
}

void AttachmentTray::addImage(const QImage &image)
{
    const QString name = tr("Pasted image %1.png")
                             .arg(QLocale::c().toString(QDateTime::currentDateTime(),
                                                        QStringLiteral("yyyy-MM-dd HH.mm.ss")));
    AttachmentChip *chip = addChip(name);
    QPointer<AttachmentChip> guard(chip);
    m_app->attachments()->prepare(
        image, name, this, [this, guard](const AttachmentPreparer::Result &r) {
            if (!guard || !m_chips.contains(guard)) {
                if (r.ok)
                    m_app->attachments()->release(r.attachment);
                return;
            }
            if (!r.ok) {
                guard->setFailed(r.error);
            } else {
                guard->setAttachment(r.attachment);
                guard->setThumbnail(r.thumbnail);
                if (r.scaled) {
                    guard->setScaledFrom(r.originalSize, false);
                    guard->keepOriginalButton()->hide(); // a paste has no original to go back to
                }
            }
            updateEstimate();
            Q_EMIT changed();
        });
    updateEstimate();
}

void AttachmentTray::prepare(AttachmentChip *chip, const QString &path, bool keepOriginal)
{
    const int serial = ++m_serials[chip]; // a newer preparation of the chip wins
    QPointer<AttachmentChip> guard(chip);
    m_app->attachments()->prepare(
        path, keepOriginal, this,
        [this, guard, serial, keepOriginal](const AttachmentPreparer::Result &r) {
            if (!guard || !m_chips.contains(guard) || m_serials.value(guard) != serial) {
                if (r.ok)
                    m_app->attachments()->release(r.attachment); // removed or redone meanwhile
                return;
            }
            if (!r.ok) {
                guard->setFailed(r.error);
            } else {
                guard->setAttachment(r.attachment);
                guard->setThumbnail(r.thumbnail);
                guard->setScaledFrom(r.scaled || keepOriginal ? r.originalSize : QSize(),
                                     keepOriginal);
            }
            updateEstimate();
            Q_EMIT changed();
        });
}

void AttachmentTray::removeChip(AttachmentChip *chip)
{
    if (!m_chips.removeOne(chip))
        return;
    if (chip->state() == AttachmentChip::State::Ready)
        m_app->attachments()->release(chip->attachment());
    m_serials.remove(chip);
    chip->deleteLater();
    setVisible(!m_chips.isEmpty());
    updateEstimate();
    Q_EMIT changed();
}

void AttachmentTray::clear()
{
    for (AttachmentChip *chip : std::as_const(m_chips)) {
        if (chip->state() == AttachmentChip::State::Ready)
            m_app->attachments()->release(chip->attachment());
        chip->deleteLater();
    }
    m_chips.clear();
    m_serials.clear();
    hide();
    updateEstimate();
    Q_EMIT changed();
}

QList<Attachment> AttachmentTray::attachments() const
{
    QList<Attachment> list;
    for (const AttachmentChip *chip : m_chips) {
        if (chip->state() == AttachmentChip::State::Ready)
            list.append(chip->attachment());
    }
    return list;
}

bool AttachmentTray::isPreparing() const
{
    return std::any_of(m_chips.cbegin(), m_chips.cend(), [](const AttachmentChip *c) {
        return c->state() == AttachmentChip::State::Preparing;
    });
}

QStringList AttachmentTray::problems() const
{
    QStringList list;
    for (const AttachmentChip *chip : m_chips) {
        if (chip->state() == AttachmentChip::State::Failed)
            list.append(chip->problem());
    }
    return list;
}

QString AttachmentTray::estimateText() const
{
    return m_estimate->text();
}

void AttachmentTray::updateEstimate()
{
    const QList<Attachment> ready = attachments();
    m_counted = -1;
    ++m_countSerial; // a count under way is for other files
    if (ready.isEmpty()) {
        m_estimate->setText(isPreparing() ? tr("Preparing…") : QString());
        return;
    }
    qint64 low = 0, high = 0, bytes = 0;
    for (const Attachment &a : ready) {
        low += a.estimatedTokens().low;
        high += a.estimatedTokens().high;
        bytes += a.requestBytes();
    }
    const QLocale l;
    const QString model = m_app->session()->model();
    auto dollars = [this, &l, &model](qint64 tokens) -> QString {
        Usage u;
        u.inputTokens = tokens;
        const double usd = m_app->prices().cost(model, u);
        return QStringLiteral("$") + l.toString(usd, 'f', usd < 0.1 ? 4 : 3);
    };
    QString tokens = l.toString(low);
    QString price = dollars(low);
    if (high != low) {
        tokens = tr("%1–%2").arg(tokens, l.toString(high));
        price = tr("%1–%2").arg(price, dollars(high));
    }
    m_estimate->setText(tr("%n file(s) · about %1 tokens (estimated) · %2 at %3's input price · %4 "
                           "to send",
                           nullptr, int(ready.size()))
                            .arg(tokens, price, model, AttachmentChip::sizeText(bytes)));
    if (!isPreparing())
        m_countTimer.start();
}

void AttachmentTray::countTokens()
{
    const QList<Attachment> ready = attachments();
    if (ready.isEmpty() || isPreparing())
        return;
    const int serial = m_countSerial;
    m_app->session()->countAttachments(ready, this, [this, serial, ready](qint64 tokens) {
        if (serial != m_countSerial || tokens < 0)
            return; // other files by now, or no count: the estimate stands
        m_counted = tokens;
        const QLocale l;
        const QString model = m_app->session()->model();
        Usage u;
        u.inputTokens = tokens;
        const double usd = m_app->prices().cost(model, u);
        qint64 bytes = 0;
        for (const Attachment &a : ready)
            bytes += a.requestBytes();
        m_estimate->setText(
            tr("%n file(s) · %1 tokens (count_tokens) · %2 at %3's input price · %4 to send",
               nullptr, int(ready.size()))
                .arg(l.toString(tokens),
                     QStringLiteral("$") + l.toString(usd, 'f', usd < 0.1 ? 4 : 3), model,
                     AttachmentChip::sizeText(bytes)));
    });
}

void AttachmentTray::acceptDropsOn(QWidget *target)
{
    target->setAcceptDrops(true);
    target->installEventFilter(this);
}

QString AttachmentTray::fileFilter() const
{
    const AttachmentPreparer::Options o = m_app->attachments()->options();
    QStringList patterns;
    if (o.imagesAllowed)
        patterns << QStringLiteral("*.png *.jpg *.jpeg *.gif *.webp");
    if (o.pdfsAllowed)
        patterns << QStringLiteral("*.pdf");
    patterns << QStringLiteral("*.txt *.md *.csv *.json *.log");
    return tr("Files Claude reads (%1)").arg(patterns.join(QLatin1Char(' '))) +
           QStringLiteral(";;") + tr("All files (*)");
}

bool AttachmentTray::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove) {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        if (drag->mimeData()->hasUrls() || drag->mimeData()->hasImage()) {
            drag->acceptProposedAction();
            return true;
        }
    } else if (event->type() == QEvent::Drop) {
        auto *drop = static_cast<QDropEvent *>(event);
        QStringList files;
        for (const QUrl &url : drop->mimeData()->urls()) {
            if (url.isLocalFile())
                files << url.toLocalFile();
        }
        if (!files.isEmpty()) {
            addFiles(files);
            drop->acceptProposedAction();
            return true;
        }
        if (drop->mimeData()->hasImage()) {
            addImage(qvariant_cast<QImage>(drop->mimeData()->imageData()));
            drop->acceptProposedAction();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace bw::ui
