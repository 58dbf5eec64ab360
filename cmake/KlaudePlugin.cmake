# klaude_add_plugin(<name> [OUTPUT_DIR dir] SOURCES ... [LIBRARIES ...])
#
# Builds a klaude plugin module <name>.so: hidden visibility, a version script that exports only
# `klaude_plugin_entry`, and -Wl,--no-undefined so a missing symbol fails the link, not the
# load. In sanitizer builds --no-undefined is dropped (the sanitizer runtime lives in the host).
#
# The same file serves the klaude tree (include(KlaudePlugin)) and out-of-tree plugins, where
# find_package(KlaudeSDK) installs it next to plugin.version and klaude::sdk is the imported
# target. Out of tree, a plugin written in C needs no C++ compiler: nothing here enables CXX.
set(KLAUDE_PLUGIN_VERSION_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/plugin.version")
# Also global, so the function finds it from any directory or function scope.
set_property(GLOBAL PROPERTY KLAUDE_PLUGIN_VERSION_SCRIPT "${KLAUDE_PLUGIN_VERSION_SCRIPT}")

function(klaude_add_plugin name)
  cmake_parse_arguments(ARG "" "OUTPUT_DIR" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT TARGET klaude::sdk)
    message(FATAL_ERROR "klaude_add_plugin(${name}): no klaude::sdk target; "
                        "call find_package(KlaudeSDK 1 REQUIRED) first")
  endif()
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "klaude_add_plugin(${name}): no SOURCES given")
  endif()
  get_property(version_script GLOBAL PROPERTY KLAUDE_PLUGIN_VERSION_SCRIPT)
  add_library(${name} MODULE ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE klaude::sdk ${ARG_LIBRARIES})
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    SUFFIX ".so"
    POSITION_INDEPENDENT_CODE ON
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  # The SDK headers need C11 / C++17. A project that chose a standard keeps its choice.
  if(NOT DEFINED CMAKE_C_STANDARD)
    set_target_properties(${name} PROPERTIES C_STANDARD 11 C_STANDARD_REQUIRED ON)
  endif()
  if(NOT DEFINED CMAKE_CXX_STANDARD)
    set_target_properties(${name} PROPERTIES CXX_STANDARD 17 CXX_STANDARD_REQUIRED ON)
  endif()
  if(ARG_OUTPUT_DIR)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIR}")
  elseif(DEFINED KLAUDE_PLUGIN_OUTPUT_DIR)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${KLAUDE_PLUGIN_OUTPUT_DIR}")
  endif()
  target_link_options(${name} PRIVATE "-Wl,--version-script=${version_script}")
  if(NOT KLAUDE_SANITIZE)
    target_link_options(${name} PRIVATE "-Wl,--no-undefined")
  endif()
  set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS "${version_script}")
  if(COMMAND klaude_set_warnings)
    klaude_set_warnings(${name})
  endif()
endfunction()
