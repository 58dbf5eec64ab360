// The agent loop against a scripted model and real tools in a temporary directory.
#include "core/agent/agent_loop.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <unistd.h>

#include <fstream>

#include "core/agent/tools/default_tools.h"
#include "tests/core/agent/loop/scripted_model.h"

namespace klaude::core {
namespace {

using testing::answer;
using ::testing::HasSubstr;
using ::testing::Return;
using testing::ScriptedModel;
using testing::tool_calls;

class MockApprover : public agent::Approver {
  public:
    MOCK_METHOD(bool, approve, (const agent::ApprovalRequest&), (override));
};

class RecordingObserver : public TurnObserver {
  public:
    void on_tool_call(const ToolCall& call) override { calls.push_back(call.name); }
    void on_tool_result(const ToolCall&, const agent::ToolResult& result) override {
        results.push_back(result);
    }
    void on_item(const std::string& item) override { items.push_back(item); }
    std::vector<std::string> calls;
    std::vector<agent::ToolResult> results;
    std::vector<std::string> items;
};

class AgentLoopTest : public ::testing::Test {
  protected:
    AgentLoopTest() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "klaude-loop-XXXXXX").string();
        dir_ = ::mkdtemp(pattern.data());
        context_ = agent::ToolContext::in_directory(dir_);
        context_.approval = agent::ApprovalPolicy::kFullAuto;
        context_.approver = &approver_;
        agent::add_default_tools(tools_);
        settings_.model_id = "test-model";
        settings_.instructions = "be brief";
    }
    ~AgentLoopTest() override { std::filesystem::remove_all(dir_); }

    // The "input" array of request `index`.
    rapidjson::Document request(size_t index) {
        rapidjson::Document doc;
        doc.Parse(model_.requests().at(index).c_str());
        return doc;
    }

    std::filesystem::path dir_;
    ScriptedModel model_;
    MockApprover approver_;
    agent::ToolRegistry tools_;
    agent::ToolContext context_;
    TurnSettings settings_;
    Conversation conversation_;
    RecordingObserver observer_;
};

TEST_F(AgentLoopTest, ACallThenAnAnswer) {
    std::ofstream(dir_ / "notes.txt") << "the secret word is plum\n";
    model_.add_response(tool_calls({{"c1", "read_file", R"({"path":"notes.txt"})"}}));
    model_.add_response(answer("The word is plum."));
    AgentLoop loop(model_, tools_, context_, settings_);
    TurnResult result = loop.run_turn(conversation_, "what is the word?", observer_);

    EXPECT_EQ(result.outcome, TurnResult::Outcome::kCompleted);
    EXPECT_EQ(result.model_calls, 2);
    EXPECT_EQ(result.final_text, "The word is plum.");
    EXPECT_EQ(result.usage.input_tokens, 30u);
    EXPECT_EQ(result.usage.total_tokens, 38u);
    ASSERT_EQ(model_.requests().size(), 2u);

    // The second request carries the call and its output, after the user's message.
    rapidjson::Document second = request(1);
    const auto& input = second["input"];
    ASSERT_EQ(input.Size(), 3u);
    EXPECT_STREQ(input[0]["role"].GetString(), "user");
    EXPECT_STREQ(input[1]["type"].GetString(), "function_call");
    EXPECT_STREQ(input[1]["call_id"].GetString(), "c1");
    EXPECT_STREQ(input[2]["type"].GetString(), "function_call_output");
    EXPECT_THAT(input[2]["output"].GetString(), HasSubstr("the secret word is plum"));
    EXPECT_STREQ(second["instructions"].GetString(), "be brief");
    EXPECT_TRUE(second["tools"].IsArray());
    // Items seen by the observer: user, call, output, final assistant message.
    EXPECT_EQ(observer_.items.size(), 4u);
    EXPECT_THAT(observer_.items.back(), HasSubstr("The word is plum."));
}

// A tool that returns an image, as an MCP tool does.
class PictureTool : public agent::Tool {
  public:
    std::string name() const override { return "picture"; }
    std::string description() const override { return "returns a picture"; }
    std::vector<agent::ParamSpec> parameters() const override { return {}; }
    agent::ToolKind kind() const override { return agent::ToolKind::kReadOnly; }

  protected:
    agent::ToolResult execute(const agent::ToolArgs&, agent::ToolContext&) override {
        agent::ToolResult result = agent::ToolResult::success("[image image/png, 5 bytes]");
        result.images.push_back({"image/png", "aGVsbG8="});
        return result;
    }
};

