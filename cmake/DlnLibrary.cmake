# One call registers a dln library: the target, its alias, its include directories for the build and
# the installed tree, the warnings, and (with DLN_INSTALL) the install rules and the export set that
# dln-config.cmake reads.
#
#   dln_add_library(<name> SOURCES <file>...
#                   [DEPENDS <target>...]            public: in the headers, consumers link them too
#                   [PRIVATE_DEPENDS <target>...]    used by the sources only
#                   [FIND_DEPENDENCIES <args>...])   one find_dependency(<args>) line each in the
#                                                    installed dln-config.cmake, e.g. "GiNaC 1.8"
#
# creates the static (or, with BUILD_SHARED_LIBS, shared) library dln_<name>, the alias dln::<name>
# (installed under the same name), and public headers from <name>/include (installed to include/). The caller finds every package its targets need (find_package in its
# own CMakeLists.txt, or at the top level when several libraries share it) and lists in
# FIND_DEPENDENCIES what an installed consumer must find again: a static library's private
# dependencies are linked by the consumer too. A package found through pkg-config needs a
# cmake/Find<Package>.cmake module that creates an imported target; every cmake/Find*.cmake is
# installed next to dln-config.cmake, which puts them on CMAKE_MODULE_PATH.
include_guard(GLOBAL)
include(GNUInstallDirs)
include(DlnWarnings)

set(DLN_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/dln)

function(dln_add_library name)
  cmake_parse_arguments(PARSE_ARGV 1 L "" "" "SOURCES;DEPENDS;PRIVATE_DEPENDS;FIND_DEPENDENCIES")
  if(L_UNPARSED_ARGUMENTS OR NOT L_SOURCES)
    message(FATAL_ERROR "dln_add_library(${name}): takes SOURCES <file>... [DEPENDS ...] "
                        "[PRIVATE_DEPENDS ...] [FIND_DEPENDENCIES ...]; got '${L_UNPARSED_ARGUMENTS}'")
  endif()
  set(target dln_${name})
  add_library(${target} ${L_SOURCES})
  add_library(dln::${name} ALIAS ${target})
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${name})
  target_include_directories(${target}
    PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_link_libraries(${target} PUBLIC ${L_DEPENDS} PRIVATE ${L_PRIVATE_DEPENDS})
  if(DLN_WITH_OPENBLAS)
    # Public, so that every translation unit that includes Eigen through dln, a consumer's too, sees the same Eigen.
    target_compile_definitions(${target} PUBLIC EIGEN_USE_BLAS)
    target_link_libraries(${target} PUBLIC BLAS::BLAS)
  endif()
  dln_target_warnings(${target})

  set_property(GLOBAL APPEND PROPERTY DLN_LIBRARIES ${name})
  foreach(dependency IN LISTS L_FIND_DEPENDENCIES)
    set_property(GLOBAL APPEND PROPERTY DLN_FIND_DEPENDENCIES "find_dependency(${dependency})")
  endforeach()
  if(DLN_INSTALL)
    install(TARGETS ${target} EXPORT dln-targets
            ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
            LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
            RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
    install(DIRECTORY include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  endif()
endfunction()

# After every library: dln-config.cmake (the dependencies the libraries listed, then the targets),
# its version file, and the export set, under <prefix>/lib/cmake/dln.
function(dln_install_package)
  include(CMakePackageConfigHelpers)
  get_property(dependencies GLOBAL PROPERTY DLN_FIND_DEPENDENCIES)
  list(REMOVE_DUPLICATES dependencies)
  list(JOIN dependencies "\n" DLN_FIND_DEPENDENCIES)
  get_property(libraries GLOBAL PROPERTY DLN_LIBRARIES)
  list(JOIN libraries ", dln::" DLN_LIBRARY_LIST)
  configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/dln-config.cmake.in
                                ${PROJECT_BINARY_DIR}/dln-config.cmake
                                INSTALL_DESTINATION ${DLN_INSTALL_CMAKEDIR})
  write_basic_package_version_file(${PROJECT_BINARY_DIR}/dln-config-version.cmake
                                   COMPATIBILITY SameMinorVersion)
  file(GLOB find_modules ${PROJECT_SOURCE_DIR}/cmake/Find*.cmake)
  install(FILES ${PROJECT_BINARY_DIR}/dln-config.cmake ${PROJECT_BINARY_DIR}/dln-config-version.cmake
                ${find_modules}
          DESTINATION ${DLN_INSTALL_CMAKEDIR})
  install(EXPORT dln-targets NAMESPACE dln:: DESTINATION ${DLN_INSTALL_CMAKEDIR})
endfunction()
