# Runs every dln command the README shows — in its ``` code blocks and its indented code lines — with the
# built binary, in an empty directory, and fails unless each exits 0: examples that no longer work are
# bugs in the README (or in dln). A comment (" # …") and a pipe (" | …") after a command are dropped;
# the output of the pipe's other side is not part of the example.
#
# Then readme_outputs.py compares the outputs the README prints with the binary's.
#
#   cmake -DDLN=path/to/dln -DREADME=README.md -DWORKDIR=dir -DPYTHON=python3 -P readme_examples.cmake
file(REMOVE_RECURSE "${WORKDIR}")
file(MAKE_DIRECTORY "${WORKDIR}/results")  # the README writes some examples there, as ./run.sh does
# The "Your own data" examples read the shipped examples/data (relative to the repository's root, where the
# README's commands run) and write to the directories its `mkdir -p data weights` line creates.
cmake_path(GET README PARENT_PATH repository)
file(COPY "${repository}/examples/data" DESTINATION "${WORKDIR}/examples")
file(MAKE_DIRECTORY "${WORKDIR}/data" "${WORKDIR}/weights")

file(STRINGS "${README}" lines)
set(in_block FALSE)
set(count 0)
set(failures "")
foreach(line IN LISTS lines)
  if(line MATCHES "^```")
    if(in_block)
      set(in_block FALSE)
    else()
      set(in_block TRUE)
    endif()
    continue()
  endif()
  if(NOT in_block AND NOT line MATCHES "^    ")
    continue()
  endif()
  if(NOT line MATCHES "^ *(\\$ )?dln ")
    continue()
  endif()
  string(REGEX REPLACE "^ *(\\$ )?dln " "dln " command "${line}")
  string(REGEX REPLACE " +#.*$" "" command "${command}")
  string(REGEX REPLACE " *\\|.*$" "" command "${command}")
  string(REGEX REPLACE "^dln " "" arguments "${command}")
  separate_arguments(arguments UNIX_COMMAND "${arguments}")
  # The quick start's bare `dln figures` draws the gallery; its Fashion-MNIST figure is a few-minute image
  # run that ctest leaves to test_fashion_check's reduced version, so here every other recipe is drawn.
  if(arguments STREQUAL "figures")
    get_filename_component(top "${README}" DIRECTORY)
    file(GLOB recipes "${top}/configs/*.toml")
    set(names "")
    foreach(recipe IN LISTS recipes)
      get_filename_component(stem "${recipe}" NAME_WE)
      if(NOT stem STREQUAL "relu_fashion")
        list(APPEND names "${stem}")
      endif()
    endforeach()
    list(JOIN names "," names)
    list(APPEND arguments --only "${names}")
  endif()
  execute_process(COMMAND "${DLN}" ${arguments} WORKING_DIRECTORY "${WORKDIR}"
                  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  math(EXPR count "${count} + 1")
  message(STATUS "exit ${rc}: ${command}")
  if(NOT rc EQUAL 0)
    string(APPEND failures "'${command}' exited with ${rc}: ${err}\n")
  endif()
endforeach()

# The printed outputs: the lines under each `$ dln …` of the console blocks and the generalisation table's
# numbers (readme_outputs.py says how), compared with what the same binary prints in the same directory.
execute_process(COMMAND "${PYTHON}" "${CMAKE_CURRENT_LIST_DIR}/readme_outputs.py" "${DLN}" "${README}" "${WORKDIR}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE compared ERROR_VARIABLE compared)
message(STATUS "${compared}")
if(NOT rc EQUAL 0)
  string(APPEND failures "the README's printed outputs differ from dln's:\n${compared}\n")
endif()

if(count LESS 8)
  message(FATAL_ERROR "only ${count} dln commands found in ${README}: has its layout changed?")
endif()
if(NOT failures STREQUAL "")
  message(FATAL_ERROR "${failures}")
endif()
