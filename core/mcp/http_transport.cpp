#include "core/mcp/http_transport.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <stdexcept>

#include "core/log/logger.h"
#include "core/mcp/http_body.h"
#include "core/mcp/http_headers.h"
#include "core/mcp/json_rpc.h"
#include "core/mcp/json_text.h"
#include "klaude/sdk/error.hpp"
#include "klaude/support/http_errors.h"
#include "klaude/support/http_request.h"
#include "klaude/support/tls_context.h"

namespace klaude::core::mcp {

namespace {

constexpr std::chrono::milliseconds kDeleteTimeout{2000};

std::string header(const support::HeaderList& headers, const char* name) {
    for (const auto& [n, v] : headers) {
        if (n == name) {
            return v;
        }
    }
    return {};
}

std::chrono::milliseconds at_least_one_second(uint64_t seconds) {
    return std::chrono::seconds(std::max<uint64_t>(seconds, 1));
}

std::string seconds_text(std::chrono::milliseconds ms) {
    return std::to_string((ms.count() + 999) / 1000) + " s";
}

}  // namespace

HttpTransport::HttpTransport(const McpServerConfig& config, Handlers handlers)
    : url_(config.url.value_or("")),
      configured_(configured_headers(config)),
      connect_timeout_(at_least_one_second(config.startup_timeout_s)),
      // The client times requests out itself (and then cancels the POST); this only bounds a
      // stream that nobody is waiting on any more.
      idle_timeout_(
          at_least_one_second(std::max(config.tool_timeout_s, config.startup_timeout_s) + 60)),
      handlers_(std::move(handlers)),
      pool_(std::make_shared<support::ConnectionPool>()) {
    if (url_.rfind("https://", 0) == 0) {
        tls_context_ = support::make_tls_context("");  // once: loading the CA store is not free
    }
}

HttpTransport::~HttpTransport() {
    HttpTransport::shutdown();
}

std::string HttpTransport::session_id() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return session_id_;
}

support::HttpOptions HttpTransport::options(std::chrono::milliseconds connect,
                                            std::chrono::milliseconds idle) const {
    support::HttpOptions options;
    options.connect_timeout = connect;
    options.idle_timeout = idle;
    options.tls_context = tls_context_;
    options.pool = pool_;
    return options;
}

support::HeaderList HttpTransport::request_headers() const {
    support::HeaderList headers = configured_;
    headers.emplace_back("Accept", "application/json, text/event-stream");
    headers.emplace_back("Content-Type", "application/json");
    std::lock_guard<std::mutex> lock(mutex_);
    if (!session_id_.empty()) {
        headers.emplace_back("Mcp-Session-Id", session_id_);
    }
    if (!protocol_version_.empty()) {
        headers.emplace_back("MCP-Protocol-Version", protocol_version_);
    }
    return headers;
}

void HttpTransport::fail(const std::string& why) {
    std::vector<std::shared_ptr<Exchange>> open;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (failed_ || stopping_) {
            return;
        }
        failed_ = true;
        for (auto& [id, exchange] : open_) {
            open.push_back(exchange);
        }
    }
    for (auto& exchange : open) {
        exchange->cancel->cancel();
    }
    work_ready_.notify_all();
    if (handlers_.on_closed) {
        handlers_.on_closed(why);
    }
}

std::string HttpTransport::describe_status(int status, const std::string& body) const {
    std::string line = "HTTP " + std::to_string(status) + " from " + url_;
    const std::string message = support::parse_error_body(body).message;
    if (!message.empty()) {
        line += ": " + message;
    }
    if (status == 401 || status == 403) {
        line += "; check its \"headers\" or \"bearer_token_env\" in config.json";
    } else if (status >= 500) {
        line += "; the server failed (its log says why)";
    } else {
        line += "; check that \"url\" is the server's MCP endpoint";
    }
    return support::one_line(line);
}

