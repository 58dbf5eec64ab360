// Every fact of the v1.0 ABI (struct field offsets and sizes, constants, ids, status names)
// still holds in the current headers; structs may only have grown.
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <string>

#include "tests/abi/abi_layout.h"

namespace {

std::map<std::string, const klaude_abi_fact_t*> by_name(const klaude_abi_fact_t* facts) {
    std::map<std::string, const klaude_abi_fact_t*> out;
    for (; facts->kind != 0; ++facts) {
        out[facts->name] = facts;
    }
    return out;
}

TEST(AbiLayout, EveryV10FactHoldsInTheCurrentHeaders) {
    const auto frozen = by_name(klaude_abi_facts_v1_0());
    const auto current = by_name(klaude_abi_facts_current());
    ASSERT_GT(frozen.size(), 100u) << "the fact table lost its entries";
    for (const auto& [name, old] : frozen) {
        auto it = current.find(name);
        ASSERT_NE(it, current.end()) << name << " disappeared";
        const klaude_abi_fact_t* now = it->second;
        EXPECT_EQ(now->kind, old->kind) << name;
        switch (old->kind) {
            case 'S':
                EXPECT_GE(now->value, old->value) << "sizeof " << name << " shrank";
                break;
            case 'F':
                EXPECT_EQ(now->value, old->value) << name << " moved";
                EXPECT_EQ(now->size, old->size) << name << " changed size";
                break;
            case 'C':
                EXPECT_EQ(now->value, old->value) << name << " changed value";
                break;
            case 'T':
                EXPECT_STREQ(now->text, old->text) << name;
                break;
            default:
                ADD_FAILURE() << name << " has unknown kind " << old->kind;
        }
    }
}

TEST(AbiLayout, StatusNamesAreStable) {
    for (int32_t status = 0; status <= 13; ++status) {  // every v1.0 code
        EXPECT_STREQ(klaude_abi_status_name_current(status), klaude_abi_status_name_v1_0(status))
            << status;
    }
    EXPECT_STREQ(klaude_abi_status_name_v1_0(6), "not_logged_in");
    EXPECT_STREQ(klaude_abi_status_name_current(-1), "error");
}

}  // namespace
