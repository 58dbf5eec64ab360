// The interactive session as a person sees it, kept as a fixture so a rendering change shows up
// in review: the real `klaude` in a 100x30 pseudo-terminal runs the scripted model's three-step
// `calc` fix (read calc.py, patch it with approval, run a check with output, twice, then a
// Markdown summary), then a pasted three-line block, then the Markdown answer with hyperlinks,
// and quits. Everything it wrote goes through a terminal model (vt_screen.h); the scrollback and
// the screen, with style tags, are compared with fixtures/three_step_session.txt.
//
//   KLAUDE_UPDATE_SNAPSHOTS=1 ./build/bin/core_tui_tests --gtest_filter='ChatSnapshot*'
//
// rewrites the fixture (then review it with `git diff`). A second test checks issue 13's "Done
// when" on the same scripted run.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

#include "tests/core/support/run_klaude.h"
#include "tests/core/tui/pty_session.h"
#include "tests/core/tui/tui_test_support.h"
#include "tests/core/tui/vt_screen.h"

namespace klaude::core::tui {
namespace {

using klaude::testing::PtySession;
using klaude::testing::VtScreen;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kReady = "Ctrl-D quits.";
constexpr const char* kPrompt = "\x1b[1m>\x1b[0m ";
// The end of an approval question: its keys are read from the moment it shows.
constexpr const char* kQuestionEnd = "no, and say why ";
// The session: wait for `wait` to show, then type `type`. A key is typed only once klaude
// shows it waits for it, so what it writes does not depend on timing.
struct Step {
    const char* wait;
    const char* type;
};
constexpr Step kScript[] = {
    {kReady, nullptr},
    // 1. The calc fix: read calc.py, patch it (asked: y), run a check (asked: a), the same
    // check again (not asked), a Markdown summary.
    {kPrompt, "calc\r"},
    {"Allow?", nullptr},
    {kQuestionEnd, "y"},
    {"Allow?", nullptr},
    {kQuestionEnd, "a"},
    {"allowed (remembered)", nullptr},
    {"is fixed", nullptr},
    {"tokens:", nullptr},
    // 2. A pasted three-line block.
    {kPrompt, "\x1b[200~one\rtwo\rthree\x1b[201~\r"},
    {"You said: one", nullptr},
    {"tokens:", nullptr},
    // 3. The Markdown answer (every construct the renderer draws), links as OSC 8.
    {kPrompt, "markdown please\r"},
    {"tokens:", nullptr},
    {kPrompt, "/quit\r"},
};
constexpr const char* kFixture = KLAUDE_TUI_FIXTURE_DIR "/three_step_session.txt";

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

// A unified diff (3 lines of context) from `expected` to `actual`, for the failure message.
std::string line_diff(const std::string& expected, const std::string& actual) {
    const std::vector<std::string> a = lines_of(expected);
    const std::vector<std::string> b = lines_of(actual);
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    std::vector<std::vector<int>> lcs(a.size() + 1, std::vector<int>(b.size() + 1, 0));
    for (std::size_t i = a.size(); i-- > 0;) {
        for (std::size_t j = b.size(); j-- > 0;) {
            lcs[i][j] =
                a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
        }
    }
    struct Edit {
        char op;  // ' ', '-', '+'
        std::size_t line_a, line_b;
        const std::string* text;
    };
    std::vector<Edit> edits;
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (i < a.size() && j < b.size() && a[i] == b[j]) {
            edits.push_back({' ', i, j, &a[i]});
            ++i, ++j;
        } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
            edits.push_back({'-', i, j, &a[i]});
            ++i;
        } else {
            edits.push_back({'+', i, j, &b[j]});
            ++j;
        }
    }
    std::string out = "--- " + std::string(kFixture) + "\n+++ this run\n";
    constexpr std::size_t kContext = 3;
    for (std::size_t at = 0; at < edits.size();) {
        if (edits[at].op == ' ') {
            ++at;
            continue;
        }
        // A hunk: from kContext before this change to kContext after the last change that is
        // at most 2*kContext unchanged lines further on.
        std::size_t begin = at >= kContext ? at - kContext : 0;
        std::size_t end = at;
        for (std::size_t quiet = 0; end < edits.size() && quiet <= 2 * kContext; ++end) {
            quiet = edits[end].op == ' ' ? quiet + 1 : 0;
        }
        while (end > at && edits[end - 1].op == ' ') {
            --end;
        }
        end = std::min(edits.size(), end + kContext);
        out += "@@ fixture line " + std::to_string(edits[begin].line_a + 1) + ", this run line " +
               std::to_string(edits[begin].line_b + 1) + " @@\n";
        for (std::size_t e = begin; e < end; ++e) {
            out += edits[e].op;
            out += *edits[e].text;
            out += '\n';
        }
        at = end;
    }
    return out;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

class ChatSnapshotTest : public ::testing::Test {
  protected:
    ChatSnapshotTest() {
        std::filesystem::create_directories(work());
        std::filesystem::create_directories(scratch_.path() / "user");
        std::ofstream(work() / "calc.py", std::ios::binary) << "def add(a, b):\n"
                                                               "    return a - b\n"
                                                               "\n"
                                                               "\n"
                                                               "def mul(a, b):\n"
                                                               "    return a + b\n";
    }

