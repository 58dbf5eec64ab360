// A scripted model for the interactive session's tests: no network, the answer chosen by the
// last user prompt, so a test can type what it wants the "model" to do.
//
//   write PATH TEXT...  calls write_file {"path":PATH,"content":"TEXT...\n"}; once the tool's
//                       output is in the request, answers "Done: <the output>".
//   think ...           streams a reasoning summary, then text.
//   slow ...            streams "tick " every 50 ms until cancelled (at most 30 s).
//   stubborn ...        like slow, but ignores cancel.
//   fail ...            fails with a server error.
//   calc ...            the three-step fix (approval tests; see "The calc scenario" below).
//   mcp NAME ARGS       calls the tool NAME (an MCP tool: mcp__server__tool) with the JSON
//                       ARGS; once its output is in the request, answers "Done: <the output>".
//   markdown ...        streams kMarkdownAnswer (every construct the renderer draws) in
//                       3-byte deltas, a flush after each.
//   anything else       answers "[MODEL] You said: <prompt>" in two deltas, where MODEL is
//                       the model id of the request (so /model switches show).
// Every response reports usage of 10 in / 5 out tokens.
//
// For the terminal habits (tests/core/tui/terminal_habits_pty_test.cpp):
//   slowstart ...       waits 600 ms before its first delta (the spinner shows), then echoes.
//   cached ...          echoes, reporting 20 in (9 cached) / 10 out (4 reasoning) tokens.
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "klaude/sdk/plugin.hpp"

namespace {

using klaude::sdk::Error;
using klaude::sdk::EventSink;

std::string json_string(const std::string& text) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
    return buffer.GetString();
}

