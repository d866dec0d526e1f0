#include "chartaxis.h"

#include <QValueAxis>

#include <cmath>

namespace bw::ui {

double niceStep(double max)
{
    if (!(max > 0))
        return 1;
    const double rough = max / 5.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    for (double m : {1.0, 2.0, 5.0}) {
        if (m * magnitude >= rough)
            return std::max(1.0, m * magnitude);
    }
    return std::max(1.0, 10.0 * magnitude);
}

void setNiceRange(QValueAxis *axis, double max)
{
    const double step = niceStep(max);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(step);
    axis->setRange(0, std::max(step, std::ceil(max / step) * step));
}

} // namespace bw::ui
