// A Responses API backend on 127.0.0.1 for the streaming benchmarks: every POST …/responses
// is answered with one SSE stream that carries a fixed answer text (default 1 MiB) as
// token-sized response.output_text.delta events, sent in batches on a fixed schedule (default
// 200 batches over 2 s), the way a model streams. It records how long each stream took to
// send, from the response headers to the last byte, so a client's wall time can be compared
// with the time the server needed. Any other request gets a 404.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tests/support/loopback_server.h"

namespace klaude::bench {

struct PacedStreamOptions {
    size_t text_bytes = 1u << 20;  // the answer text, in bytes of UTF-8
    double seconds = 2.0;          // the whole stream is spread over this long
    int batches = 200;             // network writes (each flushed); deltas are shared evenly
    // The closing events repeat the whole text (output_text.done, output_item.done), as the
    // API does. false: they carry an empty text (isolates the cost of the two big events).
    bool final_text = true;
};

// The answer text and its SSE stream, pre-rendered so serving costs only socket writes.
struct PacedStream {
    std::string text;                 // what the client must print
    std::vector<std::string> chunks;  // batches[0] holds the head events, the last the tail
    size_t delta_count = 0;
    size_t sse_bytes = 0;
};

PacedStream make_paced_stream(const PacedStreamOptions& options);

class PacedSseServer {
  public:
    explicit PacedSseServer(const PacedStreamOptions& options);
    ~PacedSseServer();

    std::string base_url() const;  // http://127.0.0.1:PORT/v1
    const PacedStream& stream() const { return stream_; }

    // Send durations of the streams served so far, in seconds, in order.
    std::vector<double> send_seconds() const;
    size_t requests() const;

  private:
    void serve(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);

    PacedStreamOptions options_;
    PacedStream stream_;
    mutable std::mutex mutex_;
    std::vector<double> send_seconds_;
    size_t requests_ = 0;
    std::unique_ptr<klaude::testing::LoopbackServer> server_;
};

}  // namespace klaude::bench
