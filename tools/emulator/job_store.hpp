// All known jobs, shared by every flavor, and the ids each flavor hands out.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "job_model.hpp"

namespace emu {

struct StoreDefaults {
    double duration_s = 10;  // simulated seconds a job takes when it names none
    double commit_s = 2;     // simulated seconds a commit takes
    double speed = 1;        // simulated seconds per wall second
    bool uncommitted = false;
};

// What a commit or an abort did: Done, or refused because the job is
// unknown or in `state`.
struct Change {
    enum Outcome { Done, Unknown, WrongState } outcome;
    std::string state;
};

class JobStore {
public:
    explicit JobStore(StoreDefaults defaults);

    // Stores a new job (filling in defaults and its start time) unless one
    // with that id exists; returns the stored job either way.
    JobSpec add(JobSpec job);
    // add, once per idempotency key: a key seen before gives the job first
    // stored under it and stores nothing. An empty key is no key.
    JobSpec add_once(const std::string &key, JobSpec job);
    // The job with its defaults and start time filled in, as add stores it,
    // but not stored: for jobs made afresh on every request.
    JobSpec started(JobSpec job) const;
    std::optional<JobSpec> find(const std::string &id) const;
    std::vector<JobSpec> all() const;  // in the order they were stored
    JobState state_of(const JobSpec &job) const;

    // Commit is accepted in Uncommitted only; abort in any state but
    // Committing and Completed (again, too, once aborted).
    Change commit(const std::string &id);
    Change abort(const std::string &id);

    std::string new_milvus_id();  // decimal, above 2^53 like Milvus's
    std::string new_cloud_id();   // job-01fa0e5d42cjxudhpuehyp style
    std::string new_uuid();       // cloud v1 style

private:
    StoreDefaults defaults_;
    mutable std::mutex mutex_;
    JobSpec add_locked(JobSpec job);

    std::map<std::string, JobSpec> jobs_;
    std::vector<std::string> order_;                 // ids as stored, for lists in a stable order
    std::map<std::string, std::string> idempotent_;  // idempotency key -> job id, for the lifetime
    int64_t next_milvus_id_ = 448761313698322011;
    std::mt19937_64 random_;
};

}  // namespace emu
