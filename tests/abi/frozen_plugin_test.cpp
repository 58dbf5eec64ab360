// The real klaude binary against plugins compiled with the frozen headers of each released
// minor: a v1.0 plugin loads, is listed, streams and answers `klaude auth status` in every later
// 1.x host; a v1.1 plugin's live catalog (list_models) and built-in one (catalog_json) are what
// `klaude models` shows, it streams reasoning items with an opaque provider_state and tool
// calls, and its provider_state comes back to it untouched on --continue; plugins claiming a
// newer minor or another major are refused with both versions named.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "klaude/abi/version.h"
#include "tests/core/support/run_klaude.h"

namespace {

using klaude::testing::run_klaude;
using ::testing::HasSubstr;
using ::testing::Not;

class FrozenPluginTest : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "klaude-abi-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        home_ = pattern;
    }
    void TearDown() override {
        std::error_code ec;
        std::filesystem::remove_all(home_, ec);
    }
    std::map<std::string, std::string> env() const {
        return {{"KLAUDE_HOME", home_.string()},
                {"KLAUDE_PLUGIN_PATH", ""},
                {"KLAUDE_LOG", ""},
                {"KLAUDE_MODEL", ""}};
    }
    static std::string host_abi() {
        return std::to_string(KLAUDE_ABI_VERSION_MAJOR) + "." +
               std::to_string(KLAUDE_ABI_VERSION_MINOR);
    }
    std::filesystem::path home_;
};

TEST_F(FrozenPluginTest, IsListed) {
    auto result = run_klaude({"--plugin-dir", KLAUDE_ABI_FROZEN_PLUGIN_DIR, "plugins"}, env());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, HasSubstr("test.frozen.v1-0 1.0.0  (Frozen ABI 1.0 plugin, ABI 1.0)"));
    EXPECT_THAT(result.out, HasSubstr(std::string("path:      ") + KLAUDE_ABI_FROZEN_PLUGIN_DIR +
                                      "/frozen_v1_0.so"));
    EXPECT_THAT(result.out, HasSubstr("providers: abi10 (with login)"));
    EXPECT_THAT(result.out, Not(HasSubstr("Rejected")));
}

TEST_F(FrozenPluginTest, StreamsThroughExecAndSeesTheHostServices) {
    auto result = run_klaude(
        {"--plugin-dir", KLAUDE_ABI_FROZEN_PLUGIN_DIR, "exec", "-m", "abi10/abi10-model", "hi"},
        env());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out,
              "v1.0 plugin; host klaude ABI " + host_abi() + "; home " + home_.string() + "\n");
    EXPECT_THAT(result.err, HasSubstr("tokens: 7 in (1 cached), 3 out (0 reasoning), 10 total"));
}

// ABI 1.1 added live model catalogs; a 1.0 plugin has no list_models and no catalog_json, so
// its descriptor's static list is what `klaude models` shows, quietly, and what -m PROVIDER
// alone picks.
TEST_F(FrozenPluginTest, ListsItsStaticModelsAndTheyAreItsDefault) {
    auto result =
        run_klaude({"--plugin-dir", KLAUDE_ABI_FROZEN_PLUGIN_DIR, "models", "abi10"}, env());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "");
    EXPECT_THAT(result.out, HasSubstr("abi10 (abi10), the plugin's built-in list:"));
    EXPECT_THAT(result.out, HasSubstr("abi10-model  ABI 1.0 model  4k context"));

    auto exec = run_klaude(
        {"--plugin-dir", KLAUDE_ABI_FROZEN_PLUGIN_DIR, "exec", "-m", "abi10", "hi"}, env());
    EXPECT_EQ(exec.exit_code, 0) << exec.err;
    EXPECT_THAT(exec.out, HasSubstr("v1.0 plugin"));
}

TEST_F(FrozenPluginTest, AuthHookAnswersStatus) {
    auto result = run_klaude(
        {"--plugin-dir", KLAUDE_ABI_FROZEN_PLUGIN_DIR, "auth", "status", "abi10"}, env());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, HasSubstr("logged in: account abcd1234\xE2\x80\xA6, plan frozen-plan"));
}

TEST_F(FrozenPluginTest, AuthOptionsFromTheV10DescriptorReachTheHelp) {
    auto result = run_klaude(
        {"--plugin-dir", KLAUDE_ABI_FROZEN_PLUGIN_DIR, "auth", "login", "abi10", "--help"}, env());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, HasSubstr("--token TOKEN"));
    EXPECT_THAT(result.out, HasSubstr("a test token"));
}

