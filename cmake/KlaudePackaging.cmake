# Debian packages with CPack, from the install components of KlaudeInstall.cmake:
#   klaude      component "runtime": bin/klaude + the bundled plugins
#   klaude-dev  component "dev": SDK headers, the KlaudeSDK CMake package, klaude-sdk.pc
# Build them from the build directory with `cpack -G DEB` (installable with
# `apt install ./klaude_*.deb ./klaude-dev_*.deb`). Depends come from dpkg-shlibdeps
# (libpoco*, libssl3, libstdc++6, …), so they follow whatever the binaries really link.
# `make install` and cpack install what `cmake --build` built, without rebuilding `all` first
# (which includes the whole test tree): packaging is `cmake --build build && cd build &&
# cpack -G DEB`, and the packaging test can run from ctest without building anything.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(KLAUDE_PACKAGE_MAINTAINER "klaude developers <klaude@localhost>"
    CACHE STRING "Maintainer field of the Debian packages")

set(CPACK_PACKAGE_NAME "klaude")
set(CPACK_PACKAGE_VENDOR "klaude")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "${KLAUDE_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)  # the build is RelWithDebInfo; packages ship stripped binaries
set(CPACK_COMPONENTS_ALL runtime dev)  # nothing else (tests never install anything)

set(CPACK_COMPONENT_RUNTIME_DISPLAY_NAME "klaude")
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION
    "The klaude command and its bundled provider plugins (OpenAI Responses, ChatGPT/Codex).")
set(CPACK_COMPONENT_DEV_DISPLAY_NAME "klaude plugin SDK")
set(CPACK_COMPONENT_DEV_DESCRIPTION
    "Headers (C ABI and header-only C++ layer), CMake package KlaudeSDK and klaude-sdk.pc to build klaude plugins.")
set(CPACK_COMPONENT_DEV_DEPENDS runtime)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # klaude_0.1.0_amd64.deb, klaude-dev_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${KLAUDE_PACKAGE_MAINTAINER}")
find_program(KLAUDE_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(KLAUDE_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  # No dpkg-dev here: the libraries Debian 12 ships for what klaude links.
  set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS
      "libpocofoundation80, libpoconet80, libpoconetssl80, libpococrypto80, libssl3, \
libstdc++6, libedit2, libmd4c0")
endif()
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)  # klaude-dev depends on klaude (= version)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME "klaude")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION "utils")
# TLS to the providers needs the system trust store.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_RECOMMENDS "ca-certificates")
set(CPACK_DEBIAN_DEV_PACKAGE_NAME "klaude-dev")
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION "libdevel")
# klaude/support/*.h (the optional support library) include Poco and RapidJSON headers.
set(CPACK_DEBIAN_DEV_PACKAGE_RECOMMENDS "libpoco-dev, rapidjson-dev")
# First line: the Debian synopsis. (CPACK_PACKAGE_DESCRIPTION_SUMMARY stays unset on purpose:
# CPackDeb would prepend it to both packages.)
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION "agent host whose LLM providers are plugins
${CPACK_COMPONENT_RUNTIME_DESCRIPTION}")
set(CPACK_DEBIAN_DEV_DESCRIPTION "SDK to build klaude plugins
${CPACK_COMPONENT_DEV_DESCRIPTION}")
set(CPACK_DEBIAN_DEV_PACKAGE_SUGGESTS "cmake (>= 3.16), pkg-config, g++ | clang")

include(CPack)
