// SPDX-License-Identifier: Apache-2.0
// All known jobs, shared by every flavor, and the ids each flavor hands out.
// Finished jobs are forgotten after the retention, as Milvus forgets them.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "job_model.hpp"
#include "name_table.hpp"

namespace emu {

// The most Idempotency-Key entries kept at once; past it the oldest leaves.
// Entries leave with their jobs, but an Uncommitted job is never forgotten,
// so without a cap a client could grow the map without end. 100,000 is ten
// times Zilliz Cloud's own limit of 10,000 running or pending jobs per
// collection, so no honest test loses a live key, and it keeps the map to
// some tens of MB even with every key at its 256-byte maximum.
constexpr size_t kMostIdempotencyKeys = 100000;

struct StoreDefaults {
    double duration_s = 10;  // simulated seconds a job takes when it names none
    double commit_s = 2;     // simulated seconds a commit takes
    double speed = 1;        // simulated seconds per wall second
    bool uncommitted = false;
    double retention_s = 10800;  // simulated seconds a finished job is kept (Milvus's taskRetention)
    size_t idempotency_keys = kMostIdempotencyKeys;
};

// Who asks: a Milvus request sees its database's jobs; a cloud request its
// cluster's and those of cluster "*" (every cluster).
struct Viewer {
    enum Kind { Database, Cluster } kind;
    std::string name;
};
bool can_see(const Viewer &viewer, const JobSpec &job);

// What a commit or an abort did: Done, or refused because the job is
// unknown or in `state`.
struct Change {
    enum Outcome { Done, Unknown, WrongState } outcome;
    std::string state;
};

// Some of the jobs a viewer sees, and how many it sees in all.
struct Selection {
    int64_t count = 0;
    std::vector<JobSpec> jobs;
};

class JobStore {
public:
    explicit JobStore(StoreDefaults defaults);

    // Stores a new job (filling in defaults and its start time) unless one
    // with that id exists; returns the stored job either way.
    JobSpec add(JobSpec job);
    // add, once per idempotency key: a key still remembered gives the job
    // first stored under it and stores nothing. An empty key is no key. A
    // key is remembered until its job is forgotten, or until it is the
    // oldest of more than `idempotency_keys`.
    JobSpec add_once(const std::string &key, JobSpec job);
    // The job with its defaults and start time filled in, as add stores it,
    // but not stored: for jobs made afresh on every request.
    JobSpec started(JobSpec job) const;
    std::optional<JobSpec> find(const std::string &id);
    // The jobs `viewer` sees, of `collection` unless it is empty, in the
    // order they were stored: their count, and at most `limit` of them from
    // the `first` (0-based). Only those are copied.
    Selection select(const Viewer &viewer, const std::string &collection, int64_t first, int64_t limit);
    JobState state_of(const JobSpec &job) const;

    // Commit is accepted in Uncommitted only; abort in any state but
    // Committing and Completed (again, too, once aborted).
    Change commit(const std::string &id);
    Change abort(const std::string &id);

    std::string new_milvus_id();  // decimal, above 2^53 like Milvus's
    std::string new_cloud_id();   // job-01fa0e5d42cjxudhpuehyp style
    std::string new_uuid();       // cloud v1 style

private:
    struct Stored {
        JobSpec job;
        uint64_t seq;                            // place in the order of storing
        std::string key;                         // its idempotency key while remembered, else ""
        uint64_t database, cluster, collection;  // names_ numbers
    };
    // What a list filters on, apart from the jobs so that a scan of every
    // job stays in a few cache-friendly bytes each. In the order of storing;
    // a forgotten job's entry has no `stored` until the next compaction.
    struct Listed {
        uint64_t seq;
        const Stored *stored;
        uint64_t database, cluster, collection;
    };
    using Jobs = std::map<uint64_t, Stored>;

    // Stores the job unless its id is known; the stored one, and whether it is new.
    std::pair<Stored *, bool> add_locked(JobSpec job);
    // When the job is to be forgotten, in wall seconds since epoch_; none
    // while it has not finished and only a commit or an abort can end it.
    std::optional<double> forget_at(const JobSpec &job) const;
    void schedule_locked(const Stored &stored);
    void forget_expired_locked();
    void forget_locked(Jobs::iterator it);
    Stored *find_locked(const std::string &id);

    const StoreDefaults defaults_;
    const SteadyTime epoch_;
    mutable std::mutex mutex_;

    Jobs jobs_;                                      // by seq: the order of storing
    std::unordered_map<std::string, uint64_t> ids_;  // job id -> seq
    std::vector<Listed> listed_;
    size_t listed_gone_ = 0;  // entries of forgotten jobs in listed_
    NameTable names_;
    // Finished jobs by when to forget them. A job can have two entries (an
    // abort moved its end earlier); neither is ever later than the job's
    // own time, so whichever comes first forgets it.
    std::multimap<double, uint64_t> forget_at_;
    std::unordered_map<std::string, uint64_t> keys_;  // idempotency key -> seq
    std::set<uint64_t> keyed_;                        // seqs holding a key, oldest first
    uint64_t next_seq_ = 1;
    int64_t next_milvus_id_ = 448761313698322011;
    std::mt19937_64 random_;
};

}  // namespace emu
