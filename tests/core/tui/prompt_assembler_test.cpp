#include "core/tui/prompt_assembler.h"

#include <gtest/gtest.h>

namespace klaude::core::tui {
namespace {

TEST(PromptAssemblerTest, OneLineIsOnePrompt) {
    PromptAssembler input;
    EXPECT_TRUE(input.add("hello", false));
    EXPECT_EQ(input.history_entry(), "hello");
    EXPECT_EQ(input.take(), "hello");
    EXPECT_FALSE(input.in_progress());
}

TEST(PromptAssemblerTest, TrailingBackslashContinuesAndIsDropped) {
    PromptAssembler input;
    EXPECT_FALSE(input.add("first \\", false));
    EXPECT_TRUE(input.in_progress());
    EXPECT_FALSE(input.add("second\\", false));
    EXPECT_TRUE(input.add("third", false));
    EXPECT_EQ(input.history_entry(), "first \\\nsecond\\\nthird");
    EXPECT_EQ(input.take(), "first \nsecond\nthird");
}

TEST(PromptAssemblerTest, WaitingInputContinuesAPaste) {
    PromptAssembler input;
    EXPECT_FALSE(input.add("pasted one", true));
    EXPECT_FALSE(input.add("pasted two", true));
    EXPECT_TRUE(input.add("last", false));
    EXPECT_EQ(input.take(), "pasted one\npasted two\nlast");
}

TEST(PromptAssemblerTest, APastedLineKeepsItsFinalBackslash) {
    PromptAssembler input;
    EXPECT_FALSE(input.add("make \\", true, /*literal=*/true));
    EXPECT_TRUE(input.add("  test", false));
    EXPECT_EQ(input.history_entry(), "make \\\\\n  test");
    EXPECT_EQ(input.take(), "make \\\n  test");
    // Recalled from the history, it is the same prompt again.
    EXPECT_TRUE(input.add("make \\\\\n  test", false));
    EXPECT_EQ(input.take(), "make \\\n  test");
}

TEST(PromptAssemblerTest, RecalledHistoryEntryGivesTheSamePrompt) {
    PromptAssembler first;
    first.add("a\\", false);
    first.add("b", false);
    const std::string entry = first.history_entry();
    const std::string prompt = first.take();

    PromptAssembler recalled;
    EXPECT_TRUE(recalled.add(entry, false));
    EXPECT_EQ(recalled.take(), prompt);
}

TEST(PromptAssemblerTest, RecalledEntryEndingInBackslashStillContinues) {
    PromptAssembler input;
    EXPECT_FALSE(input.add("x\\\ny\\", false));
    EXPECT_TRUE(input.add("z", false));
    EXPECT_EQ(input.take(), "x\ny\nz");
}

TEST(PromptAssemblerTest, CarriageReturnsAndResetAreHandled) {
    PromptAssembler input;
    EXPECT_FALSE(input.add("dos line\\\r", false));
    input.reset();
    EXPECT_FALSE(input.in_progress());
    EXPECT_TRUE(input.add("new", false));
    EXPECT_EQ(input.take(), "new");
}

}  // namespace
}  // namespace klaude::core::tui
