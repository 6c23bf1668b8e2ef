# SPDX-License-Identifier: Apache-2.0
# Debian packages, one per install component, made by `cpack -G DEB` in a
# build configured with -DCMAKE_INSTALL_PREFIX=/usr (scripts/package.sh does
# this: GNUInstallDirs then puts the libraries in the multiarch libdir):
#
#   runtime -> libmip0     libmip.so.0 and its real file
#   dev     -> libmip-dev  mip.h, libmip.a, the libmip.so link, mip.pc, the CMake package
#   tools   -> mip-tools   mip and mip-emulator
#
# Each package's Depends comes from dpkg-shlibdeps (dpkg-dev, run by cpack,
# never by configure) plus the packages it needs of these three at exactly
# this version. Whatever else might be installed (component `unpackaged`)
# goes into no package.

set(CPACK_PACKAGE_NAME mip)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "mip developers")
set(CPACK_PACKAGE_VENDOR "mip developers")
# Where `cmake --install` would put the files: the libdir was computed from it.
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime dev)
if(MIP_BUILD_TOOLS)
  list(APPEND CPACK_COMPONENTS_ALL tools)
endif()
set(CPACK_COMPONENT_DEV_DEPENDS runtime)
set(CPACK_COMPONENT_TOOLS_DEPENDS runtime)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "mip developers")
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# dpkg-shlibdeps finds libmip.so.0 (needed by `mip`) in the build tree; the
# dependency on its package is the component one below.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS "${PROJECT_BINARY_DIR}")
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
# A shlibs file in libmip0, so that packages built against it depend on it.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME libmip${PROJECT_VERSION_MAJOR})
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION
  "C library for Milvus / Zilliz Cloud bulk-import jobs
libmip asks a Milvus or Zilliz Cloud server how far a bulk-import job has
got, waits for jobs to end, and creates, commits, aborts and lists them,
through a plain C ABI.
.
This package holds the shared library.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME libmip-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
# The static library links libcurl and simdjson; mip.pc (Requires.private)
# and the CMake package (find_dependency) look for them.
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libcurl4-openssl-dev | libcurl-dev, libsimdjson-dev")
set(CPACK_DEBIAN_DEV_DESCRIPTION
  "C library for Milvus / Zilliz Cloud bulk-import jobs - development files
libmip asks a Milvus or Zilliz Cloud server how far a bulk-import job has
got, waits for jobs to end, and creates, commits, aborts and lists them,
through a plain C ABI.
.
This package holds the header mip.h, the static library, the pkg-config
file (pkg-config mip) and the CMake package (find_package(mip): mip::mip,
mip::mip_static).")

set(CPACK_DEBIAN_TOOLS_PACKAGE_NAME mip-tools)
set(CPACK_DEBIAN_TOOLS_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_TOOLS_DESCRIPTION
  "command line and local emulator for Milvus bulk-import jobs
mip reads one bulk-import job's progress, or watches it to the end.
mip-emulator is a local stand-in for a Milvus or Zilliz Cloud server's
import endpoints, for testing programs that use libmip.")

include(CPack)
