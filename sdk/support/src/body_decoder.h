// The framing of an HTTP/1.1 response body (RFC 9112 §6), decoded in place in the receive
// buffer. HttpStream needs to know exactly where a body ends: a connection can only take the
// next request when its last response was read to the end, which a truncated chunked stream
// and a complete one look alike to Poco's stream classes.
#pragma once

#include <cstddef>
#include <cstdint>

namespace klaude::support::detail {

class BodyDecoder {
  public:
    enum class Framing {
        kEmpty,       // no body (HEAD, 204, 304)
        kLength,      // Content-Length
        kChunked,     // Transfer-Encoding: chunked
        kUntilClose,  // neither: the body ends when the server closes the connection
    };

    void start(Framing framing, uint64_t length = 0);

    struct Step {
        size_t body = 0;  // decoded body bytes, moved to the front of the input
        size_t used = 0;  // input bytes consumed (the body and its framing)
    };
    // Decodes what it can of `data[0, size)`, writing body bytes to the front of `data` (they
    // never outrun the input). Stops at the end of the body, or when a chunk-size or trailer
    // line is incomplete (the rest stays unused: call again with more bytes after it).
    // Throws Poco::Net::MessageException on bad chunked encoding.
    Step decode(char* data, size_t size);

    // The framing said the body is complete (never for kUntilClose).
    bool done() const { return state_ == State::kDone; }
    Framing framing() const { return framing_; }

  private:
    enum class State { kSize, kData, kDataEnd, kTrailer, kLength, kUntilClose, kDone };
    Framing framing_ = Framing::kEmpty;
    State state_ = State::kDone;
    uint64_t left_ = 0;  // of the current chunk or the Content-Length body
};

}  // namespace klaude::support::detail
