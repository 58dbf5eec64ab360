#include "plugins/anthropic/request_builder.h"

#include <algorithm>

#include <rapidjson/document.h>

#include "klaude/sdk/error.hpp"
#include "klaude/support/json.h"
#include "plugins/anthropic/anthropic_models.h"

namespace klaude::anthropic {
namespace {

namespace json = support::json;
using rapidjson::Value;
using Allocator = rapidjson::Document::AllocatorType;

[[noreturn]] void bad(const std::string& what) {
    throw sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT, "request: " + what);
}

Value str(std::string_view s, Allocator& a) {
    return Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), a);
}

Value text_block(std::string_view text, Allocator& a) {
    Value block(rapidjson::kObjectType);
    block.AddMember("type", "text", a);
    block.AddMember("text", str(text, a), a);
    return block;
}

// data:<media type>;base64,<data> as a base64 source, anything else as a url source.
Value image_block(std::string_view url, Allocator& a, std::vector<std::string>& notes) {
    Value source(rapidjson::kObjectType);
    const size_t comma = url.find(',');
    if (url.rfind("data:", 0) == 0 && comma != std::string_view::npos) {
        std::string_view head = url.substr(5, comma - 5);
        const size_t base64 = head.rfind(";base64");
        if (base64 == std::string_view::npos || base64 + 7 != head.size()) {
            notes.emplace_back("an image data: URL that is not base64 was dropped");
            return Value(rapidjson::kNullType);
        }
        source.AddMember("type", "base64", a);
        source.AddMember("media_type", str(head.substr(0, base64), a), a);
        source.AddMember("data", str(url.substr(comma + 1), a), a);
    } else {
        source.AddMember("type", "url", a);
        source.AddMember("url", str(url, a), a);
    }
    Value block(rapidjson::kObjectType);
    block.AddMember("type", "image", a);
    block.AddMember("source", source, a);
    return block;
}

// A message item's content as blocks: text (a string, or text parts) and images.
std::vector<Value> content_blocks(const Value& item, Allocator& a,
                                  std::vector<std::string>& notes) {
    std::vector<Value> blocks;
    const Value* content = json::field(item, "content");
    if (content != nullptr && content->IsString()) {
        if (content->GetStringLength() > 0) {
            blocks.push_back(text_block(json::string_field(item, "content"), a));
        }
        return blocks;
    }
    if (content == nullptr || !content->IsArray()) {
        return blocks;
    }
    for (const Value& part : content->GetArray()) {
        const std::string_view type = json::string_field(part, "type");
        if (type == "image_url" || type == "input_image") {
            std::string_view url = json::string_field(part, "url");
            if (url.empty()) {
                url = json::string_field(part, "image_url");
            }
            Value image = image_block(url, a, notes);
            if (!image.IsNull()) {
                blocks.push_back(std::move(image));
            }
        } else if (std::string_view text = json::string_field(part, "text"); !text.empty()) {
            blocks.push_back(text_block(text, a));
        }
    }
    return blocks;
}

// A tool result's text: a string, or the text parts of an array.
std::string output_text(const Value& item) {
    const Value* output = json::field(item, "output");
    if (output == nullptr) {
        return {};
    }
    if (output->IsString()) {
        return std::string(output->GetString(), output->GetStringLength());
    }
    std::string text;
    if (output->IsArray()) {
        for (const Value& part : output->GetArray()) {
            text.append(json::string_field(part, "text"));
        }
    }
    return text;
}

Value tool_use_block(const Value& item, Allocator& a, std::vector<std::string>& notes) {
    const std::string_view arguments = json::string_field(item, "arguments");
    rapidjson::Document parsed;
    Value input(rapidjson::kObjectType);
    if (json::parse(arguments, parsed) && parsed.IsObject()) {
        input.CopyFrom(parsed, a);
    } else if (!arguments.empty()) {
        notes.push_back("the arguments of tool call '" +
                        std::string(json::string_field(item, "call_id")) +
                        "' are not a JSON object; sent as {}");
    }
    Value block(rapidjson::kObjectType);
    block.AddMember("type", "tool_use", a);
    block.AddMember("id", str(json::string_field(item, "call_id"), a), a);
    block.AddMember("name", str(json::string_field(item, "name"), a), a);
    block.AddMember("input", input, a);
    return block;
}

Value tool_result_block(const Value& item, Allocator& a) {
    Value block(rapidjson::kObjectType);
    block.AddMember("type", "tool_result", a);
    block.AddMember("tool_use_id", str(json::string_field(item, "call_id"), a), a);
    // An empty content is left out: the API refuses an empty text but takes no content.
    if (std::string text = output_text(item); !text.empty()) {
        block.AddMember("content", str(text, a), a);
    }
    if (json::bool_field(item, "is_error", false)) {
        block.AddMember("is_error", true, a);
    }
    return block;
}

// The Anthropic block a reasoning item carries, or nullptr: only blocks this plugin streamed.
const Value* thinking_state(const Value& item) {
    const Value* state = json::object_field(item, "provider_state");
    if (state == nullptr) {
        return nullptr;
    }
    const std::string_view type = json::string_field(*state, "type");
    return type == "thinking" || type == "redacted_thinking" ? state : nullptr;
}

