#include "core/tui/spinner.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <thread>

#include "tests/core/tui/tui_test_support.h"

namespace klaude::core::tui {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;
using namespace std::chrono_literals;

constexpr TerminalCaps kTerminal{true, true, true, true, false};
constexpr TerminalCaps kAsciiTerminal{true, true, true, false, false};

// A clock the test moves by hand (atomic: the spinner's thread reads it).
struct FakeClock {
    std::atomic<std::chrono::steady_clock::duration::rep> ticks{0};
    void advance(std::chrono::seconds by) {
        ticks += std::chrono::duration_cast<std::chrono::steady_clock::duration>(by).count();
    }
    Spinner::Clock function() {
        return [this] {
            return std::chrono::steady_clock::time_point(
                std::chrono::steady_clock::duration(ticks.load()));
        };
    }
};

class SpinnerTest : public ::testing::Test {
  protected:
    ~SpinnerTest() override { std::fclose(out_); }

    // Waits (up to 5 s) until `spinner` drew `rows` rows.
    static bool wait_for_rows(const Spinner& spinner, int rows) {
        const auto deadline = std::chrono::steady_clock::now() + 5s;
        while (spinner.rows_drawn() < rows) {
            if (std::chrono::steady_clock::now() > deadline) {
                return false;
            }
            std::this_thread::sleep_for(1ms);
        }
        return true;
    }

