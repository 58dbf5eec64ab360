// apply_patch: parse, plan and commit against a workspace in the scratch directory, filled
// with the files the patch fixtures (tests/core/agent/tools/patches) start from.
//
// Input: the patch text, optionally followed by kOriginalMarker and a file content that each
// Update of the patch is also applied to in memory. (Not a NUL byte: NULs belong in the patch,
// since a model's JSON arguments can carry them into paths.) Invariants: every path the plan writes
// or deletes is inside the workspace (checked BEFORE anything is written, so a bug cannot make this
// target write elsewhere), and after a successful commit the disk holds exactly the planned states.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include "core/agent/tools/patch_applier.h"
#include "core/agent/tools/patch_parser.h"
#include "core/agent/tools/tool.h"
#include "core/agent/tools/workspace_paths.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

namespace fs = std::filesystem;
using namespace klaude::core::agent;

constexpr std::string_view kOriginalMarker = "\n### original ###\n";

const std::pair<const char*, const char*> kWorkspace[] = {
    {"keep.txt", "keep me\n"},
    {"obsolete.txt", "old stuff\n"},
    {"tail.txt", "first\nlast\n"},
    {"a.txt", "alpha\nbeta\n"},
    {"b.txt", "one\ntwo\nthree\n"},
    {"old/name.txt", "from\nthe old place\n"},
    {"old/other.txt", "unrelated\n"},
    {"delete.txt", "delete me\n"},
    {"modify.txt", "line1\nline2\n"},
    {"crlf.txt", "one\r\ntwo\r\nthree\r\n"},
    {"quotes.txt", "it\u2019s \u201Cquoted\u201D \u2014 with\u00A0spaces  \n\tindented\n"},
    {"src/calc.py",
     "import math\n\n\ndef add(a, b):\n    return a + b\n\n\ndef div(a, b):\n    return a / b\n"
     "\n\ndef area(r):\n    return 3.14 * r * r\n\n\nif __name__ == \"__main__\":\n"
     "    print(add(1, 2))\n"},
};

const fs::path& workspace() {
    static const fs::path dir = klaude::fuzz::ScratchDir::path() / "workspace";
    return dir;
}

void write_file(const fs::path& path, const std::string& content) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    KLAUDE_FUZZ_CHECK(out.good());
}

std::optional<std::string> read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Fresh workspace contents; only needed again after a commit changed them.
void reset_workspace() {
    fs::remove_all(workspace());
    for (const auto& [path, content] : kWorkspace) {
        write_file(workspace() / path, content);
    }
}

// What the kernel will see: a path is cut at its first NUL byte by every system call.
bool stays_in_workspace(const fs::path& path) {
    const std::string as_syscall_sees_it(path.c_str());
    const fs::path normal = fs::path(as_syscall_sees_it).lexically_normal();
    return as_syscall_sees_it == path.string() && is_within(workspace(), normal) &&
           normal != workspace();
}

// KLAUDE_FUZZ_VERBOSE=1 when replaying a reproducer: what each step said.
void trace(const char* step, const std::string& what) {
    static const bool verbose = std::getenv("KLAUDE_FUZZ_VERBOSE") != nullptr;
    if (verbose) {
        std::fprintf(stderr, "%s: %s\n", step, what.c_str());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static bool dirty = true;
    const std::string_view input = klaude::fuzz::as_text(data, size);
    const size_t marker = input.find(kOriginalMarker);
    const std::string_view patch_text = input.substr(0, marker);

    std::string error;
    const std::optional<Patch> patch = parse_patch(patch_text, &error);
    if (!patch) {
        trace("parse", error);
        KLAUDE_FUZZ_CHECK(!error.empty());
        return 0;
    }
    KLAUDE_FUZZ_CHECK(!patch->ops.empty());

    if (marker != std::string_view::npos) {
        const std::string original(input.substr(marker + kOriginalMarker.size()));
        for (const PatchOp& op : patch->ops) {
            std::string hunk_error;
            if (!apply_hunks(original, op.hunks, op.path, &hunk_error)) {
                KLAUDE_FUZZ_CHECK(!hunk_error.empty());
            }
        }
    }

    if (dirty) {
        reset_workspace();
        dirty = false;
    }
    ToolContext ctx = ToolContext::in_directory(workspace());
    ctx.allow_outside_cwd = false;
    std::optional<PatchPlan> plan = plan_patch(*patch, ctx, &error);
    if (!plan) {
        trace("plan", error);
        KLAUDE_FUZZ_CHECK(!error.empty());
        return 0;
    }
    KLAUDE_FUZZ_CHECK(plan->ops.size() == patch->ops.size());
    for (const auto& [path, content] : plan->final_states) {
        KLAUDE_FUZZ_CHECK(stays_in_workspace(path));
    }
    trace("plan", summarize_plan(*plan));

    dirty = true;
    if (!commit_patch(*plan, &error)) {
        trace("commit", error);
        KLAUDE_FUZZ_CHECK(!error.empty());
        return 0;
    }
    for (const auto& [path, content] : plan->final_states) {
        KLAUDE_FUZZ_CHECK(read_file(path) == content);
    }
    return 0;
}
