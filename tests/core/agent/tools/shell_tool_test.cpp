#include "core/agent/tools/shell_tool.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "tests/core/agent/tools/temp_dir.h"

namespace klaude::core::agent {
namespace {

using testing::TempDir;
using Clock = std::chrono::steady_clock;

class ShellToolTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ctx = ToolContext::in_directory(dir.path());
        ctx.approval = ApprovalPolicy::kFullAuto;
    }
    ToolResult run(const std::string& command, int timeout_ms = 0) {
        std::string args = "{\"command\":\"" + command + "\"";
        if (timeout_ms > 0) {
            args += ",\"timeout_ms\":" + std::to_string(timeout_ms);
        }
        return tool.run(args + "}", ctx);
    }
    // True once `pid` no longer runs (gone, or a zombie waiting for its reaper).
    static bool process_gone(pid_t pid, std::chrono::seconds within) {
        auto deadline = Clock::now() + within;
        while (Clock::now() < deadline) {
            std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
            std::string line;
            if (!std::getline(stat, line)) {
                return true;
            }
            auto close = line.rfind(')');
            if (close != std::string::npos && line.size() > close + 2 && line[close + 2] == 'Z') {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return false;
    }
    TempDir dir;
    ToolContext ctx;
    ShellTool tool;
};

TEST_F(ShellToolTest, ReturnsOutputAndExitCode) {
    auto r = run("echo hello");
    EXPECT_FALSE(r.is_error) << r.output;
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.output.find("Exit code: 0\n"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("Output:\nhello\n"), std::string::npos) << r.output;
}

TEST_F(ShellToolTest, NonZeroExitIsReportedAsAnError) {
    auto r = run("echo failing; exit 3");
    EXPECT_TRUE(r.is_error);
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.output.find("Exit code: 3"), std::string::npos);
    EXPECT_NE(r.output.find("failing"), std::string::npos);
}

TEST_F(ShellToolTest, CapturesStderrInterleaved) {
    auto r = run("echo out; echo err >&2; echo out2");
    EXPECT_NE(r.output.find("out\nerr\nout2\n"), std::string::npos) << r.output;
}

TEST_F(ShellToolTest, RunsInTheWorkingDirectoryOrTheGivenWorkdir) {
    std::filesystem::create_directory(dir.path() / "sub");
    EXPECT_NE(run("pwd").output.find(dir.path().string() + "\n"), std::string::npos);
    auto r = tool.run(R"({"command":"pwd","workdir":"sub"})", ctx);
    EXPECT_NE(r.output.find((dir.path() / "sub").string()), std::string::npos) << r.output;
    EXPECT_TRUE(tool.run(R"({"command":"pwd","workdir":"nope"})", ctx).is_error);
}

TEST_F(ShellToolTest, StdinIsEmpty) {
    auto start = Clock::now();
    auto r = run("cat; echo done");
    EXPECT_NE(r.output.find("done"), std::string::npos);
    EXPECT_LT(Clock::now() - start, std::chrono::seconds(20));
}

TEST_F(ShellToolTest, DeathBySignalIs128PlusSignal) {
    auto r = run("kill -TERM $$");
    EXPECT_EQ(r.exit_code, 128 + SIGTERM);
}

TEST_F(ShellToolTest, TimeoutKillsTheWholeProcessGroup) {
    auto start = Clock::now();
    auto r = run("sleep 60 & echo $! > bg.pid; sleep 60", 3000);
    EXPECT_LT(Clock::now() - start, std::chrono::seconds(30));
    EXPECT_TRUE(r.timed_out);
    EXPECT_TRUE(r.is_error);
    EXPECT_NE(r.output.find("Timed out after 3.0 s"), std::string::npos) << r.output;
    ASSERT_TRUE(dir.exists("bg.pid")) << "the command did not start within 3 s";
    pid_t bg = std::stoi(dir.read("bg.pid"));
    EXPECT_TRUE(process_gone(bg, std::chrono::seconds(10))) << "background child survived";
}

TEST_F(ShellToolTest, DefaultTimeoutComesFromTheContext) {
    ctx.limits.shell_timeout = std::chrono::milliseconds(300);
    auto r = run("sleep 60");
    EXPECT_TRUE(r.timed_out);
}

TEST_F(ShellToolTest, TimeoutAppliesEvenAfterTheCommandClosesItsOutput) {
    auto r = run("exec >&- 2>&-; sleep 60", 500);
    EXPECT_TRUE(r.timed_out);
}

TEST_F(ShellToolTest, BackgroundJobHoldingThePipeDoesNotHoldTheCall) {
    auto start = Clock::now();
    auto r = run("sleep 30 & echo started");
    EXPECT_LT(Clock::now() - start, std::chrono::seconds(15));
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.output.find("started"), std::string::npos);
}

TEST_F(ShellToolTest, CancellationKillsPromptly) {
    std::atomic<bool> cancel{false};
    ctx.cancel = &cancel;
    // Cancel once the command is demonstrably running (its background child has started).
    std::thread canceller([&] {
        auto give_up = Clock::now() + std::chrono::seconds(30);
        while (dir.read("bg.pid").empty() && Clock::now() < give_up) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        cancel = true;
    });
    auto start = Clock::now();
    auto r = run("echo begun; sleep 60 & echo $! > bg.pid; sleep 60");
    canceller.join();
    EXPECT_LT(Clock::now() - start, std::chrono::seconds(15));
    EXPECT_TRUE(r.cancelled);
    EXPECT_TRUE(r.is_error);
    EXPECT_NE(r.output.find("Cancelled by the user"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("begun"), std::string::npos) << r.output;
    ASSERT_TRUE(dir.exists("bg.pid"));
    pid_t bg = std::stoi(dir.read("bg.pid"));
    EXPECT_TRUE(process_gone(bg, std::chrono::seconds(10)));
}

TEST_F(ShellToolTest, LongOutputKeepsHeadAndTailAndSaysHowMuchWasOmitted) {
    ctx.limits.shell_output_bytes = 1000;
    auto r = run("seq 1 100000");
    EXPECT_EQ(r.exit_code, 0);
    // seq 1 100000 prints 588895 bytes.
    EXPECT_EQ(r.omitted_bytes, 588895u - 1000u);
    EXPECT_NE(r.output.find("Output: 588895 bytes, 587895 omitted"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("\n1\n2\n3\n"), std::string::npos);
    EXPECT_NE(r.output.find("bytes omitted"), std::string::npos);
    EXPECT_EQ(r.output.substr(r.output.size() - 13), "99999\n100000\n");
    EXPECT_LT(r.output.size(), 1300u);
}

TEST_F(ShellToolTest, BinaryOutputBecomesValidUtf8) {
    auto r = run("printf 'a\\\\377b'");
    EXPECT_NE(r.output.find("a\xEF\xBF\xBD"
                            "b"),
              std::string::npos)
        << r.output;
}

TEST_F(ShellToolTest, EmptyCommandIsAnError) {
    EXPECT_TRUE(run("  ").is_error);
}

}  // namespace
}  // namespace klaude::core::agent
