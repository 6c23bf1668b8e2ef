# SPDX-License-Identifier: Apache-2.0
# A build step's output into a file, which add_custom_command cannot
# redirect on its own:
#
#   cmake "-DCOMMAND=PROGRAM;ARGUMENT..." -DOUTPUT=FILE -P cmake/write_output.cmake
#
# runs the command with its standard output into FILE, and fails (leaving
# no FILE behind) when the command fails.
execute_process(COMMAND ${COMMAND} OUTPUT_FILE ${OUTPUT} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  file(REMOVE ${OUTPUT})
  list(JOIN COMMAND " " command)
  message(FATAL_ERROR "${command}: ${status}")
endif()
