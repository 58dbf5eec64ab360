// Compiles the ABI headers as C++17 with -pedantic, checks their layout (abi_layout.h), and
// tests the version rule and the SDK helpers that every plugin relies on.
#include <gtest/gtest.h>

#include <cstring>

#include "abi_layout.h"
#include "klaude/sdk.hpp"

extern "C" int klaude_abi_layout_c11_checked(void);

namespace {

TEST(AbiLayout, TheC11TranslationUnitAgrees) {
    EXPECT_EQ(klaude_abi_layout_c11_checked(), 1);
}

TEST(AbiVersion, SameMajorOlderOrEqualMinorIsCompatible) {
    EXPECT_TRUE(klaude_version_is_compatible({1, 3, 0}, {1, 0, 7}));
    EXPECT_TRUE(klaude_version_is_compatible({1, 3, 0}, {1, 3, 0}));
    EXPECT_FALSE(klaude_version_is_compatible({1, 3, 0}, {1, 4, 0}));
    EXPECT_FALSE(klaude_version_is_compatible({1, 3, 0}, {2, 0, 0}));
    EXPECT_FALSE(klaude_version_is_compatible({2, 0, 0}, {1, 0, 0}));
}

TEST(SdkErrors, MessagesAreTruncatedToTheCapacityAtACharacterBoundary) {
    char buffer[8];
    std::memset(buffer, 'Z', sizeof buffer);
    klaude::sdk::write_message(buffer, 6, "h\xC3\xA9llo world");  // é is two bytes
    EXPECT_STREQ(buffer, "h\xC3\xA9ll");
    EXPECT_EQ(buffer[6], 'Z');  // nothing written past the capacity
    klaude::sdk::write_message(buffer, 3, "h\xC3\xA9");
    EXPECT_STREQ(buffer, "h");  // never half of é
}

TEST(SdkErrors, GuardedTurnsExceptionsIntoStatusCodes) {
    char err[64];
    EXPECT_EQ(
        klaude::sdk::detail::guarded(
            err, sizeof err, [] { throw klaude::sdk::Error(KLAUDE_ERROR_AUTH, "sign in again"); }),
        KLAUDE_ERROR_AUTH);
    EXPECT_STREQ(err, "sign in again");
    EXPECT_EQ(klaude::sdk::detail::guarded(err, sizeof err, [] { throw 42; }), KLAUDE_ERROR);
    EXPECT_STREQ(err, "internal error: unknown exception");
    EXPECT_EQ(klaude::sdk::detail::guarded(err, sizeof err, [] {}), KLAUDE_OK);
}

TEST(SdkHost, AnOlderHostWithoutAServiceDegradesGracefully) {
    // A host struct that ends before `ask`: the SDK must not read the missing fields.
    klaude_host_t host{};
    host.struct_size = offsetof(klaude_host_t, ask);
    host.ask = reinterpret_cast<decltype(host.ask)>(0x1);  // beyond struct_size: never called
    klaude::sdk::Host wrapped(&host);
    EXPECT_EQ(wrapped.ask("question?").status, KLAUDE_ERROR_UNSUPPORTED);
    EXPECT_FALSE(wrapped.confirm("sure?").has_value());
    EXPECT_EQ(wrapped.home_dir(), "");
    EXPECT_FALSE(wrapped.cancelled());
}

}  // namespace
