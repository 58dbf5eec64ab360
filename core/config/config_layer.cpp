#include "core/config/config_layer.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>

#include "core/config/config.h"

namespace klaude::core {

namespace {

using rapidjson::Value;

constexpr unsigned kParseFlags =
    rapidjson::kParseCommentsFlag | rapidjson::kParseTrailingCommasFlag;

// Ids end up in `-m PROVIDER/MODEL_ID` and on command lines: no '/', no spaces.
bool is_id(const std::string& s) {
    if (s.empty() || !std::isalnum(static_cast<unsigned char>(s[0]))) {
        return false;
    }
    return std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    });
}

bool is_env_name(const std::string& s) {
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) {
        return false;
    }
    return std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    });
}

bool is_printable_without_spaces(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u > 0x20 && u != 0x7f;
    });
}

// RFC 9110 token characters.
bool is_header_name(const std::string& s) {
    static const std::string kExtra = "!#$%&'*+-.^_`|~";
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || kExtra.find(c) != std::string::npos;
    });
}

bool is_header_value(const std::string& s) {
    return std::none_of(s.begin(), s.end(),
                        [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

bool is_http_url(const std::string& s) {
    return (s.rfind("http://", 0) == 0 && s.size() > 7) ||
           (s.rfind("https://", 0) == 0 && s.size() > 8);
}

std::string join(std::initializer_list<const char*> items) {
    std::string out;
    for (const char* item : items) {
        out += out.empty() ? "" : ", ";
        out += item;
    }
    return out;
}

std::string to_json_text(const Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    return buffer.GetString();
}

// A value from the file as a JSON string literal, for messages: a line break or a control
// character in it must not break the one-line error (or reach the terminal raw).
std::string quoted(std::string_view s) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
    return std::string(buffer.GetString(), buffer.GetSize());
}

// A member name as a part of a JSON path in messages: as is when plain, else quoted.
std::string path_part(const std::string& key) {
    const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u > 0x20 && u < 0x7f && c != '"';
    });
    return plain ? key : quoted(key);
}

// The whole string, NUL bytes included (GetString() alone would stop at the first one).
std::string text_of(const Value& v) {
    return std::string(v.GetString(), v.GetStringLength());
}

// 1-based line and column (in bytes) of a byte offset, for parse errors.
std::pair<size_t, size_t> line_and_column(std::string_view text, size_t offset) {
    offset = std::min(offset, text.size());
    size_t line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    return {line, offset - line_start + 1};
}

class LayerParser {
  public:
    LayerParser(const std::string& source, std::vector<std::string>& warnings)
        : source_(source), warnings_(warnings) {}

    ConfigLayer parse(const Value& root) {
        ConfigLayer layer;
        layer.source = source_;
        if (!root.IsObject()) {
            fail("(top level)",
                 "expected an object {\"providers\": [...], \"models\": [...], "
                 "\"default_model\": \"...\"}");
        }
        for (const auto& m : root.GetObject()) {
            const std::string key = text_of(m.name);
            if (key == "providers") {
                parse_providers(m.value, layer);
            } else if (key == "models") {
                parse_models(m.value, layer);
            } else if (key == "default_model") {
                layer.default_model =
                    required_string(m.value, "default_model", "a model name or PROVIDER/MODEL_ID");
                if (layer.default_model->empty()) {
                    fail("default_model", "expected a model name or PROVIDER/MODEL_ID, not \"\"");
                }
            } else if (key == "catalog_ttl_s") {
                layer.catalog_ttl_s = whole_number(m.value, key, "seconds");
            } else if (key == "catalog_timeout_ms") {
                layer.catalog_timeout_ms = whole_number(m.value, key, "milliseconds");
                if (*layer.catalog_timeout_ms == 0) {
                    fail(key, "expected a positive integer (milliseconds)");
                }
            } else if (key == "mcp_servers") {
                parse_mcp_servers(m.value, layer);
            } else {
                unknown_key(path_part(key));
            }
        }
        return layer;
    }

  private:
    [[noreturn]] void fail(const std::string& path, const std::string& what) const {
        throw ConfigError(source_ + ": " + path + ": " + what);
    }

    void unknown_key(const std::string& path) {
        warnings_.push_back(source_ + ": " + path + ": unknown key, ignored");
    }

    std::string required_string(const Value& v, const std::string& path, const char* what) const {
        if (!v.IsString()) {
            fail(path, std::string("expected a string (") + what + ")");
        }
        return text_of(v);
    }

    std::string id_string(const Value& v, const std::string& path, const char* what) const {
        std::string s = required_string(v, path, what);
        if (!is_id(s)) {
            fail(path, quoted(s) + " is not a valid id; expected " + what +
                           " made of letters, digits, '.', '_' or '-'");
        }
        return s;
    }

