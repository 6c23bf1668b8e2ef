// SPDX-License-Identifier: Apache-2.0
// Names (databases, clusters, collections) as small numbers, so that a list
// compares numbers while it scans every job. A name stays while a job holds
// it, and is dropped with its last job: names a client made up do not pile
// up once their jobs are forgotten.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

namespace emu {

class NameTable {
public:
    // The name's number, held once more.
    uint64_t hold(const std::string &name) {
        auto [it, added] = names_.try_emplace(name, Entry{next_, 0});
        if (added) ++next_;
        ++it->second.holders;
        return it->second.id;
    }

    // Lets go of one hold; the last one drops the name. Numbers are never
    // given out twice, so a name dropped and made again is a new number.
    void release(const std::string &name) {
        auto it = names_.find(name);
        if (it != names_.end() && --it->second.holders == 0) names_.erase(it);
    }

    // The name's number, if a job holds it.
    std::optional<uint64_t> find(const std::string &name) const {
        auto it = names_.find(name);
        if (it == names_.end()) return std::nullopt;
        return it->second.id;
    }

private:
    struct Entry {
        uint64_t id;
        uint64_t holders;
    };
    std::unordered_map<std::string, Entry> names_;
    uint64_t next_ = 1;
};

}  // namespace emu