std::string member(const rapidjson::Value& object, const char* key) {
    auto it = object.FindMember(key);
    return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

// --- Markdown rendering (issue 13, markdown_pty_test.cpp) ------------------------------------
// An answer with a heading, bold, a list, inline code, a link, a python fence and a table.
constexpr const char* kMarkdownAnswer =
    "# Fixing calc\n"
    "\n"
    "The bug is in **calc.py**: `add` subtracts.\n"
    "\n"
    "- read the file\n"
    "- patch `add`\n"
    "\n"
    "See [the docs](https://example.com/calc).\n"
    "\n"
    "```python\n"
    "def add(a, b):\n"
    "    return a + b  # fixed\n"
    "```\n"
    "\n"
    "| step | result |\n"
    "|------|--------|\n"
    "| test | ok |\n";

void stream_in_small_deltas(const EventSink& sink, const std::string& text, std::size_t size) {
    for (std::size_t at = 0; at < text.size(); at += size) {
        sink.text_delta(text.substr(at, size));
        sink.flush();
    }
}
// ---------------------------------------------------------------------------------------------

class ScriptedClient : public klaude::sdk::LlmClient {
  public:
    void stream(std::string_view request_json, const EventSink& sink) override {
        cancelled_.store(false);
        rapidjson::Document request;
        request.Parse(request_json.data(), request_json.size());
        if (request.HasParseError() || !request.IsObject() || !request.HasMember("input") ||
            !request["input"].IsArray() || request["input"].Empty()) {
            throw Error(KLAUDE_ERROR_INVALID_ARGUMENT, "scripted: the request has no input");
        }
        const std::string model = member(request, "model");
        const auto& input = request["input"].GetArray();
        const rapidjson::Value& last = input[input.Size() - 1];
        if (last_user_text(input).rfind("calc", 0) == 0) {
            calc_step(sink, outputs_since_last_prompt(input));
            return;
        }
        if (member(last, "type") == "function_call_output") {
            answer(sink, "Done: " + member(last, "output"));
            return;
        }
        const std::string prompt = last_user_text(input);
        if (terminal_habits(sink, prompt)) {
            return;  // before "slow": "slowstart" is one of them
        }
        if (prompt.rfind("write ", 0) == 0) {
            call_write_file(sink, prompt.substr(6));
        } else if (prompt.rfind("mcp ", 0) == 0) {
            const std::string rest = prompt.substr(4);
            const auto space = rest.find(' ');
            const std::string name = rest.substr(0, space);
            call_tool(sink, "Calling " + name + ".", 1, name,
                      space == std::string::npos ? "{}" : rest.substr(space + 1));
        } else if (prompt.rfind("think", 0) == 0) {
            sink.reasoning_delta("Pondering the question.");
            sink.flush();
            answer(sink, "Thought about it.");
        } else if (prompt.rfind("slow", 0) == 0 || prompt.rfind("stubborn", 0) == 0) {
            tick(sink, prompt.rfind("slow", 0) == 0);
        } else if (prompt.rfind("markdown", 0) == 0) {
            stream_in_small_deltas(sink, kMarkdownAnswer, 3);
            answer(sink, "", kMarkdownAnswer);
        } else if (prompt.rfind("fail", 0) == 0) {
            sink.error(R"({"status":"server","code":"scripted","message":"scripted failure"})");
            throw Error(KLAUDE_ERROR_SERVER, "scripted failure: the server said no");
        } else {
            sink.text_delta("[" + model + "] You said: ");
            sink.flush();
            answer(sink, prompt, /*already_streamed=*/"[" + model + "] You said: ");
        }
    }

    void cancel() noexcept override { cancelled_.store(true); }

  private:
    template <class Input>
    static std::string last_user_text(const Input& input) {
        for (auto it = input.End(); it != input.Begin();) {
            --it;
            if (member(*it, "type") == "message" && member(*it, "role") == "user" &&
                it->HasMember("content") && (*it)["content"].IsArray() &&
                !(*it)["content"].Empty()) {
                return member((*it)["content"][0], "text");
            }
        }
        return "";
    }

    static void usage_and_complete(const EventSink& sink) {
        sink.usage(R"({"input_tokens":10,"cached_input_tokens":0,"output_tokens":5,)"
                   R"("reasoning_tokens":0,"total_tokens":15})");
        sink.completed(R"({"response_id":"scripted","status":"completed"})");
        sink.flush();
    }

    // Streams `text` (after what was already streamed) and reports the whole message item.
    static void answer(const EventSink& sink, const std::string& text,
                       const std::string& already_streamed = "") {
        sink.text_delta(text);
        sink.flush();
        const std::string whole = already_streamed + text;
        sink.output_item(
            R"({"type":"message","role":"assistant","content":[{"type":"text","text":)" +
            json_string(whole) + "}]}");
        usage_and_complete(sink);
    }

    static void call_write_file(const EventSink& sink, const std::string& rest) {
        const auto space = rest.find(' ');
        const std::string path = rest.substr(0, space);
        const std::string content =
            (space == std::string::npos ? std::string() : rest.substr(space + 1)) + "\n";
        const std::string arguments =
            R"({"path":)" + json_string(path) + R"(,"content":)" + json_string(content) + "}";
        sink.text_delta("Writing " + path + ".");
        sink.flush();
        sink.output_item(
            R"({"type":"message","role":"assistant","content":[{"type":"text","text":)" +
            json_string("Writing " + path + ".") + "}]}");
        const std::string call = R"({"call_id":"call-1","name":"write_file","arguments":)" +
                                 json_string(arguments) + "}";
        sink.tool_call(call);
        sink.output_item(R"({"type":"function_call","call_id":"call-1","name":"write_file",)"
                         R"("arguments":)" +
                         json_string(arguments) + "}");
        usage_and_complete(sink);
    }

    // ---- The terminal habits' prompts (spinner, footer) --------------------------------------
    // False when `prompt` is not one of them.
    static bool terminal_habits(const EventSink& sink, const std::string& prompt) {
        if (prompt.rfind("slowstart", 0) == 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(600));
            answer(sink, "You said: " + prompt);
            return true;
        }
        if (prompt.rfind("cached", 0) == 0) {
            const std::string text = "You said: " + prompt;
            sink.text_delta(text);
            sink.flush();
            sink.output_item(
                R"({"type":"message","role":"assistant","content":[{"type":"text","text":)" +
                json_string(text) + "}]}");
            sink.usage(R"({"input_tokens":20,"cached_input_tokens":9,"output_tokens":10,)"
                       R"("reasoning_tokens":4,"total_tokens":30})");
            sink.completed(R"({"response_id":"scripted","status":"completed"})");
            sink.flush();
            return true;
        }
        return false;
    }
    // ---- end of the terminal habits' prompts -----------------------------------------------

    void tick(const EventSink& sink, bool honours_cancel) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (std::chrono::steady_clock::now() < deadline) {
            if (honours_cancel && cancelled_.load()) {
                throw Error(KLAUDE_ERROR_CANCELLED, "scripted: cancelled");
            }
            sink.text_delta("tick ");
            sink.flush();
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        answer(sink, "done ticking");
    }

    // ---- The calc scenario (approval tests: approval_pty_test.cpp) ----------------------
    // A three-step fix of calc.py in the working directory, one step per request, chosen by
    // how many tool results the conversation has since the prompt: read_file calc.py, then
    // apply_patch fixing both operators, then the same shell check twice (so a remembered
    // approval shows on the second), then a short Markdown summary.
    template <class Input>
    static std::size_t outputs_since_last_prompt(const Input& input) {
        std::size_t outputs = 0;
        for (auto it = input.End(); it != input.Begin();) {
            --it;
            if (member(*it, "type") == "message" && member(*it, "role") == "user") {
                break;
            }
            outputs += member(*it, "type") == "function_call_output" ? 1 : 0;
        }
        return outputs;
    }

    static void call_tool(const EventSink& sink, const std::string& text, std::size_t step,
                          const std::string& name, const std::string& arguments) {
        const std::string call_id = "calc-" + std::to_string(step);
        sink.text_delta(text + "\n");
        sink.flush();
        sink.output_item(
            R"({"type":"message","role":"assistant","content":[{"type":"text","text":)" +
            json_string(text) + "}]}");
        sink.tool_call(R"({"call_id":)" + json_string(call_id) + R"(,"name":)" + json_string(name) +
                       R"(,"arguments":)" + json_string(arguments) + "}");
        sink.output_item(R"({"type":"function_call","call_id":)" + json_string(call_id) +
                         R"(,"name":)" + json_string(name) + R"(,"arguments":)" +
                         json_string(arguments) + "}");
        usage_and_complete(sink);
    }

    static void calc_step(const EventSink& sink, std::size_t step) {
        static const std::string kPatch =
            "*** Begin Patch\n"
            "*** Update File: calc.py\n"
            "@@ def add(a, b):\n"
            "-    return a - b\n"
            "+    return a + b\n"
            "@@ def mul(a, b):\n"
            "-    return a + b\n"
            "+    return a * b\n"
            "*** End Patch\n";
        static const std::string kCheck = "printf 'check %d ok\\n' $(seq 1 12)";
        switch (step) {
            case 0:
                call_tool(sink, "Reading calc.py.", step, "read_file", R"({"path":"calc.py"})");
                return;
            case 1:
                call_tool(sink, "Fixing both operators.", step, "apply_patch",
                          R"({"input":)" + json_string(kPatch) + "}");
                return;
            case 2:
            case 3:
                call_tool(sink, "Checking.", step, "shell",
                          R"({"command":)" + json_string(kCheck) + "}");
                return;
            default:
                answer(sink,
                       "**calc.py** is fixed:\n\n- `add` adds\n- `mul` multiplies\n\n"
                       "```python\ndef add(a, b):\n    return a + b\n```\n");
                return;
        }
    }
    // ---- end of the calc scenario -------------------------------------------------------

    std::atomic<bool> cancelled_{false};
};

class ScriptedPlugin : public klaude::sdk::Plugin {
  public:
    explicit ScriptedPlugin(klaude::sdk::Host host) : Plugin(host) {
        add_provider({"scripted",
                      "Scripted",
                      "scripted",
                      "answers from a script, for tests",
                      {{"scripted-1", "", 8192, 1024, KLAUDE_MODEL_TOOLS},
                       {"scripted-2", "", 8192, 1024, KLAUDE_MODEL_TOOLS}}});
    }
    std::unique_ptr<klaude::sdk::LlmClient> create_client(const std::string& provider_id,
                                                          std::string_view config_json) override {
        (void)provider_id;
        (void)config_json;
        return std::make_unique<ScriptedClient>();
    }
};

}  // namespace

KLAUDE_PLUGIN(ScriptedPlugin, "test.scripted", "Scripted model", "1.0.0", "klaude tests",
              "A scripted model for the interactive session tests");
