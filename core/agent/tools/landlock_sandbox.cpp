#include "core/agent/tools/landlock_sandbox.h"

#include <fcntl.h>
#include <linux/landlock.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace klaude::core::agent {
namespace fs = std::filesystem;

namespace {

// Debian 12's kernel headers stop at Landlock ABI v2; the rights of later ABIs are fixed
// kernel constants, so name the one we use here.
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#define SYS_landlock_add_rule 445
#define SYS_landlock_restrict_self 446
#endif

long create_ruleset(const landlock_ruleset_attr* attr, std::size_t size, unsigned flags) {
    return ::syscall(SYS_landlock_create_ruleset, attr, size, flags);
}

// The write-side rights known to `abi`. Reads and execution are deliberately not handled, so
// they stay allowed everywhere.
__u64 handled_write_rights(int abi) {
    __u64 rights = LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR |
                   LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR |
                   LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |
                   LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO |
                   LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM;
    if (abi >= 2) {
        rights |= LANDLOCK_ACCESS_FS_REFER;  // renames/links across directories
    }
    if (abi >= 3) {
        rights |= LANDLOCK_ACCESS_FS_TRUNCATE;
    }
    return rights;
}

// Rights that a rule on a (non-directory) file may carry.
constexpr __u64 kFileRights = LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_TRUNCATE;

bool add_path_rule(int ruleset_fd, const fs::path& path, __u64 rights, std::string* error) {
    int fd = ::open(path.c_str(), O_PATH | O_CLOEXEC);
    if (fd < 0) {
        return true;  // a missing path needs no rule
    }
    landlock_path_beneath_attr rule{};
    rule.parent_fd = fd;
    rule.allowed_access = rights;
    long rc = ::syscall(SYS_landlock_add_rule, ruleset_fd, LANDLOCK_RULE_PATH_BENEATH, &rule, 0);
    int err = errno;
    ::close(fd);
    if (rc != 0) {
        *error = "cannot add a Landlock rule for " + path.string() + ": " + std::strerror(err);
        return false;
    }
    return true;
}

}  // namespace

int landlock_abi_version() {
    const char* disabled = std::getenv("KLAUDE_DISABLE_LANDLOCK");
    if (disabled != nullptr && std::strcmp(disabled, "1") == 0) {
        return 0;
    }
    long version = create_ruleset(nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
    return version > 0 ? static_cast<int>(version) : 0;
}

std::string sandbox_description(SandboxMode mode, const fs::path& cwd, const fs::path& temp_dir) {
    if (mode == SandboxMode::kOff) {
        return "sandbox off: shell commands can write anywhere you can; file edits stay in " +
               cwd.string();
    }
    int abi = landlock_abi_version();
    if (abi == 0) {
        return "sandbox unavailable (this kernel offers no Landlock): shell commands can write "
               "anywhere you can; file edits stay in " +
               cwd.string();
    }
    return "sandbox workspace-write (Landlock v" + std::to_string(abi) +
           "): shell commands can write only under " + cwd.string() + " and " + temp_dir.string();
}

std::string sandbox_description(const ToolContext& ctx) {
    return sandbox_description(ctx.sandbox, ctx.cwd, ctx.effective_temp_dir());
}

std::optional<LandlockRuleset> LandlockRuleset::create(const std::vector<fs::path>& writable_dirs,
                                                       std::string* error) {
    int abi = landlock_abi_version();
    if (abi == 0) {
        *error = "this kernel offers no Landlock";
        return std::nullopt;
    }
    landlock_ruleset_attr attr{};
    attr.handled_access_fs = handled_write_rights(abi);
    long fd = create_ruleset(&attr, sizeof(attr), 0);
    if (fd < 0) {
        *error = std::string("cannot create a Landlock ruleset: ") + std::strerror(errno);
        return std::nullopt;
    }
    LandlockRuleset ruleset(static_cast<int>(fd));
    for (const auto& dir : writable_dirs) {
        if (!add_path_rule(ruleset.fd_, dir, attr.handled_access_fs, error)) {
            return std::nullopt;
        }
    }
    // Commands redirect to these all the time; writing them harms nothing.
    for (const char* device :
         {"/dev/null", "/dev/zero", "/dev/full", "/dev/tty", "/dev/random", "/dev/urandom"}) {
        if (!add_path_rule(ruleset.fd_, device, attr.handled_access_fs & kFileRights, error)) {
            return std::nullopt;
        }
    }
    return ruleset;
}

LandlockRuleset::LandlockRuleset(LandlockRuleset&& other) noexcept : fd_(other.fd_) {
    other.fd_ = -1;
}

LandlockRuleset& LandlockRuleset::operator=(LandlockRuleset&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        fd_ = other.fd_;
        other.fd_ = -1;
    }
    return *this;
}

LandlockRuleset::~LandlockRuleset() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

int LandlockRuleset::restrict_current_process(int ruleset_fd) {
    // Without no_new_privs an unprivileged process may not restrict itself (and a setuid
    // program could otherwise run with rules it does not expect).
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        return errno;
    }
    if (::syscall(SYS_landlock_restrict_self, ruleset_fd, 0) != 0) {
        return errno;
    }
    return 0;
}

}  // namespace klaude::core::agent
