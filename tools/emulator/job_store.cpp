// SPDX-License-Identifier: Apache-2.0
#include "job_store.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace emu {

bool can_see(const Viewer &viewer, const JobSpec &job) {
    if (viewer.kind == Viewer::Database) return job.database == viewer.name;
    return job.cluster == "*" || job.cluster == viewer.name;
}

JobStore::JobStore(StoreDefaults defaults)
    : defaults_(defaults), epoch_(std::chrono::steady_clock::now()), random_(std::random_device{}()) {}

JobSpec JobStore::add(JobSpec job) {
    std::lock_guard<std::mutex> lock(mutex_);
    forget_expired_locked();
    return add_locked(std::move(job)).first->job;
}

std::pair<JobStore::Stored *, bool> JobStore::add_locked(JobSpec job) {
    if (Stored *known = find_locked(job.id)) return {known, false};
    job = started(std::move(job));
    const uint64_t seq = next_seq_++;
    const uint64_t database = names_.hold(job.database), cluster = names_.hold(job.cluster),
                   collection = names_.hold(job.collection);
    ids_.emplace(job.id, seq);
    Stored &stored =
        jobs_.emplace_hint(jobs_.end(), seq, Stored{std::move(job), seq, "", database, cluster, collection})->second;
    listed_.push_back({seq, &stored, database, cluster, collection});
    schedule_locked(stored);
    return {&stored, true};
}

JobSpec JobStore::add_once(const std::string &key, JobSpec job) {
    // Checked and recorded under one lock, so two racing creates make one job.
    std::lock_guard<std::mutex> lock(mutex_);
    forget_expired_locked();
    if (key.empty()) return add_locked(std::move(job)).first->job;
    if (auto it = keys_.find(key); it != keys_.end()) return jobs_.at(it->second).job;
    auto [stored, added] = add_locked(std::move(job));
    if (!added) return stored->job;
    if (keys_.size() >= defaults_.idempotency_keys) {
        Stored &oldest = jobs_.at(*keyed_.begin());
        keys_.erase(oldest.key);
        oldest.key.clear();
        keyed_.erase(keyed_.begin());
    }
    keys_.emplace(key, stored->seq);
    keyed_.insert(stored->seq);
    stored->key = key;
    return stored->job;
}

JobSpec JobStore::started(JobSpec job) const {
    if (job.duration_s < 0) job.duration_s = defaults_.duration_s;
    if (job.commit_s < 0) job.commit_s = defaults_.commit_s;
    job.uncommitted = job.uncommitted || defaults_.uncommitted;
    // A job that starts part-way is one that started earlier on the wall clock.
    const auto head_start = std::chrono::duration<double>(job.elapsed_s / defaults_.speed);
    job.started =
        std::chrono::steady_clock::now() - std::chrono::duration_cast<std::chrono::steady_clock::duration>(head_start);
    job.started_wall =
        std::chrono::system_clock::now() - std::chrono::duration_cast<std::chrono::system_clock::duration>(head_start);
    return job;
}

JobStore::Stored *JobStore::find_locked(const std::string &id) {
    auto it = ids_.find(id);
    return it == ids_.end() ? nullptr : &jobs_.at(it->second);
}

std::optional<JobSpec> JobStore::find(const std::string &id) {
    std::lock_guard<std::mutex> lock(mutex_);
    forget_expired_locked();
    if (const Stored *stored = find_locked(id)) return stored->job;
    return std::nullopt;
}

Selection JobStore::select(const Viewer &viewer, const std::string &collection, int64_t first, int64_t limit) {
    std::lock_guard<std::mutex> lock(mutex_);
    forget_expired_locked();
    Selection out;
    // The same test as can_see, on names_ numbers: a name no job holds matches nothing.
    const auto owner = names_.find(viewer.name);
    const auto every_cluster = viewer.kind == Viewer::Cluster ? names_.find("*") : std::nullopt;
    const auto wanted = names_.find(collection);
    if (!collection.empty() && !wanted) return out;
    for (const Listed &l : listed_) {
        if (!l.stored) continue;
        const uint64_t job_owner = viewer.kind == Viewer::Database ? l.database : l.cluster;
        if (job_owner != owner && job_owner != every_cluster) continue;
        if (!collection.empty() && l.collection != *wanted) continue;
        if (out.count >= first && out.count - first < limit) out.jobs.push_back(l.stored->job);
        ++out.count;
    }
    return out;
}