bool is_thinking(const Value& block) {
    const std::string_view type = json::string_field(block, "type");
    return type == "thinking" || type == "redacted_thinking";
}

// Builds `messages`, merging consecutive blocks of one role into one message.
class Messages {
  public:
    explicit Messages(Allocator& a) : a_(a) {}

    void add(const char* role, Value block) {
        if (list_.Empty() || json::string_field(list_[list_.Size() - 1], "role") != role) {
            Value m(rapidjson::kObjectType);
            m.AddMember("role", Value(rapidjson::StringRef(role)), a_);
            m.AddMember("content", Value(rapidjson::kArrayType), a_);
            list_.PushBack(m, a_);
        }
        list_[list_.Size() - 1]["content"].PushBack(block, a_);
    }

    Value& list() { return list_; }

  private:
    Allocator& a_;
    Value list_{rapidjson::kArrayType};
};

// How many cache_control markers `value` holds already (blocks passed through verbatim).
int count_cache_markers(const Value& value) {
    int n = 0;
    if (value.IsObject()) {
        for (const auto& member : value.GetObject()) {
            n += member.name == "cache_control" ? 1 : count_cache_markers(member.value);
        }
    } else if (value.IsArray()) {
        for (const Value& element : value.GetArray()) {
            n += count_cache_markers(element);
        }
    }
    return n;
}

// Sets cache_control on up to kMaxCacheBreakpoints blocks in all, most valuable first: the last
// message (the whole conversation so far), then the tools, then the system prompt.
void add_cache_breakpoints(rapidjson::Document& body, std::vector<std::string>& notes) {
    Allocator& a = body.GetAllocator();
    // The last element of body[name] when it is a non-empty array.
    auto last_of = [&body](const char* name) -> Value* {
        auto it = body.FindMember(name);
        return it != body.MemberEnd() && it->value.IsArray() && !it->value.Empty()
                   ? &it->value[it->value.Size() - 1]
                   : nullptr;
    };
    std::vector<Value*> targets;
    if (Value* message = last_of("messages")) {
        Value& content = (*message)["content"];
        // Thinking blocks cannot be marked; the last other block of the message can.
        for (auto it = content.End(); it != content.Begin();) {
            --it;
            if (!is_thinking(*it)) {
                targets.push_back(&*it);
                break;
            }
        }
    }
    for (const char* list : {"tools", "system"}) {
        if (Value* block = last_of(list)) {
            targets.push_back(block);
        }
    }
    int used = count_cache_markers(body);
    for (Value* target : targets) {
        if (target->HasMember("cache_control")) {
            continue;
        }
        if (used >= kMaxCacheBreakpoints) {
            notes.emplace_back("prompt caching: the request already holds " +
                               std::to_string(kMaxCacheBreakpoints) + " cache breakpoints");
            break;
        }
        Value control(rapidjson::kObjectType);
        control.AddMember("type", "ephemeral", a);
        target->AddMember("cache_control", control, a);
        ++used;
    }
}

// max_tokens and the thinking budget (see the header for the rules).
void add_limits(rapidjson::Document& body, const Value& request, const AnthropicConfig& config,
                const ModelFamily* family, std::vector<std::string>& notes) {
    Allocator& a = body.GetAllocator();
    int64_t max_tokens = kDefaultMaxTokens;
    if (auto requested = json::int_field(request, "max_output_tokens");
        requested && *requested > 0) {
        max_tokens = *requested;
    } else if (config.max_tokens) {
        max_tokens = *config.max_tokens;
    } else if (family != nullptr) {
        max_tokens = family->max_output_tokens;
    }
    if (family != nullptr && max_tokens > family->max_output_tokens) {
        max_tokens = family->max_output_tokens;
    }

    int64_t budget = 0;
    const Value* reasoning = json::object_field(request, "reasoning");
    const std::string effort(reasoning != nullptr ? json::string_field(*reasoning, "effort") : "");
    if (auto it = config.thinking_budgets.find(effort); it != config.thinking_budgets.end()) {
        if (family != nullptr && !family->thinking) {
            notes.push_back("reasoning effort '" + effort + "' ignored: the model does not think");
        } else {
            budget = it->second;
        }
    }
    if (budget > 0 && budget >= max_tokens) {
        max_tokens = budget + kAnswerTokens;
        if (family != nullptr && max_tokens > family->max_output_tokens) {
            max_tokens = family->max_output_tokens;
            budget = std::max<int64_t>(1024, max_tokens - kAnswerTokens);
        }
    }
    body.AddMember("max_tokens", max_tokens, a);
    if (budget > 0) {
        Value thinking(rapidjson::kObjectType);
        thinking.AddMember("type", "enabled", a);
        thinking.AddMember("budget_tokens", budget, a);
        body.AddMember("thinking", thinking, a);
    }
}

