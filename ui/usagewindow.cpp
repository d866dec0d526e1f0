#include "usagewindow.h"

#include "chartaxis.h"

#include "app/application.h"
#include "app/conversationlibrary.h"
#include "chat/spendbudget.h"
#include "chat/spendmeter.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QStackedBarSeries>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>

namespace bw::ui {

namespace {

QString money(double usd)
{
    return BudgetVerdict::money(usd);
}

// "$1.20 of $5.00" when there is a budget, else the amount alone.
QString against(double spent, double budget)
{
    return budget > 0 ? UsageWindow::tr("%1 of %2").arg(money(spent), money(budget)) : money(spent);
}

QTableWidgetItem *cell(const QString &text, bool number = false)
{
    auto *item = new QTableWidgetItem(text);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

// `stretch`: the column that takes the room left (titles); the others fit their contents.
QTableWidget *table(const QStringList &headers, const QString &name, int stretch, QWidget *parent)
{
    auto *t = new QTableWidget(0, int(headers.size()), parent);
    t->setHorizontalHeaderLabels(headers);
    for (int c = 0; c < headers.size(); ++c)
        t->horizontalHeader()->setSectionResizeMode(
            c, c == stretch ? QHeaderView::Stretch : QHeaderView::ResizeToContents);
    t->verticalHeader()->hide();
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setWordWrap(false);
    t->setAccessibleName(name);
    return t;
}

} // namespace

UsageWindow::UsageWindow(Application *app, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_app(app)
    , m_summary(new QLabel(this))
    , m_chart(new QChart)
    , m_series(new QStackedBarSeries)
    , m_axisX(new QBarCategoryAxis)
    , m_axisY(new QValueAxis)
    , m_profiles(table({tr("Profile"), tr("Today"), tr("This month"), tr("Last 30 days"),
                        tr("All time"), tr("Requests")},
                       tr("Spend per profile"), -1, this))
    , m_conversations(table(
          {tr("Conversation"), tr("Requests"), tr("Input tokens"), tr("Output tokens"), tr("Cost")},
          tr("Spend per conversation"), 0, this))
    , m_export(new QPushButton(tr("Export CSV…"), this))
    , m_status(new QLabel(this))
    , m_refreshTimer(new QTimer(this))
{
    setWindowTitle(tr("Usage — Breakwater"));
    setAccessibleName(tr("Usage"));
    resize(1000, 760);
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAccessibleName(tr("Spend summary"));
    top->addWidget(m_summary, 1);
    auto *refreshButton = new QPushButton(tr("Refresh"), this);
    top->addWidget(refreshButton, 0, Qt::AlignTop);
    top->addWidget(m_export, 0, Qt::AlignTop);
    layout->addLayout(top);

    m_chart->addSeries(m_series);
    m_chart->setTitle(tr("Cost per day, last %n day(s), by model", nullptr, kDays));
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisY, Qt::AlignLeft);
    m_series->attachAxis(m_axisX);
    m_series->attachAxis(m_axisY);
    m_axisX->setLabelsAngle(-90);
    m_axisY->setTitleText(tr("USD"));
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setBackgroundVisible(false);
    const QColor text = palette().color(QPalette::WindowText);
    m_chart->setTitleBrush(text);
    m_chart->legend()->setLabelColor(text);
    m_axisX->setLabelsBrush(text);
    m_axisY->setLabelsBrush(text);
    m_axisY->setTitleBrush(text);
    auto *view = new QChartView(m_chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    view->setAccessibleName(tr("Cost per day by model"));
    view->setMinimumHeight(300);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(view);
    auto *tables = new QSplitter(Qt::Horizontal, split);
    tables->addWidget(m_profiles);
    tables->addWidget(m_conversations);
    tables->setStretchFactor(0, 1);
    tables->setStretchFactor(1, 1);
    tables->setSizes({520, 560});
    split->addWidget(tables);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({460, 260});
    layout->addWidget(split, 1);
    m_status->setAccessibleName(tr("Usage status"));
    layout->addWidget(m_status);
    // Export's outcome (and anything else the application says meanwhile) shows here too.
    connect(m_app, &Application::notice, m_status, &QLabel::setText);

    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(500);
    connect(m_refreshTimer, &QTimer::timeout, this, &UsageWindow::refresh);
    connect(m_app->spendMeter(), &SpendMeter::recorded, this, [this] {
        if (isVisible())
            m_refreshTimer->start();
    });
    // The demo and the API keep separate ledgers; a profile has its own budgets.
    connect(m_app, &Application::engineChanged, this, [this] {
        if (isVisible())
            m_refreshTimer->start();
    });
    connect(refreshButton, &QPushButton::clicked, this, &UsageWindow::refresh);
    connect(m_export, &QPushButton::clicked, this, &UsageWindow::exportDialog);
    m_summary->setText(tr("Reading the usage ledger…"));
}

UsageWindow::~UsageWindow() = default;

void UsageWindow::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void UsageWindow::refresh()
{
    const int serial = ++m_serial;
    m_app->usageReport(
        this,
        [this, serial](const UsageReport &report) {
            if (serial == m_serial) // a newer read is on its way
                showReport(report);
        },
        kDays);
}

void UsageWindow::showReport(const UsageReport &report)
{
    m_report = report;
    setWindowTitle(m_app->isDemo() ? tr("Usage (Demo) — Breakwater") : tr("Usage — Breakwater"));
    fillChart();
    fillTables();
    Q_EMIT refreshed();
}

QString UsageWindow::summaryText() const
{
    return m_summary->text();
}

QString UsageWindow::statusText() const
{
    return m_status->text();
}

void UsageWindow::fillChart()
{
    m_series->clear(); // deletes the sets
    const QList<QDate> days = m_report.chartDays();
    QStringList categories;
    const QLocale l;
    for (const QDate &d : days)
        categories << l.toString(d, QStringLiteral("d MMM"));
    m_axisX->clear();
    m_axisX->append(categories);
    double highest = 0;
    QList<double> dayTotals(days.size(), 0.0);
    for (const QString &model : m_report.chartModels()) {
        auto *set = new QBarSet(model.isEmpty() ? tr("(unknown model)") : model);
        for (qsizetype i = 0; i < days.size(); ++i) {
            const double cost = m_report.chartCost(days[i], model);
            *set << cost;
            dayTotals[i] += cost;
        }
        m_series->append(set);
    }
    for (double t : std::as_const(dayTotals))
        highest = std::max(highest, t);
    // Cents or less in a demo, dollars for real work: the axis follows.
    const double step = niceStep(highest > 0 ? highest : 0.01, 5, 1e-6);
    setNiceRange(m_axisY, highest > 0 ? highest : 0.01, 5, 1e-6);
    // Money in cents at least; more digits only when the steps are smaller than a cent.
    const int decimals = step >= 0.01 ? 2 : step >= 0.001 ? 3 : 4;
    m_axisY->setLabelFormat(QStringLiteral("$%.") + QString::number(decimals) +
                            QStringLiteral("f"));
    m_chart->legend()->setVisible(!m_report.chartModels().isEmpty());
}

void UsageWindow::fillTables()
{
    const QLocale l;
    const EngineSettings &settings = m_app->settings();
    const SpendBudgets &budgets = settings.budgets;

    const QList<UsageReport::ProfileSpend> profiles = m_report.profiles();
    m_profiles->setRowCount(int(profiles.size()));
    for (int row = 0; row < profiles.size(); ++row) {
        const UsageReport::ProfileSpend &p = profiles[row];
        const bool current = p.profile == settings.profile;
        m_profiles->setItem(row, 0, cell(current ? tr("%1 (current)").arg(p.profile) : p.profile));
        m_profiles->setItem(
            row, 1, cell(current ? against(p.today, budgets.dayUsd) : money(p.today), true));
        m_profiles->setItem(
            row, 2, cell(current ? against(p.month, budgets.monthUsd) : money(p.month), true));
        m_profiles->setItem(row, 3, cell(money(p.chart), true));
        m_profiles->setItem(row, 4, cell(money(p.all), true));
        m_profiles->setItem(row, 5, cell(l.toString(p.requests), true));
    }

    // The profiles' figures are read whole: the table is as wide as its columns.
    m_profiles->setMinimumWidth(m_profiles->horizontalHeader()->length() +
                                2 * m_profiles->frameWidth());

    QHash<QString, QString> titles;
    for (const ConversationInfo &info : m_app->library()->entries())
        titles.insert(info.id, info.title);
    const QList<UsageTotal> conversations = m_report.totals(UsageReport::By::Conversation);
    m_conversations->setRowCount(int(conversations.size()));
    for (int row = 0; row < conversations.size(); ++row) {
        const UsageTotal &t = conversations[row];
        QString name;
        if (t.key.isEmpty())
            name = tr("One-shots and batches");
        else if (const auto it = titles.constFind(t.key); it != titles.cend())
            name = it->isEmpty() ? tr("Untitled") : *it;
        else
            name = tr("Deleted or elsewhere (%1…)").arg(t.key.left(8)); // its spend still counts
        QTableWidgetItem *item = cell(name);
        item->setToolTip(t.key);
        m_conversations->setItem(row, 0, item);
        m_conversations->setItem(row, 1, cell(l.toString(t.requests), true));
        m_conversations->setItem(row, 2, cell(l.toString(t.usage.totalInputTokens()), true));
        m_conversations->setItem(row, 3, cell(l.toString(t.usage.outputTokens), true));
        const bool hasBudget = budgets.conversationUsd > 0 && !t.key.isEmpty();
        m_conversations->setItem(
            row, 4,
            cell(hasBudget ? against(t.costUsd, budgets.conversationUsd) : money(t.costUsd), true));
    }

    UsageReport::ProfileSpend mine;
    for (const UsageReport::ProfileSpend &p : profiles) {
        if (p.profile == settings.profile)
            mine = p;
    }
    const qint64 all = m_report.total().requests;
    const int requests = all > INT_MAX ? INT_MAX : int(all);
    QString summary =
        tr("<b>%1</b>: today %2 · this month %3 · all profiles, all time %4 in %n request(s).",
           nullptr, requests)
            .arg(settings.profile.toHtmlEscaped(), against(mine.today, budgets.dayUsd),
                 against(mine.month, budgets.monthUsd), money(m_report.total().costUsd));
    summary +=
        QStringLiteral("<br>") + tr("Ledger: %1").arg(m_app->usageLedgerPath().toHtmlEscaped());
    if (m_report.damagedLines > 0)
        summary += QStringLiteral(" · ") +
                   tr("%n damaged line(s) skipped", nullptr, m_report.damagedLines);
    if (!m_report.problem.isEmpty())
        summary += QStringLiteral("<br>") + m_report.problem.toHtmlEscaped();
    m_summary->setText(summary);
    m_export->setEnabled(m_report.total().requests > 0);
}

void UsageWindow::exportCsv(const QString &path)
{
    m_app->exportUsageCsv(path);
}

void UsageWindow::exportDialog()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export usage"), QStringLiteral("breakwater-usage.csv"), tr("CSV (*.csv)"));
    if (!path.isEmpty())
        exportCsv(path);
}

} // namespace bw::ui
