#include "body_decoder.h"

#include <algorithm>
#include <cstring>

#include <Poco/Net/NetException.h>

namespace klaude::support::detail {
namespace {

// Longest chunk-size or trailer line we wait for; real ones are a few bytes.
constexpr size_t kMaxLine = 4096;

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

}  // namespace

void BodyDecoder::start(Framing framing, uint64_t length) {
    framing_ = framing;
    left_ = length;
    switch (framing) {
        case Framing::kEmpty:
            state_ = State::kDone;
            break;
        case Framing::kLength:
            state_ = length == 0 ? State::kDone : State::kLength;
            break;
        case Framing::kChunked:
            state_ = State::kSize;
            break;
        case Framing::kUntilClose:
            state_ = State::kUntilClose;
            break;
    }
}

BodyDecoder::Step BodyDecoder::decode(char* data, size_t size) {
    size_t r = 0;  // read position in the input
    size_t w = 0;  // write position of the decoded body (w <= r)
    for (;;) {
        switch (state_) {
            case State::kDone:
                return {w, r};
            case State::kUntilClose: {
                std::memmove(data + w, data + r, size - r);
                w += size - r;
                return {w, size};
            }
            case State::kLength:
            case State::kData: {
                const size_t n = static_cast<size_t>(std::min<uint64_t>(left_, size - r));
                if (n == 0) {
                    return {w, r};
                }
                if (w != r) {
                    std::memmove(data + w, data + r, n);
                }
                w += n;
                r += n;
                left_ -= n;
                if (left_ == 0) {
                    state_ = state_ == State::kLength ? State::kDone : State::kDataEnd;
                }
                break;
            }
            case State::kDataEnd: {
                // The CRLF after a chunk's data (a bare LF is tolerated).
                if (r == size) {
                    return {w, r};
                }
                if (data[r] == '\n') {
                    ++r;
                } else if (data[r] == '\r') {
                    if (r + 1 == size) {
                        return {w, r};
                    }
                    if (data[r + 1] != '\n') {
                        throw Poco::Net::MessageException("invalid chunked encoding");
                    }
                    r += 2;
                } else {
                    throw Poco::Net::MessageException("invalid chunked encoding");
                }
                state_ = State::kSize;
                break;
            }
            case State::kSize:
            case State::kTrailer: {
                const char* lf = static_cast<const char*>(std::memchr(data + r, '\n', size - r));
                if (lf == nullptr) {
                    if (size - r > kMaxLine) {
                        throw Poco::Net::MessageException("chunked encoding line too long");
                    }
                    return {w, r};
                }
                const size_t end = static_cast<size_t>(lf - data);
                if (state_ == State::kTrailer) {
                    // Trailer fields are ignored; an empty line ends the body.
                    const bool empty = end == r || (end == r + 1 && data[r] == '\r');
                    r = end + 1;
                    if (empty) {
                        state_ = State::kDone;
                    }
                    break;
                }
                uint64_t chunk = 0;
                size_t i = r;
                for (; i < end && hex_value(data[i]) >= 0; ++i) {
                    if (i - r >= 15) {
                        throw Poco::Net::MessageException("chunk size too large");
                    }
                    chunk = chunk * 16 + static_cast<uint64_t>(hex_value(data[i]));
                }
                // Digits, then optional whitespace, chunk extensions (;...) and CR.
                if (i == r || (i < end && data[i] != ';' && data[i] != ' ' && data[i] != '\t' &&
                               data[i] != '\r')) {
                    throw Poco::Net::MessageException("invalid chunked encoding");
                }
                r = end + 1;
                left_ = chunk;
                state_ = chunk == 0 ? State::kTrailer : State::kData;
                break;
            }
        }
    }
}

}  // namespace klaude::support::detail
