// Keeps the start and the end of a stream that may be far longer than the model should see:
// the start usually says what ran, the end says how it finished; the middle is dropped and
// counted.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace klaude::core::agent {

class HeadTailBuffer {
  public:
    // Keeps at most `cap` bytes: the first cap/2 and the last cap - cap/2.
    explicit HeadTailBuffer(std::size_t cap);

    void append(std::string_view data);

    std::size_t total_bytes() const { return total_; }
    std::size_t omitted_bytes() const;

    // The kept text, with "[… N bytes omitted …]" on its own line where the middle was, cut on
    // UTF-8 boundaries and made valid UTF-8.
    std::string text() const;

  private:
    std::size_t head_cap_;
    std::size_t tail_cap_;
    std::string head_;
    std::string tail_;  // may grow to 2·tail_cap_ before trimming, to amortise the erase
    std::size_t total_ = 0;
};

}  // namespace klaude::core::agent