bool HttpTransport::send(std::string_view message, std::chrono::milliseconds timeout) {
    std::string error;
    std::optional<Message> parsed = parse_message(message, &error);
    if (!parsed) {
        return false;  // the client serializes its messages itself: cannot happen
    }
    if (parsed->kind == Message::Kind::kRequest && parsed->id) {
        auto exchange = std::make_shared<Exchange>();
        exchange->body = std::string(message);
        exchange->method = parsed->method;
        exchange->id = *parsed->id;
        std::lock_guard<std::mutex> lock(mutex_);
        if (failed_ || stopping_) {
            return false;
        }
        queue_.push_back(exchange);
        open_[exchange->id] = exchange;
        if (idle_workers_ == 0 && workers_.size() < kMaxWorkers) {
            workers_.emplace_back([this] { work(); });
        } else {
            work_ready_.notify_one();
        }
        return true;
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (failed_ || stopping_) {
            return false;
        }
    }
    const bool sent = post_one_way(parsed->method, std::string(message), timeout);
    if (parsed->method == "notifications/cancelled") {
        // The server answers a cancelled request with nothing (the specification lets it), so
        // its stream would stay open: stop reading it, once the server knows why it closes.
        cancel_exchange(parsed->params_json);
    }
    return sent;
}

void HttpTransport::cancel_exchange(const std::string& cancelled_params_json) {
    rapidjson::Document params;
    params.Parse(cancelled_params_json.c_str());
    if (!params.IsObject() || !params.HasMember("requestId") || !params["requestId"].IsInt64()) {
        return;
    }
    std::shared_ptr<Exchange> exchange;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto it = open_.find(params["requestId"].GetInt64());
        if (it == open_.end()) {
            return;
        }
        exchange = it->second;
    }
    exchange->cancel->cancel();
}

bool HttpTransport::post_one_way(const std::string& what, const std::string& body,
                                 std::chrono::milliseconds timeout) {
    try {
        const support::HttpResponse response = support::http_request(
            "POST", url_, request_headers(), body, options(timeout, timeout), 64 * 1024);
        if (response.status >= 200 && response.status < 300) {
            return true;
        }
        if (response.status == 404 && !session_id().empty()) {
            fail(
                "the server no longer knows this MCP session (HTTP 404: it expired or the "
                "server restarted); restart klaude to open a new one");
            return false;
        }
        fail(describe_status(response.status, response.body));
    } catch (const sdk::Error& e) {
        fail(describe_network_error(e, what, false, timeout));
    }
    return false;
}

std::string HttpTransport::describe_network_error(const sdk::Error& e, const std::string& what,
                                                  bool answering,
                                                  std::chrono::milliseconds timeout) const {
    if (e.status() == KLAUDE_ERROR_TIMEOUT) {
        return url_ + " sent nothing for " + seconds_text(timeout) + " while " +
               (answering ? "answering " : "taking ") + what;
    }
    if (!answering) {
        return "cannot reach " + url_ + " (" + support::one_line(e.what()) +
               "); check that the server is running there";
    }
    return "the connection to " + url_ + " broke while it answered " + what + " (" +
           support::one_line(e.what()) + "); the server may have crashed";
}

void HttpTransport::work() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        ++idle_workers_;
        work_ready_.wait(lock, [this] { return stopping_ || failed_ || !queue_.empty(); });
        --idle_workers_;
        if (stopping_ || failed_) {
            return;
        }
        std::shared_ptr<Exchange> exchange = queue_.front();
        queue_.pop_front();
        lock.unlock();
        if (!exchange->cancel->cancelled()) {
            try {
                post_request(*exchange);
            } catch (const std::exception& e) {
                fail(std::string("failed inside klaude: ") + e.what());
            } catch (...) {
                fail("failed inside klaude (unknown error)");
            }
        }
        lock.lock();
        open_.erase(exchange->id);
    }
}

bool HttpTransport::deliver(const Exchange& exchange, std::string message) {
    std::string error;
    std::optional<Message> parsed = parse_message(message, &error);
    if (!parsed) {
        throw std::runtime_error("answered with something that is not JSON-RPC (" + error + ")");
    }
    const bool answer = parsed->kind == Message::Kind::kResponse && parsed->id == exchange.id;
    if (answer && exchange.method == "initialize" && !parsed->is_error) {
        // Every later request says which revision it speaks (MCP-Protocol-Version).
        rapidjson::Document result;
        result.Parse(parsed->result_json.c_str());
        std::lock_guard<std::mutex> lock(mutex_);
        protocol_version_ = string_member(result, "protocolVersion");
    }
    if (handlers_.on_message) {
        handlers_.on_message(std::move(message));
    }
    return answer;
}

