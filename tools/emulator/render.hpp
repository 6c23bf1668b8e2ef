// Response bodies, one dialect per server flavor.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "job_model.hpp"

namespace emu {

enum class Flavor { Milvus, Cloud, CloudV1 };

using JobView = std::pair<JobSpec, JobState>;

// {"code":N,"message":"..."}: the error envelope all three flavors share.
std::string error_envelope(int64_t code, std::string_view message);

// The whole success answer to a progress request.
std::string render_progress(Flavor flavor, const JobSpec &job, const JobState &state);
std::string render_list(Flavor flavor, const std::vector<JobView> &jobs);
std::string render_created(Flavor flavor, const std::string &job_id);

}  // namespace emu
