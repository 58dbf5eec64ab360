#include "core/agent/tools/glob_matcher.h"

#include <string>
#include <vector>

namespace klaude::core::agent {
namespace {

std::vector<std::string_view> segments(std::string_view path) {
    while (path.substr(0, 2) == "./") {
        path.remove_prefix(2);
    }
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        std::size_t end = slash == std::string_view::npos ? path.size() : slash;
        if (end > start) {
            out.push_back(path.substr(start, end - start));
        }
        if (slash == std::string_view::npos) {
            break;
        }
        start = slash + 1;
    }
    return out;
}

// Matches a bracket expression at pattern[p] ('[' …) against c. Sets `next` past the ']'.
// Returns false with next == p when the bracket is unterminated (then '[' is literal).
bool match_class(std::string_view pattern, std::size_t p, char c, std::size_t* next) {
    std::size_t i = p + 1;
    bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
    if (negate) {
        ++i;
    }
    bool matched = false;
    bool first = true;
    while (i < pattern.size() && (pattern[i] != ']' || first)) {
        first = false;
        char lo = pattern[i];
        char hi = lo;
        if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
            hi = pattern[i + 2];
            i += 2;
        }
        if (lo <= c && c <= hi) {
            matched = true;
        }
        ++i;
    }
    if (i >= pattern.size()) {
        *next = p;
        return false;
    }
    *next = i + 1;
    return matched != negate;
}

bool match_from(const std::vector<std::string_view>& pat, std::size_t pi,
                const std::vector<std::string_view>& segs, std::size_t si) {
    if (pi == pat.size()) {
        return si == segs.size();
    }
    if (pat[pi] == "**") {
        for (std::size_t k = si; k <= segs.size(); ++k) {
            if (match_from(pat, pi + 1, segs, k)) {
                return true;
            }
        }
        return false;
    }
    if (si == segs.size()) {
        return false;
    }
    return glob_match_segment(pat[pi], segs[si]) && match_from(pat, pi + 1, segs, si + 1);
}

}  // namespace

bool glob_match_segment(std::string_view pattern, std::string_view name) {
    // Iterative wildcard matching: on a mismatch, let the last '*' absorb one more character.
    std::size_t p = 0;
    std::size_t n = 0;
    std::size_t star_p = std::string_view::npos;
    std::size_t star_n = 0;
    while (n < name.size()) {
        if (p < pattern.size()) {
            char pc = pattern[p];
            if (pc == '*') {
                star_p = p++;
                star_n = n;
                continue;
            }
            if (pc == '?') {
                ++p;
                ++n;
                continue;
            }
            if (pc == '[') {
                std::size_t next = p;
                if (match_class(pattern, p, name[n], &next)) {
                    p = next;
                    ++n;
                    continue;
                }
                if (next == p && name[n] == '[') {  // unterminated: a literal '['
                    ++p;
                    ++n;
                    continue;
                }
            } else if (pc == '\\' && p + 1 < pattern.size() && pattern[p + 1] == name[n]) {
                p += 2;
                ++n;
                continue;
            } else if (pc == name[n]) {
                ++p;
                ++n;
                continue;
            }
        }
        if (star_p == std::string_view::npos) {
            return false;
        }
        p = star_p + 1;
        n = ++star_n;
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    return p == pattern.size();
}

bool glob_match_path(std::string_view pattern, std::string_view relative_path) {
    while (!pattern.empty() && pattern.front() == '/') {
        pattern.remove_prefix(1);
    }
    return match_from(segments(pattern), 0, segments(relative_path), 0);
}

}  // namespace klaude::core::agent
