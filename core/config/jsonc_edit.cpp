#include "core/config/jsonc_edit.h"

#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <optional>

namespace klaude::core {

namespace {

struct Member {
    std::string key;
    size_t key_begin = 0;
    size_t value_begin = 0;
    size_t value_end = 0;  // one past the value
};

struct ObjectSpan {
    size_t open = 0;   // '{'
    size_t close = 0;  // '}'
    std::vector<Member> members;
};

// Walks valid JSONC: strings, // and /* */ comments, nested values.
class Scanner {
  public:
    explicit Scanner(std::string_view text) : text_(text) {}

    size_t skip_space_and_comments(size_t pos) const {
        while (pos < text_.size()) {
            const char c = text_[pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                ++pos;
            } else if (text_.compare(pos, 2, "//") == 0) {
                const size_t end = text_.find('\n', pos);
                pos = end == std::string_view::npos ? text_.size() : end;
            } else if (text_.compare(pos, 2, "/*") == 0) {
                const size_t end = text_.find("*/", pos + 2);
                if (end == std::string_view::npos) {
                    throw JsoncEditError("unterminated comment");
                }
                pos = end + 2;
            } else {
                break;
            }
        }
        return pos;
    }

    // One past the closing quote of the string opening at `pos`.
    size_t skip_string(size_t pos, std::string* decoded = nullptr) const {
        for (size_t i = pos + 1; i < text_.size(); ++i) {
            if (text_[i] == '\\') {
                if (decoded != nullptr && i + 1 < text_.size()) {
                    decoded->push_back(unescape(text_[i + 1]));
                }
                ++i;
            } else if (text_[i] == '"') {
                return i + 1;
            } else if (decoded != nullptr) {
                decoded->push_back(text_[i]);
            }
        }
        throw JsoncEditError("unterminated string");
    }

    // One past the value starting at `pos`.
    size_t skip_value(size_t pos) const {
        if (pos >= text_.size()) {
            throw JsoncEditError("value expected at the end of the text");
        }
        const char c = text_[pos];
        if (c == '"') {
            return skip_string(pos);
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            for (size_t i = pos; i < text_.size();) {
                i = skip_space_and_comments(i);
                if (i >= text_.size()) {
                    break;
                }
                const char d = text_[i];
                if (d == '"') {
                    i = skip_string(i);
                    continue;
                }
                if (d == '{' || d == '[') {
                    ++depth;
                } else if ((d == '}' || d == ']') && --depth == 0) {
                    return i + 1;
                }
                ++i;
            }
            throw JsoncEditError("unterminated object or array");
        }
        size_t end = pos;  // number, true, false, null
        while (end < text_.size() &&
               std::string_view(",}] \t\r\n/").find(text_[end]) == std::string_view::npos) {
            ++end;
        }
        return end;
    }

    ObjectSpan object_at(size_t open) const {
        ObjectSpan span;
        span.open = open;
        size_t pos = open + 1;
        for (;;) {
            pos = skip_space_and_comments(pos);
            if (pos >= text_.size()) {
                throw JsoncEditError("unterminated object");
            }
            if (text_[pos] == '}') {
                span.close = pos;
                return span;
            }
            if (text_[pos] == ',') {
                ++pos;
                continue;
            }
            if (text_[pos] != '"') {
                throw JsoncEditError("a member name expected");
            }
            Member member;
            member.key_begin = pos;
            pos = skip_space_and_comments(skip_string(pos, &member.key));
            if (pos >= text_.size() || text_[pos] != ':') {
                throw JsoncEditError("':' expected after \"" + member.key + "\"");
            }
            member.value_begin = skip_space_and_comments(pos + 1);
            member.value_end = skip_value(member.value_begin);
            pos = member.value_end;
            span.members.push_back(std::move(member));
        }
    }

    ObjectSpan top_level() const {
        const size_t open = skip_space_and_comments(0);
        if (open >= text_.size() || text_[open] != '{') {
            throw JsoncEditError("the file's top level is not an object");
        }
        return object_at(open);
    }

