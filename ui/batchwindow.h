#pragma once

#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

class QCheckBox;
class QChart;
class QLabel;
class QLineSeries;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QValueAxis;

namespace bw {
class Application;
class BatchQueue;
class ConcurrencyLimiter;
} // namespace bw

namespace bw::ui {

// Parallel prompts in a window: many prompts at once under a fixed or adaptive concurrency
// limit, with progress, a row per prompt, the limit over time, the 429s, export and cancel. It
// runs on the application's batch engine, with the model and settings of the moment Run is
// pressed.
class BatchWindow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchWindow)

public:
    explicit BatchWindow(Application *app, QWidget *parent = nullptr);
    ~BatchWindow() override;

    void setPrompts(const QString &text);
    void setAdaptive(bool adaptive, int fixedLimit = 4);
    bool run();
    void cancel();
    bool isRunning() const;
    bool exportTo(const QString &path, QString *error) const; // .csv or JSON Lines

    QTableWidget *table() const { return m_table; }
    // The selected row's prompt and whole answer (or why it failed).
    QString detailText() const;
    int limitPoints() const;
    QString progressText() const;
    BatchQueue *queue() const;

private:
    void updateRow(int index);
    void showDetail(int row);
    void updateProgress();
    void loadFile();
    void exportDialog();

    Application *m_app;
    QPointer<BatchQueue> m_queue;
    QPointer<ConcurrencyLimiter> m_limiter;
    QPlainTextEdit *m_prompts;
    QCheckBox *m_auto;
    QSpinBox *m_fixed;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QPushButton *m_export;
    QProgressBar *m_progress;
    QLabel *m_status;
    QTableWidget *m_table;
    QPlainTextEdit *m_detail;
    static constexpr int kPreviewChars = 120;
    QLineSeries *m_limitSeries;
    QChart *m_chart;
    QValueAxis *m_axisX;
    QValueAxis *m_axisY;
    QElapsedTimer m_clock;
    QString m_budgetNotice; // the queue's warning at 80% of a budget
};

} // namespace bw::ui
