#include "tests/e2e/sse_script.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace klaude::testing {

namespace {

std::string event(const std::string& type, const std::string& json) {
    return "event: " + type + "\ndata: " + json + "\n\n";
}

std::string created() {
    return event(
        "response.created",
        R"({"type":"response.created","response":{"id":"resp_e2e","object":"response","status":"in_progress","model":"gpt-5.1","output":[]}})");
}

std::string completed() {
    return event(
        "response.completed",
        R"({"type":"response.completed","response":{"id":"resp_e2e","object":"response","status":"completed","model":"gpt-5.1","output":[],"usage":{"input_tokens":120,"input_tokens_details":{"cached_tokens":20},"output_tokens":30,"output_tokens_details":{"reasoning_tokens":8},"total_tokens":150}}})");
}

}  // namespace

std::string json_quote(const std::string& text) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
    return buffer.GetString();
}

std::string sse_answer(const std::string& text) {
    std::string sse = created();
    sse += event(
        "response.output_item.added",
        R"({"type":"response.output_item.added","output_index":0,"item":{"id":"msg_1","type":"message","status":"in_progress","role":"assistant","content":[]}})");
    const size_t third = text.size() / 3;
    for (const std::string& piece :
         {text.substr(0, third), text.substr(third, third), text.substr(2 * third)}) {
        sse += event(
            "response.output_text.delta",
            R"({"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":)" +
                json_quote(piece) + "}");
    }
    sse += event(
        "response.output_item.done",
        R"({"type":"response.output_item.done","output_index":0,"item":{"id":"msg_1","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":)" +
            json_quote(text) + R"(,"annotations":[]}]}})");
    return sse + completed();
}

std::string sse_calls(const std::vector<ScriptedCall>& calls) {
    std::string sse = created();
    int index = 0;
    for (const ScriptedCall& call : calls) {
        const std::string item_id = "fc_" + std::to_string(index);
        const std::string head = R"("output_index":)" + std::to_string(index) + ",";
        sse += event(
            "response.output_item.added",
            R"({"type":"response.output_item.added",)" + head + R"("item":{"id":")" + item_id +
                R"(","type":"function_call","status":"in_progress","arguments":"","call_id":)" +
                json_quote(call.call_id) + R"(,"name":)" + json_quote(call.name) + "}}");
        const size_t half = call.arguments.size() / 2;
        for (const std::string& piece :
             {call.arguments.substr(0, half), call.arguments.substr(half)}) {
            sse += event("response.function_call_arguments.delta",
                         R"({"type":"response.function_call_arguments.delta","item_id":")" +
                             item_id + R"(",)" + head + R"("delta":)" + json_quote(piece) + "}");
        }
        sse += event("response.output_item.done",
                     R"({"type":"response.output_item.done",)" + head + R"("item":{"id":")" +
                         item_id + R"(","type":"function_call","status":"completed","arguments":)" +
                         json_quote(call.arguments) + R"(,"call_id":)" + json_quote(call.call_id) +
                         R"(,"name":)" + json_quote(call.name) + "}}");
        ++index;
    }
    return sse + completed();
}

}  // namespace klaude::testing
