# Writes build_info.cpp (OUTPUT) from TEMPLATE with the source tree's git commit: run at every build by
# the dln_build_info target. configure_file leaves OUTPUT untouched when nothing changed, so an unchanged
# commit recompiles nothing.
set(COMMIT "unknown")
find_package(Git QUIET)
if(GIT_FOUND)
  execute_process(COMMAND ${GIT_EXECUTABLE} -C ${SOURCE_DIR} rev-parse HEAD
                  RESULT_VARIABLE rc OUTPUT_VARIABLE head OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(rc EQUAL 0)
    set(COMMIT "${head}")
    # Changes to tracked files (untracked ones, like a build directory, do not make a build differ).
    execute_process(COMMAND ${GIT_EXECUTABLE} -C ${SOURCE_DIR} status --porcelain --untracked-files=no
                    RESULT_VARIABLE rc OUTPUT_VARIABLE changes ERROR_QUIET)
    if(NOT rc EQUAL 0 OR NOT changes STREQUAL "")
      string(APPEND COMMIT "-dirty")
    endif()
  endif()
endif()
string(STRIP "${FLAGS}" FLAGS)
configure_file(${TEMPLATE} ${OUTPUT} @ONLY)
