#include "klaude/support/sse_parser.h"

#include <cstring>

namespace klaude::support {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// The first CR or LF in [p, end), or end.
const char* find_line_end(const char* p, const char* end) {
    // memchr for both is faster than a byte loop on long data lines (SIMD in glibc).
    const void* lf = std::memchr(p, '\n', static_cast<size_t>(end - p));
    const char* limit = lf != nullptr ? static_cast<const char*>(lf) : end;
    const void* cr = std::memchr(p, '\r', static_cast<size_t>(limit - p));
    return cr != nullptr ? static_cast<const char*>(cr) : limit;
}

}  // namespace

void SseParser::reset() {
    partial_.clear();
    type_.clear();
    data_.clear();
    id_.clear();
    retry_ms_.reset();
    has_data_ = false;
    skip_lf_ = false;
    first_line_ = true;
}

void SseParser::feed(std::string_view chunk, Handler& handler) {
    const char* p = chunk.data();
    const char* end = p + chunk.size();
    if (p != end && skip_lf_) {
        if (*p == '\n') {
            ++p;
        }
        skip_lf_ = false;
    }
    while (p != end) {
        const char* eol = find_line_end(p, end);
        if (eol == end) {
            partial_.append(p, static_cast<size_t>(end - p));
            return;
        }
        if (partial_.empty()) {
            process_line(std::string_view(p, static_cast<size_t>(eol - p)), handler);
        } else {
            partial_.append(p, static_cast<size_t>(eol - p));
            process_line(partial_, handler);
            partial_.clear();
        }
        p = eol + 1;
        if (*eol == '\r') {
            if (p == end) {
                skip_lf_ = true;  // the LF of a CRLF may come in the next chunk
            } else if (*p == '\n') {
                ++p;
            }
        }
    }
}

void SseParser::finish(Handler& handler) {
    if (partial_.empty()) {
        // Every line was complete: a last event without its blank line is still whole.
        dispatch(handler);
    } else {
        // The stream ended inside a line: that event may be cut anywhere, so it is dropped
        // (as the WHATWG spec says) and the caller sees a stream without its end.
        partial_.clear();
        type_.clear();
        data_.clear();
        has_data_ = false;
    }
    skip_lf_ = false;
}

void SseParser::process_line(std::string_view line, Handler& handler) {
    if (first_line_) {
        first_line_ = false;
        if (line.substr(0, kBom.size()) == kBom) {
            line.remove_prefix(kBom.size());
        }
    }
    if (line.empty()) {
        dispatch(handler);
        return;
    }
    if (line.front() == ':') {
        return;  // a comment: keep-alive pings
    }
    std::string_view field = line;
    std::string_view value;
    if (size_t colon = line.find(':'); colon != std::string_view::npos) {
        field = line.substr(0, colon);
        value = line.substr(colon + 1);
        if (!value.empty() && value.front() == ' ') {
            value.remove_prefix(1);
        }
    }
    if (field == "data") {
        if (has_data_) {
            data_.push_back('\n');
        }
        data_.append(value);
        has_data_ = true;
    } else if (field == "event") {
        type_.assign(value);
    } else if (field == "id") {
        if (value.find('\0') == std::string_view::npos) {
            id_.assign(value);
        }
    } else if (field == "retry") {
        if (!value.empty() && value.size() < 19 &&
            value.find_first_not_of("0123456789") == std::string_view::npos) {
            retry_ms_ = std::stoull(std::string(value));
        }
    }
    // Other fields are ignored, as the standard says.
}

void SseParser::dispatch(Handler& handler) {
    if (has_data_) {
        SseEvent event;
        event.type = type_.empty() ? std::string_view("message") : std::string_view(type_);
        event.data = data_;
        event.id = id_;
        handler.on_event(event);
    }
    // An event without data is dropped, but its type does not leak into the next one.
    type_.clear();
    data_.clear();
    has_data_ = false;
}

}  // namespace klaude::support
