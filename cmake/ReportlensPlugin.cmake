# reportlens_add_plugin(NAME <name> SOURCES <files...> [DATA <dir>] [DATA_FILES <files...>]
#                       [LINK <targets...>] [OUTPUT_DIR <dir>])
#
# Builds libreportlens-<name>.so as a plugin: hidden visibility (only the Boost.DLL entry
# alias is exported), the build-key definitions the host checks (inherited from
# reportlens::core), output next to the other plugins, its data directory copied to
# <output>/data/<name>/ (where the host looks for it), and install rules mirroring that layout
# (<prefix>/lib/reportlens/plugins, which `<prefix>/bin/pipeline` searches). DATA_FILES are
# single files copied into that data directory too: a data file several plugins read (the
# indicator catalogue) has one source and a copy beside each plugin.
#
# The same file serves the reportlens build itself and, installed as part of the CMake
# package, out-of-tree plugin projects (find_package(reportlens)). Inside the reportlens
# build the top-level CMakeLists.txt sets REPORTLENS_PLUGIN_OUTPUT_DIR/REPORTLENS_PLUGIN_SUBDIR;
# outside, plugins land in <build>/plugins and install to lib/reportlens/plugins.
#
# Testing ABI refusal: configure with -DREPORTLENS_ABI_MAJOR=<n> to build plugins that claim
# another ABI major; a host with a different major refuses them (exit code 4).
include_guard(GLOBAL)
include(GNUInstallDirs)

