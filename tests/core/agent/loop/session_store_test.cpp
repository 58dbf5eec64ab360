#include "core/session/session_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

namespace klaude::core {
namespace {

using ::testing::HasSubstr;

class SessionStoreTest : public ::testing::Test {
  protected:
    SessionStoreTest() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "klaude-sess-XXXXXX").string();
        home_ = ::mkdtemp(pattern.data());
    }
    ~SessionStoreTest() override { std::filesystem::remove_all(home_); }
    SessionInfo info(const std::string& id, const std::string& cwd) {
        SessionInfo i;
        i.id = id;
        i.cwd = cwd;
        i.provider = "openai";
        i.model = "gpt-5.1";
        return i;
    }
    std::filesystem::path home_;
};

TEST_F(SessionStoreTest, WritesPrivateFilesAndReadsItemsBack) {
    {
        SessionWriter writer = SessionWriter::create(home_, info("abc123", "/src/x"));
        writer.append_item(
            R"({"type":"message","role":"user","content":[{"type":"text","text":"fix the bug"}]})");
        writer.append_item(R"({"type":"function_call_output","call_id":"c","output":"ok"})");
    }
    struct stat st {};
    ASSERT_EQ(::stat((home_ / "sessions").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700);
    ASSERT_EQ(::stat((home_ / "sessions" / "abc123.jsonl").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600);

    LoadedSession loaded = load_session(home_, "abc");
    EXPECT_EQ(loaded.info.id, "abc123");
    EXPECT_EQ(loaded.info.first_prompt, "fix the bug");
    ASSERT_EQ(loaded.items.size(), 2u);
    EXPECT_THAT(loaded.items[1], HasSubstr("function_call_output"));
}

TEST_F(SessionStoreTest, ATornLastLineIsIgnored) {
    {
        SessionWriter writer = SessionWriter::create(home_, info("torn", "/src"));
        writer.append_item(R"({"type":"message","role":"user","content":[]})");
    }
    std::ofstream(home_ / "sessions" / "torn.jsonl", std::ios::app) << "{\"type\":\"item\",\"ite";
    EXPECT_EQ(load_session(home_, "torn").items.size(), 1u);
}

TEST_F(SessionStoreTest, LastSessionOfADirectory) {
    SessionWriter::create(home_, info("one", "/a"));
    SessionWriter::create(home_, info("two", "/b"));
    auto last = last_session_in(home_, "/a");
    ASSERT_TRUE(last.has_value());
    EXPECT_EQ(last->id, "one");
    EXPECT_FALSE(last_session_in(home_, "/c").has_value());
    EXPECT_EQ(list_sessions(home_).size(), 2u);
}

TEST_F(SessionStoreTest, UnknownAndAmbiguousIds) {
    SessionWriter::create(home_, info("aa1", "/a"));
    SessionWriter::create(home_, info("aa2", "/a"));
    try {
        load_session(home_, "zz");
        FAIL();
    } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "no session 'zz'; see 'klaude sessions'");
    }
    EXPECT_THROW(load_session(home_, "aa"), std::runtime_error);
}

}  // namespace
}  // namespace klaude::core
