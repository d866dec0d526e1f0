#pragma once

#include "resilience/circuitbreaker.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

namespace bw::ui {

// A circuit breaker, unmistakably: a coloured light and its state in words, with the time left
// until the next test request while open. Compact for the status bar, large in the panel, where
// a label above the state names what it guards (a model).
class BreakerIndicator final : public QWidget
{
    Q_OBJECT

public:
    enum class Size { Compact, Large };

    explicit BreakerIndicator(Size size, QWidget *parent = nullptr);

    void setBreaker(CircuitBreaker *breaker);
    CircuitBreaker *breaker() const { return m_breaker; }
    // What the breaker guards, e.g. a model's name; empty: nothing above the state.
    void setLabel(const QString &label);
    const QString &label() const { return m_label; }
    QString stateText() const;  // "Closed", "Open — next try in 12 s", ...
    QString detailText() const; // a sentence for the large form
    static QColor colorFor(BreakerState state);

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void refresh();

    Size m_size;
    QPointer<CircuitBreaker> m_breaker;
    QString m_label;
    QTimer m_tick;
};

} // namespace bw::ui
