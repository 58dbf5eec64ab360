#include "core/agent/tools/head_tail_buffer.h"

#include "core/agent/tools/text_utils.h"

namespace klaude::core::agent {

HeadTailBuffer::HeadTailBuffer(std::size_t cap) : head_cap_(cap / 2), tail_cap_(cap - cap / 2) {}

void HeadTailBuffer::append(std::string_view data) {
    total_ += data.size();
    if (head_.size() < head_cap_) {
        std::size_t take = std::min(head_cap_ - head_.size(), data.size());
        head_.append(data.substr(0, take));
        data.remove_prefix(take);
    }
    tail_.append(data);
    if (tail_.size() > 2 * tail_cap_ + 4096) {
        tail_.erase(0, tail_.size() - tail_cap_);
    }
}

std::size_t HeadTailBuffer::omitted_bytes() const {
    std::size_t kept = head_.size() + std::min(tail_.size(), tail_cap_);
    return total_ - kept;
}

std::string HeadTailBuffer::text() const {
    std::string_view tail(tail_);
    if (tail.size() > tail_cap_) {
        tail.remove_prefix(tail.size() - tail_cap_);
    }
    std::size_t omitted = omitted_bytes();
    if (omitted == 0) {
        return to_valid_utf8(head_ + std::string(tail));
    }
    // Cut where a character starts, so the cut itself adds no replacement characters.
    std::string_view head(head_);
    head = head.substr(0, utf8_floor(head, head.size()));
    while (!tail.empty() && (static_cast<unsigned char>(tail.front()) & 0xC0) == 0x80) {
        tail.remove_prefix(1);
    }
    std::string out = to_valid_utf8(head);
    if (!out.empty() && out.back() != '\n') {
        out += '\n';
    }
    out += "[… " + std::to_string(omitted) + " bytes omitted …]\n";
    out += to_valid_utf8(tail);
    return out;
}

}  // namespace klaude::core::agent
