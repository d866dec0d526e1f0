#include "batchwindow.h"

#include "chartaxis.h"

#include "app/application.h"
#include "chat/batchqueue.h"
#include "chat/modelcatalogue.h"
#include "chat/spendbudget.h"
#include "resilience/concurrencylimiter.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

namespace bw::ui {

namespace {
enum Column {
    IndexColumn,
    PromptColumn,
    StatusColumn,
    AttemptsColumn,
    TokensColumn,
    TimeColumn,
    AnswerColumn, // a preview; the whole answer shows below the table for the selected row
    ColumnCount
};

QString stateText(const BatchItem &item)
{
    switch (item.state) {
    case BatchItem::State::Pending:
    case BatchItem::State::Queued:
        return BatchWindow::tr("waiting");
    case BatchItem::State::Running:
        return BatchWindow::tr("running");
    case BatchItem::State::Succeeded:
        return BatchWindow::tr("ok");
    case BatchItem::State::Failed:
        return BatchWindow::tr("failed: %1").arg(item.error.kindName());
    case BatchItem::State::Cancelled:
        return BatchWindow::tr("cancelled");
    }
    return {};
}

QString csvField(QString s)
{
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) ||
        s.contains(QLatin1Char('\n')))
        s = QLatin1Char('"') + s.replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
            QLatin1Char('"');
    return s;
}
} // namespace

