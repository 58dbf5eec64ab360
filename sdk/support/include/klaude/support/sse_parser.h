// A server-sent events parser (WHATWG HTML "Server-sent events", the event-stream format),
// fed arbitrary byte chunks: a split may fall anywhere, inside a UTF-8 sequence, a field name
// or a CRLF. Lines end with LF, CR or CRLF; `event:`, `data:` (several data lines join with
// LF), `id:` and `retry:` are understood, comment lines (`:`) ignored, a leading BOM dropped.
// finish() dispatches a final event that lacks its blank line when its lines are complete; an
// event cut inside a line (a dropped connection) is incomplete and is not dispatched.
//
// Allocation-light: complete lines are read straight from the chunk; only a line split across
// chunks and the event's data are copied, into buffers that keep their capacity between
// events, so a long stream allocates nothing once warmed up.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace klaude::support {

struct SseEvent {
    std::string_view type;  // the `event:` field; "message" when absent
    std::string_view data;  // the data lines joined with LF, without the final LF
    std::string_view id;    // the last event id seen so far (it persists across events)
};

class SseParser {
  public:
    class Handler {
      public:
        virtual ~Handler() = default;
        // The views are valid only during the call.
        virtual void on_event(const SseEvent& event) = 0;
    };

    // Parses `chunk`, calling `handler` for each complete event.
    void feed(std::string_view chunk, Handler& handler);
    // End of stream: dispatches a pending event whose lines were all complete; an event cut
    // inside a line is dropped (the caller then sees a stream without its end).
    void finish(Handler& handler);
    // Back to the initial state (a new stream).
    void reset();

    // Bytes held for the event being read (its data so far and an unfinished line): what a
    // server that never ends an event makes grow, so the caller can put a limit on it.
    size_t buffered_bytes() const { return partial_.size() + data_.size(); }

    // The server's `retry:` advice in milliseconds, if it gave one.
    std::optional<uint64_t> retry_ms() const { return retry_ms_; }
    const std::string& last_event_id() const { return id_; }

  private:
    void process_line(std::string_view line, Handler& handler);
    void dispatch(Handler& handler);

    std::string partial_;  // an incomplete line carried over from the previous chunk
    std::string type_;
    std::string data_;
    std::string id_;
    std::optional<uint64_t> retry_ms_;
    bool has_data_ = false;
    bool skip_lf_ = false;    // the previous chunk ended with CR: a leading LF belongs to it
    bool first_line_ = true;  // a BOM may only start the stream
};

}  // namespace klaude::support
