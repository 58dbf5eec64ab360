# klaude_add_plugin(<name> [OUTPUT_DIR dir] SOURCES ... [LIBRARIES ...])
#
# Builds a klaude plugin module <name>.so: hidden visibility, a version script that exports only
# `klaude_plugin_entry`, and -Wl,--no-undefined so a missing symbol fails the link, not the
# load. In sanitizer builds --no-undefined is dropped (the sanitizer runtime lives in the host).
set(KLAUDE_PLUGIN_VERSION_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/plugin.version")

function(klaude_add_plugin name)
  cmake_parse_arguments(ARG "" "OUTPUT_DIR" "SOURCES;LIBRARIES" ${ARGN})
  add_library(${name} MODULE ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE klaude::sdk ${ARG_LIBRARIES})
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    SUFFIX ".so"
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(ARG_OUTPUT_DIR)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIR}")
  elseif(DEFINED KLAUDE_PLUGIN_OUTPUT_DIR)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${KLAUDE_PLUGIN_OUTPUT_DIR}")
  endif()
  target_link_options(${name} PRIVATE "-Wl,--version-script=${KLAUDE_PLUGIN_VERSION_SCRIPT}")
  if(NOT KLAUDE_SANITIZE)
    target_link_options(${name} PRIVATE "-Wl,--no-undefined")
  endif()
  set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS "${KLAUDE_PLUGIN_VERSION_SCRIPT}")
  if(COMMAND klaude_set_warnings)
    klaude_set_warnings(${name})
  endif()
endfunction()