TEST_F(FrozenPluginTest, NewerMinorAndOtherMajorsAreRefusedNamingBothVersions) {
    auto result = run_klaude({"--plugin-dir", KLAUDE_ABI_REFUSED_PLUGIN_DIR, "plugins"}, env());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    const std::string dir = KLAUDE_ABI_REFUSED_PLUGIN_DIR;
    EXPECT_THAT(result.out, HasSubstr("Rejected (4):"));
    for (const char* file : {"claims_v1_99", "v1_1_claims_v1_99"}) {  // v1.0 and v1.1 headers
        EXPECT_THAT(result.out, HasSubstr(dir + "/" + file +
                                          ".so: needs klaude plugin ABI 1.99, "
                                          "this klaude speaks ABI " +
                                          host_abi() + ": update klaude"))
            << file;
    }
    for (const char* major : {"2", "0"}) {
        EXPECT_THAT(result.out,
                    HasSubstr(dir + "/claims_v" + major + "_0.so: built for klaude plugin ABI " +
                              major + ".0, this klaude speaks ABI " + host_abi() +
                              ": rebuild the plugin against the klaude " +
                              std::to_string(KLAUDE_ABI_VERSION_MAJOR) + ".x SDK"))
            << major;
    }
    EXPECT_THAT(result.out, Not(HasSubstr("test.frozen.v1-0")));
    EXPECT_THAT(result.out, Not(HasSubstr("test.frozen.v1-1")));
}

TEST_F(FrozenPluginTest, ARefusedPluginServesNothing) {
    auto result = run_klaude(
        {"--plugin-dir", KLAUDE_ABI_REFUSED_PLUGIN_DIR, "exec", "-m", "abi10/abi10-model", "hi"},
        env());
    EXPECT_NE(result.exit_code, 0);
    EXPECT_EQ(result.out, "");
    EXPECT_THAT(result.err, HasSubstr("claims_v1_99.so not loaded: needs klaude plugin ABI 1.99"));
}

// ---- a plugin built against the frozen v1.1 headers ---------------------------------------

// The provider_state of every reasoning item the v1.1 fixture makes, byte for byte.
constexpr const char* kProviderState =
    R"({"kind":"abi11-thinking","signature":"c2lnLWFiaTEx","blocks":[{"type":"thinking",)"
    R"("text":"a \"quoted\" thought"},{"type":"redacted","data":null}],"n":42,"ok":true})";

class FrozenV11PluginTest : public FrozenPluginTest {
  protected:
    void SetUp() override {
        FrozenPluginTest::SetUp();
        requests_ = home_ / "requests";
        workspace_ = home_ / "workspace";
        std::filesystem::create_directories(requests_);
        std::filesystem::create_directories(workspace_);
        std::ofstream(workspace_ / "abi11-marker.txt") << "listed by the tool call\n";
    }
    std::map<std::string, std::string> env() const {
        auto out = FrozenPluginTest::env();
        out["KLAUDE_ABI11_REQUEST_DIR"] = requests_.string();
        return out;
    }
    klaude::testing::ProcessResult klaude(std::vector<std::string> args) const {
        args.insert(args.begin(), {"--plugin-dir", KLAUDE_ABI_FROZEN_V1_1_PLUGIN_DIR});
        return run_klaude(args, env(), "", workspace_.string());
    }
    // The requests the plugin received, in order (the fixture writes request-NNN.json).
    std::vector<std::string> requests() const {
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(requests_)) {
            files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end());
        std::vector<std::string> out;
        for (const auto& file : files) {
            std::ifstream in(file);
            std::ostringstream text;
            text << in.rdbuf();
            out.push_back(text.str());
        }
        return out;
    }
    std::filesystem::path requests_;
    std::filesystem::path workspace_;
};

rapidjson::Document parse(const std::string& json) {
    rapidjson::Document doc;
    doc.Parse(json.c_str(), json.size());
    EXPECT_FALSE(doc.HasParseError()) << json;
    return doc;
}

// The input items of `request` whose "type" is `type`.
std::vector<const rapidjson::Value*> items_of_type(const rapidjson::Document& request,
                                                   const std::string& type) {
    std::vector<const rapidjson::Value*> out;
    if (!request.IsObject() || !request.HasMember("input") || !request["input"].IsArray()) {
        ADD_FAILURE() << "the request has no input array";
        return out;
    }
    for (const auto& item : request["input"].GetArray()) {
        if (item.IsObject() && item.HasMember("type") && item["type"].IsString() &&
            type == item["type"].GetString()) {
            out.push_back(&item);
        }
    }
    return out;
}

size_t count(const std::string& haystack, const std::string& needle) {
    size_t n = 0;
    for (size_t at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + needle.size())) {
        ++n;
    }
    return n;
}

