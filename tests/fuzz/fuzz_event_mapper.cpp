// EventMapper over SSE-parsed events (input: a Responses event stream). Every event the host
// would receive must be well-formed: JSON payloads are JSON objects with the documented
// fields, deltas are not empty, nothing follows COMPLETED, and an error excludes COMPLETED.
#include <cstdint>
#include <string>

#include <rapidjson/document.h>

#include "klaude/sdk/event_sink.hpp"
#include "plugins/responses/event_mapper.h"
#include "plugins/responses/support.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using klaude::responses::EventMapper;
using klaude::responses::SseParser;

bool has_string(const rapidjson::Value& object, const char* name) {
    auto it = object.FindMember(name);
    return it != object.MemberEnd() && it->value.IsString();
}

bool has_int(const rapidjson::Value& object, const char* name) {
    auto it = object.FindMember(name);
    return it != object.MemberEnd() && it->value.IsInt64();
}

struct StreamChecker {
    bool completed = false;
    size_t events = 0;

    void on_event(klaude_event_type_t type, std::string_view data) {
        ++events;
        KLAUDE_FUZZ_CHECK(!completed);  // COMPLETED is always the last event
        switch (type) {
            case KLAUDE_EVENT_TEXT_DELTA:
            case KLAUDE_EVENT_REASONING_DELTA:
                KLAUDE_FUZZ_CHECK(!data.empty());
                return;
            case KLAUDE_EVENT_FLUSH:
                KLAUDE_FUZZ_CHECK(data.empty());
                return;
            default:
                break;
        }
        rapidjson::Document doc;
        doc.Parse(data.data(), data.size());
        KLAUDE_FUZZ_CHECK(!doc.HasParseError() && doc.IsObject());
        switch (type) {
            case KLAUDE_EVENT_CREATED:
                KLAUDE_FUZZ_CHECK(has_string(doc, "response_id") && has_string(doc, "model"));
                break;
            case KLAUDE_EVENT_TOOL_CALL:
                KLAUDE_FUZZ_CHECK(has_string(doc, "call_id") && has_string(doc, "name") &&
                                  has_string(doc, "arguments"));
                KLAUDE_FUZZ_CHECK(doc["arguments"].GetStringLength() > 0);
                break;
            case KLAUDE_EVENT_OUTPUT_ITEM:
                KLAUDE_FUZZ_CHECK(has_string(doc, "type"));
                break;
            case KLAUDE_EVENT_USAGE:
                for (const char* field : {"input_tokens", "cached_input_tokens", "output_tokens",
                                          "reasoning_tokens", "total_tokens"}) {
                    KLAUDE_FUZZ_CHECK(has_int(doc, field));
                }
                break;
            case KLAUDE_EVENT_COMPLETED:
                KLAUDE_FUZZ_CHECK(has_string(doc, "response_id") && has_string(doc, "status"));
                completed = true;
                break;
            case KLAUDE_EVENT_REASONING_BREAK:
                KLAUDE_FUZZ_CHECK(doc.MemberCount() == 0);
                break;
            default:
                // The mapper emits no other types (errors are reported by the client).
                KLAUDE_FUZZ_CHECK(false);
        }
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    StreamChecker checker;
    klaude::sdk::FunctionSink sink([&](klaude_event_type_t type, std::string_view payload) {
        checker.on_event(type, payload);
    });
    EventMapper mapper(sink.sink());
    SseParser parser;
    parser.feed(klaude::fuzz::as_text(data, size), mapper);
    parser.finish(mapper);

    KLAUDE_FUZZ_CHECK(mapper.completed() == checker.completed);
    KLAUDE_FUZZ_CHECK(!(mapper.completed() && mapper.error().has_value()));
    KLAUDE_FUZZ_CHECK(mapper.emitted() == (checker.events > 0));
    if (mapper.error()) {
        // Something to tell the user, even when the server said nothing.
        KLAUDE_FUZZ_CHECK(!mapper.error()->message.empty());
    }
    return 0;
}
