# SPDX-License-Identifier: Apache-2.0
# Debian packages, one per install component, made by `cpack -G DEB` in a
# build configured with -DCMAKE_INSTALL_PREFIX=/usr (scripts/package.sh does
# this: GNUInstallDirs then puts the libraries in the multiarch libdir):
#
#   runtime -> libmip0     libmip.so.0 and its real file
#   dev     -> libmip-dev  mip.h, libmip.a, the libmip.so link, mip.pc, the CMake package
#   tools    -> mip-tools     mip (the command line)
#   emulator -> mip-emulator  mip-emulator (a local test server; links cpp-httplib)
#
# Each package also holds /usr/share/doc/<package>/copyright (DEP-5,
# packaging/debian/copyright) and changelog.Debian.gz (gzip -9n of
# packaging/debian/changelog.in). libmip0's control files add a symbols file
# (written after each link of libmip from its exported mip_* symbols:
# packaging/debian/symbols.cmake) and an ldconfig trigger
# (packaging/debian/triggers). CPack (3.25) cannot say Multi-Arch and always
# adds postinst/postrm calling ldconfig: scripts/package.sh repacks libmip0
# and libmip-dev to say `Multi-Arch: same` and drops those scripts.
#
# Each package's Depends comes from dpkg-shlibdeps (dpkg-dev, run by cpack,
# never by configure) plus the packages it needs of these three at exactly
# this version. Whatever else might be installed (component `unpackaged`)
# goes into no package.

set(CPACK_PACKAGE_NAME mip)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(MIP_MAINTAINER "mip developers <mip-developers@lists.mip-project.org>")
set(CPACK_PACKAGE_CONTACT "${MIP_MAINTAINER}")
set(CPACK_PACKAGE_VENDOR "mip developers")
# Where `cmake --install` would put the files: the libdir was computed from it.
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime dev)
if(MIP_BUILD_TOOLS)
  list(APPEND CPACK_COMPONENTS_ALL tools emulator)
endif()
set(CPACK_COMPONENT_DEV_DEPENDS runtime)
set(CPACK_COMPONENT_TOOLS_DEPENDS runtime)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${MIP_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/mip-project/mip")
# Not a native package: changelog.Debian.gz, and version V-1.
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
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
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA
  "${PROJECT_BINARY_DIR}/debian/symbols;${PROJECT_SOURCE_DIR}/packaging/debian/triggers")
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION
  "C library for Milvus / Zilliz Cloud bulk-import jobs
libmip runs a whole bulk-import job against a Milvus or Zilliz Cloud
server through a plain C ABI: it creates import jobs, lists them, reads
and watches their progress to the end, commits and aborts them.
.
This package holds the shared library.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME libmip-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
# The static library links libcurl and simdjson; mip.pc (Requires.private)
# and the CMake package (find_dependency) look for them.
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libcurl4-openssl-dev | libcurl-dev, libsimdjson-dev")
set(CPACK_DEBIAN_DEV_DESCRIPTION
  "C library for Milvus / Zilliz Cloud bulk-import jobs - development files
libmip runs a whole bulk-import job against a Milvus or Zilliz Cloud
server through a plain C ABI: it creates import jobs, lists them, reads
and watches their progress to the end, commits and aborts them.
.
This package holds the header mip.h, the static library, the pkg-config
file (pkg-config mip) and the CMake package (find_package(mip): mip::mip,
mip::mip_static).")

set(CPACK_DEBIAN_TOOLS_PACKAGE_NAME mip-tools)
set(CPACK_DEBIAN_TOOLS_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_TOOLS_DESCRIPTION
  "command line for Milvus / Zilliz Cloud bulk-import jobs
mip creates bulk-import jobs on a Milvus or Zilliz Cloud server, lists
them, shows one job's progress or watches it to the end, and commits or
aborts jobs, as text or JSON. It uses libmip.")

set(CPACK_DEBIAN_EMULATOR_PACKAGE_NAME mip-emulator)
set(CPACK_DEBIAN_EMULATOR_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_EMULATOR_DESCRIPTION
  "local test server for Milvus / Zilliz Cloud bulk-import clients
mip-emulator is a local stand-in for a Milvus or Zilliz Cloud server's
bulk-import endpoints: it creates, lists, commits and aborts import jobs
and moves them along a scripted scenario, for testing programs that use
libmip, the mip command line or another import client.")

# --- /usr/share/doc/<package>: copyright and changelog.Debian.gz ------------------
set(mip_doc_packages runtime libmip${PROJECT_VERSION_MAJOR} dev libmip-dev)
if(MIP_BUILD_TOOLS)
  list(APPEND mip_doc_packages tools mip-tools emulator mip-emulator)
endif()
set(MIP_DEB_VERSION "${PROJECT_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE}")
configure_file(${PROJECT_SOURCE_DIR}/packaging/debian/changelog.in
  ${PROJECT_BINARY_DIR}/debian/changelog.Debian @ONLY)
# -n: no name or time stamp in the .gz, so the same text gives the same bytes.
execute_process(COMMAND gzip -9n -c ${PROJECT_BINARY_DIR}/debian/changelog.Debian
  OUTPUT_FILE ${PROJECT_BINARY_DIR}/debian/changelog.Debian.gz RESULT_VARIABLE mip_gzip_rc)
if(NOT mip_gzip_rc EQUAL 0)
  message(FATAL_ERROR "gzip -9n of the Debian changelog failed")
endif()
while(mip_doc_packages)
  list(POP_FRONT mip_doc_packages mip_component mip_package)
  # The only lintian override: these packages are not uploaded to Debian,
  # so their first changelog entry has no ITP bug to close.
  file(WRITE ${PROJECT_BINARY_DIR}/debian/lintian/${mip_package}
    "# Not uploaded to Debian: the first changelog entry has no ITP bug to close.\n"
    "${mip_package}: initial-upload-closes-no-bugs\n")
  install(FILES ${PROJECT_BINARY_DIR}/debian/lintian/${mip_package}
    DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/lintian/overrides COMPONENT ${mip_component})
  install(FILES ${PROJECT_SOURCE_DIR}/packaging/debian/copyright
    ${PROJECT_BINARY_DIR}/debian/changelog.Debian.gz
    DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${mip_package} COMPONENT ${mip_component})
endwhile()

# --- libmip0's symbols file, from the library just linked ---------------------------
add_custom_command(TARGET mip POST_BUILD
  COMMAND ${CMAKE_COMMAND} -DLIB=$<TARGET_FILE:mip> -DSONAME=$<TARGET_SONAME_FILE_NAME:mip>
    -DPACKAGE=libmip${PROJECT_VERSION_MAJOR} -DVERSION=${PROJECT_VERSION}
    -DOUT=${PROJECT_BINARY_DIR}/debian/symbols -P ${PROJECT_SOURCE_DIR}/packaging/debian/symbols.cmake
  VERBATIM)

include(CPack)
