#include "core/agent/tools/text_utils.h"

#include <gtest/gtest.h>

namespace klaude::core::agent {
namespace {

TEST(ToValidUtf8, KeepsValidTextAndReplacesInvalidBytes) {
    EXPECT_EQ(to_valid_utf8("héllo ✓"), "héllo ✓");
    EXPECT_EQ(to_valid_utf8("a\xFF"
                            "b"),
              "a\xEF\xBF\xBD"
              "b");
    EXPECT_EQ(to_valid_utf8("\xC3"), "\xEF\xBF\xBD");                  // truncated sequence
    EXPECT_EQ(to_valid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
}

TEST(LooksBinary, NulBytesOrMostlyInvalidMeanBinary) {
    EXPECT_FALSE(looks_binary("plain text\nwith lines\n"));
    EXPECT_FALSE(looks_binary("caf\xE9 au lait, a Latin-1 accent here and there in a long line"));
    EXPECT_TRUE(looks_binary(std::string("ELF\0\0\0", 6)));
    EXPECT_TRUE(looks_binary("\xFF\xFE\xFD\xFC\xFB\xFA\xF9\xF8\x80\x81"));
}

TEST(SplitLines, HandlesFinalNewlineAndCrlf) {
    EXPECT_EQ(split_lines("a\nb\n"), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(split_lines("a\r\nb"), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(split_lines("a\n\n"), (std::vector<std::string>{"a", ""}));
    EXPECT_TRUE(split_lines("").empty());
}

TEST(ClipLine, CutsOnACharacterBoundaryAndSaysSo) {
    EXPECT_EQ(clip_line("short", 10), "short");
    std::string cut = clip_line("ééééé", 3);  // 2-byte chars: 3 bytes would split one
    EXPECT_EQ(cut.substr(0, 2), "é");
    EXPECT_NE(cut.find("line cut, 8 more bytes"), std::string::npos) << cut;
}

}  // namespace
}  // namespace klaude::core::agent
