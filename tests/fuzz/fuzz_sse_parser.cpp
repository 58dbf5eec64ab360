// SseParser: however a stream is cut into chunks, the events are the same as when it arrives
// in one piece. Input: byte 0 = largest chunk size - 1, byte 1 = seed of the chunk sizes,
// the rest = the stream.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "plugins/responses/support.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using klaude::responses::SseEvent;
using klaude::responses::SseParser;

struct Event {
    std::string type, data, id;
    bool operator==(const Event& o) const { return type == o.type && data == o.data && id == o.id; }
};

struct Result {
    std::vector<Event> events;
    std::optional<uint64_t> retry_ms;
    std::string last_event_id;
    bool operator==(const Result& o) const {
        return events == o.events && retry_ms == o.retry_ms && last_event_id == o.last_event_id;
    }
};

class Collector : public SseParser::Handler {
  public:
    explicit Collector(Result& result) : result_(result) {}
    void on_event(const SseEvent& e) override {
        // Field values never span lines; a type is never empty ("message" by default).
        KLAUDE_FUZZ_CHECK(!e.type.empty());
        KLAUDE_FUZZ_CHECK(e.type.find_first_of("\r\n") == std::string_view::npos);
        KLAUDE_FUZZ_CHECK(e.id.find_first_of("\r\n") == std::string_view::npos);
        KLAUDE_FUZZ_CHECK(e.data.find('\r') == std::string_view::npos);
        result_.events.push_back({std::string(e.type), std::string(e.data), std::string(e.id)});
    }

  private:
    Result& result_;
};

void finish(SseParser& parser, Result& result) {
    Collector collector(result);
    parser.finish(collector);
    result.retry_ms = parser.retry_ms();
    result.last_event_id = parser.last_event_id();
}

Result parse_whole(SseParser& parser, std::string_view stream) {
    Result result;
    Collector collector(result);
    parser.feed(stream, collector);
    finish(parser, result);
    return result;
}

Result parse_chunked(std::string_view stream, size_t max_chunk, uint32_t seed) {
    SseParser parser;
    Result result;
    Collector collector(result);
    size_t at = 0;
    while (at < stream.size()) {
        seed = seed * 1103515245u + 12345u;  // any cheap PRNG: only reproducibility matters
        const size_t size = 1 + (seed >> 16) % max_chunk;
        if ((seed & 0xf) == 0) {
            parser.feed({}, collector);  // an empty read must change nothing
        }
        const size_t n = std::min(size, stream.size() - at);
        parser.feed(stream.substr(at, n), collector);
        at += n;
    }
    finish(parser, result);
    return result;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2) {
        return 0;
    }
    const size_t max_chunk = static_cast<size_t>(data[0]) + 1;
    const uint32_t seed = data[1];
    const std::string_view stream = klaude::fuzz::as_text(data + 2, size - 2);

    SseParser parser;
    const Result whole = parse_whole(parser, stream);
    KLAUDE_FUZZ_CHECK(parse_chunked(stream, max_chunk, seed) == whole);
    KLAUDE_FUZZ_CHECK(parse_chunked(stream, 1, seed) == whole);
    // reset() makes a used parser as good as new.
    parser.reset();
    KLAUDE_FUZZ_CHECK(parse_whole(parser, stream) == whole);
    return 0;
}
