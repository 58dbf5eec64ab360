#include "core/agent/tools/unified_diff.h"

#include <algorithm>
#include <vector>

namespace klaude::core::agent {
namespace {

enum class Op { kEqual, kDelete, kInsert };

struct Edit {
    Op op;
    std::size_t old_pos;  // lines of old consumed before this edit
    std::size_t new_pos;  // lines of new consumed before this edit
};

// Lines including their "\n" so that a missing final newline is a difference.
std::vector<std::string_view> lines_with_newlines(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t nl = text.find('\n', start);
        std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
        out.push_back(text.substr(start, end - start));
        start = end;
    }
    return out;
}

// Myers' O((N+M)·D) shortest edit script on a[0,n) / b[0,m). The trace keeps one V array per
// step d, so memory grows with D²; past kMaxEditDistance the texts are too different for a
// readable diff anyway and the region is shown as replaced wholesale.
constexpr long kMaxEditDistance = 1000;

std::vector<Op> shortest_edit(const std::vector<std::string_view>& a, std::size_t a0, std::size_t n,
                              const std::vector<std::string_view>& b, std::size_t b0,
                              std::size_t m) {
    const long N = static_cast<long>(n);
    const long M = static_cast<long>(m);
    std::vector<std::vector<long>> trace;  // trace[d][k + d] = furthest x on diagonal k
    long found_d = -1;
    for (long d = 0; d <= N + M && d <= kMaxEditDistance; ++d) {
        std::vector<long> v(static_cast<std::size_t>(2 * d + 1), 0);
        const std::vector<long>* prev = d > 0 ? &trace.back() : nullptr;
        auto prev_at = [&](long k) { return (*prev)[static_cast<std::size_t>(k + d - 1)]; };
        for (long k = -d; k <= d; k += 2) {
            long x = 0;
            if (d == 0) {
                x = 0;
            } else if (k == -d || (k != d && prev_at(k - 1) < prev_at(k + 1))) {
                x = prev_at(k + 1);  // step down: insert b[y]
            } else {
                x = prev_at(k - 1) + 1;  // step right: delete a[x]
            }
            long y = x - k;
            while (x < N && y < M &&
                   a[a0 + static_cast<std::size_t>(x)] == b[b0 + static_cast<std::size_t>(y)]) {
                ++x;
                ++y;
            }
            v[static_cast<std::size_t>(k + d)] = x;
            if (x >= N && y >= M) {
                found_d = d;
            }
        }
        trace.push_back(std::move(v));
        if (found_d >= 0) {
            break;
        }
    }
    std::vector<Op> ops;
    if (found_d < 0) {
        ops.assign(n, Op::kDelete);
        ops.insert(ops.end(), m, Op::kInsert);
        return ops;
    }
    long x = N;
    long y = M;
    for (long d = found_d; d > 0; --d) {
        const auto& prev = trace[static_cast<std::size_t>(d - 1)];
        auto prev_at = [&](long k) { return prev[static_cast<std::size_t>(k + d - 1)]; };
        long k = x - y;
        bool down = k == -d || (k != d && prev_at(k - 1) < prev_at(k + 1));
        long prev_k = down ? k + 1 : k - 1;
        long prev_x = prev_at(prev_k);
        long prev_y = prev_x - prev_k;
        while (x > prev_x && y > prev_y) {
            ops.push_back(Op::kEqual);
            --x;
            --y;
        }
        ops.push_back(down ? Op::kInsert : Op::kDelete);
        x = prev_x;
        y = prev_y;
    }
    while (x > 0 && y > 0) {
        ops.push_back(Op::kEqual);
        --x;
        --y;
    }
    std::reverse(ops.begin(), ops.end());
    return ops;
}

std::vector<Edit> edit_script(const std::vector<std::string_view>& a,
                              const std::vector<std::string_view>& b) {
    std::size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) {
        ++prefix;
    }
    std::size_t suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
           a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
        ++suffix;
    }
    std::vector<Op> ops(prefix, Op::kEqual);
    auto middle =
        shortest_edit(a, prefix, a.size() - prefix - suffix, b, prefix, b.size() - prefix - suffix);
    ops.insert(ops.end(), middle.begin(), middle.end());
    ops.insert(ops.end(), suffix, Op::kEqual);

    std::vector<Edit> edits;
    std::size_t i = 0;
    std::size_t j = 0;
    for (Op op : ops) {
        edits.push_back({op, i, j});
        if (op != Op::kInsert) {
            ++i;
        }
        if (op != Op::kDelete) {
            ++j;
        }
    }
    return edits;
}

void append_line(std::string& out, char prefix, std::string_view line) {
    out += prefix;
    out += line;
    if (line.empty() || line.back() != '\n') {
        out += "\n\\ No newline at end of file\n";
    }
}

std::string range_text(std::size_t start, std::size_t count) {
    // diff -u numbers an empty range by the line before it.
    std::size_t first = count == 0 ? start : start + 1;
    return std::to_string(first) + (count == 1 ? "" : "," + std::to_string(count));
}

}  // namespace

UnifiedDiff make_unified_diff(std::string_view old_text, std::string_view new_text,
                              std::string_view old_label, std::string_view new_label,
                              std::size_t context) {
    UnifiedDiff result;
    if (old_text == new_text) {
        return result;
    }
    auto a = lines_with_newlines(old_text);
    auto b = lines_with_newlines(new_text);
    auto edits = edit_script(a, b);

    result.text = "--- " + std::string(old_label) + "\n+++ " + std::string(new_label) + "\n";
    std::size_t i = 0;
    while (i < edits.size()) {
        if (edits[i].op == Op::kEqual) {
            ++i;
            continue;
        }
        std::size_t start = i >= context ? i - context : 0;
        std::size_t last_change = i;
        std::size_t j = i;
        while (j < edits.size()) {
            if (edits[j].op != Op::kEqual) {
                last_change = j++;
                continue;
            }
            std::size_t run_end = j;
            while (run_end < edits.size() && edits[run_end].op == Op::kEqual) {
                ++run_end;
            }
            // Two changes separated by at most 2·context equal lines share one hunk.
            if (run_end == edits.size() || run_end - j > 2 * context) {
                break;
            }
            j = run_end;
        }
        std::size_t end = std::min(edits.size(), last_change + 1 + context);

        std::size_t old_count = 0;
        std::size_t new_count = 0;
        std::string body;
        for (std::size_t k = start; k < end; ++k) {
            const Edit& e = edits[k];
            switch (e.op) {
                case Op::kEqual:
                    append_line(body, ' ', a[e.old_pos]);
                    ++old_count;
                    ++new_count;
                    break;
                case Op::kDelete:
                    append_line(body, '-', a[e.old_pos]);
                    ++old_count;
                    ++result.removed;
                    break;
                case Op::kInsert:
                    append_line(body, '+', b[e.new_pos]);
                    ++new_count;
                    ++result.added;
                    break;
            }
        }
        result.text += "@@ -" + range_text(edits[start].old_pos, old_count) + " +" +
                       range_text(edits[start].new_pos, new_count) + " @@\n" + body;
        i = end;
    }
    return result;
}

}  // namespace klaude::core::agent
