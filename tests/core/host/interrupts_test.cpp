// The job-control signals Interrupts turns into callbacks (core/host/interrupts.h). SIGTSTP
// itself stops the process, so it is covered by the pty test CtrlZThenFgRedraws.
#include "core/host/interrupts.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace klaude::core {
namespace {

using namespace std::chrono_literals;

template <class Predicate>
bool eventually(Predicate done) {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

TEST(InterruptsTest, WindowResizeBumpsTheGeneration) {
    Interrupts& interrupts = Interrupts::instance();
    interrupts.install();
    const unsigned before = interrupts.resize_generation();
    ::kill(::getpid(), SIGWINCH);
    EXPECT_TRUE(eventually([&] { return interrupts.resize_generation() != before; }));
}

TEST(InterruptsTest, ContinueRunsTheResumeCallbacksUntilTheSubscriptionDies) {
    Interrupts& interrupts = Interrupts::instance();
    interrupts.install();
    std::atomic<int> resumed{0};
    std::atomic<int> suspended{0};
    {
        auto on_resume = interrupts.on_resume([&] { ++resumed; });
        auto on_suspend = interrupts.on_suspend([&] { ++suspended; });
        ::kill(::getpid(), SIGCONT);  // a running process just goes on
        EXPECT_TRUE(eventually([&] { return resumed.load() == 1; }));
    }
    ::kill(::getpid(), SIGCONT);
    const unsigned generation = interrupts.resize_generation();
    ::kill(::getpid(), SIGWINCH);  // handled after the SIGCONT: a marker that it was seen
    ASSERT_TRUE(eventually([&] { return interrupts.resize_generation() != generation; }));
    EXPECT_EQ(resumed.load(), 1);
    EXPECT_EQ(suspended.load(), 0);
    EXPECT_FALSE(interrupts.requested());  // neither is an interrupt
}

}  // namespace
}  // namespace klaude::core
