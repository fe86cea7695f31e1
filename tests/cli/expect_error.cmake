# Runs a command that must be rejected as bad input (docs/conventions.md, error tier 1) and checks that
#   * its exit code is EXPECTED_RC (default 2);
#   * the first line of its stderr starts with "error:" (and matches ERROR_REGEX, when given);
#   * it printed nothing on stdout;
#   * nothing was written: OUT (when given), OUT.manifest.json and OUT.partial do not exist afterwards
#     (they are deleted first, so a file left by an earlier run cannot hide or fake anything).
#
#   cmake "-DCMD=program;arg;arg…" [-DEXPECTED_RC=2] [-DOUT=file] [-DERROR_REGEX=re] -P expect_error.cmake
#
# CMD is a ;-list (one element per argument, so no argument may contain ';').
if(NOT DEFINED CMD)
  message(FATAL_ERROR "expect_error.cmake: CMD (the command as a ;-list) is required")
endif()
if(NOT DEFINED EXPECTED_RC)
  set(EXPECTED_RC 2)
endif()

set(written "")
if(DEFINED OUT AND NOT OUT STREQUAL "")
  set(written "${OUT}" "${OUT}.manifest.json" "${OUT}.partial" "${OUT}.manifest.json.partial")
  file(REMOVE ${written})
endif()

execute_process(COMMAND ${CMD} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)

set(failures "")
if(NOT rc STREQUAL "${EXPECTED_RC}")
  string(APPEND failures "exit code ${rc}, expected ${EXPECTED_RC}\n")
endif()
string(FIND "${err}" "\n" newline)
if(newline EQUAL -1)
  set(first_line "${err}")
else()
  string(SUBSTRING "${err}" 0 ${newline} first_line)
endif()
if(NOT first_line MATCHES "^error:")
  string(APPEND failures "first line of stderr does not start with 'error:': '${first_line}'\n")
endif()
if(DEFINED ERROR_REGEX AND NOT err MATCHES "${ERROR_REGEX}")
  string(APPEND failures "stderr does not match '${ERROR_REGEX}'\n")
endif()
if(NOT out STREQUAL "")
  string(APPEND failures "stdout is not empty\n")
endif()
foreach(file IN LISTS written)
  if(EXISTS "${file}")
    string(APPEND failures "'${file}' was written\n")
  endif()
endforeach()

if(NOT failures STREQUAL "")
  message(FATAL_ERROR "command: ${CMD}\n${failures}--- stdout:\n${out}--- stderr:\n${err}")
endif()