  private:
    static char unescape(char c) {
        switch (c) {
            case 'n':
                return '\n';
            case 't':
                return '\t';
            case 'r':
                return '\r';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            default:
                return c;  // \" \\ \/; \uXXXX keys are compared as written
        }
    }

    std::string_view text_;
};

const Member* find(const ObjectSpan& object, const std::string& key) {
    for (const Member& m : object.members) {
        if (m.key == key) {
            return &m;
        }
    }
    return nullptr;
}

// The object at `path`, or the deepest one on the way with how many steps were found.
struct Located {
    ObjectSpan object;
    size_t depth = 0;  // == path.size() when the whole path exists
};

Located locate(const Scanner& scanner, std::string_view text, const JsoncPath& path) {
    Located at{scanner.top_level(), 0};
    for (const std::string& step : path) {
        const Member* member = find(at.object, step);
        if (member == nullptr) {
            return at;
        }
        if (text[member->value_begin] != '{') {
            throw JsoncEditError("\"" + step + "\" is not an object");
        }
        at.object = scanner.object_at(member->value_begin);
        ++at.depth;
    }
    return at;
}

size_t line_start(std::string_view text, size_t pos) {
    const size_t nl = text.rfind('\n', pos == 0 ? 0 : pos - 1);
    return pos == 0 || nl == std::string_view::npos ? 0 : nl + 1;
}

std::string indentation_of_line(std::string_view text, size_t pos) {
    const size_t begin = line_start(text, pos);
    size_t end = begin;
    while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) {
        ++end;
    }
    return std::string(text.substr(begin, end - begin));
}

bool only_space_between(std::string_view text, size_t begin, size_t end) {
    return text.substr(begin, end - begin).find_first_not_of(" \t") == std::string_view::npos;
}

// `json` printed with two-space indentation, its lines after the first indented by `indent`.
std::string pretty(const std::string& json, const std::string& indent) {
    rapidjson::Document doc;
    doc.Parse(json.c_str(), json.size());
    if (doc.HasParseError()) {
        throw JsoncEditError("internal: the value to add is not JSON");
    }
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
    writer.SetIndent(' ', 2);
    doc.Accept(writer);
    std::string out;
    for (const char* p = buffer.GetString(); *p != '\0'; ++p) {
        out += *p;
        if (*p == '\n') {
            out += indent;
        }
    }
    return out;
}

std::string quoted(const std::string& key) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.String(key.c_str(), static_cast<rapidjson::SizeType>(key.size()));
    return buffer.GetString();
}

// `"key": value` nested in objects for the path steps that do not exist yet.
std::string member_text(const JsoncPath& path, size_t from, const std::string& key,
                        const std::string& value_json, const std::string& indent) {
    std::string value = value_json;
    std::string name = key;
    for (size_t i = path.size(); i > from; --i) {
        value = "{" + quoted(name) + ":" + value + "}";
        name = path[i - 1];
    }
    return quoted(name) + ": " + pretty(value, indent);
}

}  // namespace

bool jsonc_has_member(std::string_view text, const JsoncPath& path, const std::string& key) {
    const Scanner scanner(text);
    const Located at = locate(scanner, text, path);
    return at.depth == path.size() && find(at.object, key) != nullptr;
}

