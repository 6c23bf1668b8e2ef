# SPDX-License-Identifier: Apache-2.0
# MIP_VERSION (and MIP_VERSION_MAJOR, _MINOR, _PATCH): the version, written
# once, in the public header. Read before project() by the project and by
# mip-emulator's standalone build (tools/emulator), which does not link
# libmip and so cannot ask it.
file(STRINGS ${CMAKE_CURRENT_LIST_DIR}/../include/mip.h mip_version_lines
  REGEX "^#define MIP_VERSION_(MAJOR|MINOR|PATCH) ")
foreach(part MAJOR MINOR PATCH)
  string(REGEX REPLACE ".*#define MIP_VERSION_${part} ([0-9]+).*" "\\1" MIP_VERSION_${part} "${mip_version_lines}")
endforeach()
set(MIP_VERSION ${MIP_VERSION_MAJOR}.${MIP_VERSION_MINOR}.${MIP_VERSION_PATCH})
