// SPDX-License-Identifier: Apache-2.0
/* two_phase_import: imports files into a collection in two phases: the job
 * stages the data and stops at Uncommitted, then is committed and watched
 * until its rows are queryable (Milvus >= 3.0).
 *
 *   cc -std=c99 two_phase_import.c $(pkg-config --cflags --libs mip) -o two_phase_import
 *   MIP_TOKEN=... ./two_phase_import http://localhost:19530 books a.parquet b.parquet
 *
 * Each file is one group (one JSON, Parquet or CSV file). Exit status: 0
 * completed, 1 failed, 2 any error. */
#include <mip.h>
#include <stdio.h>
#include <stdlib.h>

/* Prints the code and message of a failed call; returns 2, the exit status. */
static int report(const char *what, mip_code code, mip_error *err) {
    fprintf(stderr, "two_phase_import: %s: %s: %s\n", what, mip_code_name(code), mip_error_message(err));
    mip_error_free(err);
    return 2;
}

/* Waits for the job to stop (Completed, Failed or Uncommitted) and prints
 * where it stopped; *state receives it. */
static int wait_for(mip_client *client, const char *job_id, mip_state *state) {
    mip_wait_options o;
    mip_job *job = NULL;
    mip_error *err = NULL;
    mip_code code;
    mip_wait_options_init(&o, sizeof o);
    o.poll_interval_ms = 200;
    o.timeout_ms = 600000; /* jobs have been seen stuck in Committing: never wait without end */
    code = mip_wait_import_with_options(client, job_id, &o, NULL, &job, &err);
    if (code != MIP_OK) return report("wait", code, err);
    *state = mip_job_state(job);
    printf("job %s: %s at %d%%", job_id, mip_state_name(*state), mip_job_progress(job));
    if (*state == MIP_STATE_FAILED) printf(" (%s)", mip_job_reason(job));
    printf("\n");
    mip_job_free(job);
    return 0;
}

static int import(mip_client *client, const char *collection, char **files, int count) {
    mip_import_request *request = mip_import_request_new();
    mip_error *err = NULL;
    mip_state state = MIP_STATE_UNKNOWN;
    char *job_id = NULL;
    mip_code code;
    int i, status;

    if (!request) return 2;
    code = mip_import_request_set_collection(request, collection);
    for (i = 0; i < count && code == MIP_OK; i++) {
        const char *group[1];
        group[0] = files[i];
        code = mip_import_request_add_files(request, group, 1);
    }
    if (code == MIP_OK) code = mip_import_request_set_auto_commit(request, 0);
    if (code != MIP_OK) {
        mip_import_request_free(request);
        fprintf(stderr, "two_phase_import: bad collection name or path: %s\n", mip_code_name(code));
        return 2;
    }
    code = mip_create_import(client, request, NULL, &job_id, &err);
    mip_import_request_free(request);
    if (code != MIP_OK) return report("create", code, err);
    printf("job %s created\n", job_id);

    status = wait_for(client, job_id, &state);
    if (status == 0 && state == MIP_STATE_UNCOMMITTED) {
        /* The data is staged: here a pipeline would check it before making it visible. */
        code = mip_commit_import(client, job_id, NULL, &err);
        if (code != MIP_OK) {
            status = report("commit", code, err);
        } else {
            printf("job %s committed\n", job_id);
            status = wait_for(client, job_id, &state);
        }
    }
    if (status == 0) status = state == MIP_STATE_COMPLETED ? 0 : state == MIP_STATE_FAILED ? 1 : 2;
    mip_free(job_id);
    return status;
}

int main(int argc, char **argv) {
    mip_options *options;
    mip_client *client = NULL;
    mip_error *err = NULL;
    mip_code code;
    int status;

    if (argc < 4) {
        fprintf(stderr, "usage: %s ENDPOINT COLLECTION FILE...   (token in MIP_TOKEN)\n", argv[0]);
        return 2;
    }
    options = mip_options_new();
    if (!options) return 2;
    if (mip_options_set_endpoint(options, argv[1]) != MIP_OK ||
        mip_options_set_token(options, getenv("MIP_TOKEN")) != MIP_OK) {
        fprintf(stderr, "two_phase_import: bad endpoint or token\n");
        mip_options_free(options);
        return 2;
    }
    code = mip_client_new(options, &client, &err);
    mip_options_free(options);
    if (code != MIP_OK) return report("client", code, err);
    status = import(client, argv[2], argv + 3, argc - 3);
    mip_client_free(client);
    return status;
}
