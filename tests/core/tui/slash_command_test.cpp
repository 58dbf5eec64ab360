#include "core/tui/slash_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace klaude::core::tui {
namespace {

using ::testing::HasSubstr;

TEST(SlashCommandTest, KnownCommandsWithAndWithoutArguments) {
    auto help = parse_slash_command("/help");
    ASSERT_TRUE(help);
    EXPECT_EQ(help->kind, SlashKind::kHelp);
    EXPECT_EQ(help->argument, "");

    auto model = parse_slash_command("  /model   openai/gpt-4.1  ");
    ASSERT_TRUE(model);
    EXPECT_EQ(model->kind, SlashKind::kModel);
    EXPECT_EQ(model->name, "model");
    EXPECT_EQ(model->argument, "openai/gpt-4.1");

    EXPECT_EQ(parse_slash_command("/clear")->kind, SlashKind::kClear);
    EXPECT_EQ(parse_slash_command("/status")->kind, SlashKind::kStatus);
    EXPECT_EQ(parse_slash_command("/compact")->kind, SlashKind::kCompact);
    EXPECT_EQ(parse_slash_command("/mcp")->kind, SlashKind::kMcp);
    EXPECT_EQ(parse_slash_command("/quit")->kind, SlashKind::kQuit);
    EXPECT_EQ(parse_slash_command("/exit")->kind, SlashKind::kQuit);
    EXPECT_EQ(parse_slash_command("/?")->kind, SlashKind::kHelp);
    EXPECT_EQ(parse_slash_command("/QUIT")->kind, SlashKind::kQuit);
}

TEST(SlashCommandTest, UnknownWordIsAnUnknownCommand) {
    auto command = parse_slash_command("/frobnicate now");
    ASSERT_TRUE(command);
    EXPECT_EQ(command->kind, SlashKind::kUnknown);
    EXPECT_EQ(command->name, "frobnicate");
    EXPECT_THAT(unknown_command_hint(*command), HasSubstr("unknown command /frobnicate"));
    EXPECT_THAT(unknown_command_hint(*command), HasSubstr("/help"));
}

TEST(SlashCommandTest, TextThatOnlyLooksLikeACommandIsAPrompt) {
    EXPECT_FALSE(parse_slash_command("hello /help"));
    EXPECT_FALSE(parse_slash_command("/usr/bin is slow"));
    EXPECT_FALSE(parse_slash_command("//help me"));
    EXPECT_FALSE(parse_slash_command("/3 is odd"));
    EXPECT_FALSE(parse_slash_command("/"));
    EXPECT_FALSE(parse_slash_command(""));
    EXPECT_FALSE(parse_slash_command("/help."));
}

TEST(SlashCommandTest, DoubledSlashSendsOneSlash) {
    EXPECT_EQ(unescape_prompt("//help me"), "/help me");
    EXPECT_EQ(unescape_prompt("  //x"), "  /x");
    EXPECT_EQ(unescape_prompt("/usr/bin"), "/usr/bin");
    EXPECT_EQ(unescape_prompt("a // b"), "a // b");
}

TEST(SlashCommandTest, HelpListsEveryCommandAndTheKeys) {
    const std::string help = slash_help_text();
    for (const char* command :
         {"/help", "/model [NAME]", "/clear", "/status", "/compact", "/mcp", "/quit"}) {
        EXPECT_THAT(help, HasSubstr(command));
    }
    EXPECT_THAT(help, HasSubstr("Ctrl-R"));
    EXPECT_THAT(help, HasSubstr("Ctrl-D"));
}

}  // namespace
}  // namespace klaude::core::tui
