#include "core/mcp/mcp_client.h"

#include "core/mcp/json_text.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <stdexcept>

#include "core/log/logger.h"

namespace klaude::core::mcp {

const char* const kProtocolVersions[3] = {"2025-11-25", "2025-06-18", "2025-03-26"};

namespace {

constexpr int kMethodNotFound = -32601;
constexpr int kMaxToolPages = 1000;

std::chrono::milliseconds left_until(std::chrono::steady_clock::time_point deadline) {
    return std::max(std::chrono::milliseconds(1),
                    std::chrono::duration_cast<std::chrono::milliseconds>(
                        deadline - std::chrono::steady_clock::now()));
}

std::string seconds(uint64_t s) {
    return std::to_string(s) + " s";
}

}  // namespace

McpClient::McpClient(McpServerConfig config) : config_(std::move(config)) {}

McpClient::~McpClient() {
    shutdown();
}

bool McpClient::failed() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return failure_.has_value();
}

std::string McpClient::failure() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return failure_.value_or("");
}

void McpClient::set_failure_handler(std::function<void(const std::string&)> handler) {
    std::lock_guard<std::mutex> lock(mutex_);
    failure_handler_ = std::move(handler);
}

void McpClient::fail(const std::string& why) {
    std::function<void(const std::string&)> handler;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (failure_ || failing_) {
            return;
        }
        failing_ = true;
        if (started_ && !shutting_down_) {
            handler = failure_handler_;
        }
    }
    Logger::instance().log(KLAUDE_LOG_INFO, "mcp:" + config_.name, "failed: " + why);
    // The line comes before any waiting call sees the failure, so it precedes the call's result.
    if (handler) {
        handler(why);
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        failure_ = why;
    }
    cv_.notify_all();
}

void McpClient::on_closed(const std::string& why) {
    fail(why);
}

void McpClient::on_message(std::string message) {
    std::string error;
    std::optional<Message> msg = parse_message(message, &error);
    if (!msg) {
        fail("sent something that is not JSON-RPC on stdout (" + error + ")");
        return;
    }
    switch (msg->kind) {
        case Message::Kind::kResponse: {
            std::lock_guard<std::mutex> lock(mutex_);
            if (!msg->id) {
                return;  // not an id we sent
            }
            const auto it = pending_.find(*msg->id);
            if (it == pending_.end()) {
                return;  // a late answer to a request we gave up on
            }
            it->second->done = true;
            it->second->response = std::move(*msg);
            pending_.erase(it);
            cv_.notify_all();
            return;
        }
        case Message::Kind::kRequest:
            // We offer no client capabilities (roots, sampling, elicitation); ping is required.
            if (msg->method == "ping") {
                send(result_line(msg->id_json, "{}"));
            } else {
                send(error_line(msg->id_json, kMethodNotFound,
                                "klaude does not support " + msg->method));
            }
            return;
        case Message::Kind::kNotification:
            if (msg->method == "notifications/tools/list_changed") {
                // Reloaded between turns, on the main thread (AgentSession::run_turn).
                tools_changed_.store(true);
                Logger::instance().log(KLAUDE_LOG_INFO, "mcp:" + config_.name,
                                       "the server's tool list changed; reloaded before the "
                                       "next turn");
            } else if (msg->method == "notifications/progress") {
                on_progress(msg->params_json);
            } else {
                Logger::instance().log(KLAUDE_LOG_DEBUG, "mcp:" + config_.name,
                                       msg->method + " " + msg->params_json);
            }
            return;
    }
}

bool McpClient::send(const std::string& line) {
    Transport* transport = transport_ptr_.load();
    if (transport == nullptr) {
        return false;
    }
    return transport->send(line, std::chrono::milliseconds(5000));
}

