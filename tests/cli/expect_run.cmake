# Runs a command that must complete and checks what it produced. Unlike ctest's
# PASS_REGULAR_EXPRESSION, which ignores the exit code, the exit code is always checked.
#   * exit code EXPECTED_RC (default 0);
#   * REGEX (optional) matches stdout + stderr;
#   * FIRST_LINE (optional) equals the first line of stdout exactly;
#   * FORBID_REGEX (optional) matches nowhere in stdout (e.g. nan|inf: never print NaN tables silently);
#   * OUT (optional, the --out file): it and OUT.manifest.json exist afterwards (both are deleted
#     first), OUT matches OUT_REGEX and the manifest MANIFEST_REGEX when those are given.
#
#   cmake "-DCMD=program;arg;arg…" [-DEXPECTED_RC=0] [-DREGEX=re] [-DFIRST_LINE=text] [-DFORBID_REGEX=re]
#         [-DOUT=file] [-DOUT_REGEX=re] [-DMANIFEST_REGEX=re] -P expect_run.cmake
#
# CMD is a ;-list (one element per argument, so no argument may contain ';').
if(NOT DEFINED CMD)
  message(FATAL_ERROR "expect_run.cmake: CMD (the command as a ;-list) is required")
endif()
if(NOT DEFINED EXPECTED_RC)
  set(EXPECTED_RC 0)
endif()
if(DEFINED OUT)
  file(REMOVE "${OUT}" "${OUT}.manifest.json")
endif()

execute_process(COMMAND ${CMD} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)

set(failures "")
if(NOT rc STREQUAL "${EXPECTED_RC}")
  string(APPEND failures "exit code ${rc}, expected ${EXPECTED_RC}\n")
endif()
if(DEFINED REGEX AND NOT "${out}${err}" MATCHES "${REGEX}")
  string(APPEND failures "output does not match '${REGEX}'\n")
endif()
if(DEFINED FIRST_LINE)
  string(FIND "${out}" "\n" newline)
  if(newline EQUAL -1)
    set(first_line "${out}")
  else()
    string(SUBSTRING "${out}" 0 ${newline} first_line)
  endif()
  if(NOT first_line STREQUAL FIRST_LINE)
    string(APPEND failures "first line of stdout is '${first_line}', expected '${FIRST_LINE}'\n")
  endif()
endif()
if(DEFINED FORBID_REGEX AND out MATCHES "${FORBID_REGEX}")
  string(APPEND failures "stdout matches the forbidden '${FORBID_REGEX}' ('${CMAKE_MATCH_0}')\n")
endif()
if(DEFINED OUT)
  foreach(file "${OUT}" "${OUT}.manifest.json")
    if(NOT EXISTS "${file}")
      string(APPEND failures "'${file}' was not written\n")
    endif()
  endforeach()
  if(DEFINED OUT_REGEX AND EXISTS "${OUT}")
    file(READ "${OUT}" content)
    if(NOT content MATCHES "${OUT_REGEX}")
      string(APPEND failures "'${OUT}' does not match '${OUT_REGEX}'\n")
    endif()
  endif()
  if(DEFINED MANIFEST_REGEX AND EXISTS "${OUT}.manifest.json")
    file(READ "${OUT}.manifest.json" content)
    if(NOT content MATCHES "${MANIFEST_REGEX}")
      string(APPEND failures "'${OUT}.manifest.json' does not match '${MANIFEST_REGEX}'\n")
    endif()
  endif()
endif()

if(NOT failures STREQUAL "")
  string(SUBSTRING "${out}" 0 4000 out_head)
  message(FATAL_ERROR "command: ${CMD}\n${failures}--- stdout (first 4000 characters):\n${out_head}\n--- stderr:\n${err}")
endif()
