#include "core/agent/tools/workspace_paths.h"

#include <gtest/gtest.h>

#include "core/agent/tools/default_tools.h"
#include "tests/core/agent/tools/temp_dir.h"

namespace klaude::core::agent {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

class WorkspacePaths : public ::testing::Test {
  protected:
    void SetUp() override {
        fs::create_directories(root.path() / "work" / "src");
        fs::create_directories(root.path() / "outside");
        ctx = ToolContext::in_directory(root.path() / "work");
    }
    TempDir root;
    ToolContext ctx;
};

TEST_F(WorkspacePaths, RelativePathsResolveAgainstTheWorkingDirectory) {
    auto r = resolve_path(ctx, "src/a.cpp", PathAccess::kWrite);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.path, root.path() / "work" / "src" / "a.cpp");
    EXPECT_EQ(display_path(ctx, r.path), "src/a.cpp");
}

TEST_F(WorkspacePaths, DotDotInsideTheWorkspaceIsFine) {
    auto r = resolve_path(ctx, "src/../b.txt", PathAccess::kWrite);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.path, root.path() / "work" / "b.txt");
}

TEST_F(WorkspacePaths, DotDotEscapeIsRefusedForWrites) {
    auto r = resolve_path(ctx, "../outside/x.txt", PathAccess::kWrite);
    EXPECT_FALSE(r.ok());
    EXPECT_NE(r.error.find("outside the working directory"), std::string::npos) << r.error;
    EXPECT_NE(r.error.find("--allow-outside-cwd"), std::string::npos) << r.error;
}

TEST_F(WorkspacePaths, AbsolutePathsOutsideAreRefusedForWritesButReadable) {
    std::string outside = (root.path() / "outside" / "x.txt").string();
    EXPECT_FALSE(resolve_path(ctx, outside, PathAccess::kWrite).ok());
    EXPECT_TRUE(resolve_path(ctx, outside, PathAccess::kRead).ok());
    std::string inside = (root.path() / "work" / "y.txt").string();
    EXPECT_TRUE(resolve_path(ctx, inside, PathAccess::kWrite).ok());
}

TEST_F(WorkspacePaths, ASiblingWithACommonPrefixIsOutside) {
    fs::create_directories(root.path() / "work2");
    auto r = resolve_path(ctx, (root.path() / "work2" / "x").string(), PathAccess::kWrite);
    EXPECT_FALSE(r.ok());
}

TEST_F(WorkspacePaths, SymlinkedDirectoryPointingOutsideIsRefused) {
    fs::create_directory_symlink(root.path() / "outside", root.path() / "work" / "escape");
    auto r = resolve_path(ctx, "escape/x.txt", PathAccess::kWrite);
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.path, root.path() / "outside" / "x.txt");
}

TEST_F(WorkspacePaths, DanglingSymlinkPointingOutsideIsRefused) {
    // The target does not exist yet; writing through the link would create it outside.
    fs::create_symlink(root.path() / "outside" / "new.txt", root.path() / "work" / "link.txt");
    auto r = resolve_path(ctx, "link.txt", PathAccess::kWrite);
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.path, root.path() / "outside" / "new.txt");
}

TEST_F(WorkspacePaths, RelativeSymlinkInsideTheWorkspaceIsFine) {
    fs::create_directory_symlink("src", root.path() / "work" / "alias");
    auto r = resolve_path(ctx, "alias/a.cpp", PathAccess::kWrite);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.path, root.path() / "work" / "src" / "a.cpp");
}

TEST_F(WorkspacePaths, SymlinkLoopIsAnErrorNotAHang) {
    fs::create_symlink("b", root.path() / "work" / "a");
    fs::create_symlink("a", root.path() / "work" / "b");
    auto r = resolve_path(ctx, "a/x", PathAccess::kRead);
    EXPECT_FALSE(r.ok());
    EXPECT_NE(r.error.find("symbolic links"), std::string::npos) << r.error;
}

TEST_F(WorkspacePaths, AllowOutsideCwdLetsWritesOut) {
    ctx.allow_outside_cwd = true;
    auto r = resolve_path(ctx, "../outside/x.txt", PathAccess::kWrite);
    EXPECT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(display_path(ctx, r.path), (root.path() / "outside" / "x.txt").string());
}

TEST_F(WorkspacePaths, EmptyPathIsAnError) {
    EXPECT_FALSE(resolve_path(ctx, "", PathAccess::kRead).ok());
}

TEST_F(WorkspacePaths, TheWriteToolsRefuseToEscape) {
    ToolRegistry registry;
    add_default_tools(registry);
    ctx.approval = ApprovalPolicy::kFullAuto;
    fs::create_directory_symlink(root.path() / "outside", root.path() / "work" / "escape");

    auto write =
        registry.dispatch("write_file", R"({"path":"../outside/w.txt","content":"x"})", ctx);
    EXPECT_TRUE(write.is_error);
    EXPECT_NE(write.output.find("outside the working directory"), std::string::npos);

    auto via_link =
        registry.dispatch("write_file", R"({"path":"escape/w.txt","content":"x"})", ctx);
    EXPECT_TRUE(via_link.is_error);

    auto patch = registry.dispatch(
        "apply_patch",
        R"({"input":"*** Begin Patch\n*** Add File: ok.txt\n+ok\n*** Add File: ../outside/p.txt\n+x\n*** End Patch"})",
        ctx);
    EXPECT_TRUE(patch.is_error);
    EXPECT_FALSE(fs::exists(root.path() / "work" / "ok.txt")) << "partial patch applied";
    EXPECT_TRUE(TempDir::snapshot(root.path() / "outside").empty());
}

}  // namespace
}  // namespace klaude::core::agent