    // A string or null (null clears a default's value in an overlay).
    StringField optional_string(const Value& v, const std::string& path, const char* what) const {
        StringField field;
        field.present = true;
        if (v.IsNull()) {
            return field;
        }
        field.value = required_string(v, path, what);
        return field;
    }

    StringField env_name(const Value& v, const std::string& path) const {
        StringField field = optional_string(v, path, "an environment variable name");
        if (field.value && !is_env_name(*field.value)) {
            fail(path, quoted(*field.value) +
                           " is not an environment variable name; expected letters, digits "
                           "and '_', e.g. \"OPENAI_API_KEY\"");
        }
        return field;
    }

    void warn_unless_known(const StringField& field, const std::string& path,
                           std::initializer_list<const char*> known) {
        if (!field.value) {
            return;
        }
        for (const char* k : known) {
            if (*field.value == k) {
                return;
            }
        }
        warnings_.push_back(source_ + ": " + path + ": " + quoted(*field.value) +
                            " is not one of the known values (" + join(known) +
                            "); passed on to the provider as is");
    }

    const Value& array_of_objects(const Value& v, const std::string& path, const char* what) const {
        if (!v.IsArray()) {
            fail(path, std::string("expected an array of ") + what);
        }
        return v;
    }

    void parse_providers(const Value& v, ConfigLayer& layer) {
        const Value& arr = array_of_objects(v, "providers", "provider objects");
        for (rapidjson::SizeType i = 0; i < arr.Size(); ++i) {
            ProviderLayer p;
            p.path = "providers[" + std::to_string(i) + "]";
            parse_provider(arr[i], p);
            for (const auto& earlier : layer.providers) {
                if (earlier.id == p.id) {
                    fail(p.path + ".id", "duplicate provider id \"" + p.id + "\" (also " +
                                             earlier.path + "); expected each id once");
                }
            }
            layer.providers.push_back(std::move(p));
        }
    }

    void parse_provider(const Value& v, ProviderLayer& p) {
        if (!v.IsObject()) {
            fail(p.path, "expected an object {\"id\": ..., \"protocol\": ...}");
        }
        const auto id = v.FindMember("id");
        if (id == v.MemberEnd()) {
            fail(p.path + ".id",
                 "missing; expected a string (the provider id used by -m ID/MODEL)");
        }
        p.id = id_string(id->value, p.path + ".id", "a provider id");
        for (const auto& m : v.GetObject()) {
            const std::string key = text_of(m.name);
            const std::string path = p.path + "." + path_part(key);
            if (key == "id") {
                continue;
            } else if (key == "protocol") {
                p.protocol =
                    id_string(m.value, path, "the id of the plugin provider, e.g. \"responses\"");
            } else if (key == "base_url") {
                p.base_url = optional_string(m.value, path, "an http:// or https:// URL");
                if (p.base_url.value && !is_http_url(*p.base_url.value)) {
                    fail(path, quoted(*p.base_url.value) +
                                   " is not a URL; expected an http:// or https:// URL");
                }
            } else if (key == "base_url_env") {
                p.base_url_env = env_name(m.value, path);
            } else if (key == "api_key_env") {
                p.api_key_env = env_name(m.value, path);
            } else if (key == "headers") {
                parse_headers(m.value, path, p);
            } else if (key == "options") {
                if (!m.value.IsObject()) {
                    fail(path, "expected an object (provider-specific options)");
                }
                p.options = to_json_text(m.value);
            } else if (key == "list_models") {
                if (!m.value.IsBool()) {
                    fail(path, "expected true or false");
                }
                p.list_models = m.value.GetBool();
            } else if (key == "api_key" || key == "key" || key == "token") {
                // Secrets do not belong in a config file people copy around.
                fail(path,
                     "keys are not stored in the config; expected \"api_key_env\" naming "
                     "the environment variable that holds it");
            } else {
                unknown_key(path);
            }
        }
    }

    void parse_headers(const Value& v, const std::string& path, ProviderLayer& p) const {
        if (!v.IsObject()) {
            fail(path, "expected an object {\"Header-Name\": \"value\"}");
        }
        for (const auto& h : v.GetObject()) {
            const std::string name = text_of(h.name);
            const std::string hpath = path + "[" + quoted(name) + "]";
            if (!is_header_name(name)) {
                fail(hpath, "expected an HTTP header name (letters, digits, '-'...)");
            }
            if (h.value.IsNull()) {
                p.headers[name] = std::nullopt;
                continue;
            }
            std::string value =
                required_string(h.value, hpath, "the header value, or null to remove it");
            if (!is_header_value(value)) {
                fail(hpath, "expected a header value without line breaks");
            }
            p.headers[name] = std::move(value);
        }
    }

