#include "core/agent/tools/head_tail_buffer.h"

#include <gtest/gtest.h>

namespace klaude::core::agent {
namespace {

TEST(HeadTailBuffer, KeepsEverythingUnderTheCap) {
    HeadTailBuffer b(100);
    b.append("hello ");
    b.append("world\n");
    EXPECT_EQ(b.text(), "hello world\n");
    EXPECT_EQ(b.omitted_bytes(), 0u);
    EXPECT_EQ(b.total_bytes(), 12u);
}

TEST(HeadTailBuffer, KeepsHeadAndTailAndSaysHowMuchWasDropped) {
    HeadTailBuffer b(20);
    std::string data;
    for (int i = 0; i < 1000; ++i) {
        data += static_cast<char>('a' + i % 26);
    }
    for (std::size_t i = 0; i < data.size(); i += 7) {
        b.append(std::string_view(data).substr(i, 7));  // arrives in pieces
    }
    EXPECT_EQ(b.total_bytes(), 1000u);
    EXPECT_EQ(b.omitted_bytes(), 980u);
    std::string text = b.text();
    EXPECT_EQ(text.substr(0, 10), data.substr(0, 10));
    EXPECT_NE(text.find("[… 980 bytes omitted …]"), std::string::npos) << text;
    EXPECT_EQ(text.substr(text.size() - 10), data.substr(990));
}

TEST(HeadTailBuffer, NeverSplitsAMultibyteCharacter) {
    HeadTailBuffer b(9);
    std::string s;
    for (int i = 0; i < 50; ++i) {
        s += "é";
    }
    b.append(s);
    std::string text = b.text();
    EXPECT_EQ(text.find("\xEF\xBF\xBD"), std::string::npos) << "replacement char in " << text;
}

}  // namespace
}  // namespace klaude::core::agent
