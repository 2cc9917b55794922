# Installs the SDK's CMake package and pkg-config file, so that after
#   cmake --install <build> --prefix P
# an out-of-tree project finds it with find_package(reportlens) (P/bin on PATH is enough:
# CMake searches the parent of every PATH entry ending in /bin) or pkg-config (with
# PKG_CONFIG_PATH=P/lib/pkgconfig). The targets themselves are installed by core/CMakeLists.txt.
include(CMakePackageConfigHelpers)

set(REPORTLENS_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/reportlens)

# The plugin ABI version, read from the header that defines it (one source of truth).
file(STRINGS ${PROJECT_SOURCE_DIR}/core/include/reportlens/abi.h _abi_lines
     REGEX "^#define REPORTLENS_ABI_(MAJOR|MINOR) [0-9]+")
string(REGEX MATCH "MAJOR ([0-9]+)" _m "${_abi_lines}")
set(_abi_major ${CMAKE_MATCH_1})
string(REGEX MATCH "MINOR ([0-9]+)" _m "${_abi_lines}")
set(REPORTLENS_ABI_VERSION "${_abi_major}.${CMAKE_MATCH_1}")

install(EXPORT reportlensTargets
  NAMESPACE reportlens::
  FILE reportlensTargets.cmake
  DESTINATION ${REPORTLENS_CMAKE_INSTALL_DIR})

configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/reportlensConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cmake/reportlensConfig.cmake
  INSTALL_DESTINATION ${REPORTLENS_CMAKE_INSTALL_DIR}
  PATH_VARS REPORTLENS_PLUGIN_SUBDIR CMAKE_INSTALL_BINDIR)
# Plugins must match the host's ABI major exactly; minor versions only append.
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/cmake/reportlensConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMajorVersion)
install(FILES
    ${PROJECT_BINARY_DIR}/cmake/reportlensConfig.cmake
    ${PROJECT_BINARY_DIR}/cmake/reportlensConfigVersion.cmake
    ${PROJECT_SOURCE_DIR}/cmake/ReportlensPlugin.cmake
  DESTINATION ${REPORTLENS_CMAKE_INSTALL_DIR})

# pkg-config: the prefix is computed from the .pc file's own location, so the tree can move.
set(_pc_dir ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
file(RELATIVE_PATH REPORTLENS_PC_PREFIX_FROM_PCDIR /root/${_pc_dir} /root)
string(REGEX REPLACE "/$" "" REPORTLENS_PC_PREFIX_FROM_PCDIR "${REPORTLENS_PC_PREFIX_FROM_PCDIR}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/reportlens.pc.in
               ${PROJECT_BINARY_DIR}/cmake/reportlens.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/cmake/reportlens.pc DESTINATION ${_pc_dir})
