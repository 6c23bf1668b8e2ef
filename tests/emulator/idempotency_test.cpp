// SPDX-License-Identifier: Apache-2.0
// An Idempotency-Key is remembered while its job is, and at most
// --idempotency-keys of them at once; a key seen again after its entry left
// makes a new job, as on Milvus. Jobs here stay Uncommitted (never
// forgotten) unless a test ends them, so only the tests' own steps change
// what is remembered.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "emulator_process.hpp"
#include "emulator_wire.hpp"

namespace mip_test {
namespace {

const std::vector<std::string> kQuickRetention = {"--speed", "1000", "--duration", "1", "--retention", "5"};

std::string create_keyed(EmulatorWire &wire, const std::string &key) {
    const Answer answer =
        wire.post(EmulatorWire::kV2 + "create",
                  R"({"collectionName":"idem","files":[["a.parquet"]],"options":{"auto_commit":"false"}})",
                  {{"Idempotency-Key", key}});
    return text_field(answer.body, "jobId");
}

TEST(EmulatorIdempotency, AKeyLeavesWithItsJob) {
    EmulatorProcess emulator(kQuickRetention);
    EmulatorWire wire(emulator.url());
    const std::string first = create_keyed(wire, "key-1");
    ASSERT_FALSE(first.empty());
    EXPECT_EQ(create_keyed(wire, "key-1"), first);

    // Aborted, the job ends; after the retention it and its key are gone.
    EXPECT_EQ(code_of(wire.post(EmulatorWire::kV2 + "abort", R"({"jobId":")" + first + R"("})").body), 0);
    ASSERT_TRUE(eventually([&] { return code_of(wire.milvus_progress(first).body) == 2100; }));
    const std::string second = create_keyed(wire, "key-1");
    ASSERT_FALSE(second.empty());
    EXPECT_NE(second, first) << "a key whose job was forgotten is a new create";
    EXPECT_EQ(create_keyed(wire, "key-1"), second);
}

TEST(EmulatorIdempotency, TheOldestKeyLeavesPastTheCap) {
    EmulatorProcess emulator({"--idempotency-keys", "2"});
    EmulatorWire wire(emulator.url());
    const std::string a = create_keyed(wire, "a"), b = create_keyed(wire, "b"), c = create_keyed(wire, "c");
    ASSERT_FALSE(a.empty() || b.empty() || c.empty());
    EXPECT_EQ(create_keyed(wire, "b"), b);
    EXPECT_EQ(create_keyed(wire, "c"), c);
    // "a" was pushed out by "c": a new job, whose key pushes out "b".
    const std::string a_again = create_keyed(wire, "a");
    EXPECT_NE(a_again, a);
    EXPECT_NE(a_again, "");
    EXPECT_EQ(create_keyed(wire, "c"), c);
    EXPECT_EQ(create_keyed(wire, "a"), a_again);
    EXPECT_NE(create_keyed(wire, "b"), b);
    // The jobs themselves stay: the cap bounds keys, not jobs.
    EXPECT_EQ(code_of(wire.milvus_progress(a).body), 0);
}

TEST(EmulatorIdempotency, TheCapCanOnlyBeLowered) {
    EXPECT_THROW(EmulatorProcess({"--idempotency-keys", "100001"}), std::runtime_error);
    EXPECT_THROW(EmulatorProcess({"--idempotency-keys", "0"}), std::runtime_error);
}

}  // namespace
}  // namespace mip_test
