// Checks a file's ELF header before the loader hands it to dlopen: dlopen runs a library's
// constructors, so a file that is not a shared object for this machine is refused unopened.
#pragma once

#include <filesystem>
#include <string>

namespace klaude::core {

// Empty when `path` is an ELF shared object of this process's class and machine; otherwise
// a short reason ("not an ELF file", "built for aarch64, this is x86_64", ...).
std::string check_elf_header(const std::filesystem::path& path);

}  // namespace klaude::core