    std::FILE* out_ = std::tmpfile();
};

TEST(SpinnerRowTest, ShowsFrameLabelElapsedTimeAndHowToCancel) {
    EXPECT_EQ(Spinner::status_row("waiting for the model", 12s, 0, true, 100, Theme::plain()),
              "⠋ waiting for the model · 12s · Ctrl-C cancels");
    EXPECT_EQ(Spinner::status_row("waiting for the model", 75s, 1, true, 100, Theme::plain()),
              "⠙ waiting for the model · 1m15s · Ctrl-C cancels");
    EXPECT_EQ(Spinner::status_row("running `make`", 0s, 5, false, 100, Theme::plain()),
              "/ running `make` - 0s - Ctrl-C cancels");
    EXPECT_EQ(Spinner::status_row("x", 0s, 3, false, 100, Theme::tagged()),
              "{b}\\{/} {dim}x - 0s - Ctrl-C cancels{/}");
}

TEST(SpinnerRowTest, ALongLabelIsCutToTheWidth) {
    const std::string label(200, 'a');
    const std::string row = Spinner::status_row(label, 3s, 0, false, 40, Theme::plain());
    EXPECT_EQ(row.size(), 39u);  // one column spare
    EXPECT_THAT(row, HasSubstr("a... - 3s - Ctrl-C cancels"));
    // Narrower than the fixed parts: the label alone, still within the width.
    EXPECT_LE(Spinner::status_row(label, 3s, 0, false, 12, Theme::plain()).size(), 11u);
}

TEST(SpinnerRowTest, LabelsSayWhatRuns) {
    EXPECT_EQ(tool_spinner_label("shell", R"({"command":"make   test\n && echo ok"})"),
              "running `make test && echo ok`");
    EXPECT_EQ(tool_spinner_label("shell", "not json"), "running shell");
    EXPECT_EQ(tool_spinner_label("mcp__files__read", "{}"), "waiting for the MCP server files");
    EXPECT_EQ(tool_spinner_label("read_file", R"({"path":"a"})"), "running read_file");
    const std::string long_command = R"({"command":")" + std::string(100, 'x') + R"("})";
    EXPECT_THAT(tool_spinner_label("shell", long_command), EndsWith("...`"));
}

agent::ToolProgress progress(double done, std::optional<double> total = std::nullopt,
                             std::string message = "") {
    return agent::ToolProgress{done, total, std::move(message)};
}

TEST(SpinnerRowTest, ProgressIsARatioAPercentageOrACount) {
    EXPECT_EQ(tool_progress_text(progress(3, 10), true), "3/10");
    EXPECT_EQ(tool_progress_text(progress(3, 10, "indexing"), true), "3/10 · indexing");
    EXPECT_EQ(tool_progress_text(progress(3, 10, "indexing"), false), "3/10 - indexing");
    // Not whole numbers: a percentage of the total.
    EXPECT_EQ(tool_progress_text(progress(0.455, 1), true), "45%");
    EXPECT_EQ(tool_progress_text(progress(2.5, 10), true), "25%");
    EXPECT_EQ(tool_progress_text(progress(12, 10), true), "12/10");  // what the server says
    // No total: a fraction is a percentage, anything else a count.
    EXPECT_EQ(tool_progress_text(progress(0.25), true), "25%");
    EXPECT_EQ(tool_progress_text(progress(42, std::nullopt, "rows"), true), "42 · rows");
    EXPECT_EQ(tool_progress_text(progress(2.75), true), "2.75");
    EXPECT_EQ(tool_progress_text(progress(7, 0.0), true), "7");  // a zero total is no total
    EXPECT_EQ(tool_progress_text(progress(0), true), "0");
}

TEST(SpinnerRowTest, AProgressMessageIsOneLineAndCut) {
    EXPECT_EQ(tool_progress_text(progress(1, 2, "two\n\tlines\x1b[31m "), true),
              "1/2 · two lines[31m");
    const std::string long_message(300, 'm');
    const std::string text = tool_progress_text(progress(1, 2, long_message), false);
    EXPECT_EQ(text, "1/2 - " + std::string(117, 'm') + "...");
    // And the row cuts the message first, keeping the label.
    const std::string row = Spinner::status_row(
        "waiting for the MCP server s · " + tool_progress_text(progress(1, 2, long_message), true),
        0s, 0, true, 80, Theme::plain());
    EXPECT_THAT(row, ::testing::StartsWith("⠋ waiting for the MCP server s · 1/2 · mmm"));
    EXPECT_THAT(row, EndsWith("m… · 0s · Ctrl-C cancels"));
}

TEST_F(SpinnerTest, ADetailFollowsTheLabelUntilTheNextShow) {
    Screen screen(out_, kTerminal, Theme::plain());
    FakeClock clock;
    Spinner spinner(screen, true, 1h, clock.function());  // no tick: only the draws asked for
    spinner.show("waiting for the MCP server s");
    clock.advance(4s);
    // From another thread, as the MCP reader calls it; drawn at once, the clock goes on.
    std::thread reader([&spinner] { spinner.set_detail("3/10 · step 3"); });
    reader.join();
    spinner.show("waiting for the model");
    spinner.hide();
    spinner.set_detail("late");  // hidden: nothing drawn
    const std::string erase = "\r\x1b[2K";
    EXPECT_EQ(testing::read_all(out_),
              erase + "⠋ waiting for the MCP server s · 0s · Ctrl-C cancels" + erase +
                  "⠋ waiting for the MCP server s · 3/10 · step 3 · 4s · Ctrl-C cancels" + erase +
                  "⠋ waiting for the model · 0s · Ctrl-C cancels" + erase);
}

TEST_F(SpinnerTest, AnimatesWhileShownAndHideErasesTheRow) {
    Screen screen(out_, kAsciiTerminal, Theme::plain());
    FakeClock clock;
    Spinner spinner(screen, true, 2ms, clock.function());
    spinner.show("waiting for the model");
    clock.advance(3s);
    ASSERT_TRUE(wait_for_rows(spinner, 4));
    spinner.hide();
    EXPECT_FALSE(spinner.shown());
    const int drawn = spinner.rows_drawn();
    std::this_thread::sleep_for(20ms);
    EXPECT_EQ(spinner.rows_drawn(), drawn);  // nothing drawn once hidden
    const std::string out = testing::read_all(out_);
    EXPECT_THAT(out, HasSubstr("\r\x1b[2K| waiting for the model - 0s - Ctrl-C cancels"));
    EXPECT_THAT(out, HasSubstr("\r\x1b[2K/ waiting for the model - 3s - Ctrl-C cancels"));
    EXPECT_THAT(out, EndsWith("Ctrl-C cancels\r\x1b[2K"));
}

TEST_F(SpinnerTest, ShowRestartsTheClock) {
    Screen screen(out_, kTerminal, Theme::plain());
    FakeClock clock;
    Spinner spinner(screen, true, 1h, clock.function());  // no tick: only the draws of show
    spinner.show("first");
    clock.advance(42s);
    spinner.show("second");
    spinner.hide();
    const std::string out = testing::read_all(out_);
    EXPECT_THAT(out, HasSubstr("⠋ first · 0s"));
    EXPECT_THAT(out, HasSubstr("⠋ second · 0s"));
}

TEST_F(SpinnerTest, PauseHidesAndShowsTheSameLabelAgain) {
    Screen screen(out_, kTerminal, Theme::plain());
    Spinner spinner(screen, true, 1h, [] { return std::chrono::steady_clock::time_point{}; });
    spinner.show("running `make`");
    {
        const Spinner::Pause paused = spinner.pause();
        EXPECT_FALSE(spinner.shown());
        screen.write("Allow? y\n");
    }
    EXPECT_TRUE(spinner.shown());
    spinner.hide();
    {
        const Spinner::Pause paused = spinner.pause();  // hidden before: stays hidden
    }
    EXPECT_FALSE(spinner.shown());
    const std::string row = "\r\x1b[2K⠋ running `make` · 0s · Ctrl-C cancels";
    EXPECT_EQ(testing::read_all(out_), row + "\r\x1b[2KAllow? y\n" + row + "\r\x1b[2K");
}

TEST_F(SpinnerTest, DisabledDrawsNothing) {
    Screen screen(out_, kTerminal, Theme::plain());
    Spinner spinner(screen, false);
    spinner.show("waiting");
    EXPECT_FALSE(spinner.shown());
    spinner.hide();
    EXPECT_EQ(testing::read_all(out_), "");
}

TEST_F(SpinnerTest, WithoutCursorControlTheScreenDrawsNoRow) {
    Screen screen(out_, TerminalCaps{true, false, false, false, false}, Theme::plain());
    Spinner spinner(screen, true, 1ms, [] { return std::chrono::steady_clock::time_point{}; });
    spinner.show("waiting");
    ASSERT_TRUE(wait_for_rows(spinner, 3));
    spinner.hide();
    EXPECT_EQ(testing::read_all(out_), "");
}

}  // namespace
}  // namespace klaude::core::tui
