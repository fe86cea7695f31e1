# GiNaC (with CLN) through pkg-config, which is all Debian's libginac-dev ships: the imported target
# PkgConfig::GINAC. Installed with dln so that dln-config.cmake can find it again for dln::symbolic.
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  set(version_check "")
  if(GiNaC_FIND_VERSION)
    set(version_check ">=${GiNaC_FIND_VERSION}")
  endif()
  pkg_check_modules(GINAC QUIET IMPORTED_TARGET ginac${version_check})
endif()
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(GiNaC REQUIRED_VARS GINAC_LINK_LIBRARIES VERSION_VAR GINAC_VERSION)
