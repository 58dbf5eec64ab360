#include "core/cli/exec_output.h"

#include "core/agent/turn_text.h"

#include <unistd.h>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace klaude::core {

namespace {

class TextOutput : public ExecOutput {
  public:
    TextOutput(std::FILE* out, std::FILE* err, const agent::ToolRegistry& tools)
        : out_(out), err_(err), tools_(tools), dim_(::isatty(::fileno(err)) == 1) {}

    void session_started(const std::string&, const std::string&, const std::string&) override {}

    void event(klaude_event_type_t type, std::string_view data) override {
        switch (type) {
            case KLAUDE_EVENT_TEXT_DELTA:
                end_reasoning();
                std::fwrite(data.data(), 1, data.size(), out_);
                wrote_text_ = true;
                last_text_char_ = data.empty() ? last_text_char_ : data.back();
                break;
            case KLAUDE_EVENT_REASONING_DELTA:
                if (!in_reasoning_) {
                    std::fputs(dim_ ? "\x1b[2m" : "", err_);
                    in_reasoning_ = true;
                }
                std::fwrite(data.data(), 1, data.size(), err_);
                break;
            case KLAUDE_EVENT_REASONING_BREAK:
                if (in_reasoning_) {
                    std::fputs("\n\n", err_);
                }
                break;
            case KLAUDE_EVENT_USAGE:
                // One per model call: the turn's line sums them all.
                usage_ += Usage::from_json(data);
                saw_usage_ = true;
                break;
            case KLAUDE_EVENT_FLUSH:
                std::fflush(out_);
                std::fflush(err_);
                break;
            default:
                break;
        }
    }

    void on_tool_call(const ToolCall& call) override {
        end_reasoning();
        end_text_line();
        std::fprintf(err_, "%s> %s%s", dim_ ? "\x1b[2m" : "",
                     summarize_tool_call(tools_, call).c_str(), dim_ ? "\x1b[0m" : "");
        std::fflush(err_);
    }

    void on_tool_result(const ToolCall&, const agent::ToolResult& result) override {
        std::fprintf(err_, "  [%s]\n", describe_tool_result(result).c_str());
        std::fflush(err_);
    }

    void failed(const std::string&, const std::string&, const std::string&) override {
        end_reasoning();
    }

    void finish() override {
        end_reasoning();
        if (wrote_text_ && last_text_char_ != '\n') {
            std::fputc('\n', out_);
        }
        std::fflush(out_);
        if (saw_usage_) {
            std::fprintf(err_, "tokens: %s\n", describe_usage(usage_).c_str());
        }
        std::fflush(err_);
    }

  private:
    // Text streamed before a tool call ends its line, so tool lines start on their own.
    void end_text_line() {
        if (wrote_text_ && last_text_char_ != '\n') {
            std::fputc('\n', out_);
            last_text_char_ = '\n';
        }
        std::fflush(out_);
    }

    void end_reasoning() {
        if (in_reasoning_) {
            std::fputs(dim_ ? "\x1b[0m\n" : "\n", err_);
            std::fflush(err_);
            in_reasoning_ = false;
        }
    }

    std::FILE* out_;
    std::FILE* err_;
    const agent::ToolRegistry& tools_;
    bool dim_;
    bool in_reasoning_ = false;
    bool wrote_text_ = false;
    char last_text_char_ = '\n';
    Usage usage_;  // summed over the turn's model calls
    bool saw_usage_ = false;
};

class JsonOutput : public ExecOutput {
  public:
    explicit JsonOutput(std::FILE* out) : out_(out) {}

    void session_started(const std::string& session_id, const std::string& provider,
                         const std::string& model) override {
        Line line("session.started");
        line.writer.Key("session_id");
        line.writer.String(session_id.c_str());
        line.writer.Key("provider");
        line.writer.String(provider.c_str());
        line.writer.Key("model");
        line.writer.String(model.c_str());
        emit(line);
    }

