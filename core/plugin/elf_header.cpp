#include "core/plugin/elf_header.h"

#include <elf.h>

#include <cstring>
#include <fstream>

namespace klaude::core {

namespace {

#if defined(__x86_64__)
constexpr uint16_t kHostMachine = EM_X86_64;
#elif defined(__aarch64__)
constexpr uint16_t kHostMachine = EM_AARCH64;
#elif defined(__i386__)
constexpr uint16_t kHostMachine = EM_386;
#elif defined(__arm__)
constexpr uint16_t kHostMachine = EM_ARM;
#elif defined(__riscv)
constexpr uint16_t kHostMachine = EM_RISCV;
#else
#error "unknown machine: add its EM_ value"
#endif

constexpr unsigned char kHostClass = sizeof(void*) == 8 ? ELFCLASS64 : ELFCLASS32;

std::string machine_name(uint16_t machine) {
    switch (machine) {
        case EM_X86_64:
            return "x86_64";
        case EM_AARCH64:
            return "aarch64";
        case EM_386:
            return "i386";
        case EM_ARM:
            return "arm";
        case EM_RISCV:
            return "riscv";
        case EM_PPC64:
            return "ppc64";
        case EM_S390:
            return "s390";
        default:
            return "machine " + std::to_string(machine);
    }
}

}  // namespace

std::string check_elf_header(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return "cannot be read";
    }
    // Elf64_Ehdr is the larger header; its first fields are laid out as in Elf32_Ehdr.
    unsigned char bytes[sizeof(Elf64_Ehdr)] = {};
    in.read(reinterpret_cast<char*>(bytes), sizeof bytes);
    const auto got = static_cast<size_t>(in.gcount());
    if (got == 0) {
        return "empty file (0 bytes)";
    }
    if (got < EI_NIDENT || std::memcmp(bytes, ELFMAG, SELFMAG) != 0) {
        return "not an ELF file";
    }
    const size_t header_size =
        bytes[EI_CLASS] == ELFCLASS64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
    if (got < header_size) {
        return "truncated ELF header";
    }
    if (bytes[EI_CLASS] != kHostClass) {
        return std::string("built as ") + (bytes[EI_CLASS] == ELFCLASS64 ? "64" : "32") +
               "-bit, this klaude is " + (kHostClass == ELFCLASS64 ? "64" : "32") + "-bit";
    }
    if (bytes[EI_DATA] != ELFDATA2LSB && bytes[EI_DATA] != ELFDATA2MSB) {
        return "invalid ELF byte order";
    }
    uint16_t type = 0;
    uint16_t machine = 0;
    // e_type and e_machine sit at the same offsets in both classes.
    std::memcpy(&type, bytes + offsetof(Elf64_Ehdr, e_type), sizeof type);
    std::memcpy(&machine, bytes + offsetof(Elf64_Ehdr, e_machine), sizeof machine);
    if (type != ET_DYN) {
        return "not a shared library (ELF type " + std::to_string(type) + ")";
    }
    if (machine != kHostMachine) {
        return "built for " + machine_name(machine) + ", this klaude runs on " +
               machine_name(kHostMachine);
    }
    return {};
}

}  // namespace klaude::core