RpcOutcome McpClient::request(const std::string& method, const std::string& params_json,
                              std::chrono::milliseconds timeout, const std::atomic<bool>* cancel) {
    RpcOutcome outcome;
    auto pending = std::make_shared<Pending>();
    int64_t id = 0;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (failure_) {
            outcome.status = RpcOutcome::Status::kFailed;
            outcome.error = *failure_;
            return outcome;
        }
        id = next_id_++;
        pending_[id] = pending;
    }
    std::string line;
    try {
        line = request_line(id, method, params_json);
    } catch (const std::invalid_argument& e) {
        std::lock_guard<std::mutex> lock(mutex_);
        pending_.erase(id);
        outcome.status = RpcOutcome::Status::kError;
        outcome.error = std::string("the arguments are not valid JSON (") + e.what() + ")";
        return outcome;
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    if (!send(line)) {
        fail("does not read its stdin");
    }
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        if (pending->done) {
            if (pending->response.is_error) {
                outcome.status = RpcOutcome::Status::kError;
                outcome.error = pending->response.error_message;
            } else {
                outcome.result_json = std::move(pending->response.result_json);
            }
            return outcome;
        }
        if (failure_) {
            pending_.erase(id);
            outcome.status = RpcOutcome::Status::kFailed;
            outcome.error = *failure_;
            return outcome;
        }
        const bool cancelled = cancel != nullptr && cancel->load();
        const bool timed_out = std::chrono::steady_clock::now() >= deadline;
        if (cancelled || timed_out) {
            pending_.erase(id);
            lock.unlock();
            const std::string reason = cancelled ? "cancelled by the user" : "timed out";
            send(notification_line("notifications/cancelled",
                                   "{\"requestId\":" + std::to_string(id) +
                                       ",\"reason\":" + json_string(reason) + "}"));
            outcome.status =
                cancelled ? RpcOutcome::Status::kCancelled : RpcOutcome::Status::kTimedOut;
            outcome.error = reason;
            return outcome;
        }
        cv_.wait_for(lock, std::min(left_until(deadline), std::chrono::milliseconds(50)));
    }
}

void McpClient::start(const std::atomic<bool>* cancel) {
    const auto timeout = std::chrono::seconds(config_.startup_timeout_s);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    Transport::Handlers handlers;
    handlers.on_message = [this](std::string message) { on_message(std::move(message)); };
    handlers.on_closed = [this](const std::string& why) { on_closed(why); };
    transport_ = open_transport(config_, std::move(handlers));
    transport_ptr_.store(transport_.get());

    const std::string init_params =
        std::string("{\"protocolVersion\":\"") + kProtocolVersions[0] +
        "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"klaude\",\"version\":\"" +
        KLAUDE_VERSION + "\"}}";
    RpcOutcome init = request("initialize", init_params, left_until(deadline), cancel);
    check_startup_step(init, "initialize");
    rapidjson::Document result;
    result.Parse(init.result_json.c_str());
    protocol_version_ = string_member(result, "protocolVersion");
    bool known = false;
    for (const char* v : kProtocolVersions) {
        known = known || protocol_version_ == v;
    }
    if (!known) {
        throw std::runtime_error("speaks MCP revision '" + protocol_version_ +
                                 "'; klaude speaks 2025-11-25, 2025-06-18 and 2025-03-26");
    }
    if (result.IsObject() && result.HasMember("serverInfo")) {
        const auto& info = result["serverInfo"];
        server_info_ = string_member(info, "name");
        const std::string version = string_member(info, "version");
        if (!version.empty()) {
            server_info_ += " " + version;
        }
    }
    has_tools_ = result.IsObject() && result.HasMember("capabilities") &&
                 result["capabilities"].IsObject() && result["capabilities"].HasMember("tools");
    if (!send(notification_line("notifications/initialized", ""))) {
        fail("does not read its stdin");
    }

    tools_ = list_tools(deadline, cancel);
    std::lock_guard<std::mutex> lock(mutex_);
    if (failure_) {
        throw std::runtime_error(*failure_);
    }
    started_ = true;
}

void McpClient::check_startup_step(const RpcOutcome& outcome, const std::string& what) const {
    switch (outcome.status) {
        case RpcOutcome::Status::kOk:
            return;
        case RpcOutcome::Status::kTimedOut:
            throw std::runtime_error("no answer to " + what + " within " +
                                     seconds(config_.startup_timeout_s) + " (startup_timeout_s)");
        case RpcOutcome::Status::kCancelled:
            throw std::runtime_error("cancelled");
        case RpcOutcome::Status::kError:
            throw std::runtime_error(what + " failed: " + outcome.error);
        case RpcOutcome::Status::kFailed:
            throw std::runtime_error(outcome.error);
    }
}