    void event(klaude_event_type_t type, std::string_view data) override {
        switch (type) {
            case KLAUDE_EVENT_TEXT_DELTA:
                text_line("text.delta", data);
                break;
            case KLAUDE_EVENT_REASONING_DELTA:
                text_line("reasoning.delta", data);
                break;
            case KLAUDE_EVENT_REASONING_BREAK:
                object_line("reasoning.break", "{}");
                break;
            case KLAUDE_EVENT_TOOL_CALL:
                object_line("tool.call", data);
                break;
            case KLAUDE_EVENT_USAGE:
                object_line("usage", data);
                break;
            case KLAUDE_EVENT_RATE_LIMIT:
                object_line("rate_limit", data);
                break;
            case KLAUDE_EVENT_COMPLETED:
                object_line("response.completed", data);
                break;
            case KLAUDE_EVENT_ERROR:
                object_line("error", data);
                saw_error_event_ = true;
                break;
            case KLAUDE_EVENT_OUTPUT_ITEM: {
                Line line("output.item");
                line.writer.Key("item");
                raw_or_string(line, data);
                emit(line);
                break;
            }
            case KLAUDE_EVENT_CREATED:
                object_line("response.created", data);
                break;
            case KLAUDE_EVENT_FLUSH:
                std::fflush(out_);
                break;
            default:
                break;
        }
    }

    void on_tool_result(const ToolCall& call, const agent::ToolResult& result) override {
        Line line("tool.result");
        line.writer.Key("call_id");
        line.writer.String(call.call_id.c_str());
        line.writer.Key("name");
        line.writer.String(call.name.c_str());
        line.writer.Key("output");
        line.writer.String(result.output.c_str(),
                           static_cast<rapidjson::SizeType>(result.output.size()));
        line.writer.Key("is_error");
        line.writer.Bool(result.is_error);
        line.writer.Key("denied");
        line.writer.Bool(result.denied);
        if (result.exit_code) {
            line.writer.Key("exit_code");
            line.writer.Int(*result.exit_code);
        }
        emit(line);
        std::fflush(out_);
    }

    void failed(const std::string& status, const std::string& code,
                const std::string& message) override {
        if (saw_error_event_) {
            return;  // the plugin already reported it as an event
        }
        Line line("error");
        line.writer.Key("status");
        line.writer.String(status.c_str());
        line.writer.Key("code");
        line.writer.String(code.c_str());
        line.writer.Key("message");
        line.writer.String(message.c_str());
        emit(line);
    }

    void finish() override { std::fflush(out_); }

  private:
    struct Line {
        explicit Line(const char* type) : writer(buffer) {
            writer.StartObject();
            writer.Key("type");
            writer.String(type);
        }
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> writer;
    };

    void emit(Line& line) {
        line.writer.EndObject();
        std::fwrite(line.buffer.GetString(), 1, line.buffer.GetSize(), out_);
        std::fputc('\n', out_);
    }

    void text_line(const char* type, std::string_view text) {
        Line line(type);
        line.writer.Key("text");
        line.writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
        emit(line);
    }

    // {"type":…, <the payload's fields>}: payload objects are flattened into the line.
    void object_line(const char* type, std::string_view data) {
        Line line(type);
        rapidjson::Document payload;
        payload.Parse<rapidjson::kParseIterativeFlag>(data.data(), data.size());
        if (!payload.HasParseError() && payload.IsObject()) {
            for (auto& member : payload.GetObject()) {
                if (std::string_view(member.name.GetString()) == "type") {
                    continue;
                }
                member.name.Accept(line.writer);
                member.value.Accept(line.writer);
            }
        } else if (!data.empty()) {
            line.writer.Key("raw");
            line.writer.String(data.data(), static_cast<rapidjson::SizeType>(data.size()));
        }
        emit(line);
    }

    void raw_or_string(Line& line, std::string_view data) {
        rapidjson::Document payload;
        payload.Parse<rapidjson::kParseIterativeFlag>(data.data(), data.size());
        if (!payload.HasParseError()) {
            payload.Accept(line.writer);
        } else {
            line.writer.String(data.data(), static_cast<rapidjson::SizeType>(data.size()));
        }
    }

    std::FILE* out_;
    bool saw_error_event_ = false;
};

}  // namespace

std::unique_ptr<ExecOutput> make_text_output(std::FILE* out, std::FILE* err,
                                             const agent::ToolRegistry& tools) {
    return std::make_unique<TextOutput>(out, err, tools);
}

std::unique_ptr<ExecOutput> make_json_output(std::FILE* out) {
    return std::make_unique<JsonOutput>(out);
}

}  // namespace klaude::core
