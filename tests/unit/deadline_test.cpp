// SPDX-License-Identifier: Apache-2.0
// Tries and the deadline, with the clock and the backoff in the test's
// hands: no try begins, or is counted, that cannot be sent in time, and a
// call that runs out of time names the request that really timed out.
#include <gtest/gtest.h>

#include <chrono>

#include "core/client.hpp"
#include "core/retry.hpp"
#include "fixture_server.hpp"
#include "net/transport.hpp"

namespace mip {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

TEST(Deadline, TimeLeftIsRoundedUp) {
    const Clock::time_point now = Clock::now();
    // Rounded down, 0.4 ms would look like no time at all, and 1.6 ms would
    // end the transfer's last wait 0.6 ms before the call's deadline.
    EXPECT_EQ(time_left_ms(now, now + microseconds(400)), 1);
    EXPECT_EQ(time_left_ms(now, now + microseconds(1600)), 2);
    EXPECT_EQ(time_left_ms(now, now + milliseconds(300)), 300);
    EXPECT_EQ(time_left_ms(now, now), std::nullopt);
    EXPECT_EQ(time_left_ms(now, now - microseconds(1)), std::nullopt);
}

TEST(Deadline, ATryNeedsAMillisecondAfterItsPause) {
    const Clock::time_point now = Clock::now();
    EXPECT_TRUE(try_fits(now, milliseconds(0), now + milliseconds(1)));
    EXPECT_FALSE(try_fits(now, milliseconds(0), now + microseconds(400)));
    EXPECT_FALSE(try_fits(now, milliseconds(0), now));
    EXPECT_TRUE(try_fits(now, milliseconds(100), now + milliseconds(101)));
    EXPECT_FALSE(try_fits(now, milliseconds(100), now + microseconds(100'500)));
    EXPECT_FALSE(try_fits(now, milliseconds(200), now + milliseconds(100)));
}

TEST(Deadline, NothingIsBegunOnceTheDeadlinePassed) {
    ASSERT_TRUE(init_curl_once());
    Connection connection{TransportSettings{}};
    Request request;
    request.url = "http://127.0.0.1:9/never";
    bool sent = true;
    Result<HttpReply> r = connection.perform(request, Clock::now() - microseconds(1), nullptr, sent);
    ASSERT_FALSE(r.ok());
    EXPECT_FALSE(sent);
    EXPECT_EQ(r.error().code, Code::Timeout);
    EXPECT_EQ(r.error().message, "timed out before GET http://127.0.0.1:9/never was sent");
}

std::chrono::milliseconds no_pause(int, std::optional<std::chrono::milliseconds>) { return milliseconds(0); }

// With no pause between tries, a stalled try that libcurl ended a sliver
// before the deadline used to leave room, it seemed, for one more: the call
// then said 2 attempts and "timed out before ... was sent".
TEST(Deadline, AStalledTryIsTheLastWhenItUsedTheTimeLeft) {
    mip_test::FixtureServer server(mip_test::stall());
    Options options;
    options.endpoint = server.url();
    options.api = Api::Milvus;
    options.timeout_ms = 40;
    options.max_retries = 5;
    Result<std::unique_ptr<Client>> client = Client::create(options, no_pause);
    ASSERT_TRUE(client.ok());
    const std::string stalled = "POST " + server.url() + "/v2/vectordb/jobs/import/describe: ";
    for (int call = 0; call < 10; ++call) {
        Result<Job> r = client.value()->get_import_progress("7", nullptr);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, Code::Timeout) << r.error().message;
        EXPECT_EQ(r.error().attempts, 1) << r.error().message;
        EXPECT_EQ(r.error().message.rfind(stalled, 0), 0u) << r.error().message;
    }
    // Each call wrote its one request; the last may still wait in the
    // server's socket for a thread to read it on a busy machine.
    EXPECT_TRUE(server.wait_for_requests(10));
    EXPECT_EQ(server.request_count(), 10u);
}

}  // namespace
}  // namespace mip
