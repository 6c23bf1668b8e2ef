// SPDX-License-Identifier: Apache-2.0
#include "listen_backlog.hpp"

#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <algorithm>

namespace emu {

void widen_listen_backlog(int port) {
    // httplib keeps its socket to itself: find it among our descriptors.
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    const int max_fd = static_cast<int>(std::min<rlim_t>(limit.rlim_cur, 65536));
    for (int fd = 3; fd < max_fd; ++fd) {
        int listening = 0;
        socklen_t len = sizeof listening;
        if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) != 0 || !listening) continue;
        sockaddr_storage local{};
        socklen_t local_len = sizeof local;
        if (getsockname(fd, reinterpret_cast<sockaddr *>(&local), &local_len) != 0) continue;
        const int local_port = local.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6 *>(&local)->sin6_port)
                                                           : ntohs(reinterpret_cast<sockaddr_in *>(&local)->sin_port);
        // On Linux, listen() on a listening socket just sets the new backlog.
        if (local_port == port) listen(fd, SOMAXCONN);
    }
}

}  // namespace emu