std::string jsonc_add_member(std::string_view text, const JsoncPath& path, const std::string& key,
                             const std::string& value_json) {
    const Scanner scanner(text);
    const Located at = locate(scanner, text, path);
    if (at.depth == path.size() && find(at.object, key) != nullptr) {
        throw JsoncEditError("\"" + key + "\" is already there");
    }
    const ObjectSpan& object = at.object;
    std::string out(text);
    if (object.members.empty()) {
        // {} or {<comments>}: the member goes on its own line, indented one step in.
        const std::string outer = indentation_of_line(text, object.open);
        const std::string indent = outer + "  ";
        const std::string insert =
            "\n" + indent + member_text(path, at.depth, key, value_json, indent) + "\n" + outer;
        size_t close = object.close;
        // Keep what is between the braces (comments), before the new member.
        while (close > object.open + 1 && (out[close - 1] == ' ' || out[close - 1] == '\t' ||
                                           out[close - 1] == '\n' || out[close - 1] == '\r')) {
            --close;
        }
        out.replace(close, object.close - close, insert);
        return out;
    }
    const Member& last = object.members.back();
    const std::string indent =
        only_space_between(text, line_start(text, last.key_begin), last.key_begin)
            ? indentation_of_line(text, last.key_begin)
            : std::string();
    const std::string member = member_text(path, at.depth, key, value_json, indent);
    size_t after = scanner.skip_space_and_comments(last.value_end);
    const bool trailing_comma = after < text.size() && text[after] == ',';
    if (indent.empty() &&
        !only_space_between(text, line_start(text, last.key_begin), last.key_begin)) {
        // Members written on one line: the new one follows on the same line.
        out.insert(last.value_end, ", " + member);
        return out;
    }
    // The new member goes on the line after the last one (after a comment ending that line).
    size_t insert_at = trailing_comma ? after + 1 : last.value_end;
    const size_t line_end = text.find('\n', insert_at);
    if (line_end != std::string_view::npos) {
        const std::string_view rest = text.substr(insert_at, line_end - insert_at);
        const size_t first = rest.find_first_not_of(" \t\r");
        if (first == std::string_view::npos || rest.compare(first, 2, "//") == 0) {
            insert_at = line_end;
            if (insert_at > 0 && text[insert_at - 1] == '\r') {
                --insert_at;
            }
        }
    }
    out.insert(insert_at, "\n" + indent + member + (trailing_comma ? "," : ""));
    if (!trailing_comma) {
        out.insert(last.value_end, ",");
    }
    return out;
}

std::string jsonc_remove_member(std::string_view text, const JsoncPath& path,
                                const std::string& key) {
    const Scanner scanner(text);
    const Located at = locate(scanner, text, path);
    const Member* member = at.depth == path.size() ? find(at.object, key) : nullptr;
    if (member == nullptr) {
        throw JsoncEditError("\"" + key + "\" is not there");
    }
    size_t begin = member->key_begin;
    size_t end = member->value_end;
    const size_t next = scanner.skip_space_and_comments(end);
    std::optional<size_t> comma_before;
    if (next < text.size() && text[next] == ',') {
        // Only whitespace between the value and its comma: take both.
        if (only_space_between(text, end, next)) {
            end = next + 1;
        } else {
            comma_before = next;  // a comment sits between: drop the comma alone, below
        }
    } else if (&at.object.members.back() == member && at.object.members.size() > 1) {
        // The last member: the comma after the one before it goes instead.
        const Member& previous = at.object.members[at.object.members.size() - 2];
        const size_t comma = scanner.skip_space_and_comments(previous.value_end);
        if (comma < text.size() && text[comma] == ',') {
            comma_before = comma;
        }
    }
    // A member on lines of its own takes those lines with it.
    const size_t start_of_line = line_start(text, begin);
    const size_t end_of_line = text.find('\n', end);
    if (only_space_between(text, start_of_line, begin) && end_of_line != std::string_view::npos &&
        text.substr(end, end_of_line - end).find_first_not_of(" \t\r") == std::string_view::npos) {
        begin = start_of_line;
        end = end_of_line + 1;
    } else {
        // Sharing a line: take the spaces after it ("a": 1, "b" -> "b"; "x": 1 // c -> // c).
        while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) {
            ++end;
        }
    }
    if (comma_before && *comma_before < begin &&
        text.substr(*comma_before + 1, begin - *comma_before - 1).find_first_not_of(" \t") ==
            std::string_view::npos) {
        begin = *comma_before;  // ', "b": 2' on the line of the member before
        comma_before.reset();
    }
    std::string out(text);
    out.erase(begin, end - begin);
    if (comma_before && *comma_before < begin) {
        out.erase(*comma_before, 1);
    } else if (comma_before && *comma_before >= end) {
        out.erase(*comma_before - (end - begin), 1);
    }
    return out;
}

}  // namespace klaude::core
