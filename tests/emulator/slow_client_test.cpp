// SPDX-License-Identifier: Apache-2.0
// Clients that trickle a request a byte at a time (slowloris) cannot keep
// the emulator from serving others: each is closed once --request-timeout
// has passed without a whole head, and an honest client queued behind as
// many of them as there are workers gets its answer.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>

#include <chrono>
#include <string>
#include <vector>

#include "emulator_process.hpp"

namespace mip_test {
namespace {

int connect_to(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd >= 0 && connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0) return fd;
    if (fd >= 0) close(fd);
    return -1;
}

int port_of(const std::string &url) { return std::stoi(url.substr(url.rfind(':') + 1)); }

// The next byte of a request head that never ends: a request line, then one
// short header line after another.
char trickled_byte(size_t index) {
    static const std::string kLine = "POST /v2/vectordb/jobs/import/describe HTTP/1.1\r\n";
    static const std::string kHeader = "X-Slow: 1\r\n";
    if (index < kLine.size()) return kLine[index];
    return kHeader[(index - kLine.size()) % kHeader.size()];
}

TEST(EmulatorSlowClients, TricklingClientsAreClosedAndOthersServed) {
    constexpr int kWorkers = 2;
    constexpr int kSlow = 2 * kWorkers;
    EmulatorProcess emulator({"--threads", std::to_string(kWorkers), "--request-timeout", "2"});
    const int port = port_of(emulator.url());

    struct Slow {
        int fd;
        size_t sent = 0;
        bool open = true;
    };
    std::vector<Slow> slow;
    for (int i = 0; i < kSlow; ++i) {
        slow.push_back({connect_to(port)});
        ASSERT_GE(slow.back().fd, 0);
    }
    // Connected after every slow one: the emulator serves connections in the
    // order it accepts them, so this one waits until kSlow - kWorkers + 1 of
    // them have lost their worker.
    const int honest = connect_to(port);
    ASSERT_GE(honest, 0);
    const std::string body = R"({"jobId":"1"})";
    const std::string request =
        "POST /v2/vectordb/jobs/import/describe HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body;
    ASSERT_EQ(send(honest, request.data(), request.size(), MSG_NOSIGNAL), static_cast<ssize_t>(request.size()));

    std::string answer;
    bool answered = false;
    int closed_when_answered = -1;
    auto closed = [&] {
        int n = 0;
        for (const Slow &s : slow) n += s.open ? 0 : 1;
        return n;
    };
    // Each round sends every open slow client one more byte, then waits at
    // most 100 ms for anything to happen: far within the emulator's 2 s
    // wait for each read, so only the whole-request deadline can end them.
    const auto give_up = std::chrono::steady_clock::now() + kEmulatorHang;
    for (int round = 0; round < 100000 && std::chrono::steady_clock::now() < give_up; ++round) {
        if (answered && closed() == kSlow) break;
        for (Slow &s : slow) {
            if (!s.open) continue;
            const char byte = trickled_byte(s.sent);
            if (send(s.fd, &byte, 1, MSG_NOSIGNAL) == 1) {
                ++s.sent;
            } else {
                s.open = false;  // reset or closed by the emulator
            }
        }
        std::vector<pollfd> fds;
        for (const Slow &s : slow) fds.push_back({s.open ? s.fd : -1, POLLIN | POLLRDHUP, 0});
        fds.push_back({answered ? -1 : honest, POLLIN, 0});
        if (poll(fds.data(), fds.size(), 100) <= 0) continue;
        // The slow clients first: one closed before the honest answer was
        // sent has its end of file here by the time that answer is.
        for (size_t i = 0; i < slow.size(); ++i) {
            if (!fds[i].revents) continue;
            char buf[256];
            if (recv(slow[i].fd, buf, sizeof buf, MSG_DONTWAIT) <= 0) slow[i].open = false;
        }
        if (fds.back().revents) {
            char buf[4096];
            const ssize_t n = recv(honest, buf, sizeof buf, 0);
            if (n > 0) {
                answer.append(buf, static_cast<size_t>(n));
            } else {
                answered = true;  // Connection: close, so the end of the answer
                closed_when_answered = closed();
            }
        }
    }
    for (const Slow &s : slow) close(s.fd);
    close(honest);

    ASSERT_TRUE(answered) << "the honest client got no whole answer; it read: " << answer;
    EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer;
    EXPECT_NE(answer.find(R"({"code":2100,"message":"import job does not exist, jobID=1)"), std::string::npos)
        << answer;
    EXPECT_EQ(closed(), kSlow) << "a trickling client kept its connection";
    EXPECT_GE(closed_when_answered, kSlow - kWorkers + 1)
        << "the honest client was served before the slow ones lost their workers: the test proved nothing";
    for (const Slow &s : slow) EXPECT_GT(s.sent, 1u) << "a slow client was closed before it trickled";
}

// A request whose head came at once but whose body trickles is closed too.
TEST(EmulatorSlowClients, ATricklingBodyIsClosedToo) {
    EmulatorProcess emulator({"--threads", "1", "--request-timeout", "2"});
    const int fd = connect_to(port_of(emulator.url()));
    ASSERT_GE(fd, 0);
    const std::string head =
        "POST /v2/vectordb/jobs/import/describe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000000\r\n\r\n";
    ASSERT_EQ(send(fd, head.data(), head.size(), MSG_NOSIGNAL), static_cast<ssize_t>(head.size()));
    bool closed = false;
    size_t sent = 0;
    const auto give_up = std::chrono::steady_clock::now() + kEmulatorHang;
    for (int round = 0; round < 100000 && !closed && std::chrono::steady_clock::now() < give_up; ++round) {
        if (send(fd, " ", 1, MSG_NOSIGNAL) != 1) {
            closed = true;  // reset by the emulator
            break;
        }
        ++sent;
        pollfd p{fd, POLLIN | POLLRDHUP, 0};
        char buf[256];
        if (poll(&p, 1, 100) > 0 && recv(fd, buf, sizeof buf, MSG_DONTWAIT) <= 0) closed = true;
    }
    close(fd);
    EXPECT_TRUE(closed) << "a trickling body kept its connection after " << sent << " bytes";
    EXPECT_GT(sent, 1u) << "closed before its body trickled";
}

}  // namespace
}  // namespace mip_test
