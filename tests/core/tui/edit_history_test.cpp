#include "core/tui/edit_history.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "tests/core/tui/tui_test_support.h"

namespace klaude::core::tui {
namespace {

using ::testing::ElementsAre;

TEST(EditHistoryTest, SavesPrivatelyAndLoadsBackMultiLineAndUnicodeEntries) {
    testing::ScratchDir dir;
    const auto file = dir.path() / "history";
    {
        EditHistory history;
        history.add("first prompt");
        history.add("multi\\\nline");
        history.add("caf\xc3\xa9 \xe2\x9c\x93 tabs\there");
        history.save(file);
    }
    struct stat info {};
    ASSERT_EQ(::stat(file.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);

    EditHistory loaded;
    ASSERT_TRUE(loaded.load(file));
    EXPECT_THAT(loaded.entries(), ElementsAre("first prompt", "multi\\\nline",
                                              "caf\xc3\xa9 \xe2\x9c\x93 tabs\there"));
}

TEST(EditHistoryTest, SkipsBlankEntriesAndImmediateRepeats) {
    EditHistory history;
    history.add("one");
    history.add("   ");
    history.add("one");
    history.add("two");
    EXPECT_THAT(history.entries(), ElementsAre("one", "two"));
}

TEST(EditHistoryTest, KeepsOnlyTheNewestEntries) {
    EditHistory history(3);
    for (const char* entry : {"a", "b", "c", "d", "e"}) {
        history.add(entry);
    }
    EXPECT_THAT(history.entries(), ElementsAre("c", "d", "e"));
}

TEST(EditHistoryTest, MissingFileIsAnEmptyHistory) {
    testing::ScratchDir dir;
    EditHistory history;
    EXPECT_TRUE(history.load(dir.path() / "nothing-yet"));
    EXPECT_TRUE(history.entries().empty());
}

TEST(EditHistoryTest, SaveIntoAMissingDirectoryThrowsAClearError) {
    testing::ScratchDir dir;
    EditHistory history;
    history.add("x");
    try {
        history.save(dir.path() / "no" / "such" / "dir" / "history");
        FAIL() << "no error";
    } catch (const std::exception& e) {
        EXPECT_THAT(e.what(), ::testing::HasSubstr("history"));
    }
}

}  // namespace
}  // namespace klaude::core::tui
