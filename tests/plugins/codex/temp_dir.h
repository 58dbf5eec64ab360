// A fresh directory under $TMPDIR for one test, removed with everything in it afterwards.
#pragma once

#include <Poco/File.h>
#include <Poco/Path.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace klaude::codex::testing {

class TempDir {
  public:
    TempDir() {
        std::string pattern = Poco::Path::temp() + "klaude-codex-test-XXXXXX";
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("mkdtemp failed");
        }
        path_ = pattern;
    }
    ~TempDir() {
        try {
            Poco::File(path_).remove(true);
        } catch (...) {
        }
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }

  private:
    std::string path_;
};

}  // namespace klaude::codex::testing
