#include "core/plugin/elf_header.h"

#include <elf.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "tests/core/plugin/plugin_test_support.h"

namespace klaude::core {
namespace {

using testing::TempDir;

std::string read_all(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write_all(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

TEST(ElfHeader, AcceptsARealPlugin) {
    EXPECT_EQ(check_elf_header(testing::fixture("good_two_providers")), "");
}

TEST(ElfHeader, RejectsAnEmptyFile) {
    TempDir dir;
    write_all(dir.path() / "empty.so", "");
    EXPECT_EQ(check_elf_header(dir.path() / "empty.so"), "empty file (0 bytes)");
}

TEST(ElfHeader, RejectsText) {
    TempDir dir;
    write_all(dir.path() / "text.so", "#!/bin/sh\necho not a library\n");
    EXPECT_EQ(check_elf_header(dir.path() / "text.so"), "not an ELF file");
}

TEST(ElfHeader, RejectsATruncatedHeader) {
    TempDir dir;
    write_all(dir.path() / "cut.so",
              read_all(testing::fixture("good_two_providers")).substr(0, 30));
    EXPECT_EQ(check_elf_header(dir.path() / "cut.so"), "truncated ELF header");
}

TEST(ElfHeader, RejectsAnotherMachine) {
    TempDir dir;
    std::string bytes = read_all(testing::fixture("good_two_providers"));
    const uint16_t aarch64 = EM_AARCH64;
    bytes.replace(offsetof(Elf64_Ehdr, e_machine), 2, reinterpret_cast<const char*>(&aarch64), 2);
    write_all(dir.path() / "arm.so", bytes);
    EXPECT_EQ(check_elf_header(dir.path() / "arm.so"),
              "built for aarch64, this klaude runs on x86_64");
}

TEST(ElfHeader, RejectsAnotherClass) {
    TempDir dir;
    std::string bytes = read_all(testing::fixture("good_two_providers"));
    bytes[EI_CLASS] = ELFCLASS32;
    write_all(dir.path() / "elf32.so", bytes);
    EXPECT_EQ(check_elf_header(dir.path() / "elf32.so"), "built as 32-bit, this klaude is 64-bit");
}

TEST(ElfHeader, RejectsANonDynamicObject) {
    TempDir dir;
    std::string bytes = read_all(testing::fixture("good_two_providers"));
    const uint16_t exec_type = ET_EXEC;
    bytes.replace(offsetof(Elf64_Ehdr, e_type), 2, reinterpret_cast<const char*>(&exec_type), 2);
    write_all(dir.path() / "exec.so", bytes);
    EXPECT_EQ(check_elf_header(dir.path() / "exec.so"), "not a shared library (ELF type 2)");
}

}  // namespace
}  // namespace klaude::core