JobState JobStore::state_of(const JobSpec &job) const {
    return simulate(job, std::chrono::steady_clock::now(), defaults_.speed);
}

// State and change are read and made under one lock: two racing commits
// cannot both be accepted.
Change JobStore::commit(const std::string &id) {
    std::lock_guard<std::mutex> lock(mutex_);
    forget_expired_locked();
    Stored *stored = find_locked(id);
    if (!stored) return {Change::Unknown, ""};
    const auto now = std::chrono::steady_clock::now();
    std::string state = simulate(stored->job, now, defaults_.speed).state;
    if (state != "Uncommitted") return {Change::WrongState, std::move(state)};
    stored->job.committed = now;
    schedule_locked(*stored);  // an Uncommitted job had no end until now
    return {Change::Done, ""};
}

Change JobStore::abort(const std::string &id) {
    std::lock_guard<std::mutex> lock(mutex_);
    forget_expired_locked();
    Stored *stored = find_locked(id);
    if (!stored) return {Change::Unknown, ""};
    const auto now = std::chrono::steady_clock::now();
    std::string state = simulate(stored->job, now, defaults_.speed).state;
    if (state == "Committing" || state == "Completed") return {Change::WrongState, std::move(state)};
    if (!stored->job.aborted) {
        stored->job.aborted = now;
        schedule_locked(*stored);  // the job ends now, earlier than it would have
    }
    return {Change::Done, ""};
}

std::optional<double> JobStore::forget_at(const JobSpec &job) const {
    const auto end = finished_after(job, defaults_.speed);
    if (!end) return std::nullopt;
    const double at =
        std::chrono::duration<double>(job.started - epoch_).count() + *end + defaults_.retention_s / defaults_.speed;
    if (!std::isfinite(at)) return std::nullopt;
    return at;
}

void JobStore::schedule_locked(const Stored &stored) {
    if (const auto at = forget_at(stored.job)) forget_at_.emplace(*at, stored.seq);
}

// Called first by every public use of the store, so no answer shows a job
// past its retention; costs nothing while nothing is due.
void JobStore::forget_expired_locked() {
    const double now = std::chrono::duration<double>(std::chrono::steady_clock::now() - epoch_).count();
    while (!forget_at_.empty() && forget_at_.begin()->first <= now) {
        const uint64_t seq = forget_at_.begin()->second;
        forget_at_.erase(forget_at_.begin());
        if (auto it = jobs_.find(seq); it != jobs_.end()) forget_locked(it);  // else: forgotten by an earlier entry
    }
}

void JobStore::forget_locked(Jobs::iterator it) {
    Stored &stored = it->second;
    if (!stored.key.empty()) {
        keys_.erase(stored.key);
        keyed_.erase(stored.seq);
    }
    names_.release(stored.job.database);
    names_.release(stored.job.cluster);
    names_.release(stored.job.collection);
    ids_.erase(stored.job.id);
    auto listed = std::lower_bound(listed_.begin(), listed_.end(), stored.seq,
                                   [](const Listed &l, uint64_t seq) { return l.seq < seq; });
    listed->stored = nullptr;
    jobs_.erase(it);
    // Compacted once half the entries are gone: each entry is moved a
    // bounded number of times in all, however the jobs end.
    if (++listed_gone_ > listed_.size() / 2) {
        listed_.erase(std::remove_if(listed_.begin(), listed_.end(), [](const Listed &l) { return !l.stored; }),
                      listed_.end());
        listed_gone_ = 0;
    }
}

std::string JobStore::new_milvus_id() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string id;
    do {
        id = std::to_string(next_milvus_id_++);
    } while (ids_.count(id));
    return id;
}

std::string JobStore::new_cloud_id() {
    static const char kAlphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    std::lock_guard<std::mutex> lock(mutex_);
    std::string id = "job-";
    for (int i = 0; i < 22; ++i) id += kAlphabet[random_() % 36];
    return id;
}

std::string JobStore::new_uuid() {
    std::lock_guard<std::mutex> lock(mutex_);
    const uint64_t hi = random_(), lo = random_();
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                  static_cast<unsigned>(hi >> 16) & 0xffff, static_cast<unsigned>(hi) & 0xfff,
                  0x8000 | (static_cast<unsigned>(lo >> 48) & 0x3fff),
                  static_cast<unsigned long long>(lo & 0xffffffffffffULL));
    return buf;
}

}  // namespace emu
