#include "randomsource.h"

namespace bw {

namespace {
class SystemRandom final : public RandomSource
{
public:
    double uniform() override { return QRandomGenerator::global()->generateDouble(); }
};
} // namespace

RandomSource *RandomSource::system()
{
    static SystemRandom random;
    return &random;
}

} // namespace bw
