// SPDX-License-Identifier: Apache-2.0
#include "job_snapshot.hpp"

namespace mipcli {

JobSnapshot snapshot_of(const mip_job *job) {
    JobSnapshot s;
    s.job_id = mip_job_id(job);
    s.collection_name = mip_job_collection_name(job);
    s.file_name = mip_job_file_name(job);
    s.state = mip_job_state(job);
    s.state_text = mip_job_state_text(job);
    s.progress = mip_job_progress(job);
    s.imported_rows = mip_job_imported_rows(job);
    s.total_rows = mip_job_total_rows(job);
    s.file_size = mip_job_file_size(job);
    s.create_time = mip_job_create_time(job);
    s.complete_time = mip_job_complete_time(job);
    s.reason = mip_job_reason(job);
    for (size_t i = 0; i < mip_job_detail_count(job); ++i) {
        const mip_detail *d = mip_job_detail(job, i);
        s.files.push_back({mip_detail_file_name(d), mip_detail_state(d), mip_detail_state_text(d),
                           mip_detail_progress(d), mip_detail_imported_rows(d), mip_detail_total_rows(d),
                           mip_detail_file_size(d), mip_detail_complete_time(d), mip_detail_reason(d)});
    }
    return s;
}

}  // namespace mipcli
