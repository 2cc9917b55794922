# reportlens_add_plugin(NAME <name> SOURCES <files...> [DATA <dir>] [LINK <targets...>])
#
# Builds libreportlens-<name>.so as a plugin: hidden visibility (only the Boost.DLL entry
# alias is exported), the build-key definitions the host checks, output next to the other
# plugins (build/lib/reportlens/plugins), its data directory copied to
# plugins/data/<name>/ there, and install rules mirroring that layout.
function(reportlens_add_plugin)
  cmake_parse_arguments(ARG "" "NAME;DATA;OUTPUT_DIR" "SOURCES;LINK" ${ARGN})
  if(NOT ARG_NAME OR NOT ARG_SOURCES)
    message(FATAL_ERROR "reportlens_add_plugin: NAME and SOURCES are required")
  endif()
  set(target reportlens_plugin_${ARG_NAME})
  if(NOT ARG_OUTPUT_DIR)
    set(ARG_OUTPUT_DIR ${REPORTLENS_PLUGIN_OUTPUT_DIR})
  endif()
  add_library(${target} MODULE ${ARG_SOURCES})
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME reportlens-${ARG_NAME}
    PREFIX lib
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIR})
  target_link_libraries(${target} PRIVATE reportlens::core ${ARG_LINK})
  if(ARG_DATA)
    get_filename_component(_data "${ARG_DATA}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    add_custom_command(TARGET ${target} POST_BUILD
      COMMAND ${CMAKE_COMMAND} -E copy_directory ${_data} ${ARG_OUTPUT_DIR}/data/${ARG_NAME}
      COMMENT "Copying ${ARG_NAME} plugin data")
    install(DIRECTORY ${_data}/ DESTINATION ${REPORTLENS_PLUGIN_SUBDIR}/data/${ARG_NAME})
  endif()
  install(TARGETS ${target} LIBRARY DESTINATION ${REPORTLENS_PLUGIN_SUBDIR})
endfunction()