TEST_F(AgentLoopTest, ImagesGoToAModelThatTakesThemAfterAllTheOutputs) {
    tools_.add(std::make_unique<PictureTool>());
    std::ofstream(dir_ / "a.txt") << "A";
    for (bool accepts : {true, false}) {
        ScriptedModel model;
        model.add_response(
            tool_calls({{"c1", "picture", "{}"}, {"c2", "read_file", R"({"path":"a.txt"})"}}));
        model.add_response(answer("a picture of hello"));
        TurnSettings settings = settings_;
        settings.accepts_images = accepts;
        Conversation conversation;
        AgentLoop loop(model, tools_, context_, settings);
        loop.run_turn(conversation, "look", observer_);
        rapidjson::Document second;
        second.Parse(model.requests().at(1).c_str());
        const auto& input = second["input"];
        // user, two calls, two outputs, then (only when the model takes images) the images.
        ASSERT_EQ(input.Size(), accepts ? 6u : 5u);
        EXPECT_STREQ(input[3]["output"].GetString(), "[image image/png, 5 bytes]");
        EXPECT_STREQ(input[4]["type"].GetString(), "function_call_output");
        if (accepts) {
            const auto& message = input[5];
            EXPECT_STREQ(message["role"].GetString(), "user");
            ASSERT_EQ(message["content"].Size(), 2u);
            EXPECT_STREQ(message["content"][0]["text"].GetString(),
                         "The images picture returned (call c1):");
            EXPECT_STREQ(message["content"][1]["type"].GetString(), "image_url");
            EXPECT_STREQ(message["content"][1]["url"].GetString(),
                         "data:image/png;base64,aGVsbG8=");
        }
    }
}

TEST_F(AgentLoopTest, ParallelCallsAreAllAnswered) {
    std::ofstream(dir_ / "a.txt") << "A";
    std::ofstream(dir_ / "b.txt") << "B";
    model_.add_response(tool_calls(
        {{"c1", "read_file", R"({"path":"a.txt"})"}, {"c2", "read_file", R"({"path":"b.txt"})"}}));
    model_.add_response(answer("done"));
    AgentLoop loop(model_, tools_, context_, settings_);
    loop.run_turn(conversation_, "read both", observer_);
    rapidjson::Document second = request(1);
    const auto& input = second["input"];
    ASSERT_EQ(input.Size(), 5u);
    EXPECT_STREQ(input[3]["call_id"].GetString(), "c1");
    EXPECT_STREQ(input[4]["call_id"].GetString(), "c2");
    EXPECT_THAT(input[4]["output"].GetString(), HasSubstr("B"));
}

TEST_F(AgentLoopTest, UnknownToolAndInvalidArgumentsGetErrorOutputs) {
    model_.add_response(
        tool_calls({{"c1", "teleport", R"({})"}, {"c2", "read_file", R"({not json)"}}));
    model_.add_response(answer("sorry"));
    AgentLoop loop(model_, tools_, context_, settings_);
    TurnResult result = loop.run_turn(conversation_, "go", observer_);
    EXPECT_EQ(result.outcome, TurnResult::Outcome::kCompleted);
    ASSERT_EQ(observer_.results.size(), 2u);
    EXPECT_TRUE(observer_.results[0].is_error);
    EXPECT_THAT(observer_.results[0].output, HasSubstr("teleport"));
    EXPECT_TRUE(observer_.results[1].is_error);
}

TEST_F(AgentLoopTest, StopsAtMaxSteps) {
    for (int i = 0; i < 3; ++i) {
        model_.add_response(tool_calls({{"c" + std::to_string(i), "list_dir", R"({"path":"."})"}}));
    }
    AgentLoop loop(model_, tools_, context_, settings_, /*max_steps=*/3);
    TurnResult result = loop.run_turn(conversation_, "loop forever", observer_);
    EXPECT_EQ(result.outcome, TurnResult::Outcome::kMaxSteps);
    EXPECT_EQ(result.model_calls, 3);
    EXPECT_EQ(model_.requests().size(), 3u);
}

TEST_F(AgentLoopTest, ADenialIsReportedToTheModel) {
    context_.approval = agent::ApprovalPolicy::kAsk;
    EXPECT_CALL(approver_, approve(::testing::_)).WillOnce(Return(false));
    model_.add_response(tool_calls({{"c1", "write_file", R"({"path":"x.txt","content":"hi"})"}}));
    model_.add_response(answer("ok, not writing"));
    AgentLoop loop(model_, tools_, context_, settings_);
    loop.run_turn(conversation_, "write x", observer_);
    EXPECT_FALSE(std::filesystem::exists(dir_ / "x.txt"));
    rapidjson::Document second = request(1);
    EXPECT_STREQ(second["input"][2]["output"].GetString(), "denied by user");
}

