// SPDX-License-Identifier: Apache-2.0
// What to import (docs/wire-protocol.md section 6), as plain values: the C
// builder fills it, core/rules checks it and a flavor writes it.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace mip {

struct ImportRequest {
    std::string collection;
    std::string partition;                        // empty: the default partition
    std::vector<std::vector<std::string>> files;  // one group per imported unit
    // In the order first set; a key set again keeps its place and the new
    // value, so the server never sees a key twice (Milvus refuses that).
    std::vector<std::pair<std::string, std::string>> options;
    // Where each key stands in `options`: setting many options stays linear.
    std::unordered_map<std::string, size_t> option_index;
    std::string access_key;       // object storage, cloud flavors only
    std::string secret_key;       // never in a message
    std::string idempotency_key;  // empty: a random one per call

    void set_option(std::string_view key, std::string_view value);
    // auto_commit is an option like the others: on removes it (the server's
    // default is "true"), off sets "false".
    void set_auto_commit(bool on);
};

// A new key for one create: 128 random bits, never the same twice in
// practice, printable ASCII.
std::string random_idempotency_key();

}  // namespace mip