    std::filesystem::path work() const { return scratch_.path() / "work"; }

    // Runs kScript and returns everything klaude wrote, with what varies from run to run
    // replaced. The spinner (whose frames and seconds depend on timing) is erased each time
    // it shows and leaves nothing on the screen.
    std::string run_session() {
        PtySession klaude({klaude::testing::klaude_binary(), "--plugin-dir", KLAUDE_TUI_PLUGIN_DIR,
                           "-m", "scripted/scripted-1"},
                          work(),
                          {{"KLAUDE_HOME", (scratch_.path() / "home").string()},
                           {"HOME", (scratch_.path() / "user").string()},
                           {"TERM", "xterm"},
                           {"NO_COLOR", ""},
                           {"FORCE_HYPERLINK", "1"},
                           {"EDITRC", ""},
                           {"KLAUDE_PLUGIN_PATH", ""},
                           {"KLAUDE_MODEL", ""},
                           {"KLAUDE_LOG", ""},
                           {"LANG", ""},
                           {"LC_ALL", "C.UTF-8"},
                           {"LC_CTYPE", ""}});
        for (const Step& step : kScript) {
            if (!klaude.expect(step.wait)) {
                ADD_FAILURE() << "klaude did not show \"" << step.wait << "\"; it wrote:\n"
                              << klaude.output();
                return normalise(klaude.output());
            }
            if (step.type != nullptr) {
                klaude.type(step.type);
            }
        }
        EXPECT_EQ(klaude.wait_exit(), 0) << klaude.output();
        return normalise(klaude.output());
    }

    // The same text whatever machine or run: paths, the session id and the version.
    std::string normalise(std::string bytes) const {
        bytes = replace_all(bytes, work().string(), "{cwd}");
        bytes = replace_all(bytes, scratch_.path().string(), "{tmp}");
        bytes = std::regex_replace(
            bytes, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
            "{uuid}");
        return std::regex_replace(bytes,
                                  std::regex("klaude [0-9]+\\.[0-9]+\\.[0-9]+[-+.0-9A-Za-z]*"),
                                  "klaude {version}");
    }

    // The session on a 100x30 terminal, as the terminal shows it.
    std::unique_ptr<VtScreen> screen_of(const std::string& bytes) {
        auto screen = std::make_unique<VtScreen>(100, 30);
        screen->feed(bytes);
        EXPECT_THAT(screen->unknown(), ::testing::IsEmpty())
            << "klaude wrote escape sequences the terminal model does not know; teach "
               "tests/core/tui/vt_screen.cpp what they do (and check every terminal has them)";
        return screen;
    }

    std::string saved_sessions() const {
        std::string all;
        for (const auto& entry :
             std::filesystem::recursive_directory_iterator(scratch_.path() / "home" / "sessions")) {
            if (entry.is_regular_file()) {
                all += klaude::testing::TempDir::read_file(entry.path());
            }
        }
        return all;
    }

