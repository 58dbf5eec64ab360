#include "core/tui/plain_line_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <thread>

#include "core/host/interrupts.h"

namespace klaude::core::tui {
namespace {

class Pipe {
  public:
    Pipe() {
        if (::pipe(fds_) != 0) {
            throw std::runtime_error("pipe failed");
        }
    }
    ~Pipe() {
        close_write();
        ::close(fds_[0]);
    }
    int read_end() const { return fds_[0]; }
    void write(const std::string& text) {
        ASSERT_EQ(::write(fds_[1], text.data(), text.size()), static_cast<ssize_t>(text.size()));
    }
    void close_write() {
        if (fds_[1] >= 0) {
            ::close(fds_[1]);
            fds_[1] = -1;
        }
    }

  private:
    int fds_[2] = {-1, -1};
};

TEST(PlainLineReaderTest, ReadsLinesThenTheEnd) {
    Pipe pipe;
    pipe.write("first\nsecond line \\\nlast without newline");
    pipe.close_write();
    PlainLineReader reader(pipe.read_end());
    EXPECT_FALSE(reader.interactive());

    InputLine line = reader.read("> ");
    ASSERT_EQ(line.status, InputLine::Status::kLine);
    EXPECT_EQ(line.text, "first");
    EXPECT_FALSE(line.more_input_waiting);  // piped lines are separate prompts

    line = reader.read("> ");
    EXPECT_EQ(line.text, "second line \\");
    line = reader.read("> ");
    EXPECT_EQ(line.text, "last without newline");
    EXPECT_EQ(reader.read("> ").status, InputLine::Status::kEnd);
}

TEST(PlainLineReaderTest, CtrlCEndsTheWaitAsInterrupted) {
    Interrupts& interrupts = Interrupts::instance();
    interrupts.set_second_interrupt_exits(false);
    interrupts.reset();
    Pipe pipe;  // nothing is ever written: the read waits
    PlainLineReader reader(pipe.read_end());
    std::thread ctrl_c([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        interrupts.raise();
    });
    const InputLine line = reader.read("> ");
    ctrl_c.join();
    EXPECT_EQ(line.status, InputLine::Status::kInterrupted);
    interrupts.reset();
}

}  // namespace
}  // namespace klaude::core::tui
