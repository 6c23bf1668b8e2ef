#include "job_store.hpp"

#include <cstdio>

namespace emu {

JobStore::JobStore(StoreDefaults defaults) : defaults_(defaults), random_(std::random_device{}()) {}

JobSpec JobStore::add(JobSpec job) {
    std::lock_guard<std::mutex> lock(mutex_);
    return add_locked(std::move(job));
}

JobSpec JobStore::add_locked(JobSpec job) {
    if (auto it = jobs_.find(job.id); it != jobs_.end()) return it->second;
    job = started(std::move(job));
    order_.push_back(job.id);
    return jobs_.emplace(job.id, std::move(job)).first->second;
}

JobSpec JobStore::add_once(const std::string &key, JobSpec job) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (key.empty()) return add_locked(std::move(job));
    // Checked and recorded under one lock, so two racing creates make one job.
    if (auto it = idempotent_.find(key); it != idempotent_.end()) return jobs_.at(it->second);
    idempotent_.emplace(key, job.id);
    return add_locked(std::move(job));
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

std::optional<JobSpec> JobStore::find(const std::string &id) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = jobs_.find(id);
    if (it == jobs_.end()) return std::nullopt;
    return it->second;
}

std::vector<JobSpec> JobStore::all() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<JobSpec> out;
    out.reserve(order_.size());
    for (const auto &id : order_) out.push_back(jobs_.at(id));
    return out;
}

JobState JobStore::state_of(const JobSpec &job) const {
    return simulate(job, std::chrono::steady_clock::now(), defaults_.speed);
}

// State and change are read and made under one lock: two racing commits
// cannot both be accepted.
Change JobStore::commit(const std::string &id) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = jobs_.find(id);
    if (it == jobs_.end()) return {Change::Unknown, ""};
    const auto now = std::chrono::steady_clock::now();
    std::string state = simulate(it->second, now, defaults_.speed).state;
    if (state != "Uncommitted") return {Change::WrongState, std::move(state)};
    it->second.committed = now;
    return {Change::Done, ""};
}

Change JobStore::abort(const std::string &id) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = jobs_.find(id);
    if (it == jobs_.end()) return {Change::Unknown, ""};
    std::string state = simulate(it->second, std::chrono::steady_clock::now(), defaults_.speed).state;
    if (state == "Committing" || state == "Completed") return {Change::WrongState, std::move(state)};
    it->second.aborted = true;
    return {Change::Done, ""};
}

std::string JobStore::new_milvus_id() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string id;
    do {
        id = std::to_string(next_milvus_id_++);
    } while (jobs_.count(id));
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