    void parse_models(const Value& v, ConfigLayer& layer) {
        const Value& arr = array_of_objects(v, "models", "model objects");
        for (rapidjson::SizeType i = 0; i < arr.Size(); ++i) {
            ModelLayer m;
            m.path = "models[" + std::to_string(i) + "]";
            parse_model(arr[i], m);
            for (const auto& earlier : layer.models) {
                if (earlier.name == m.name) {
                    fail(m.path + ".name", "duplicate model name \"" + m.name + "\" (also " +
                                               earlier.path + "); expected each name once");
                }
            }
            layer.models.push_back(std::move(m));
        }
    }

    uint64_t whole_number(const Value& v, const std::string& path, const char* unit) const {
        if (!v.IsUint64()) {
            fail(path, std::string("expected a whole number (") + unit + ")");
        }
        return v.GetUint64();
    }

    std::optional<uint64_t> token_count(const Value& v, const std::string& path) const {
        if (v.IsNull()) {
            return std::nullopt;
        }
        if (!v.IsUint64() || v.GetUint64() == 0) {
            fail(path, "expected a positive integer (tokens)");
        }
        return v.GetUint64();
    }

    void parse_model(const Value& v, ModelLayer& m) {
        if (!v.IsObject()) {
            fail(m.path,
                 "expected an object {\"name\": ..., \"provider\": ..., \"model_id\": ...}");
        }
        const auto name = v.FindMember("name");
        if (name == v.MemberEnd()) {
            fail(m.path + ".name", "missing; expected a string (the name -m uses)");
        }
        m.name = required_string(name->value, m.path + ".name", "the name -m uses");
        if (!is_printable_without_spaces(m.name)) {
            fail(m.path + ".name", "expected a non-empty name without spaces");
        }
        for (const auto& member : v.GetObject()) {
            const std::string key = text_of(member.name);
            const std::string path = m.path + "." + path_part(key);
            const Value& value = member.value;
            if (key == "name") {
                continue;
            } else if (key == "provider") {
                m.provider = id_string(value, path, "a configured provider id");
            } else if (key == "model_id") {
                m.model_id = required_string(value, path, "the provider's model id");
                if (!is_printable_without_spaces(*m.model_id)) {
                    fail(path, "expected a non-empty model id without spaces");
                }
            } else if (key == "reasoning_effort") {
                m.reasoning_effort = optional_string(value, path, "a reasoning effort");
                warn_unless_known(m.reasoning_effort, path,
                                  {"none", "minimal", "low", "medium", "high", "xhigh"});
            } else if (key == "reasoning_summary") {
                m.reasoning_summary = optional_string(value, path, "a reasoning summary mode");
                warn_unless_known(m.reasoning_summary, path,
                                  {"auto", "concise", "detailed", "none"});
            } else if (key == "verbosity") {
                m.verbosity = optional_string(value, path, "a verbosity");
                warn_unless_known(m.verbosity, path, {"low", "medium", "high"});
            } else if (key == "instructions") {
                m.instructions = optional_string(value, path, "the system prompt for this model");
            } else if (key == "context_window") {
                m.context_window_present = true;
                m.context_window = token_count(value, path);
            } else if (key == "max_output_tokens") {
                m.max_output_tokens_present = true;
                m.max_output_tokens = token_count(value, path);
            } else {
                unknown_key(path);
            }
        }
    }

    // "mcp_servers": {"NAME": {"command": [...], ...}} (docs/mcp.md).
    void parse_mcp_servers(const Value& v, ConfigLayer& layer) {
        if (!v.IsObject()) {
            fail("mcp_servers", "expected an object {\"NAME\": {\"command\": [\"prog\", ...]}}");
        }
        for (const auto& m : v.GetObject()) {
            McpServerConfig server;
            server.name = text_of(m.name);
            const std::string path = "mcp_servers." + path_part(server.name);
            const bool name_ok =
                !server.name.empty() && server.name.find("__") == std::string::npos &&
                std::all_of(server.name.begin(), server.name.end(), [](char c) {
                    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
                });
            if (!name_ok) {
                fail(path,
                     "the server name must be letters, digits, '_' or '-' (no \"__\"): it "
                     "becomes part of the tool names mcp__NAME__TOOL");
            }
            parse_mcp_server(m.value, path, server);
            layer.mcp_servers.push_back(std::move(server));
        }
    }

