#pragma once

#include <QMessageBox>
#include <QPointer>

namespace bw {
class AnswerJob;
class ModelCatalogue;
} // namespace bw

namespace bw::ui {

// "Claude Opus 4.8 is overloaded — answer with Claude Sonnet 4.6?": the question of the fallback
// setting "ask each time". Not modal: the window, its transcript and Stop stay usable while it
// is open, and it closes by itself when the answer ends another way (stopped, say). Closing it
// without choosing is a no.
class FallbackPrompt final : public QMessageBox
{
    Q_OBJECT

public:
    static constexpr auto kObjectName = "fallbackQuestion";

    // Asks whenever `job` offers a fallback; the question is a child of `window`.
    static void watch(AnswerJob *job, const ModelCatalogue *catalogue, QWidget *window);

    FallbackPrompt(AnswerJob *job, const QString &fromLabel, const QString &toLabel,
                   const QString &reason, QWidget *parent);

    QAbstractButton *acceptButton() const { return m_accept; }
    QAbstractButton *declineButton() const { return m_decline; }

private:
    QPointer<AnswerJob> m_job;
    QAbstractButton *m_accept;
    QAbstractButton *m_decline;
};

} // namespace bw::ui
