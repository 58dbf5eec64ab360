#include "core/tui/pasted_text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace klaude::core::tui {
namespace {

using ::testing::ElementsAre;

TEST(PastedTextTest, CrCrlfAndLfAllEndALine) {
    EXPECT_THAT(pasted_lines("one\rtwo\r\nthree\nfour"),
                ElementsAre("one", "two", "three", "four"));
    EXPECT_THAT(pasted_lines("a\r\rb"), ElementsAre("a", "", "b"));
}

TEST(PastedTextTest, AFinalLineBreakLeavesAnEmptyLastLine) {
    EXPECT_THAT(pasted_lines("one\r"), ElementsAre("one", ""));
    EXPECT_THAT(pasted_lines(""), ElementsAre(""));
}

TEST(PastedTextTest, TabsAndControlKeysStayNulsGoAndBadUtf8IsReplaced) {
    EXPECT_THAT(pasted_lines(std::string("\tx\x12y\0z", 6)), ElementsAre("\tx\x12yz"));
    EXPECT_THAT(pasted_lines("caf\xc3\xa9 \xe2\x9c\x93"), ElementsAre("caf\xc3\xa9 \xe2\x9c\x93"));
    EXPECT_THAT(pasted_lines("a\xff"
                             "b\xc3"),
                ElementsAre("a\xef\xbf\xbd"
                            "b\xef\xbf\xbd"));
    // An overlong form and a surrogate are not UTF-8 either.
    EXPECT_THAT(pasted_lines("\xc0\xaf\xed\xa0\x80"),
                ElementsAre("\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"));
}

}  // namespace
}  // namespace klaude::core::tui