TEST_F(FrozenV11PluginTest, IsListed) {
    auto result = klaude({"plugins"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, HasSubstr("test.frozen.v1-1 1.1.0  (Frozen ABI 1.1 plugin, ABI 1.1)"));
    EXPECT_THAT(result.out, HasSubstr(std::string("path:      ") +
                                      KLAUDE_ABI_FROZEN_V1_1_PLUGIN_DIR + "/frozen_v1_1.so"));
    EXPECT_THAT(result.out, HasSubstr("providers: abi11 abi11-offline\n"));
    EXPECT_THAT(result.out, Not(HasSubstr("Rejected")));
}

// list_models answers through on_catalog: `klaude models` shows that catalog (not the
// descriptor's catalog_json nor its models), caches it, and -m PROVIDER alone picks its first
// listed model.
TEST_F(FrozenV11PluginTest, ModelsShowsTheLiveCatalogFromListModels) {
    auto result = klaude({"models", "abi11"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "");
    EXPECT_THAT(result.out, HasSubstr("abi11 (abi11), from the server just now:"));
    EXPECT_THAT(result.out, HasSubstr("abi11-live"));
    EXPECT_THAT(result.out, HasSubstr("ABI 1.1 live model"));
    EXPECT_THAT(result.out, HasSubstr("ABI 1.1 model, live"));
    EXPECT_THAT(result.out, HasSubstr("(1 hidden; --all shows them; they work by id)"));
    EXPECT_THAT(result.out, Not(HasSubstr("built-in")));
    EXPECT_THAT(result.out, Not(HasSubstr("static")));

    auto again = klaude({"models", "abi11", "--all"});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_THAT(again.out, HasSubstr("abi11 (abi11), cached, fetched just now:"));
    EXPECT_THAT(again.out, HasSubstr("abi11-retired"));
}

// A failing list_models: the host notes why, once, and falls back to the descriptor's
// catalog_json (richer than `models`: a hidden model with an upgrade), also with --refresh.
TEST_F(FrozenV11PluginTest, ModelsFallsBackToTheBuiltInCatalogJson) {
    for (const bool refresh : {false, true}) {
        std::vector<std::string> args = {"models", "abi11-offline", "--all"};
        if (refresh) {
            args.push_back("--refresh");
        }
        auto result = klaude(args);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        EXPECT_THAT(result.out, HasSubstr("abi11-offline (abi11-offline), the plugin's built-in "
                                          "list:"));
        EXPECT_THAT(result.out, HasSubstr("ABI 1.1 built-in model"));
        EXPECT_THAT(result.out, HasSubstr("abi11-legacy"));
        EXPECT_THAT(result.out, Not(HasSubstr("static")));
        EXPECT_THAT(result.out, Not(HasSubstr("live")));
        EXPECT_THAT(result.err, HasSubstr("could not get the models of 'abi11-offline' (abi11: no "
                                          "network in this test); using the plugin's built-in "
                                          "list"));
    }
}

// One exec: a reasoning item with provider_state, a TOOL_CALL and its function_call item; the
// host runs the tool, calls again with its output (and the reasoning item), and the answer
// streams out.
TEST_F(FrozenV11PluginTest, ExecStreamsReasoningAndRunsItsToolCall) {
    auto result = klaude({"exec", "-m", "abi11", "ABI11_TOOL_CALL: list the directory"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "v1.1 plugin; host klaude ABI " + host_abi() +
                              "; model abi11-live; provider_state back: 1\n");
    EXPECT_THAT(result.err, HasSubstr("tokens: 22 in (0 cached), 10 out (4 reasoning), 32 total"));

    const std::vector<std::string> sent = requests();
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(count(sent[0], "\"provider_state\""), 0u);
    const rapidjson::Document second = parse(sent[1]);
    ASSERT_TRUE(second.IsObject());
    EXPECT_STREQ(second["model"].GetString(), "abi11-live");
    const auto calls = items_of_type(second, "function_call");
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_STREQ((*calls[0])["call_id"].GetString(), "call_abi11");
    EXPECT_STREQ((*calls[0])["name"].GetString(), "list_dir");
    const auto outputs = items_of_type(second, "function_call_output");
    ASSERT_EQ(outputs.size(), 1u);
    EXPECT_STREQ((*outputs[0])["call_id"].GetString(), "call_abi11");
    EXPECT_THAT((*outputs[0])["output"].GetString(), HasSubstr("abi11-marker.txt"));
}

// The second exec, --continue: the saved session's reasoning items go back to the plugin that
// made them with their provider_state verbatim (and the host's origin tag, which plugins
// ignore).
TEST_F(FrozenV11PluginTest, ContinueHandsProviderStateBackVerbatim) {
    auto first = klaude({"exec", "-m", "abi11", "ABI11_TOOL_CALL: list the directory"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    auto second = klaude({"exec", "--continue", "and now?"});
    EXPECT_EQ(second.exit_code, 0) << second.err;
    EXPECT_EQ(second.out, "v1.1 plugin; host klaude ABI " + host_abi() +
                              "; model abi11-live; provider_state back: 2\n");

    const std::vector<std::string> sent = requests();
    ASSERT_EQ(sent.size(), 3u);
    const std::string& last = sent[2];
    EXPECT_EQ(count(last, std::string("\"provider_state\":") + kProviderState), 2u) << last;
    const rapidjson::Document request = parse(last);
    const rapidjson::Document expected = parse(kProviderState);
    const auto reasoning = items_of_type(request, "reasoning");
    ASSERT_EQ(reasoning.size(), 2u) << last;
    for (const rapidjson::Value* item : reasoning) {
        ASSERT_TRUE(item->HasMember("provider_state")) << last;
        EXPECT_TRUE((*item)["provider_state"] == expected) << last;
        ASSERT_TRUE(item->HasMember("origin")) << last;
        EXPECT_STREQ((*item)["origin"].GetString(), "abi11");
    }
    EXPECT_THAT(last, HasSubstr("and now?"));
}

}  // namespace
