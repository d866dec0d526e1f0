#include "fallbackprompt.h"

#include "chat/answerjob.h"
#include "chat/modelcatalogue.h"

#include <QPushButton>

namespace bw::ui {

void FallbackPrompt::watch(AnswerJob *job, const ModelCatalogue *catalogue, QWidget *window)
{
    QPointer<const ModelCatalogue> models(catalogue);
    connect(job, &AnswerJob::fallbackOffered, window,
            [job, models, window](const QString &from, const QString &to, const QString &reason) {
                auto label = [&models](const QString &id) {
                    return models ? models->info(id).label() : id;
                };
                auto *box = new FallbackPrompt(job, label(from), label(to), reason, window);
                box->show();
            });
}

FallbackPrompt::FallbackPrompt(AnswerJob *job, const QString &fromLabel, const QString &toLabel,
                               const QString &reason, QWidget *parent)
    : QMessageBox(parent)
    , m_job(job)
{
    setObjectName(QLatin1String(kObjectName));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowModality(Qt::NonModal);
    setIcon(QMessageBox::Question);
    setWindowTitle(tr("Model overloaded"));
    // The names are the server's display names or ids the user typed: shown as written, never
    // read as markup.
    setTextFormat(Qt::PlainText);
    setText(reason == u"circuit_open"
                ? tr("%1 keeps failing — answer with %2?").arg(fromLabel, toLabel)
                : tr("%1 is overloaded — answer with %2?").arg(fromLabel, toLabel));
    setInformativeText(
        tr("Nothing of the answer has arrived yet, so nothing is lost or repeated. The answer "
           "will say which model wrote it. Settings → Chat decides whether to ask next time."));
    QString buttonLabel = toLabel;
    buttonLabel.replace(QLatin1Char('&'), QStringLiteral("&&")); // not a shortcut
    m_accept = addButton(tr("Answer with %1").arg(buttonLabel), QMessageBox::AcceptRole);
    m_decline = addButton(tr("Don't switch"), QMessageBox::RejectRole);
    setDefaultButton(qobject_cast<QPushButton *>(m_accept));
    setEscapeButton(m_decline);
    // Closed in any way other than the switch button: no.
    connect(this, &QDialog::finished, this, [this] {
        if (!m_job)
            return;
        if (clickedButton() == m_accept)
            m_job->acceptFallback();
        else
            m_job->declineFallback();
    });
    connect(job, &AnswerJob::ended, this, &QWidget::close);
}

} // namespace bw::ui
