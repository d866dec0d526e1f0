#pragma once

class QValueAxis;

namespace bw::ui {

// Sets the axis to 0 … at least `max`, rounded up to a whole number of "nice" steps (1, 2 or 5
// times a power of ten, at most about `steps` of them), with a tick and a whole-number label at
// each step: 0 2 4 6 8 10, never 0 2.5 5 rounded to 0 3 5. A short axis wants fewer steps, or
// Qt Charts drops the labels that would overlap. `smallestStep` below 1 allows fractions (money).
void setNiceRange(QValueAxis *axis, double max, int steps = 5, double smallestStep = 1);

// The step setNiceRange uses for `max`.
double niceStep(double max, int steps = 5, double smallestStep = 1);

} // namespace bw::ui
