// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace emu {

// Raises the listen backlog of our listening socket on `port` to SOMAXCONN.
// Debian's cpp-httplib is built with a backlog of 5: a burst of more new
// connections than that has its SYNs dropped and waits a full second for
// the retransmission, which no real server does to 64 clients at once.
void widen_listen_backlog(int port);

}  // namespace emu