    std::vector<std::string> string_array(const Value& v, const std::string& path,
                                          const char* what) const {
        if (!v.IsArray()) {
            fail(path, std::string("expected an array of strings (") + what + ")");
        }
        std::vector<std::string> out;
        for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
            out.push_back(required_string(v[i], path + "[" + std::to_string(i) + "]", what));
        }
        return out;
    }

    std::map<std::string, std::string> string_map(const Value& v, const std::string& path,
                                                  const char* what) const {
        if (!v.IsObject()) {
            fail(path, std::string("expected an object of strings (") + what + ")");
        }
        std::map<std::string, std::string> out;
        for (const auto& m : v.GetObject()) {
            const std::string key = text_of(m.name);
            out[key] = required_string(m.value, path + "[" + quoted(key) + "]", what);
        }
        return out;
    }

    void parse_mcp_server(const Value& v, const std::string& spath, McpServerConfig& server) {
        if (!v.IsObject()) {
            fail(spath, "expected an object {\"command\": [\"prog\", \"arg\", ...]}");
        }
        for (const auto& m : v.GetObject()) {
            const std::string key = text_of(m.name);
            const std::string path = spath + "." + path_part(key);
            const Value& value = m.value;
            if (key == "command") {
                if (value.IsString()) {
                    fail(path,
                         "expected an array [\"prog\", \"arg\", ...] (no shell is used), "
                         "not a string");
                }
                server.command = string_array(value, path, "the program and its arguments");
                if (server.command.empty() || server.command[0].empty()) {
                    fail(path, "expected a non-empty array [\"prog\", \"arg\", ...]");
                }
            } else if (key == "args") {
                fail(path, "put the arguments into \"command\": [\"prog\", \"arg\", ...]");
            } else if (key == "env") {
                server.env = string_map(value, path, "environment variables for the server");
                for (const auto& [name, unused] : server.env) {
                    if (!is_env_name(name)) {
                        fail(path + "[" + quoted(name) + "]",
                             "is not an environment variable name; expected letters, digits "
                             "and '_'");
                    }
                }
            } else if (key == "cwd") {
                server.cwd = required_string(value, path, "the server's working directory");
            } else if (key == "enabled") {
                if (!value.IsBool()) {
                    fail(path, "expected true or false");
                }
                server.enabled = value.GetBool();
            } else if (key == "startup_timeout_s" || key == "tool_timeout_s") {
                if (!value.IsUint64() || value.GetUint64() == 0 || value.GetUint64() > 86400) {
                    fail(path, "expected a positive whole number of seconds (at most 86400)");
                }
                (key == "startup_timeout_s" ? server.startup_timeout_s : server.tool_timeout_s) =
                    value.GetUint64();
            } else if (key == "enabled_tools") {
                server.enabled_tools = string_array(value, path, "tool names");
            } else if (key == "disabled_tools") {
                server.disabled_tools = string_array(value, path, "tool names");
            } else if (key == "url") {
                server.url = required_string(value, path, "an http:// or https:// URL");
                if (!is_http_url(*server.url)) {
                    fail(path, quoted(*server.url) +
                                   " is not a URL; expected an http:// or https:// URL");
                }
            } else if (key == "headers") {
                server.headers = string_map(value, path, "HTTP headers");
                for (const auto& [name, header_value] : server.headers) {
                    if (!is_header_name(name) || !is_header_value(header_value)) {
                        fail(path + "[" + quoted(name) + "]",
                             "expected an HTTP header name and a value without line breaks");
                    }
                }
            } else if (key == "bearer_token_env") {
                server.bearer_token_env = env_name(value, path).value;
            } else {
                unknown_key(path);
            }
        }
        if (server.command.empty() && !server.url) {
            fail(spath + ".command",
                 "missing; expected [\"prog\", \"arg\", ...] (stdio) or \"url\" (HTTP)");
        }
        if (!server.command.empty() && server.url) {
            fail(spath, "expected either \"command\" (stdio) or \"url\" (HTTP), not both");
        }
    }

    const std::string& source_;
    std::vector<std::string>& warnings_;
};

}  // namespace

ConfigLayer parse_config_layer(std::string_view text, const std::string& source,
                               std::vector<std::string>& warnings) {
    rapidjson::Document doc;
    doc.Parse<kParseFlags>(text.data(), text.size());
    if (doc.HasParseError()) {
        const auto [line, column] = line_and_column(text, doc.GetErrorOffset());
        throw ConfigError(source + ":" + std::to_string(line) + ":" + std::to_string(column) +
                          ": invalid JSON: " + rapidjson::GetParseError_En(doc.GetParseError()) +
                          " (comments and trailing commas are allowed)");
    }
    return LayerParser(source, warnings).parse(doc);
}

}  // namespace klaude::core
