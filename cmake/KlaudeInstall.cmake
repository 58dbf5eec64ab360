# Install rules, the KlaudeSDK CMake package, klaude-sdk.pc and the Debian packages (CPack).
#
# Installed layout (relative to the prefix):
#   bin/klaude
#   lib/klaude/plugins/*.so               bundled plugins            component "runtime"
#   include/klaude/{klaude.h,abi/,sdk.hpp,sdk/}  SDK headers         component "dev"
#   share/cmake/KlaudeSDK/                CMake package + klaude_add_plugin + plugin.version
#   share/pkgconfig/klaude-sdk.pc
#   lib/klaude/libklaude_sdk_support.a   the optional support library
#   share/doc/klaude-dev/examples/        example plugins (echo-provider, c-provider, sse-provider)
#
# bin/ and lib/klaude/plugins are literal on purpose: the host finds its plugins from its own
# location (/proc/self/exe -> ../lib/klaude/plugins). GNUInstallDirs would make LIBDIR
# lib/x86_64-linux-gnu under /usr on Debian, where the host would never look.
# The SDK is header-only (plus a CMake function), so its package files are architecture-
# independent and go under share/.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(KLAUDE_INSTALL_BINDIR "bin")
set(KLAUDE_INSTALL_PLUGINDIR "${KLAUDE_PLUGIN_SUBDIR}")
set(KLAUDE_INSTALL_INCLUDEDIR "include") # matches $<INSTALL_INTERFACE:include> in sdk/
set(KLAUDE_INSTALL_CMAKEDIR "${CMAKE_INSTALL_DATADIR}/cmake/KlaudeSDK")
set(KLAUDE_INSTALL_PKGCONFIGDIR "${CMAKE_INSTALL_DATADIR}/pkgconfig")
set(KLAUDE_INSTALL_EXAMPLESDIR "${CMAKE_INSTALL_DATADIR}/doc/klaude-dev/examples")

# The SDK package is versioned like the plugin ABI it describes (1.0.0), not like klaude:
# find_package(KlaudeSDK 1) means "plugin ABI major 1", whatever release the host is.
file(STRINGS "${PROJECT_SOURCE_DIR}/sdk/include/klaude/abi/version.h" _klaude_abi_lines
     REGEX "^#define KLAUDE_ABI_VERSION_(MAJOR|MINOR|PATCH) +[0-9]+")
foreach(_part MAJOR MINOR PATCH)
  string(REGEX MATCH "KLAUDE_ABI_VERSION_${_part} +([0-9]+)" _match "${_klaude_abi_lines}")
  if(NOT _match)
    message(FATAL_ERROR "cannot read KLAUDE_ABI_VERSION_${_part} from abi/version.h")
  endif()
  set(KLAUDE_ABI_VERSION_${_part} "${CMAKE_MATCH_1}")
endforeach()
set(KLAUDE_SDK_VERSION
    "${KLAUDE_ABI_VERSION_MAJOR}.${KLAUDE_ABI_VERSION_MINOR}.${KLAUDE_ABI_VERSION_PATCH}")

# --- runtime: the host and the bundled plugins ---------------------------------------------
install(TARGETS klaude RUNTIME DESTINATION "${KLAUDE_INSTALL_BINDIR}" COMPONENT runtime)
# KLAUDE_BUNDLED_PLUGINS: plugins/CMakeLists.txt.
foreach(_plugin IN LISTS KLAUDE_BUNDLED_PLUGINS)
  install(TARGETS ${_plugin} LIBRARY DESTINATION "${KLAUDE_INSTALL_PLUGINDIR}" COMPONENT runtime)
endforeach()

# --- dev: headers, CMake package, pkg-config ------------------------------------------------
install(DIRECTORY "${PROJECT_SOURCE_DIR}/sdk/include/klaude"
        DESTINATION "${KLAUDE_INSTALL_INCLUDEDIR}" COMPONENT dev
        FILES_MATCHING PATTERN "*.h" PATTERN "*.hpp")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/sdk/support/include/klaude"
        DESTINATION "${KLAUDE_INSTALL_INCLUDEDIR}" COMPONENT dev
        FILES_MATCHING PATTERN "*.h")

set_target_properties(klaude_sdk PROPERTIES EXPORT_NAME sdk)
install(TARGETS klaude_sdk EXPORT KlaudeSDKTargets COMPONENT dev)
install(EXPORT KlaudeSDKTargets NAMESPACE klaude:: DESTINATION "${KLAUDE_INSTALL_CMAKEDIR}"
        COMPONENT dev)
# The optional support library (streaming HTTP client, SSE parser) in its own export set: the
# package loads it only where Poco is installed, so plain-ABI plugins need no Poco.
install(TARGETS klaude_sdk_support EXPORT KlaudeSDKSupportTargets
        ARCHIVE DESTINATION "lib/klaude" COMPONENT dev)
install(EXPORT KlaudeSDKSupportTargets NAMESPACE klaude::
        DESTINATION "${KLAUDE_INSTALL_CMAKEDIR}" COMPONENT dev)

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/KlaudeSDKConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/cmake/KlaudeSDKConfig.cmake"
  INSTALL_DESTINATION "${KLAUDE_INSTALL_CMAKEDIR}"
  PATH_VARS KLAUDE_INSTALL_INCLUDEDIR KLAUDE_INSTALL_PLUGINDIR)
# SameMajorVersion: a plugin asking for KlaudeSDK 1.x gets any 1.y with y >= x, never 2.
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/cmake/KlaudeSDKConfigVersion.cmake"
  VERSION "${KLAUDE_SDK_VERSION}" COMPATIBILITY SameMajorVersion)
install(FILES
          "${PROJECT_BINARY_DIR}/cmake/KlaudeSDKConfig.cmake"
          "${PROJECT_BINARY_DIR}/cmake/KlaudeSDKConfigVersion.cmake"
          "${PROJECT_SOURCE_DIR}/cmake/KlaudePlugin.cmake"
          "${PROJECT_SOURCE_DIR}/cmake/plugin.version"
        DESTINATION "${KLAUDE_INSTALL_CMAKEDIR}" COMPONENT dev)

# The example plugins docs/plugin-authoring.md points to, as Debian keeps examples.
install(DIRECTORY "${PROJECT_SOURCE_DIR}/examples/"
        DESTINATION "${KLAUDE_INSTALL_EXAMPLESDIR}" COMPONENT dev)

# Relocatable (${pcfiledir}), so the same file works under any --prefix and in the .deb.
configure_file("${PROJECT_SOURCE_DIR}/cmake/klaude-sdk.pc.in"
               "${PROJECT_BINARY_DIR}/cmake/klaude-sdk.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/cmake/klaude-sdk.pc"
        DESTINATION "${KLAUDE_INSTALL_PKGCONFIGDIR}" COMPONENT dev)
include(KlaudePackaging)