    testing::ScratchDir scratch_;
};

TEST_F(ChatSnapshotTest, ThreeStepSessionMatchesTheFixture) {
    const std::string dump = screen_of(run_session())->dump();
    const char* update = std::getenv("KLAUDE_UPDATE_SNAPSHOTS");
    if (update != nullptr && std::string(update) == "1") {
        std::ofstream(kFixture, std::ios::binary) << dump;
        GTEST_SKIP() << "rewrote " << kFixture << ": review it with git diff";
    }
    std::ifstream in(kFixture, std::ios::binary);
    ASSERT_TRUE(in) << kFixture << " is missing; KLAUDE_UPDATE_SNAPSHOTS=1 writes it";
    const std::string expected{std::istreambuf_iterator<char>(in),
                               std::istreambuf_iterator<char>()};
    EXPECT_TRUE(dump == expected)
        << "The session renders differently from " << kFixture << ":\n"
        << line_diff(expected, dump)
        << "If the change is intended, rewrite the fixture with KLAUDE_UPDATE_SNAPSHOTS=1 and "
           "commit it with the change.";
}

// Issue 13's "Done when", on one scripted run: rendered Markdown (no raw `**`, no fence rows,
// a highlighted code block), a coloured diff in the approval, the command's output lines, `a`
// suppressing the next identical approval, and a pasted three-line block as one prompt.
TEST_F(ChatSnapshotTest, DoneWhenOfIssue13) {
    const auto screen = screen_of(run_session());
    const std::string tagged = screen->dump();
    const std::string text = screen->text();
    const std::vector<std::string> rows = lines_of(text);
    auto row_of = [&rows](const std::string& part, std::size_t from = 0) {
        for (std::size_t r = from; r < rows.size(); ++r) {
            if (rows[r].find(part) != std::string::npos) {
                return r;
            }
        }
        return rows.size();
    };
    auto count = [&rows](const std::string& part) {
        return std::count_if(rows.begin(), rows.end(), [&part](const std::string& row) {
            return row.find(part) != std::string::npos;
        });
    };

    // Rendered Markdown: bold without its stars, bullets, the code highlighted without fences.
    EXPECT_THAT(text, Not(HasSubstr("**")));
    EXPECT_THAT(text, Not(HasSubstr("```")));
    EXPECT_THAT(text, Not(HasSubstr("# Fixing")));
    EXPECT_THAT(tagged, HasSubstr("\n<b>calc.py</> is fixed:\n"));
    EXPECT_THAT(tagged, HasSubstr("\n<dim>\xe2\x80\xa2</> <fg=6>add</> adds\n"));
    EXPECT_THAT(tagged, HasSubstr("\n  <fg=5>def</> add(a, b):\n      <fg=5>return</> a + b\n"));
    EXPECT_THAT(tagged, HasSubstr("<b><u><fg=5>Fixing calc</>"));
    EXPECT_THAT(tagged, HasSubstr("\nSee <u><fg=4><link=https://example.com/calc>the docs</>.\n"));
    EXPECT_THAT(screen->links(), ::testing::Contains("https://example.com/calc"));

    // The coloured diff, above the first question.
    const std::size_t first_question = row_of("Allow?");
    ASSERT_LT(first_question, rows.size());
    EXPECT_LT(row_of("return a - b"), first_question);
    EXPECT_THAT(tagged, HasSubstr("\n<fg=6>@@ -1,6 +1,6 @@</>\n"));
    EXPECT_THAT(tagged, HasSubstr("\n<fg=1>-    return a - b</>\n<fg=2>+    return a + b</>\n"));
    EXPECT_THAT(tagged, HasSubstr("\n<fg=1>-    return a + b</>\n<fg=2>+    return a * b</>\n"));
    EXPECT_THAT(tagged, HasSubstr("\n  <fg=2>+2</> <fg=1>-2</> calc.py\n"));

    // The command's output, head and tail, dimmed, and its exit code (both runs).
    EXPECT_EQ(count("  \xe2\x94\x82 check 1 ok"), 2);
    EXPECT_EQ(count("  \xe2\x94\x82 check 12 ok"), 2);
    EXPECT_EQ(count("\xe2\x80\xa6 4 more lines"), 2);
    EXPECT_EQ(count("check 6 ok"), 0);
    EXPECT_THAT(tagged, HasSubstr("\n<dim>  \xe2\x94\x82 check 4 ok</>\n"));
    EXPECT_THAT(tagged, HasSubstr("\n  <fg=2>exit 0</>\n"));

    // `a` on the first check: the second, identical one is not asked.
    EXPECT_EQ(count("Allow?"), 2);
    const std::size_t remembered = row_of("\xe2\x86\x92 yes, not asking again for this exact");
    ASSERT_LT(remembered, rows.size());
    const std::size_t second_check = row_of("> shell printf", remembered);
    ASSERT_LT(second_check, rows.size());
    EXPECT_EQ(row_of("\xe2\x9c\x93 allowed (remembered): run: printf", second_check),
              second_check + 1);
    EXPECT_EQ(row_of("Allow?", remembered), rows.size());

    // The pasted block: one prompt, one answer, one footer for it.
    const std::size_t said = row_of("You said: one");
    ASSERT_LT(said, rows.size() - 2);
    EXPECT_EQ(rows[said + 1], "two");
    EXPECT_EQ(rows[said + 2], "three");
    EXPECT_EQ(count("You said:"), 1);
    EXPECT_EQ(count("tokens:"), 3);  // calc, the paste, markdown
    EXPECT_THAT(saved_sessions(), HasSubstr(R"("text":"one\ntwo\nthree")"));

    // The spinner left nothing behind.
    EXPECT_THAT(text, Not(HasSubstr("waiting for the model")));
    EXPECT_THAT(text, Not(HasSubstr("\xc2\xb7 Ctrl-C cancels")));
    if (HasFailure()) {
        std::cerr << "The session as the terminal shows it:\n" << tagged;
    }
}

}  // namespace
}  // namespace klaude::core::tui