void HttpTransport::post_request(const Exchange& exchange) {
    const bool had_session = !session_id().empty();
    support::HttpStream http(options(connect_timeout_, idle_timeout_), exchange.cancel);
    bool answered = false;
    bool answering = false;  // the status line came: a failure now is a cut, not a refusal
    try {
        const int status = http.post(url_, request_headers(), exchange.body);
        answering = true;
        if (status == 404 && had_session) {
            fail(
                "the server no longer knows this MCP session (HTTP 404: it expired or the "
                "server restarted); restart klaude to open a new one");
            return;
        }
        if (status < 200 || status >= 300) {
            const std::string body = http.read_all(64 * 1024);
            // A JSON-RPC error for this request is an answer, whatever the status says.
            std::string error;
            std::optional<Message> parsed = parse_message(body, &error);
            if (parsed && parsed->kind == Message::Kind::kResponse && parsed->id == exchange.id) {
                deliver(exchange, body);
                return;
            }
            fail(describe_status(status, body));
            return;
        }
        if (exchange.method == "initialize") {
            const std::string session = header(http.response_headers(), "mcp-session-id");
            std::lock_guard<std::mutex> lock(mutex_);
            session_id_ = session;
        }
        std::string content_type;
        const BodyKind kind = body_kind(http.response_headers(), &content_type);
        if (kind == BodyKind::kOther) {
            fail("answered " + exchange.method + " with HTTP " + std::to_string(status) +
                 (content_type.empty()
                      ? std::string(" and no Content-Type")
                      : " and Content-Type '" + support::one_line(content_type, 80) + "'") +
                 ", not JSON or an event stream; check that \"url\" is the server's MCP endpoint");
            return;
        }
        answered = read_messages(http, kind, [&](std::string message) {
            return !deliver(exchange, std::move(message));
        });
        if (answered && kind == BodyKind::kEventStream) {
            http.finish();  // the server ends the stream after the answer: keep the connection
        }
    } catch (const sdk::Error& e) {
        if (exchange.cancel->cancelled()) {
            return;  // given up on (a timeout, Ctrl-C) or shutting down
        }
        fail(describe_network_error(e, exchange.method, answering, idle_timeout_));
        return;
    } catch (const std::runtime_error& e) {
        fail(e.what());
        return;
    }
    if (!answered && !exchange.cancel->cancelled()) {
        fail("ended its answer to " + exchange.method + " (HTTP POST to " + url_ +
             ") without the response; the server may have crashed (its log says why)");
    }
}

void HttpTransport::shutdown() {
    std::lock_guard<std::mutex> shutdown_lock(shutdown_mutex_);
    if (shut_down_) {
        return;
    }
    shut_down_ = true;
    std::vector<std::thread> workers;
    std::string session;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        for (auto& [id, exchange] : open_) {
            exchange->cancel->cancel();
        }
        queue_.clear();
        workers.swap(workers_);
        session = session_id_;
    }
    work_ready_.notify_all();
    for (std::thread& worker : workers) {
        worker.join();
    }
    if (session.empty()) {
        return;
    }
    try {
        support::HeaderList headers = request_headers();
        const support::HttpResponse response = support::http_request(
            "DELETE", url_, headers, "", options(kDeleteTimeout, kDeleteTimeout), 4096);
        Logger::instance().log(KLAUDE_LOG_DEBUG, "mcp",
                               "DELETE " + url_ + " -> " + std::to_string(response.status));
    } catch (const std::exception& e) {
        // Ending the session is a courtesy: the server forgets it in time anyway.
        Logger::instance().log(KLAUDE_LOG_DEBUG, "mcp",
                               "DELETE " + url_ + " failed: " + support::one_line(e.what()));
    }
}

}  // namespace klaude::core::mcp
