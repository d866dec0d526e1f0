#include "exitcodes.h"

namespace bw::cli {

int exitCodeFor(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::None:
        return 0;
    case ErrorKind::Auth:
    case ErrorKind::Permission:
    case ErrorKind::InvalidRequest:
    case ErrorKind::NotFound:
    case ErrorKind::TooLarge:
        return 3;
    case ErrorKind::RateLimited:
    case ErrorKind::Overloaded:
        return 4;
    case ErrorKind::Server:
        return 5;
    case ErrorKind::Timeout:
    case ErrorKind::Stalled:
        return 6;
    case ErrorKind::Network:
        return 7;
    case ErrorKind::CircuitOpen:
        return 8;
    case ErrorKind::Incomplete:
    case ErrorKind::Protocol:
        return 9;
    case ErrorKind::Cancelled:
        return 130; // as if interrupted by SIGINT
    case ErrorKind::Storage:
        return 10;
    case ErrorKind::SpendLimit:
    case ErrorKind::Budget:
        return 11; // a spend limit: the profile's budget (nothing sent) or the workspace's
    }
    return 1;
}

} // namespace bw::cli
