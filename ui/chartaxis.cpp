#include "chartaxis.h"

#include <QValueAxis>

#include <cmath>

namespace bw::ui {

double niceStep(double max, int steps, double smallestStep)
{
    if (!(max > 0) || steps < 1)
        return std::max(1.0, smallestStep);
    const double rough = max / steps;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    for (double m : {1.0, 2.0, 5.0}) {
        if (m * magnitude >= rough)
            return std::max(smallestStep, m * magnitude);
    }
    return std::max(smallestStep, 10.0 * magnitude);
}

void setNiceRange(QValueAxis *axis, double max, int steps, double smallestStep)
{
    const double step = niceStep(max, steps, smallestStep);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(step);
    axis->setRange(0, std::max(step, std::ceil(max / step) * step));
}

} // namespace bw::ui
