// SPDX-License-Identifier: Apache-2.0
// Runs mip-emulator as a child process for a test: started with --port 0,
// its port read from the first line it prints, stopped with SIGTERM.
#pragma once

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

extern char **environ;

namespace mip_test {

// How many times longer than on a quiet machine a test may take: three for
// a machine three times oversubscribed, times fifteen under a sanitizer
// (ThreadSanitizer runs code some 5-15 times slower). Budgets that only
// guard against a hang are multiplied by it; no test waits for one to pass.
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
#  define MIP_TEST_SANITIZED 1
#elif defined(__has_feature)
#  if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
#    define MIP_TEST_SANITIZED 1
#  endif
#endif
#ifdef MIP_TEST_SANITIZED
constexpr int kSlowdown = 3 * 15;
#else
constexpr int kSlowdown = 3;
#endif

// The longest a start or a stop of the emulator may take before a test
// calls it hung.
constexpr std::chrono::seconds kEmulatorHang{120};

class EmulatorProcess {
public:
    explicit EmulatorProcess(std::vector<std::string> flags) {
        std::vector<std::string> args{MIP_EMULATOR_PATH, "--port", "0"};
        args.insert(args.end(), flags.begin(), flags.end());
        std::vector<char *> argv;
        for (std::string &a : args) argv.push_back(a.data());
        argv.push_back(nullptr);

        int out[2];
        if (pipe(out) != 0) throw std::runtime_error("pipe failed");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        close(out[1]);
        if (rc != 0) {
            close(out[0]);
            throw std::runtime_error("cannot start " + args[0]);
        }
        port_ = read_port(out[0]);
        close(out[0]);
        if (port_ <= 0) {
            stop();
            throw std::runtime_error("mip-emulator printed no port");
        }
    }

    ~EmulatorProcess() { stop(); }
    EmulatorProcess(const EmulatorProcess &) = delete;
    EmulatorProcess &operator=(const EmulatorProcess &) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

    // SIGTERM and the exit status (0 is a clean exit), once. An emulator
    // still running kEmulatorHang later is killed: 128 + SIGKILL.
    int stop() {
        if (pid_ <= 0) return exit_status_;
        kill(pid_, SIGTERM);
        // A pidfd becomes readable when the process exits: a wait with a bound.
        const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid_, 0));
        if (pidfd >= 0) {
            pollfd p{pidfd, POLLIN, 0};
            if (poll(&p, 1, static_cast<int>(std::chrono::milliseconds(kEmulatorHang).count())) <= 0)
                kill(pid_, SIGKILL);
            close(pidfd);
        }
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
        exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return exit_status_;
    }

private:
    // The first line, waited for at most kEmulatorHang (an emulator built
    // with a sanitizer, on a busy machine, takes seconds to start); an
    // emulator that exits first ends the wait at once.
    static int read_port(int fd) {
        std::string line;
        const auto give_up = std::chrono::steady_clock::now() + kEmulatorHang;
        while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < give_up) {
            pollfd p{fd, POLLIN, 0};
            if (poll(&p, 1, 1000) <= 0) continue;
            char buf[64];
            const ssize_t n = read(fd, buf, sizeof buf);
            if (n <= 0) break;
            line.append(buf, static_cast<size_t>(n));
        }
        try {
            return std::stoi(line);
        } catch (...) {
            return -1;
        }
    }

    pid_t pid_ = -1;
    int port_ = -1;
    int exit_status_ = -1;
};

}  // namespace mip_test
