// Shared by the fuzz targets: invariant checks that libFuzzer records as crashes, and a
// private scratch directory for targets whose API reads or writes files.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

#include <unistd.h>

namespace klaude::fuzz {

// An invariant broke: abort (libFuzzer then saves the input as a crash reproducer).
[[noreturn]] inline void invariant_failed(const char* what, const char* file, int line) {
    std::fprintf(stderr, "fuzz invariant violated at %s:%d: %s\n", file, line, what);
    std::abort();
}

#define KLAUDE_FUZZ_CHECK(cond)                                          \
    do {                                                                 \
        if (!(cond)) {                                                   \
            ::klaude::fuzz::invariant_failed(#cond, __FILE__, __LINE__); \
        }                                                                \
    } while (0)

inline std::string_view as_text(const uint8_t* data, size_t size) {
    return std::string_view(reinterpret_cast<const char*>(data), size);
}

// A directory of its own under $TMPDIR (or /tmp) for the life of the process, removed at exit.
// Nothing a target writes may land outside it; the apply_patch target checks that.
class ScratchDir {
  public:
    static const std::filesystem::path& path() {
        static ScratchDir dir;
        return dir.path_;
    }

  private:
    ScratchDir() {
        const char* tmp = std::getenv("TMPDIR");
        std::string pattern =
            std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/klaude-fuzz-XXXXXX";
        if (mkdtemp(pattern.data()) == nullptr) {
            std::perror("klaude fuzz: mkdtemp");
            std::abort();
        }
        path_ = std::filesystem::canonical(pattern);
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }

    std::filesystem::path path_;
};

}  // namespace klaude::fuzz
