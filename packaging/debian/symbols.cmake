# SPDX-License-Identifier: Apache-2.0
# Writes libmip's Debian symbols file from the library's exported mip_*
# symbols (nm -D --defined-only), each one available since VERSION:
#   cmake -DLIB=libmip.so.0.1.0 -DSONAME=libmip.so.0 -DPACKAGE=libmip0
#         -DVERSION=0.1.0 -DOUT=symbols -P symbols.cmake
execute_process(COMMAND nm -D --defined-only "${LIB}" OUTPUT_VARIABLE nm_out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "nm -D --defined-only ${LIB} failed")
endif()
string(REPLACE "\n" ";" nm_lines "${nm_out}")
set(names)
foreach(line IN LISTS nm_lines)
  # address type name@@node
  if(line MATCHES "^[0-9a-fA-F]+ [A-Za-z] (mip_[A-Za-z0-9_]+)(@@?([A-Za-z0-9_.]+))?$")
    if(CMAKE_MATCH_3)
      list(APPEND names "${CMAKE_MATCH_1}@${CMAKE_MATCH_3}")
    else()
      list(APPEND names "${CMAKE_MATCH_1}@Base")
    endif()
  endif()
endforeach()
list(REMOVE_DUPLICATES names)
list(SORT names)
set(text "${SONAME} ${PACKAGE} #MINVER#\n* Build-Depends-Package: libmip-dev\n")
foreach(n IN LISTS names)
  string(APPEND text " ${n} ${VERSION}\n")
endforeach()
file(WRITE "${OUT}" "${text}")
