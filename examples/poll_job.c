// SPDX-License-Identifier: Apache-2.0
/* poll_job: prints a bulk-import job's progress until it ends.
 *
 *   cc -std=c99 poll_job.c $(pkg-config --cflags --libs mip) -o poll_job
 *   MIP_TOKEN=... ./poll_job https://in01-xxxx.api.gcp-us-west1.zillizcloud.com 448761313698322011
 *
 * The token comes from the environment so it stays out of shell history.
 * Exit status: 0 completed, 1 failed, 3 uncommitted, 2 any error. */
#include <mip.h>
#include <stdio.h>
#include <stdlib.h>

static int print_progress(const mip_job *job, void *user) {
    size_t i;
    (void)user;
    printf("%-11s %3d%%  %lld/%lld rows\n", mip_state_name(mip_job_state(job)), mip_job_progress(job),
           (long long)mip_job_imported_rows(job), (long long)mip_job_total_rows(job));
    for (i = 0; i < mip_job_detail_count(job); i++) {
        const mip_detail *d = mip_job_detail(job, i);
        printf("    %-40s %3d%%\n", mip_detail_file_name(d), mip_detail_progress(d));
    }
    fflush(stdout);
    return 0; /* go on */
}

int main(int argc, char **argv) {
    mip_options *options;
    mip_client *client = NULL;
    mip_job *job = NULL;
    mip_error *err = NULL;
    mip_code code;
    int status = 2;

    if (argc != 3) {
        fprintf(stderr, "usage: %s ENDPOINT JOB_ID   (token in MIP_TOKEN)\n", argv[0]);
        return 2;
    }
    options = mip_options_new();
    if (!options) return 2;
    if (mip_options_set_endpoint(options, argv[1]) != MIP_OK ||
        mip_options_set_token(options, getenv("MIP_TOKEN")) != MIP_OK) {
        fprintf(stderr, "poll_job: bad endpoint or token\n");
        mip_options_free(options);
        return 2;
    }
    /* The code a call returns is the one to print: when even the error
     * object could not be allocated, err is NULL and only the code tells
     * (MIP_ERR_NO_MEMORY). */
    if ((code = mip_client_new(options, &client, &err)) != MIP_OK) {
        fprintf(stderr, "poll_job: %s: %s\n", mip_code_name(code), mip_error_message(err));
    } else if ((code = mip_wait_import(client, argv[2], MIP_DEFAULT_POLL_INTERVAL_MS, 0, print_progress, NULL, NULL,
                                       &job, &err)) != MIP_OK) {
        fprintf(stderr, "poll_job: %s: %s\n", mip_code_name(code), mip_error_message(err));
    } else {
        switch (mip_job_state(job)) {
            case MIP_STATE_COMPLETED: status = 0; break;
            case MIP_STATE_FAILED:
                status = 1;
                printf("reason: %s\n", mip_job_reason(job));
                break;
            default: status = 3; break; /* uncommitted: waits for a commit or an abort */
        }
    }
    mip_job_free(job);
    mip_error_free(err);
    mip_client_free(client);
    mip_options_free(options);
    return status;
}
