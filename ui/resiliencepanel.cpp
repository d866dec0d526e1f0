#include "resiliencepanel.h"

#include "breakerindicator.h"
#include "chat/chatsession.h"
#include "resilience/resilientclient.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTime>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace bw::ui {

namespace {
enum Column { AttemptColumn, TimeColumn, ResultColumn, WaitColumn };

QString seconds(qint64 ms)
{
    return QLocale().toString(double(ms) / 1000.0, 'f', 1);
}
} // namespace

ResiliencePanel::ResiliencePanel(QWidget *parent)
    : QWidget(parent)
    , m_indicator(new BreakerIndicator(BreakerIndicator::Size::Large, this))
    , m_detail(new QLabel(this))
    , m_reset(new QPushButton(tr("Reset breaker"), this))
    , m_timeline(new QTreeWidget(this))
    , m_requests(new QProgressBar(this))
    , m_tokens(new QProgressBar(this))
    , m_resets(new QLabel(this))
{
    setAccessibleName(tr("Resilience"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_indicator);
    m_detail->setWordWrap(true);
    m_detail->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_detail);
    m_reset->setToolTip(tr("Close the circuit breaker now and let requests through again"));
    m_reset->setAccessibleName(tr("Reset circuit breaker"));
    layout->addWidget(m_reset, 0, Qt::AlignLeft);

    auto *timelineTitle = new QLabel(tr("Attempts"), this);
    QFont bold = timelineTitle->font();
    bold.setBold(true);
    timelineTitle->setFont(bold);
    layout->addWidget(timelineTitle);
    m_timeline->setColumnCount(4);
    m_timeline->setHeaderLabels({tr("Attempt"), tr("Time"), tr("Result"), tr("Wait")});
    m_timeline->setRootIsDecorated(true);
    m_timeline->setUniformRowHeights(true);
    m_timeline->setAccessibleName(tr("Attempts timeline"));
    // Request rows span all columns, so the first column is sized for attempt numbers only.
    m_timeline->header()->setSectionResizeMode(AttemptColumn, QHeaderView::Fixed);
    m_timeline->header()->resizeSection(AttemptColumn,
                                        fontMetrics().horizontalAdvance(tr("Attempt")) + 40);
    m_timeline->header()->setSectionResizeMode(TimeColumn, QHeaderView::ResizeToContents);
    m_timeline->header()->setSectionResizeMode(ResultColumn, QHeaderView::Stretch);
    m_timeline->header()->setSectionResizeMode(WaitColumn, QHeaderView::ResizeToContents);
    m_timeline->header()->setStretchLastSection(false);
    layout->addWidget(m_timeline, 1);

    auto *limits = new QFormLayout;
    m_requests->setFormat(QStringLiteral("—"));
    m_tokens->setFormat(QStringLiteral("—"));
    m_requests->setAccessibleName(tr("Requests left in this minute"));
    m_tokens->setAccessibleName(tr("Tokens left in this minute"));
    for (QProgressBar *bar : {m_requests, m_tokens}) {
        bar->setRange(0, 1);
        bar->setValue(0);
        bar->setTextVisible(true);
    }
    limits->addRow(tr("Requests left:"), m_requests);
    limits->addRow(tr("Tokens left:"), m_tokens);
    m_resets->setForegroundRole(QPalette::PlaceholderText);
    limits->addRow(QString(), m_resets);
    layout->addLayout(limits);

    connect(m_reset, &QPushButton::clicked, this, [this] {
        if (m_engine && m_engine->breaker())
            m_engine->breaker()->reset();
        Q_EMIT resetRequested();
    });
}

void ResiliencePanel::setEngine(ResilientClient *engine)
{
    if (m_engine)
        m_engine->disconnect(this);
    m_engine = engine;
    auto bind = [this](CircuitBreaker *breaker) {
        if (m_breaker)
            m_breaker->disconnect(this);
        m_breaker = breaker;
        m_indicator->setBreaker(breaker);
        if (breaker)
            connect(breaker, &CircuitBreaker::stateChanged, this,
                    &ResiliencePanel::updateBreakerDetail);
        updateBreakerDetail();
    };
    if (engine) {
        connect(engine, &ResilientClient::breakerChanged, this, bind);
        bind(engine->breaker());
    }
}

void ResiliencePanel::setSession(ChatSession *session)
{
    if (m_session)
        m_session->disconnect(this);
    m_session = session;
    if (session)
        connect(session, &ChatSession::answerStarted, this, &ResiliencePanel::track);
}

void ResiliencePanel::updateBreakerDetail()
{
    m_detail->setText(m_indicator->detailText());
}

