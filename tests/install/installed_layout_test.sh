#!/usr/bin/env bash
# The installed tree: files where the docs say, no build-tree paths, and a klaude that finds
# its bundled plugins relative to itself, even after the whole prefix moved.
source "$(dirname "$0")/common.sh"
fresh_dir "$WORK"

for file in bin/klaude lib/klaude/plugins/{responses,codex,chat,anthropic}.so \
    include/klaude/klaude.h include/klaude/sdk.hpp \
    include/klaude/abi/{auth,client,entry,events,host,provider,status,version}.h \
    include/klaude/sdk/{auth,client,descriptors,error,event_sink,host,plugin}.hpp \
    include/klaude/support/{cancel_signal,connection_pool,http_errors,http_request}.h \
    include/klaude/support/{http_stream,json,provider_config,proxy_env,retry_policy}.h \
    include/klaude/support/{sse_client,sse_parser,tls_context}.h \
    share/doc/klaude-dev/examples/{echo-provider/echo_provider.cpp,c-provider/c_provider.c} \
    share/doc/klaude-dev/examples/sse-provider/{CMakeLists.txt,sse_provider.cpp} \
    lib/klaude/libklaude_sdk_support.a share/cmake/KlaudeSDK/KlaudeSDKSupportTargets.cmake \
    share/cmake/KlaudeSDK/{KlaudeSDKConfig,KlaudeSDKConfigVersion,KlaudeSDKTargets,KlaudePlugin}.cmake \
    share/cmake/KlaudeSDK/plugin.version share/pkgconfig/klaude-sdk.pc; do
    [[ -f "$PREFIX/$file" ]] || fail "missing $PREFIX/$file"
done
# Everything the SDK ships is in the list above: a new header must be added there and to docs.
headers=$({
    (cd "$KLAUDE_TEST_SOURCE_DIR/sdk/include" && find klaude -type f)
    (cd "$KLAUDE_TEST_SOURCE_DIR/sdk/support/include" && find klaude -type f)
} | sort)
installed=$(cd "$PREFIX/include" && find klaude -type f | sort)
expect_equals "$installed" "$headers" "installed headers"

if grep -rl -- "$KLAUDE_TEST_BUILD_DIR" "$PREFIX/share" "$PREFIX/include"; then
    fail "installed SDK files mention the build tree $KLAUDE_TEST_BUILD_DIR"
fi
for elf in "$PREFIX/bin/klaude" "$PREFIX"/lib/klaude/plugins/*.so; do
    runpath=$(readelf -d "$elf" | grep -E 'RPATH|RUNPATH' || true)
    expect_not_contains "$runpath" "$KLAUDE_TEST_BUILD_DIR" "RPATH of $elf"
done
for plugin in "$PREFIX"/lib/klaude/plugins/*.so; do
    expect_only_entry_exported "$plugin"
done

run_klaude --version
expect_equals "$RC" 0 "klaude --version exit code"

run_klaude plugins
expect_equals "$RC" 0 "klaude plugins exit code"
expect_contains "$OUT" "Loaded plugins (4):" "klaude plugins"
expect_contains "$OUT" "path:      $PREFIX/lib/klaude/plugins/responses.so" "klaude plugins"
expect_contains "$OUT" "path:      $PREFIX/lib/klaude/plugins/codex.so" "klaude plugins"
expect_contains "$OUT" "path:      $PREFIX/lib/klaude/plugins/chat.so" "klaude plugins"
expect_contains "$OUT" "path:      $PREFIX/lib/klaude/plugins/anthropic.so" "klaude plugins"
expect_not_contains "$OUT" "Rejected" "klaude plugins"

# Relocatable: a copy of the prefix elsewhere finds its own plugins, not the original ones.
cp -a "$PREFIX" "$WORK/moved"
RC=0
OUT=$(env -u KLAUDE_PLUGIN_PATH KLAUDE_HOME="$WORK/home" "$WORK/moved/bin/klaude" plugins) || RC=$?
expect_equals "$RC" 0 "moved klaude plugins exit code"
expect_contains "$OUT" "path:      $WORK/moved/lib/klaude/plugins/responses.so" "moved prefix"
expect_not_contains "$OUT" "$PREFIX/lib" "moved prefix"
echo "ok"