function(reportlens_add_plugin)
  cmake_parse_arguments(ARG "" "NAME;DATA;OUTPUT_DIR" "SOURCES;LINK;DATA_FILES" ${ARGN})
  if(NOT ARG_NAME OR NOT ARG_SOURCES)
    message(FATAL_ERROR "reportlens_add_plugin: NAME and SOURCES are required")
  endif()
  if(NOT ARG_NAME MATCHES "^[a-z][a-z0-9_-]*$")
    message(FATAL_ERROR "reportlens_add_plugin: NAME '${ARG_NAME}' must be lower case letters, "
                        "digits, '-' or '_' (it becomes libreportlens-${ARG_NAME}.so)")
  endif()
  if(NOT TARGET reportlens::core)
    message(FATAL_ERROR "reportlens_add_plugin: reportlens::core is not defined; "
                        "call find_package(reportlens REQUIRED) first")
  endif()
  set(target reportlens_plugin_${ARG_NAME})
  if(NOT ARG_OUTPUT_DIR)
    if(DEFINED REPORTLENS_PLUGIN_OUTPUT_DIR)
      set(ARG_OUTPUT_DIR ${REPORTLENS_PLUGIN_OUTPUT_DIR})
    else()
      set(ARG_OUTPUT_DIR ${CMAKE_BINARY_DIR}/plugins)
    endif()
  endif()
  if(DEFINED REPORTLENS_PLUGIN_SUBDIR)
    set(install_dir ${REPORTLENS_PLUGIN_SUBDIR})
  else()
    set(install_dir ${CMAKE_INSTALL_LIBDIR}/reportlens/plugins)
  endif()

  add_library(${target} MODULE ${ARG_SOURCES})
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME reportlens-${ARG_NAME}
    PREFIX lib
    SUFFIX .so
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    POSITION_INDEPENDENT_CODE ON
    # Installed in <prefix>/lib/reportlens/plugins; libreportlens-core.so is in <prefix>/lib.
    INSTALL_RPATH "$ORIGIN/../.."
    LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIR}
    # Multi-config generators would otherwise add a per-config subdirectory.
    LIBRARY_OUTPUT_DIRECTORY_DEBUG ${ARG_OUTPUT_DIR}
    LIBRARY_OUTPUT_DIRECTORY_RELEASE ${ARG_OUTPUT_DIR}
    LIBRARY_OUTPUT_DIRECTORY_RELWITHDEBINFO ${ARG_OUTPUT_DIR}
    LIBRARY_OUTPUT_DIRECTORY_MINSIZEREL ${ARG_OUTPUT_DIR}
    REPORTLENS_PLUGIN_NAME ${ARG_NAME})
  # The host and the plugin exchange C++ objects: C++20 on both sides (part of the build key).
  target_compile_features(${target} PRIVATE cxx_std_20)
  target_link_libraries(${target} PRIVATE reportlens::core ${ARG_LINK})
  if(DEFINED REPORTLENS_ABI_MAJOR)
    target_compile_definitions(${target} PRIVATE REPORTLENS_ABI_MAJOR=${REPORTLENS_ABI_MAJOR})
  endif()

  # A plugin built Debug (no NDEBUG) has a different build key from a Release host and is
  # refused at load time; say so now rather than at run time.
  if(DEFINED REPORTLENS_SDK_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
    string(TOUPPER "${CMAKE_BUILD_TYPE}" _mine)
    string(TOUPPER "${REPORTLENS_SDK_BUILD_TYPE}" _sdk)
    set(_release_like RELEASE RELWITHDEBINFO MINSIZEREL)
    set(_mine_release FALSE)
    set(_sdk_release FALSE)
    if(_mine IN_LIST _release_like)
      set(_mine_release TRUE)
    endif()
    if(_sdk IN_LIST _release_like)
      set(_sdk_release TRUE)
    endif()
    if(NOT _mine_release STREQUAL _sdk_release)
      message(WARNING "reportlens_add_plugin(${ARG_NAME}): CMAKE_BUILD_TYPE is "
                      "'${CMAKE_BUILD_TYPE}' but the reportlens SDK was built "
                      "'${REPORTLENS_SDK_BUILD_TYPE}'; the host will refuse the plugin "
                      "(different build key). Configure with "
                      "-DCMAKE_BUILD_TYPE=${REPORTLENS_SDK_BUILD_TYPE}.")
    endif()
  endif()

  set(_extra)
  foreach(_f IN LISTS ARG_DATA_FILES)
    get_filename_component(_f "${_f}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    if(NOT EXISTS "${_f}" OR IS_DIRECTORY "${_f}")
      message(FATAL_ERROR "reportlens_add_plugin(${ARG_NAME}): DATA_FILES ${_f} is not a file")
    endif()
    list(APPEND _extra ${_f})
  endforeach()
  if(ARG_DATA OR _extra)
    set(_data_files ${_extra})
    set(_copy_dir)
    if(ARG_DATA)
      get_filename_component(_data "${ARG_DATA}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
      if(NOT IS_DIRECTORY "${_data}")
        message(FATAL_ERROR "reportlens_add_plugin(${ARG_NAME}): DATA ${_data} is not a directory")
      endif()
      file(GLOB_RECURSE _dir_files CONFIGURE_DEPENDS ${_data}/*)
      list(APPEND _data_files ${_dir_files})
      set(_copy_dir COMMAND ${CMAKE_COMMAND} -E copy_directory ${_data} ${ARG_OUTPUT_DIR}/data/${ARG_NAME})
      install(DIRECTORY ${_data}/ DESTINATION ${install_dir}/data/${ARG_NAME})
    endif()
    set(_copy_files)
    if(_extra)
      set(_copy_files COMMAND ${CMAKE_COMMAND} -E copy ${_extra} ${ARG_OUTPUT_DIR}/data/${ARG_NAME}/)
      install(FILES ${_extra} DESTINATION ${install_dir}/data/${ARG_NAME})
    endif()
    # A separate step that depends on every data file, so an edited data file is copied on
    # the next build even when the library does not relink. The copy replaces the previous
    # one, so deleted files disappear too.
    set(_stamp ${CMAKE_CURRENT_BINARY_DIR}/${target}_data.stamp)
    add_custom_command(OUTPUT ${_stamp}
      COMMAND ${CMAKE_COMMAND} -E rm -rf ${ARG_OUTPUT_DIR}/data/${ARG_NAME}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${ARG_OUTPUT_DIR}/data/${ARG_NAME}
      ${_copy_dir}
      ${_copy_files}
      COMMAND ${CMAKE_COMMAND} -E touch ${_stamp}
      DEPENDS ${_data_files}
      COMMENT "Copying ${ARG_NAME} plugin data")
    add_custom_target(${target}_data DEPENDS ${_stamp})
    add_dependencies(${target} ${target}_data)
  endif()
  install(TARGETS ${target} LIBRARY DESTINATION ${install_dir})
endfunction()