void ResiliencePanel::track(AnswerJob *call)
{
    const QString prompt = call->prompt().simplified();
    const QString time = QLocale().toString(QTime::currentTime(), QStringLiteral("HH:mm:ss"));
    const QString head = tr("#%1 · %2 · “%3”").arg(++m_serial).arg(time, prompt.left(48));
    auto *request = new QTreeWidgetItem;
    request->setText(AttemptColumn, head);
    request->setToolTip(AttemptColumn, prompt.left(500));
    request->setData(AttemptColumn, Qt::UserRole, head);
    m_timeline->insertTopLevelItem(0, request);
    request->setFirstColumnSpanned(true);
    while (m_timeline->topLevelItemCount() > kKeptRequests)
        delete m_timeline->takeTopLevelItem(m_timeline->topLevelItemCount() - 1);
    m_timeline->collapseAll();
    request->setExpanded(true);

    // Items live in the tree, which drops old requests: look this one up each time.
    auto find = [this, head]() -> QTreeWidgetItem * {
        for (int i = 0; i < m_timeline->topLevelItemCount(); ++i) {
            if (m_timeline->topLevelItem(i)->data(AttemptColumn, Qt::UserRole).toString() == head)
                return m_timeline->topLevelItem(i);
        }
        return nullptr;
    };
    auto current = [find]() -> QTreeWidgetItem * {
        QTreeWidgetItem *r = find();
        return r && r->childCount() ? r->child(r->childCount() - 1) : nullptr;
    };
    auto conclude = [find, head](const QString &outcome) {
        if (QTreeWidgetItem *r = find())
            r->setText(AttemptColumn, head + QStringLiteral("  —  ") + outcome);
    };
    connect(call, &AnswerJob::attemptStarted, this, [find](int n) {
        if (QTreeWidgetItem *r = find()) {
            auto *a = new QTreeWidgetItem(r);
            a->setText(AttemptColumn, QString::number(n));
            a->setText(TimeColumn,
                       QLocale().toString(QTime::currentTime(), QStringLiteral("HH:mm:ss")));
            a->setText(ResultColumn, tr("connecting…"));
        }
    });
    connect(call, &AnswerJob::headersReceived, this,
            [this, current](int status, const QString &requestId, const RateLimitInfo &info) {
                if (QTreeWidgetItem *a = current()) {
                    a->setText(ResultColumn,
                               status < 300 ? tr("streaming") : tr("HTTP %1").arg(status));
                    a->setToolTip(ResultColumn,
                                  tr("HTTP %1, request-id %2").arg(status).arg(requestId));
                }
                showRateLimits(info);
            });
    connect(call, &AnswerJob::retryScheduled, this,
            [current](int, qint64 delayMs, const ApiError &reason) {
                if (QTreeWidgetItem *a = current()) {
                    a->setText(ResultColumn,
                               reason.httpStatus
                                   ? tr("%1 · %2").arg(reason.kindName()).arg(reason.httpStatus)
                                   : reason.kindName());
                    a->setToolTip(ResultColumn,
                                  reason.sentence() + QStringLiteral("\n") + reason.advice());
                    a->setText(WaitColumn, tr("retry in %1 s").arg(seconds(delayMs)));
                    a->setData(WaitColumn, Qt::UserRole, delayMs);
                }
            });
    connect(call, &AnswerJob::waitTick, this, [current](qint64 remainingMs) {
        if (QTreeWidgetItem *a = current()) {
            const qint64 total = a->data(WaitColumn, Qt::UserRole).toLongLong();
            a->setText(WaitColumn, remainingMs > 0 ? tr("waiting %1 s…").arg(seconds(remainingMs))
                                                   : tr("waited %1 s").arg(seconds(total)));
        }
    });
    connect(call, &AnswerJob::finished, this, [current, conclude, call] {
        if (QTreeWidgetItem *a = current())
            a->setText(ResultColumn, tr("ok"));
        conclude(tr("✓ answered in %1 s").arg(seconds(call->elapsedMs())));
    });
    connect(call, &AnswerJob::failed, this, [find, current, conclude](const ApiError &e) {
        if (e.kind == ErrorKind::CircuitOpen) {
            // Refused by the breaker: nothing went out.
            if (QTreeWidgetItem *r = find()) {
                auto *a = new QTreeWidgetItem(r);
                a->setText(AttemptColumn, QStringLiteral("—"));
                a->setText(TimeColumn,
                           QLocale().toString(QTime::currentTime(), QStringLiteral("HH:mm:ss")));
                a->setText(ResultColumn, tr("not sent: breaker open"));
                a->setToolTip(ResultColumn, e.sentence());
            }
        } else if (QTreeWidgetItem *a = current()) {
            a->setText(ResultColumn, e.httpStatus
                                         ? tr("%1 · %2").arg(e.kindName()).arg(e.httpStatus)
                                         : e.kindName());
            a->setToolTip(ResultColumn, e.sentence() + QStringLiteral("\n") + e.advice());
        }
        conclude(e.partial ? tr("✗ %1, partial text kept").arg(e.kindName())
                           : tr("✗ %1").arg(e.kindName()));
    });
}

void ResiliencePanel::showRateLimits(const RateLimitInfo &info)
{
    const QLocale l;
    auto show = [&l](QProgressBar *bar, const RateLimitBucket &b) {
        if (!b.limit || !b.remaining)
            return;
        bar->setRange(0, int(std::min<qint64>(*b.limit, INT_MAX)));
        bar->setValue(int(std::min<qint64>(*b.remaining, INT_MAX)));
        bar->setFormat(tr("%1 of %2").arg(l.toString(*b.remaining), l.toString(*b.limit)));
    };
    show(m_requests, info.requests);
    show(m_tokens, info.tokens);
    if (info.requests.reset.isValid())
        m_resets->setText(tr("The window resets at %1")
                              .arg(l.toString(info.requests.reset.toLocalTime().time(),
                                              QStringLiteral("HH:mm:ss"))));
}

QStringList ResiliencePanel::latestAttempts() const
{
    QStringList rows;
    const QTreeWidgetItem *r = m_timeline->topLevelItem(0);
    for (int i = 0; r && i < r->childCount(); ++i) {
        const QTreeWidgetItem *a = r->child(i);
        rows << a->text(AttemptColumn) + QStringLiteral(" | ") + a->text(ResultColumn) +
                    QStringLiteral(" | ") + a->text(WaitColumn);
    }
    return rows;
}

} // namespace bw::ui
