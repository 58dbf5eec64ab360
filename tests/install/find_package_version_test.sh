#!/usr/bin/env bash
# find_package(KlaudeSDK) follows the plugin ABI version: any 1.x up to the installed minor is
# found, a newer minor or another major is not (SameMajorVersion).
source "$(dirname "$0")/common.sh"
fresh_dir "$WORK"

abi_h="$PREFIX/include/klaude/abi/version.h"
major=$(sed -n 's/^#define KLAUDE_ABI_VERSION_MAJOR \([0-9]*\).*/\1/p' "$abi_h")
minor=$(sed -n 's/^#define KLAUDE_ABI_VERSION_MINOR \([0-9]*\).*/\1/p' "$abi_h")
patch=$(sed -n 's/^#define KLAUDE_ABI_VERSION_PATCH \([0-9]*\).*/\1/p' "$abi_h")

probe() { # VERSION -> prints "found <version>" or "not found"
    local dir="$WORK/probe-$1"
    mkdir -p "$dir"
    cat >"$dir/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.16)
project(probe LANGUAGES NONE)
find_package(KlaudeSDK $1 QUIET)
if(KlaudeSDK_FOUND AND TARGET klaude::sdk AND COMMAND klaude_add_plugin)
  message(STATUS "probe: found \${KlaudeSDK_VERSION}")
else()
  message(STATUS "probe: not found")
endif()
CMAKE
    "$CMAKE" -S "$dir" -B "$dir/build" -DCMAKE_PREFIX_PATH="$PREFIX" 2>&1 |
        sed -n 's/^-- probe: //p'
}

expect_equals "$(probe "$major")" "found $major.$minor.$patch" "find_package(KlaudeSDK $major)"
expect_equals "$(probe "$major.$minor")" "found $major.$minor.$patch" "find_package(KlaudeSDK $major.$minor)"
expect_equals "$(probe "$major.$((minor + 1))")" "not found" "find_package(KlaudeSDK $major.$((minor + 1)))"
expect_equals "$(probe "$((major + 1))")" "not found" "find_package(KlaudeSDK $((major + 1)))"
echo "ok"
