// Every fact of each frozen ABI minor (struct field offsets and sizes, constants, ids, status
// names), v1.0 and v1.1, still holds in the current headers; structs and the minor version may
// only have grown.
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <string>

#include "tests/abi/abi_layout.h"

namespace {

using Facts = std::map<std::string, const klaude_abi_fact_t*>;

Facts by_name(const klaude_abi_fact_t* facts) {
    Facts out;
    for (; facts->kind != 0; ++facts) {
        out[facts->name] = facts;
    }
    return out;
}

// Every fact of `frozen` holds in `now` (`label`: which pair, for the messages).
void expect_facts_hold(const Facts& frozen, const Facts& now, const std::string& label) {
    for (const auto& [name, old] : frozen) {
        auto it = now.find(name);
        ASSERT_NE(it, now.end()) << label << ": " << name << " disappeared";
        const klaude_abi_fact_t* fact = it->second;
        EXPECT_EQ(fact->kind, old->kind) << label << ": " << name;
        switch (old->kind) {
            case 'S':
                EXPECT_GE(fact->value, old->value) << label << ": sizeof " << name << " shrank";
                break;
            case 'F':
                EXPECT_EQ(fact->value, old->value) << label << ": " << name << " moved";
                EXPECT_EQ(fact->size, old->size) << label << ": " << name << " changed size";
                break;
            case 'C':
                EXPECT_EQ(fact->value, old->value) << label << ": " << name << " changed value";
                break;
            case 'T':
                EXPECT_STREQ(fact->text, old->text) << label << ": " << name;
                break;
            case 'V':
                EXPECT_GE(fact->value, old->value) << label << ": " << name << " went back";
                break;
            default:
                ADD_FAILURE() << label << ": " << name << " has unknown kind " << old->kind;
        }
    }
}

TEST(AbiLayout, EveryV10FactHoldsInTheCurrentHeaders) {
    const Facts frozen = by_name(klaude_abi_facts_v1_0());
    ASSERT_GT(frozen.size(), 100u) << "the fact table lost its entries";
    EXPECT_EQ(frozen.count("klaude_client_t.list_models"), 0u)
        << "the v1.0 table must be compiled against the v1.0 headers";
    expect_facts_hold(frozen, by_name(klaude_abi_facts_current()), "v1.0 -> current");
}

TEST(AbiLayout, EveryV11FactHoldsInTheCurrentHeaders) {
    const Facts frozen = by_name(klaude_abi_facts_v1_1());
    // The 1.1 additions are really in the table (a wrong guard would drop them silently).
    for (const char* added :
         {"KLAUDE_ERROR_MODEL_UNAVAILABLE", "klaude_catalog_request_t",
          "klaude_catalog_request_t.struct_size", "klaude_catalog_request_t.timeout_ms",
          "klaude_catalog_request_t.data", "klaude_catalog_request_t.on_catalog",
          "klaude_client_t.list_models", "klaude_provider_descriptor_t.catalog_json"}) {
        EXPECT_EQ(frozen.count(added), 1u) << added << " is missing from the v1.1 facts";
    }
    ASSERT_GT(frozen.size(), by_name(klaude_abi_facts_v1_0()).size());
    expect_facts_hold(frozen, by_name(klaude_abi_facts_current()), "v1.1 -> current");
}

// The frozen 1.1 release itself kept every 1.0 fact, and 1.1 is what it claims to be.
TEST(AbiLayout, V11KeptEveryV10Fact) {
    const Facts v1_0 = by_name(klaude_abi_facts_v1_0());
    const Facts v1_1 = by_name(klaude_abi_facts_v1_1());
    expect_facts_hold(v1_0, v1_1, "v1.0 -> v1.1");
    EXPECT_EQ(v1_0.at("KLAUDE_ABI_VERSION_MINOR")->value, 0u);
    EXPECT_EQ(v1_1.at("KLAUDE_ABI_VERSION_MINOR")->value, 1u);
    EXPECT_EQ(v1_1.at("KLAUDE_ERROR_MODEL_UNAVAILABLE")->value, 14u);
    // 1.1 appended to these structs: their 1.1 size is larger, the new field at the end.
    for (const auto& [type, field] :
         {std::pair<std::string, std::string>{"klaude_client_t", "list_models"},
          {"klaude_provider_descriptor_t", "catalog_json"}}) {
        EXPECT_GT(v1_1.at(type)->value, v1_0.at(type)->value) << type;
        const klaude_abi_fact_t* added = v1_1.at(type + "." + field);
        EXPECT_GE(added->value, v1_0.at(type)->value) << type << "." << field;
        EXPECT_EQ(added->value + added->size, v1_1.at(type)->value) << type << "." << field;
    }
}

TEST(AbiLayout, StatusNamesAreStable) {
    for (int32_t status = 0; status <= 13; ++status) {  // every v1.0 code
        EXPECT_STREQ(klaude_abi_status_name_current(status), klaude_abi_status_name_v1_0(status))
            << status;
    }
    for (int32_t status = 0; status <= 14; ++status) {  // every v1.1 code
        EXPECT_STREQ(klaude_abi_status_name_current(status), klaude_abi_status_name_v1_1(status))
            << status;
    }
    EXPECT_STREQ(klaude_abi_status_name_v1_0(6), "not_logged_in");
    EXPECT_STREQ(klaude_abi_status_name_v1_0(14), "error");  // unknown to 1.0
    EXPECT_STREQ(klaude_abi_status_name_v1_1(14), "model_unavailable");
    EXPECT_STREQ(klaude_abi_status_name_current(-1), "error");
}

}  // namespace
