// Turns the provider-neutral request (klaude/abi/client.h) into a Responses API body:
//
//   model, instructions, input[] (user/developer messages with input_text and input_image,
//   assistant messages with output_text, function_call, function_call_output, reasoning
//   items passed back by their encrypted_content), tools[] (type function), tool_choice auto,
//   parallel_tool_calls, reasoning {effort, summary}, include ["reasoning.encrypted_content"]
//   when reasoning is on, text {verbosity}, max_output_tokens, store (default false),
//   prompt_cache_key (the session id), stream: true.
//
// Input items of a type it does not know are skipped (client.h: providers pass through what
// they understand).
#pragma once

#include <string>
#include <string_view>

#include <rapidjson/document.h>

namespace klaude::responses {

struct BuiltRequest {
    rapidjson::Document body;
    std::string session_id;  // "" when the request has none
    std::string model;
};

// Throws sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT) naming the offending field.
BuiltRequest build_request(std::string_view request_json);

// The body as compact JSON text.
std::string serialize(const rapidjson::Value& value);

}  // namespace klaude::responses
