#pragma once

#include "chat/usagereport.h"

#include <QWidget>

class QBarCategoryAxis;
class QChart;
class QLabel;
class QPushButton;
class QStackedBarSeries;
class QTableWidget;
class QTimer;
class QValueAxis;

namespace bw {
class Application;
}

namespace bw::ui {

// What the requests cost, from the usage ledger: cost per day of the last 30 days by model (a
// stacked bar chart), totals per profile (today, this month, 30 days, all time, against the
// current profile's budgets) and per conversation, and Export CSV. The ledger is read on the
// storage thread; the window follows new requests as they are recorded.
class UsageWindow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsageWindow)

public:
    static constexpr int kDays = 30;

    explicit UsageWindow(Application *app, QWidget *parent = nullptr);
    ~UsageWindow() override;

    // Reads the ledger again; refreshed() when it is shown.
    void refresh();
    // Writes the totals per day, profile, model and conversation to `path` (in the background:
    // the application says how it went).
    void exportCsv(const QString &path);

    const UsageReport &report() const { return m_report; }
    QChart *chart() const { return m_chart; }
    QStackedBarSeries *series() const { return m_series; }
    QTableWidget *profileTable() const { return m_profiles; }
    QTableWidget *conversationTable() const { return m_conversations; }
    QString summaryText() const;
    QString statusText() const;

Q_SIGNALS:
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showReport(const UsageReport &report);
    void fillChart();
    void fillTables();
    void exportDialog();

    Application *m_app;
    UsageReport m_report;
    QLabel *m_summary;
    QChart *m_chart;
    QStackedBarSeries *m_series;
    QBarCategoryAxis *m_axisX;
    QValueAxis *m_axisY;
    QTableWidget *m_profiles;
    QTableWidget *m_conversations;
    QPushButton *m_export;
    QLabel *m_status;
    QTimer *m_refreshTimer; // new records come in bursts (a batch): one read for a burst
    int m_serial = 0;
};

} // namespace bw::ui