TEST_F(AgentLoopTest, CancelDuringAToolAnswersEveryCallAndStops) {
    // The first tool call cancels the turn (as Ctrl-C would); the second call is not run.
    class CancellingObserver : public RecordingObserver {
      public:
        AgentLoop* loop = nullptr;
        void on_tool_call(const ToolCall& call) override {
            RecordingObserver::on_tool_call(call);
            loop->cancel();
        }
    } observer;
    model_.add_response(tool_calls({{"c1", "shell", R"({"command":"sleep 5"})"},
                                    {"c2", "write_file", R"({"path":"y.txt","content":"y"})"}}));
    AgentLoop loop(model_, tools_, context_, settings_);
    observer.loop = &loop;
    const auto start = std::chrono::steady_clock::now();
    TurnResult result = loop.run_turn(conversation_, "go", observer);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(4));
    EXPECT_EQ(result.outcome, TurnResult::Outcome::kCancelled);
    EXPECT_GE(model_.cancels(), 1);
    EXPECT_FALSE(std::filesystem::exists(dir_ / "y.txt"));
    // user, two calls, two outputs: the history stays valid for the next turn.
    EXPECT_EQ(conversation_.items().size(), 5u);
    EXPECT_THAT(conversation_.items().back(), HasSubstr("cancelled by user"));
}

TEST_F(AgentLoopTest, ReasoningItemsAreCarriedBack) {
    model_.add_response({{KLAUDE_EVENT_OUTPUT_ITEM,
                          R"({"type":"reasoning","id":"rs_1","encrypted_content":"gAAA"})"},
                         {KLAUDE_EVENT_TOOL_CALL,
                          R"({"call_id":"c1","name":"list_dir","arguments":"{\"path\":\".\"}"})"},
                         {KLAUDE_EVENT_COMPLETED, "{}"}});
    model_.add_response(answer("listed"));
    AgentLoop loop(model_, tools_, context_, settings_);
    loop.run_turn(conversation_, "ls", observer_);
    rapidjson::Document second = request(1);
    EXPECT_STREQ(second["input"][1]["type"].GetString(), "reasoning");
    EXPECT_STREQ(second["input"][1]["encrypted_content"].GetString(), "gAAA");
    EXPECT_STREQ(second["input"][2]["type"].GetString(), "function_call");
}

TEST_F(AgentLoopTest, ProviderStateGoesBackOnlyToItsMaker) {
    // Turn 1 on "anthropic": a thinking block with its signature, then an answer.
    settings_.origin = "anthropic";
    model_.add_response(
        {{KLAUDE_EVENT_OUTPUT_ITEM,
          R"({"type":"reasoning","summary":["hmm"],"provider_state":{"type":"thinking",)"
          R"("thinking":"hmm","signature":"sig=="}})"},
         {KLAUDE_EVENT_OUTPUT_ITEM,
          R"({"type":"message","role":"assistant","content":[{"type":"text","text":"hi"}],)"
          R"("provider_state":{"cache":"x"}})"},
         {KLAUDE_EVENT_COMPLETED, "{}"}});
    {
        AgentLoop loop(model_, tools_, context_, settings_);
        loop.run_turn(conversation_, "one", observer_);
    }
    // The session stores the items tagged with their maker.
    ASSERT_EQ(observer_.items.size(), 3u);
    EXPECT_EQ(observer_.items[1].rfind(R"({"origin":"anthropic","type":"reasoning")", 0), 0u)
        << observer_.items[1];

    // Turn 2 on another provider: no reasoning item, no provider_state, the text carries over.
    settings_.origin = "responses";
    model_.add_response(answer("two"));
    {
        AgentLoop loop(model_, tools_, context_, settings_);
        loop.run_turn(conversation_, "two", observer_);
    }
    rapidjson::Document second = request(1);
    const auto& input = second["input"];
    ASSERT_EQ(input.Size(), 3u);  // user, assistant message, user
    EXPECT_STREQ(input[1]["type"].GetString(), "message");
    EXPECT_STREQ(input[1]["content"][0]["text"].GetString(), "hi");
    EXPECT_FALSE(input[1].HasMember("provider_state"));
    EXPECT_FALSE(input[1].HasMember("origin"));

    // Turn 3 back on "anthropic": its state returns byte for byte.
    settings_.origin = "anthropic";
    model_.add_response(answer("three"));
    {
        AgentLoop loop(model_, tools_, context_, settings_);
        loop.run_turn(conversation_, "three", observer_);
    }
    const std::string& third = model_.requests().at(2);
    EXPECT_THAT(third, HasSubstr(R"("provider_state":{"type":"thinking","thinking":"hmm",)"
                                 R"("signature":"sig=="})"));
    EXPECT_THAT(third, HasSubstr(R"("provider_state":{"cache":"x"})"));
}

