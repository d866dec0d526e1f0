#pragma once

#include "chat/chatmessage.h"

#include <QFrame>

class QLabel;
class QPushButton;
class QToolButton;

namespace bw::ui {

class MessageBody;

// A frame filled with the palette's Base colour tinted towards an accent, computed at paint time
// so it follows a change of theme.
class TintedFrame : public QFrame
{
    Q_OBJECT

public:
    explicit TintedFrame(QWidget *parent = nullptr)
        : QFrame(parent)
    {}
    void setTint(const QColor &accent, double amount);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QColor m_accent;
    double m_amount = 0;
};

// One message in the transcript: who and when, the text (Markdown for answers), a banner with
// Retry for interrupted and failed answers, and a footer (model, tokens, speed, cost, attempts).
class MessageWidget final : public TintedFrame
{
    Q_OBJECT

public:
    explicit MessageWidget(const ChatMessage &message, QWidget *parent = nullptr);

    const QString &messageId() const { return m_id; }
    void appendText(const QString &delta);
    void updateFrom(const ChatMessage &message);
    void setCoveredBySummary(bool covered);
    bool isCoveredBySummary() const;

    QString text() const;
    QString footerText() const;
    QString bannerText() const;
    bool hasRetry() const;
    MessageBody *body() const { return m_body; }

    static QString footerFor(const ChatMessage &message);

Q_SIGNALS:
    void retryRequested(const QString &messageId);

private:
    QString m_id;
    bool m_user;
    MessageStatus m_status;
    QLabel *m_who;
    QLabel *m_when;
    QLabel *m_covered;
    QToolButton *m_copy;
    MessageBody *m_body = nullptr;
    TintedFrame *m_banner;
    QLabel *m_bannerText;
    QPushButton *m_retry;
    QLabel *m_footer;
};

} // namespace bw::ui
