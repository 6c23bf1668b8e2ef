// SPDX-License-Identifier: Apache-2.0
// The version string. The version is written once, in mip.h; the build
// reads it from there and hands it to the core as MIP_VERSION_STRING, so
// that the core needs no part of the C header (capi.cpp checks the two
// agree).
#pragma once

#ifndef MIP_VERSION_STRING
#  error "MIP_VERSION_STRING is set by the build (CMakeLists.txt)"
#endif

namespace mip {
inline constexpr const char *kVersion = MIP_VERSION_STRING;
}
