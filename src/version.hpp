// The version string, from the one place the version is written: mip.h.
#pragma once

#include "mip.h"

#define MIP_STRINGIFY_(x) #x
#define MIP_STRINGIFY(x) MIP_STRINGIFY_(x)

namespace mip {
inline constexpr const char *kVersion =
    MIP_STRINGIFY(MIP_VERSION_MAJOR) "." MIP_STRINGIFY(MIP_VERSION_MINOR) "." MIP_STRINGIFY(MIP_VERSION_PATCH);
}
