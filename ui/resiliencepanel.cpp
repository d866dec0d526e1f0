#include "resiliencepanel.h"

#include "api/anthropicclient.h"
#include "breakerindicator.h"
#include "chat/chatsession.h"
#include "chat/modelcatalogue.h"
#include "resilience/breakerregistry.h"
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
    , m_lights(new QWidget(this))
    , m_detail(new QLabel(this))
    , m_reset(new QPushButton(tr("Reset breakers"), this))
    , m_timeline(new QTreeWidget(this))
    , m_requests(new QProgressBar(this))
    , m_tokens(new QProgressBar(this))
    , m_resets(new QLabel(this))
{
    setAccessibleName(tr("Resilience"));
    auto *layout = new QVBoxLayout(this);
    auto *lights = new QVBoxLayout(m_lights);
    lights->setContentsMargins(0, 0, 0, 0);
    m_lights->setAccessibleName(tr("Circuit breakers, one per model"));
    layout->addWidget(m_lights);
    m_detail->setWordWrap(true);
    m_detail->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_detail);
    m_reset->setToolTip(tr("Close every circuit breaker now and let requests through again"));
    m_reset->setAccessibleName(tr("Reset circuit breakers"));
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
        if (m_engine)
            m_engine->resetBreakers();
        Q_EMIT resetRequested();
    });
}

void ResiliencePanel::setEngine(ResilientClient *engine)
{
    if (m_engine) {
        m_engine->disconnect(this);
        m_engine->breakers()->disconnect(this);
    }
    m_engine = engine;
    if (engine) {
        connect(engine, &ResilientClient::breakersChanged, this, &ResiliencePanel::rebuildLights);
        connect(engine->breakers(), &BreakerRegistry::breakerAdded, this,
                &ResiliencePanel::refreshLights);
    }
    rebuildLights();
}

void ResiliencePanel::setCatalogue(const ModelCatalogue *catalogue)
{
    if (m_catalogue)
        m_catalogue->disconnect(this);
    m_catalogue = catalogue;
    if (catalogue)
        connect(catalogue, &ModelCatalogue::changed, this, &ResiliencePanel::refreshLights);
    refreshLights();
}

void ResiliencePanel::setSession(ChatSession *session)
{
    if (m_session)
        m_session->disconnect(this);
    m_session = session;
    if (session)
        connect(session, &ChatSession::answerStarted, this, &ResiliencePanel::track);
    refreshLights();
}

QString ResiliencePanel::labelFor(const QString &model) const
{
    if (model.isEmpty())
        return tr("Other calls (model list, batches)");
    return m_catalogue ? m_catalogue->info(model).label() : model;
}

void ResiliencePanel::rebuildLights()
{
    // Another base URL: another service, other breakers.
    qDeleteAll(m_indicators);
    m_indicators.clear();
    refreshLights();
}

void ResiliencePanel::refreshLights()
{
    if (!m_engine)
        return;
    const QString current = m_session ? m_session->model() : QString();
    // The session's model has a light before its first call (the registry makes it now).
    if (!current.isEmpty())
        m_engine->breakerFor(current);
    auto *layout = static_cast<QVBoxLayout *>(m_lights->layout());
    QList<BreakerRegistry::Entry> entries =
        m_engine->breakers()->breakersAt(m_engine->client()->config().baseUrl);
    // The session's model first, the calls without a model last; the rest as they came.
    std::stable_sort(entries.begin(), entries.end(),
                     [&current](const BreakerRegistry::Entry &a, const BreakerRegistry::Entry &b) {
                         auto rank = [&current](const QString &m) {
                             return m == current ? 0 : m.isEmpty() ? 2 : 1;
                         };
                         return rank(a.model) < rank(b.model);
                     });
    int row = 0;
    for (const BreakerRegistry::Entry &e : std::as_const(entries)) {
        BreakerIndicator *light = m_indicators.value(e.model);
        if (!light) {
            light = new BreakerIndicator(BreakerIndicator::Size::Large, m_lights);
            light->setBreaker(e.breaker);
            m_indicators.insert(e.model, light);
            connect(e.breaker, &CircuitBreaker::stateChanged, this, &ResiliencePanel::refreshLights,
                    Qt::UniqueConnection);
        }
        light->setLabel(labelFor(e.model));
        // A model in use: the session's, or one a call went to. The calls without a model
        // (the list, batches) only when something went wrong there.
        const CircuitBreaker *b = e.breaker;
        const bool troubled = b->state() != BreakerState::Closed || b->consecutiveFailures() > 0;
        const bool shown =
            e.model.isEmpty() ? troubled : e.model == current || b->wasUsed() || troubled;
        light->setVisible(shown);
        layout->removeWidget(light);
        layout->insertWidget(row++, light);
    }
    updateBreakerDetail();
}

QList<BreakerIndicator *> ResiliencePanel::indicators() const
{
    QList<BreakerIndicator *> shown;
    auto *layout = m_lights->layout();
    for (int i = 0; i < layout->count(); ++i) {
        auto *light = qobject_cast<BreakerIndicator *>(layout->itemAt(i)->widget());
        if (light && !light->isHidden())
            shown << light;
    }
    return shown;
}

BreakerIndicator *ResiliencePanel::indicatorFor(const QString &model) const
{
    BreakerIndicator *light = m_indicators.value(model);
    return light && !light->isHidden() ? light : nullptr;
}

void ResiliencePanel::updateBreakerDetail()
{
    // The light most worth a sentence: an open breaker, then a testing one, else the first.
    const QList<BreakerIndicator *> shown = indicators();
    BreakerIndicator *pick = shown.isEmpty() ? nullptr : shown.first();
    for (BreakerState state : {BreakerState::HalfOpen, BreakerState::Open}) {
        for (BreakerIndicator *light : shown) {
            if (light->breaker() && light->breaker()->state() == state)
                pick = light;
        }
    }
    if (!pick) {
        m_detail->clear();
        return;
    }
    m_detail->setText(shown.size() > 1 ? tr("%1: %2").arg(pick->label(), pick->detailText())
                                       : pick->detailText());
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
    connect(
        call, &AnswerJob::modelSwitched, this,
        [this, find](const QString &from, const QString &to, const QString &reason) {
            if (QTreeWidgetItem *r = find()) {
                // A row of its own across the columns: the model changes here.
                auto *a = new QTreeWidgetItem(r);
                a->setText(
                    AttemptColumn,
                    QStringLiteral("→ ") +
                        (reason == u"circuit_open"
                             ? tr("%1 answers: %2 keeps failing").arg(labelFor(to), labelFor(from))
                             : tr("%1 answers: %2 is overloaded")
                                   .arg(labelFor(to), labelFor(from))));
                a->setFirstColumnSpanned(true);
            }
            refreshLights();
        });
    connect(call, &AnswerJob::attemptStarted, this, [this, find](int n) {
        refreshLights(); // the model asked is in use now
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
