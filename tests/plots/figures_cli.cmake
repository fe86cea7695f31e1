# Runs `dln figures …` and checks its outcome, for the tests in CMakeLists.txt here.
#
#   cmake "-DCMD=dln;figures;…" -DOUTDIR=dir -DEXPECTED_RC=n [-DERROR_REGEX=re] [-DEXPECT_FILES=a;b]
#         [-DREADME_REGEX=re] [-DLEFTOVER=name] [-DQUIET_STDERR=ON] -P figures_cli.cmake
#
# OUTDIR is emptied first and seeded with a file `earlier.png`. A rejected command (EXPECTED_RC 2) must
# say `error: …` on stderr's first line (matching ERROR_REGEX) and leave OUTDIR exactly as it was — the
# seed untouched, nothing added. A successful one must write every file of EXPECT_FILES non-empty,
# keep the seed, and leave no temporary (*.partial) file (and match ERROR_REGEX on stderr when given) — not even LEFTOVER, a temporary file of an
# interrupted earlier run seeded before the command. With QUIET_STDERR, a successful run must print
# nothing on stderr: no gnuplot warning, no instability or divergence warning.
file(REMOVE_RECURSE "${OUTDIR}")
file(MAKE_DIRECTORY "${OUTDIR}")
file(WRITE "${OUTDIR}/earlier.png" "a figure from an earlier run")
if(DEFINED LEFTOVER)
  file(WRITE "${OUTDIR}/${LEFTOVER}" "half a script")
endif()

execute_process(COMMAND ${CMD} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)

set(failures "")
if(NOT rc STREQUAL "${EXPECTED_RC}")
  string(APPEND failures "exit code ${rc}, expected ${EXPECTED_RC}\n")
endif()
file(READ "${OUTDIR}/earlier.png" seed)
if(NOT seed STREQUAL "a figure from an earlier run")
  string(APPEND failures "the earlier file was changed\n")
endif()
file(GLOB written RELATIVE "${OUTDIR}" "${OUTDIR}/*")
if(DEFINED ERROR_REGEX AND NOT err MATCHES "${ERROR_REGEX}")
  string(APPEND failures "stderr does not match '${ERROR_REGEX}'\n")
endif()
if(EXPECTED_RC EQUAL 2)
  string(REGEX MATCH "^[^\n]+" first_line "${err}")
  if(NOT first_line MATCHES "^error:")
    string(APPEND failures "stderr's first line does not start with 'error:': '${first_line}'\n")
  endif()
  if(NOT written STREQUAL "earlier.png")
    string(APPEND failures "files were written: ${written}\n")
  endif()
else()
  foreach(name IN LISTS EXPECT_FILES)
    if(NOT EXISTS "${OUTDIR}/${name}")
      string(APPEND failures "'${name}' was not written\n")
      continue()
    endif()
    file(SIZE "${OUTDIR}/${name}" size)
    if(size EQUAL 0)
      string(APPEND failures "'${name}' is empty\n")
    endif()
  endforeach()
  if(QUIET_STDERR AND NOT err STREQUAL "")
    string(APPEND failures "stderr is not empty\n")
  endif()
  if(written MATCHES "\\.partial")
    string(APPEND failures "temporary files left: ${written}\n")
  endif()
  if(DEFINED README_REGEX)
    file(READ "${OUTDIR}/README.md" readme)
    if(NOT readme MATCHES "${README_REGEX}")
      string(APPEND failures "README.md does not match '${README_REGEX}'\n")
    endif()
  endif()
endif()

if(NOT failures STREQUAL "")
  message(FATAL_ERROR "command: ${CMD}\n${failures}--- stdout:\n${out}--- stderr:\n${err}")
endif()