BatchWindow::BatchWindow(Application *app, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_app(app)
    , m_prompts(new QPlainTextEdit(this))
    , m_auto(new QCheckBox(tr("Find the limit automatically"), this))
    , m_fixed(new QSpinBox(this))
    , m_run(new QPushButton(tr("Run"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_export(new QPushButton(tr("Export…"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_table(new QTableWidget(this))
    , m_detail(new QPlainTextEdit(this))
    , m_limitSeries(new QLineSeries)
    , m_chart(new QChart)
    , m_axisX(new QValueAxis)
    , m_axisY(new QValueAxis)
{
    setWindowTitle(tr("Batch — Breakwater"));
    setAccessibleName(tr("Batch"));
    resize(1000, 720);
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    m_prompts->setPlaceholderText(tr("Prompts, one per line"));
    m_prompts->setAccessibleName(tr("Prompts"));
    m_prompts->setMaximumHeight(160);
    top->addWidget(m_prompts, 1);
    auto *load = new QPushButton(tr("Load…"), this);
    load->setAccessibleName(tr("Load prompts from a file"));
    top->addWidget(load, 0, Qt::AlignTop);
    layout->addLayout(top);

    auto *controls = new QHBoxLayout;
    m_auto->setChecked(true);
    m_auto->setToolTip(tr("Raise the number of calls at once while they succeed; lower it on 429, "
                          "overload and timeouts"));
    m_fixed->setRange(1, 64);
    m_fixed->setValue(4);
    m_fixed->setEnabled(false);
    m_fixed->setPrefix(tr("at most "));
    m_fixed->setSuffix(tr(" at once"));
    m_fixed->setAccessibleName(tr("Fixed concurrency"));
    controls->addWidget(m_auto);
    controls->addWidget(m_fixed);
    controls->addStretch();
    controls->addWidget(m_run);
    controls->addWidget(m_cancel);
    controls->addWidget(m_export);
    layout->addLayout(controls);
    m_progress->setAccessibleName(tr("Progress"));
    layout->addWidget(m_progress);
    m_status->setAccessibleName(tr("Batch status"));
    layout->addWidget(m_status);

    auto *split = new QSplitter(Qt::Vertical, this);
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels({tr("#"), tr("Prompt"), tr("Status"), tr("Attempts"),
                                        tr("Tokens in / out"), tr("Time"), tr("Answer")});
    m_table->horizontalHeader()->setSectionResizeMode(PromptColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(AnswerColumn, QHeaderView::Stretch);
    for (int c : {StatusColumn, AttemptsColumn, TokensColumn, TimeColumn})
        m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAccessibleName(tr("Prompts and their results"));
    split->addWidget(m_table);
    m_detail->setReadOnly(true);
    m_detail->setAccessibleName(tr("The selected prompt and its answer"));
    m_detail->setPlaceholderText(tr("Select a row to read its whole answer."));
    split->addWidget(m_detail);
    connect(m_table, &QTableWidget::currentCellChanged, this, &BatchWindow::showDetail);
    m_chart->addSeries(m_limitSeries);
    m_chart->legend()->hide();
    m_chart->setTitle(tr("Calls allowed at once"));
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisY, Qt::AlignLeft);
    m_limitSeries->attachAxis(m_axisX);
    m_limitSeries->attachAxis(m_axisY);
    m_axisX->setTitleText(tr("seconds"));
    m_axisX->setLabelFormat(QStringLiteral("%.0f"));
    m_axisY->setLabelFormat(QStringLiteral("%.0f"));
    m_chart->setBackgroundVisible(false);
    const QColor text = palette().color(QPalette::WindowText);
    m_chart->setTitleBrush(text);
    for (QValueAxis *a : {m_axisX, m_axisY}) {
        a->setLabelsBrush(text);
        a->setTitleBrush(text);
    }
    auto *view = new QChartView(m_chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    view->setAccessibleName(tr("Concurrency limit over time"));
    view->setMinimumHeight(220);
    split->addWidget(view);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setStretchFactor(2, 2);
    layout->addWidget(split, 1);

    connect(m_auto, &QCheckBox::toggled, m_fixed, [this](bool on) { m_fixed->setEnabled(!on); });
    connect(m_run, &QPushButton::clicked, this, &BatchWindow::run);
    connect(m_cancel, &QPushButton::clicked, this, &BatchWindow::cancel);
    connect(m_export, &QPushButton::clicked, this, &BatchWindow::exportDialog);
    connect(load, &QPushButton::clicked, this, &BatchWindow::loadFile);
    m_cancel->setEnabled(false);
    m_export->setEnabled(false);
    updateProgress();
}

BatchWindow::~BatchWindow()
{
    cancel();
}

void BatchWindow::setPrompts(const QString &text)
{
    m_prompts->setPlainText(text);
}

void BatchWindow::setAdaptive(bool adaptive, int fixedLimit)
{
    m_auto->setChecked(adaptive);
    m_fixed->setValue(fixedLimit);
}

bool BatchWindow::isRunning() const
{
    return m_queue && !m_queue->isFinished();
}

bool BatchWindow::run()
{
    if (isRunning())
        return false;
    QStringList prompts;
    for (const QString &line : m_prompts->toPlainText().split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty())
            prompts << line.trimmed();
    }
    if (prompts.isEmpty()) {
        m_status->setText(tr("There are no prompts: write one per line, or load a file."));
        return false;
    }
    delete m_queue;
    delete m_limiter;
    LimiterConfig config;
    config.adaptive = m_auto->isChecked();
    config.initial = config.adaptive ? 4 : m_fixed->value();
    m_limiter = new ConcurrencyLimiter(config, m_app->clock(), this);
    m_queue = new BatchQueue(m_app->batchEngine(), m_limiter, this);
    const EngineSettings &settings = m_app->settings();
    m_queue->setModel(settings.model);
    m_queue->setMaxTokens(settings.maxTokensFor(m_app->models()->info(settings.model)));
    m_queue->setSystemPrompt(settings.systemPrompt);
    m_queue->setSpendMeter(m_app->spendMeter());
    m_budgetNotice.clear();
    connect(m_queue, &BatchQueue::notice, this, [this](const QString &text) {
        m_budgetNotice = text;
        updateProgress();
    });
    m_table->setRowCount(int(prompts.size()));
    for (int i = 0; i < prompts.size(); ++i) {
        m_table->setItem(i, IndexColumn, new QTableWidgetItem(QString::number(i + 1)));
        m_table->setItem(i, PromptColumn, new QTableWidgetItem(prompts[i]));
        for (int c = StatusColumn; c < ColumnCount; ++c)
            m_table->setItem(i, c, new QTableWidgetItem);
    }
    m_limitSeries->clear();
    setNiceRange(m_axisX, 10);
    setNiceRange(m_axisY, std::max(8, config.initial + 4));
    m_clock.start();
    m_limitSeries->append(0, m_limiter->limit());
    connect(m_limiter, &ConcurrencyLimiter::limitChanged, this, [this](int limit) {
        const double t = double(m_clock.elapsed()) / 1000.0;
        m_limitSeries->append(t, m_limitSeries->count()
                                     ? m_limitSeries->at(m_limitSeries->count() - 1).y()
                                     : limit); // a step
        m_limitSeries->append(t, limit);
        if (t > m_axisX->max())
            setNiceRange(m_axisX, t * 1.3);
        if (limit + 2 > m_axisY->max())
            setNiceRange(m_axisY, limit + 4);
        updateProgress();
    });
    connect(m_limiter, &ConcurrencyLimiter::paused, this, &BatchWindow::updateProgress);
    connect(m_queue, &BatchQueue::itemChanged, this, &BatchWindow::updateRow);
    connect(m_queue, &BatchQueue::itemStarted, this, &BatchWindow::updateRow);
    connect(m_queue, &BatchQueue::progress, this, &BatchWindow::updateProgress);
    connect(m_queue, &BatchQueue::finished, this, [this] {
        const double t = double(m_clock.elapsed()) / 1000.0;
        m_limitSeries->append(t, m_limiter->limit());
        updateProgress();
    });
    m_queue->submit(prompts);
    updateProgress();
    return true;
}

void BatchWindow::cancel()
{
    if (m_queue)
        m_queue->cancelAll();
    updateProgress();
}

BatchQueue *BatchWindow::queue() const
{
    return m_queue;
}

int BatchWindow::limitPoints() const
{
    return int(m_limitSeries->count());
}

QString BatchWindow::progressText() const
{
    return m_status->text();
}

void BatchWindow::updateRow(int index)
{
    if (!m_queue || index >= m_table->rowCount())
        return;
    const BatchItem &item = m_queue->items()[index];
    const QLocale l;
    m_table->item(index, StatusColumn)->setText(stateText(item));
    m_table->item(index, StatusColumn)
        ->setToolTip(item.state == BatchItem::State::Failed ? item.error.sentence() : QString());
    m_table->item(index, AttemptsColumn)
        ->setText(item.attempts ? QString::number(item.attempts) : QString());
    m_table->item(index, TokensColumn)
        ->setText(item.usage.outputTokens
                      ? tr("%1 / %2").arg(l.toString(item.usage.totalInputTokens()),
                                          l.toString(item.usage.outputTokens))
                      : QString());
    m_table->item(index, TimeColumn)
        ->setText(item.isDone() && item.ms ? tr("%1 s").arg(l.toString(item.ms / 1000.0, 'f', 2))
                                           : QString());
    const QString answer = item.text.simplified();
    m_table->item(index, AnswerColumn)
        ->setText(answer.size() > kPreviewChars ? answer.left(kPreviewChars) + QStringLiteral("…")
                                                : answer);
    if (index == m_table->currentRow())
        showDetail(index);
}

void BatchWindow::showDetail(int row)
{
    if (!m_queue || row < 0 || row >= m_queue->items().size()) {
        m_detail->clear();
        return;
    }
    const BatchItem &item = m_queue->items()[row];
    QString text = tr("Prompt %1: %2").arg(row + 1).arg(item.prompt) + QStringLiteral("\n\n");
    if (!item.text.isEmpty())
        text += item.text;
    if (item.state == BatchItem::State::Failed || item.state == BatchItem::State::Cancelled)
        text += (item.text.isEmpty() ? QString() : QStringLiteral("\n\n")) + item.error.sentence();
    m_detail->setPlainText(text);
}

QString BatchWindow::detailText() const
{
    return m_detail->toPlainText();
}

void BatchWindow::updateProgress()
{
    const bool running = isRunning();
    m_run->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_export->setEnabled(m_queue && m_queue->doneCount() > 0);
    m_prompts->setReadOnly(running);
    if (!m_queue) {
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        m_status->setText(tr("Ready."));
        return;
    }
    const int total = int(m_queue->items().size());
    const int done = m_queue->doneCount();
    const int failed = done - m_queue->succeededCount();
    m_progress->setRange(0, total);
    m_progress->setValue(done);
    QString budget;
    for (const BatchItem &item : m_queue->items()) {
        if (item.state == BatchItem::State::Failed && item.error.kind == ErrorKind::Budget) {
            budget = tr("\nStopped: %1").arg(item.error.message);
            break;
        }
    }
    if (budget.isEmpty() && !m_budgetNotice.isEmpty())
        budget = QStringLiteral("\n") + m_budgetNotice;
    m_status->setText(tr("%1 of %2 done, %3 failed · %4 at once · %5 rate-limited (429)%6 · %7 "
                         "spent%8")
                          .arg(done)
                          .arg(total)
                          .arg(failed)
                          .arg(m_limiter ? m_limiter->limit() : 0)
                          .arg(m_limiter ? m_limiter->rateLimitedCount() : 0)
                          .arg(m_limiter && m_limiter->isPaused()
                                   ? tr(" · paused for the server's hint")
                                   : QString())
                          .arg(BudgetVerdict::money(m_queue->spentUsd()), budget));
}

void BatchWindow::loadFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load prompts"), QString(),
                                                      tr("Text files (*.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("Cannot load"),
                             tr("%1 cannot be read: %2").arg(path, f.errorString()));
        return;
    }
    m_prompts->setPlainText(QString::fromUtf8(f.readAll()));
}

bool BatchWindow::exportTo(const QString &path, QString *error) const
{
    if (!m_queue)
        return false;
    QByteArray bytes;
    if (path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)) {
        bytes = "index,prompt,status,kind,attempts,input_tokens,output_tokens,ms,text\n";
        for (const BatchItem &item : m_queue->items()) {
            const bool ok = item.state == BatchItem::State::Succeeded;
            bytes += QStringList{QString::number(item.index),
                                 csvField(item.prompt),
                                 ok ? QStringLiteral("ok") : QStringLiteral("failed"),
                                 ok ? QString() : item.error.kindName(),
                                 QString::number(item.attempts),
                                 QString::number(item.usage.totalInputTokens()),
                                 QString::number(item.usage.outputTokens),
                                 QString::number(item.ms),
                                 csvField(item.text)}
                         .join(QLatin1Char(','))
                         .toUtf8() +
                     '\n';
        }
    } else {
        for (const BatchItem &item : m_queue->items())
            bytes += QJsonDocument(item.toJson()).toJson(QJsonDocument::Compact) + '\n';
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        if (error)
            *error = f.errorString();
        return false;
    }
    return true;
}

void BatchWindow::exportDialog()
{
    QString filter;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export results"), QStringLiteral("results.jsonl"),
                                     tr("JSON Lines (*.jsonl);;CSV (*.csv)"), &filter);
    if (path.isEmpty())
        return;
    QString error;
    if (!exportTo(path, &error))
        QMessageBox::warning(this, tr("Not exported"), error);
}

} // namespace bw::ui
