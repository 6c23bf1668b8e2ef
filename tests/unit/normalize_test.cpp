// SPDX-License-Identifier: Apache-2.0
// One meaning whatever the server: percent, state and reason from the
// fields as read (docs/wire-protocol.md sections 3 and 4).
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "model/normalize.hpp"

namespace mip {
namespace {

TEST(Normalize, PercentIsWholeAndWithinBounds) {
    EXPECT_EQ(clamp_percent(0.29 * 100), 29);  // 28.999... is 29
    EXPECT_EQ(clamp_percent(45.5), 45);
    EXPECT_EQ(clamp_percent(-3), 0);
    EXPECT_EQ(clamp_percent(250), 100);
    EXPECT_EQ(clamp_percent(std::numeric_limits<double>::quiet_NaN()), 0);
}

TEST(Normalize, ReadyPercentageIsAFractionUpToOne) {
    RawEntry e;
    EXPECT_FALSE(ready_as_percent(e));
    e.ready_percentage = 0.5;
    EXPECT_DOUBLE_EQ(*ready_as_percent(e), 50.0);
    e.ready_percentage = 1.0;
    EXPECT_DOUBLE_EQ(*ready_as_percent(e), 100.0);
    e.ready_percentage = 40.0;  // one SDK's percent
    EXPECT_DOUBLE_EQ(*ready_as_percent(e), 40.0);
}

TEST(Normalize, AStateIsDerivedWhereNoneIsSent) {
    struct Case {
        std::optional<double> ready;
        const char *complete_time;
        const char *error_message;
        State state;
    };
    const Case cases[] = {
        {std::nullopt, "", "", State::Unknown},
        {0.0, "", "", State::Pending},
        {0.4, "", "", State::Importing},
        {1.0, "", "", State::Completed},
        {0.4, "2026-12-08 01:00:00", "", State::Completed},
        {0.4, "", "bad file", State::Failed},
    };
    for (const Case &c : cases) {
        RawEntry e;
        e.ready_percentage = c.ready;
        e.complete_time = c.complete_time;
        e.error_message = c.error_message;
        EXPECT_EQ(derived_state(e), c.state) << c.complete_time << c.error_message;
    }
}

TEST(Normalize, OneJobWhateverTheServer) {
    RawEntry e;
    e.ready_percentage = 0.25;
    e.error_message = "bad row";
    e.imported_rows = 10;
    StringArena strings;
    Job job;
    normalize(e, job, strings, true);
    EXPECT_EQ(job.state, State::Failed);
    EXPECT_STREQ(job.reason, "bad row");  // errorMessage when there is no reason
    EXPECT_EQ(job.progress, 25);
    EXPECT_EQ(job.imported_rows, 10);

    RawEntry sent;
    sent.has_state = true;
    sent.state_text = "importing";
    sent.progress = 60;
    sent.ready_percentage = 0.1;  // progress wins
    normalize(sent, job, strings, false);
    EXPECT_EQ(job.state, State::Importing);
    EXPECT_EQ(job.progress, 60);
}

}  // namespace
}  // namespace mip
