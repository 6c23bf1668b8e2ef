# SPDX-License-Identifier: Apache-2.0
# mip_man_page(TARGET PAGE page NAME text COMPONENT component [INCLUDE file]):
# the man page PAGE.1 of the program TARGET builds, made by help2man from the
# built program's --help and --version (and the include file, if any),
# gzipped (gzip -9n: CPack does not compress man pages, and the same text
# gives the same bytes) and installed as share/man/man1/PAGE.1.gz in
# COMPONENT.
#
# A plain build needs no help2man: without it, or when cross-compiling (the
# built programs cannot run here), configure says in one line that the man
# pages are left out. -DMIP_REQUIRE_MAN_PAGES=ON (scripts/package.sh --debs)
# makes that an error.
include_guard(GLOBAL)
include(GNUInstallDirs)

option(MIP_REQUIRE_MAN_PAGES "Fail to configure when the man pages cannot be made (help2man missing)" OFF)
# PATH only, as for the bindings' toolchains: the one a test can hide.
find_program(MIP_HELP2MAN help2man NO_CMAKE_PATH NO_CMAKE_ENVIRONMENT_PATH NO_CMAKE_SYSTEM_PATH)
if(CMAKE_CROSSCOMPILING)
  set(mip_man_pages_missing "cross-compiling: the built programs cannot run here")
elseif(NOT MIP_HELP2MAN)
  set(mip_man_pages_missing "no help2man")
endif()
if(mip_man_pages_missing)
  if(MIP_REQUIRE_MAN_PAGES)
    message(FATAL_ERROR "the man pages cannot be made: ${mip_man_pages_missing}")
  endif()
  message(STATUS "man pages left out: ${mip_man_pages_missing}")
endif()

# help2man dates a page from SOURCE_DATE_EPOCH. As for the NuGet package
# (bindings/csharp/pack.sh): the environment's, else the last commit's time,
# else 2000-01-01; never the day of the build, so that the same sources give
# the same page.
if(DEFINED ENV{SOURCE_DATE_EPOCH})
  set(mip_man_epoch $ENV{SOURCE_DATE_EPOCH})
else()
  execute_process(COMMAND git -C ${CMAKE_CURRENT_LIST_DIR} log -1 --format=%ct
    OUTPUT_VARIABLE mip_man_epoch OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
endif()
if(NOT mip_man_epoch MATCHES "^[0-9]+$")
  set(mip_man_epoch 946684800)
endif()

function(mip_man_page target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "PAGE;NAME;COMPONENT;INCLUDE" "")
  if(mip_man_pages_missing)
    return()
  endif()
  set(page ${CMAKE_CURRENT_BINARY_DIR}/${arg_PAGE}.1)
  set(include)
  if(arg_INCLUDE)
    set(include --include=${arg_INCLUDE})
  endif()
  # COLUMNS: the help as a pipe gets it without a terminal (80 columns),
  # whatever the environment of the build says.
  add_custom_command(OUTPUT ${page}.gz
    COMMAND ${CMAKE_COMMAND} -E env SOURCE_DATE_EPOCH=${mip_man_epoch} COLUMNS=80
      ${MIP_HELP2MAN} --no-info --section=1 --name=${arg_NAME} ${include} --output=${page}
      $<TARGET_FILE:${target}>
    COMMAND gzip -9nf ${page}
    DEPENDS ${target} ${arg_INCLUDE}
    COMMENT "Writing the man page ${arg_PAGE}.1.gz (help2man)"
    VERBATIM)
  add_custom_target(${arg_PAGE}-man ALL DEPENDS ${page}.gz)
  install(FILES ${page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT ${arg_COMPONENT})
endfunction()