std::vector<ToolInfo> McpClient::list_tools(std::chrono::steady_clock::time_point deadline,
                                            const std::atomic<bool>* cancel) {
    std::vector<ToolInfo> tools;
    // A list_changed from now on may describe a change this listing does not see yet.
    tools_changed_.store(false);
    std::string cursor;
    for (int page = 0; has_tools_ && page < kMaxToolPages; ++page) {
        const std::string params = cursor.empty() ? "" : "{\"cursor\":" + json_string(cursor) + "}";
        RpcOutcome listed = request("tools/list", params, left_until(deadline), cancel);
        check_startup_step(listed, "tools/list");
        rapidjson::Document doc;
        doc.Parse(listed.result_json.c_str());
        if (!doc.IsObject() || !doc.HasMember("tools") || !doc["tools"].IsArray()) {
            throw std::runtime_error("tools/list answered without a \"tools\" array");
        }
        for (const auto& t : doc["tools"].GetArray()) {
            ToolInfo tool;
            tool.name = string_member(t, "name");
            if (tool.name.empty()) {
                continue;
            }
            tool.title = string_member(t, "title");
            tool.description = string_member(t, "description");
            if (t.HasMember("inputSchema") && t["inputSchema"].IsObject()) {
                tool.input_schema_json = to_text(t["inputSchema"]);
            }
            if (t.HasMember("annotations") && t["annotations"].IsObject()) {
                const auto& a = t["annotations"];
                tool.read_only = a.HasMember("readOnlyHint") && a["readOnlyHint"].IsBool() &&
                                 a["readOnlyHint"].GetBool();
            }
            tools.push_back(std::move(tool));
        }
        cursor = string_member(doc, "nextCursor");
        if (cursor.empty()) {
            break;
        }
    }
    return tools;
}

void McpClient::reload_tools(const std::atomic<bool>* cancel) {
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(config_.startup_timeout_s);
    tools_ = list_tools(deadline, cancel);
}

void McpClient::on_progress(const std::string& params_json) {
    rapidjson::Document params;
    params.Parse(params_json.c_str());
    if (!params.IsObject() || !params.HasMember("progressToken") ||
        !params["progressToken"].IsInt64() || !params.HasMember("progress") ||
        !params["progress"].IsNumber()) {
        Logger::instance().log(
            KLAUDE_LOG_DEBUG, "mcp:" + config_.name,
            "notifications/progress without a token of ours or a progress: " + params_json);
        return;
    }
    Progress progress;
    progress.progress = params["progress"].GetDouble();
    if (params.HasMember("total") && params["total"].IsNumber()) {
        progress.total = params["total"].GetDouble();
    }
    progress.message = string_member(params, "message");
    std::lock_guard<std::mutex> lock(progress_mutex_);
    const auto route = progress_routes_.find(params["progressToken"].GetInt64());
    if (route == progress_routes_.end()) {
        return;  // a call that has ended, or a token that was never ours
    }
    try {
        route->second(progress);
    } catch (...) {
        // A display that could not show it: the call goes on.
    }
}

RpcOutcome McpClient::call_tool(const std::string& name, const std::string& arguments_json,
                                const std::atomic<bool>* cancel, ProgressHandler on_progress) {
    std::string params = "{\"name\":" + json_string(name) + ",\"arguments\":" +
                         (arguments_json.empty() ? std::string("{}") : arguments_json);
    std::optional<int64_t> token;
    if (on_progress) {
        std::lock_guard<std::mutex> lock(progress_mutex_);
        token = next_progress_token_++;
        progress_routes_[*token] = std::move(on_progress);
        params += ",\"_meta\":{\"progressToken\":" + std::to_string(*token) + "}";
    }
    params += "}";
    struct RouteRemover {
        McpClient& client;
        std::optional<int64_t> token;
        ~RouteRemover() {
            if (token) {
                std::lock_guard<std::mutex> lock(client.progress_mutex_);
                client.progress_routes_.erase(*token);
            }
        }
    } remover{*this, token};
    return request("tools/call", params, std::chrono::seconds(config_.tool_timeout_s), cancel);
}

void McpClient::shutdown() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        shutting_down_ = true;
    }
    if (transport_) {
        transport_->shutdown();
    }
    std::lock_guard<std::mutex> lock(mutex_);
    if (!failure_) {
        failure_ = "shut down";
    }
    cv_.notify_all();
}

}  // namespace klaude::core::mcp
