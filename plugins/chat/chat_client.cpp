#include "plugins/chat/chat_client.h"

#include <algorithm>
#include <cstdlib>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "plugins/chat/chat_errors.h"
#include "plugins/chat/request_builder.h"
#include "plugins/chat/stream_mapper.h"

#ifndef KLAUDE_VERSION
#define KLAUDE_VERSION "0"
#endif

namespace klaude::chat {
namespace {

constexpr size_t kMaxCatalogBody = 4u << 20;

}  // namespace

ChatClient::ChatClient(ChatConfig config, sdk::Host host)
    : config_(std::move(config)), host_(host), http_(config_.transport, host, "chat") {}

ChatClient::~ChatClient() = default;

void ChatClient::cancel() noexcept {
    http_.cancel();
}

HeaderList ChatClient::request_headers(const char* accept) const {
    HeaderList headers{{"Accept", accept}, {"User-Agent", std::string("klaude/") + KLAUDE_VERSION}};
    if (!config_.api_key_env.empty()) {
        const char* key = std::getenv(config_.api_key_env.c_str());
        if (key == nullptr || *key == '\0') {
            throw sdk::Error(
                KLAUDE_ERROR_NOT_LOGGED_IN,
                config_.api_key_env + " is not set; export your API key in it" +
                    (config_.id.empty() ? std::string() : " (provider '" + config_.id + "')"));
        }
        set_header(headers, "Authorization", std::string("Bearer ") + key);
    }
    for (const auto& [name, value] : config_.headers) {
        set_header(headers, name, value);
    }
    return headers;
}

void ChatClient::stream(std::string_view request_json, const sdk::EventSink& sink) {
    http_.stream(
        [&] {
            if (config_.base_url.empty()) {
                throw sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT, config_.missing_base_url());
            }
            support::SseRequest request;
            request.url = config_.base_url + "/chat/completions";
            request.body = build_chat_body(request_json, config_);
            request.headers = request_headers("text/event-stream");
            request.mapper = [](const sdk::EventSink& s) {
                return std::make_unique<StreamMapper>(s);
            };
            request.describe_error = [this](int status, const std::string& body) {
                return http_error_message(status, body, config_);
            };
            return request;
        },
        sink);
}

std::string ChatClient::list_models(std::chrono::milliseconds timeout) {
    if (config_.base_url.empty()) {
        throw sdk::Error(KLAUDE_ERROR_UNSUPPORTED, config_.missing_base_url());
    }
    const auto watcher = http_.begin_call();
    const std::string url = config_.base_url + "/models";
    support::HttpOptions options = http_.http_options(url);
    options.connect_timeout = std::min(options.connect_timeout, timeout);
    options.idle_timeout = std::min(options.idle_timeout, timeout);
    try {
        support::HttpStream http(options, http_.cancel_signal());
        const int status = http.send("GET", url, request_headers("application/json"), "");
        const std::string body = http.read_all(kMaxCatalogBody + 1);
        host_.debug("chat: GET " + url + " -> " + std::to_string(status));
        if (status == 404 || status == 405 || status == 501) {
            throw sdk::Error(KLAUDE_ERROR_UNSUPPORTED,
                             "the server has no models list (HTTP " + std::to_string(status) + ")");
        }
        if (status < 200 || status >= 300) {
            throw sdk::Error(status_for_http(status, body),
                             "models list: " + http_error_message(status, body, config_));
        }
        if (body.size() > kMaxCatalogBody) {
            throw sdk::Error(KLAUDE_ERROR_PROTOCOL, "the models list is larger than 4 MiB");
        }
        return catalog_from_models_list(body);
    } catch (const sdk::Error& e) {
        if (http_.cancel_signal()->cancelled() && e.status() != KLAUDE_ERROR_UNSUPPORTED) {
            throw sdk::Error(KLAUDE_ERROR_CANCELLED, "cancelled");
        }
        throw;
    }
}

std::string catalog_from_models_list(std::string_view body) {
    rapidjson::Document doc;
    doc.Parse(body.data(), body.size());
    auto data = doc.IsObject() ? doc.FindMember("data") : doc.MemberEnd();
    if (doc.HasParseError() || !doc.IsObject() || data == doc.MemberEnd() ||
        !data->value.IsArray()) {
        throw sdk::Error(KLAUDE_ERROR_PROTOCOL,
                         "the models list is not an OpenAI list ({\"data\":[{\"id\":…}]})");
    }
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("models");
    w.StartArray();
    for (const auto& model : data->value.GetArray()) {
        if (!model.IsObject()) {
            continue;
        }
        auto id = model.FindMember("id");
        if (id == model.MemberEnd() || !id->value.IsString() || id->value.GetStringLength() == 0) {
            continue;
        }
        w.StartObject();
        w.Key("id");
        w.String(id->value.GetString(), id->value.GetStringLength());
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace klaude::chat
