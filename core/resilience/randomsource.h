#pragma once

#include <QRandomGenerator>

namespace bw {

// Randomness, injected: jitter in tests is drawn from a seeded source.
class RandomSource
{
public:
    virtual ~RandomSource() = default;
    virtual double uniform() = 0; // [0, 1)

    static RandomSource *system();
};

class SeededRandom final : public RandomSource
{
public:
    explicit SeededRandom(quint32 seed)
        : m_generator(seed)
    {}
    double uniform() override { return m_generator.generateDouble(); }

private:
    QRandomGenerator m_generator;
};

} // namespace bw