// With thinking on, the API wants the assistant message of an unfinished tool turn to start
// with its thinking block. A history without one (another provider's turn, or a turn that ran
// without thinking) cannot give it: that request goes without thinking rather than failing.
void drop_thinking_without_history(rapidjson::Document& body, std::vector<std::string>& notes) {
    if (!body.HasMember("thinking")) {
        return;
    }
    const Value& messages = body["messages"];
    for (auto it = messages.End(); it != messages.Begin();) {
        --it;
        if (json::string_field(*it, "role") != "assistant") {
            continue;
        }
        const Value& content = (*it)["content"];
        const bool calls = std::any_of(content.Begin(), content.End(), [](const Value& b) {
            return json::string_field(b, "type") == "tool_use";
        });
        if (calls && !is_thinking(content[0])) {
            body.RemoveMember("thinking");
            notes.emplace_back(
                "thinking left off: the last assistant turn called tools without a thinking "
                "block to send back");
        }
        return;
    }
}

}  // namespace

MessagesBody build_messages_body(std::string_view request_json, const AnthropicConfig& config) {
    rapidjson::Document request;
    if (!json::parse(request_json, request) || !request.IsObject()) {
        bad("not a JSON object");
    }
    const std::string_view model = json::string_field(request, "model");
    if (model.empty()) {
        bad("\"model\" must be a string");
    }
    const Value* input = json::array_field(request, "input");
    if (input == nullptr) {
        bad("\"input\" must be an array");
    }
    MessagesBody out;
    const ModelFamily* family = family_of(model);

    rapidjson::Document body(rapidjson::kObjectType);
    Allocator& a = body.GetAllocator();
    body.AddMember("model", str(model, a), a);

    Value system(rapidjson::kArrayType);
    if (std::string_view instructions = json::string_field(request, "instructions");
        !instructions.empty()) {
        system.PushBack(text_block(instructions, a), a);
    }
    Messages messages(a);
    for (const Value& item : input->GetArray()) {
        const std::string_view type = json::string_field(item, "type");
        if (type == "message") {
            const std::string_view role = json::string_field(item, "role");
            std::vector<Value> blocks = content_blocks(item, a, out.notes);
            for (Value& block : blocks) {
                if (role == "user") {
                    messages.add("user", std::move(block));
                } else if (role == "assistant") {
                    messages.add("assistant", std::move(block));
                } else if ((role == "developer" || role == "system") &&
                           json::string_field(block, "type") == "text") {
                    system.PushBack(block, a);
                }
            }
        } else if (type == "function_call") {
            messages.add("assistant", tool_use_block(item, a, out.notes));
        } else if (type == "function_call_output") {
            messages.add("user", tool_result_block(item, a));
        } else if (type == "reasoning") {
            if (const Value* state = thinking_state(item)) {
                messages.add("assistant", Value(*state, a));
            }
        }
    }
    Value& list = messages.list();
    if (!list.Empty() && json::string_field(list[0], "role") != "user") {
        Value first(rapidjson::kObjectType);
        first.AddMember("role", "user", a);
        Value content(rapidjson::kArrayType);
        content.PushBack(text_block("(continue)", a), a);
        first.AddMember("content", content, a);
        list.PushBack(Value(rapidjson::kNullType), a);
        for (rapidjson::SizeType i = list.Size() - 1; i > 0; --i) {
            list[i] = list[i - 1];  // moves
        }
        list[0] = first;
        out.notes.emplace_back(
            "the conversation starts with the assistant: a user message "
            "\"(continue)\" goes first");
    }
    if (!system.Empty()) {
        body.AddMember("system", system, a);
    }
    body.AddMember("messages", list, a);

    if (const Value* tools = json::array_field(request, "tools");
        tools != nullptr && !tools->Empty()) {
        Value list_out(rapidjson::kArrayType);
        for (const Value& tool : tools->GetArray()) {
            if (!tool.IsObject()) {
                continue;
            }
            Value t(rapidjson::kObjectType);
            t.AddMember("name", str(json::string_field(tool, "name"), a), a);
            if (std::string_view d = json::string_field(tool, "description"); !d.empty()) {
                t.AddMember("description", str(d, a), a);
            }
            Value schema(rapidjson::kObjectType);
            if (const Value* p = json::object_field(tool, "parameters")) {
                schema.CopyFrom(*p, a);
            } else {
                schema.AddMember("type", "object", a);  // the API requires a schema
            }
            t.AddMember("input_schema", schema, a);
            list_out.PushBack(t, a);
        }
        body.AddMember("tools", list_out, a);
        if (!json::bool_field(request, "parallel_tool_calls", true)) {
            Value choice(rapidjson::kObjectType);
            choice.AddMember("type", "auto", a);
            choice.AddMember("disable_parallel_tool_use", true, a);
            body.AddMember("tool_choice", choice, a);
        }
    }
    add_limits(body, request, config, family, out.notes);
    drop_thinking_without_history(body, out.notes);
    if (config.prompt_caching) {
        add_cache_breakpoints(body, out.notes);
    }
    body.AddMember("stream", true, a);
    out.json = json::serialize(body);
    return out;
}

}  // namespace klaude::anthropic