TEST_F(AgentLoopTest, NearTheContextWindowOldToolOutputsAreTrimmedFirst) {
    // Six big tool outputs; the window is small enough that they must shrink, but trimming
    // all but the last four is enough: no compaction request.
    std::ofstream big(dir_ / "big.txt");
    for (int line = 0; line < 100; ++line) {
        big << std::string(60, 'x') << "\n";  // ~6 KB, in lines read_file does not cut
    }
    big.close();
    for (int i = 0; i < 6; ++i) {
        model_.add_response(
            tool_calls({{"c" + std::to_string(i), "read_file", R"({"path":"big.txt"})"}}));
    }
    model_.add_response(answer("read them all"));
    settings_.context_window = 12000;  // tokens: ~48 KB of history at 4 bytes a token
    AgentLoop loop(model_, tools_, context_, settings_);
    TurnResult result = loop.run_turn(conversation_, "read big.txt six times", observer_);
    EXPECT_EQ(result.outcome, TurnResult::Outcome::kCompleted);
    ASSERT_EQ(model_.requests().size(), 7u);
    rapidjson::Document last = request(6);
    std::vector<bool> trimmed;  // per tool output, oldest first
    for (const auto& item : last["input"].GetArray()) {
        if (std::string(item["type"].GetString()) == "function_call_output") {
            trimmed.push_back(
                std::string(item["output"].GetString()).find("[output trimmed to save context") !=
                std::string::npos);
        }
    }
    ASSERT_EQ(trimmed.size(), 6u);
    EXPECT_TRUE(trimmed[0]);  // the oldest went first
    for (size_t i = 2; i < 6; ++i) {
        EXPECT_FALSE(trimmed[i]) << "output " << i << " is among the four kept whole";
    }
    EXPECT_LT(conversation_.estimated_tokens(), 12000u);
    EXPECT_EQ(result.final_text, "read them all");  // no response went to a compaction
}

TEST_F(AgentLoopTest, WhenTrimmingIsNotEnoughTheModelSummarisesTheHistory) {
    settings_.context_window = 100;  // tokens: any real history is too big
    model_.add_response(answer("First answer, long enough to matter: " + std::string(600, 'a')));
    model_.add_response(answer("Summary: the user asked twice."));  // the compaction call
    model_.add_response(answer("Second answer."));
    AgentLoop loop(model_, tools_, context_, settings_);
    loop.run_turn(conversation_, "first question", observer_);
    loop.run_turn(conversation_, "second question", observer_);
    ASSERT_EQ(model_.requests().size(), 3u);
    // The compaction request carries the history and asks for a summary, without tools.
    rapidjson::Document compaction = request(1);
    EXPECT_FALSE(compaction.HasMember("tools"));
    const auto& asked = compaction["input"][compaction["input"].Size() - 1];
    EXPECT_THAT(asked["content"][0]["text"].GetString(), HasSubstr("Summarise our conversation"));
    // The next request starts from the summary plus the latest user message.
    rapidjson::Document after = request(2);
    ASSERT_EQ(after["input"].Size(), 2u);
    EXPECT_THAT(after["input"][0]["content"][0]["text"].GetString(),
                HasSubstr("Summary: the user asked twice."));
    EXPECT_STREQ(after["input"][1]["content"][0]["text"].GetString(), "second question");
    EXPECT_FALSE(observer_.items.empty());
}

TEST_F(AgentLoopTest, AModelFailureKeepsTheConversationAndPropagates) {
    AgentLoop loop(model_, tools_, context_, settings_);  // no responses scripted
    EXPECT_THROW(loop.run_turn(conversation_, "hello", observer_), std::runtime_error);
    EXPECT_EQ(conversation_.items().size(), 1u);
}

}  // namespace
}  // namespace klaude::core
