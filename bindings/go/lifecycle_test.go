// SPDX-License-Identifier: Apache-2.0

package mip

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// The whole life of a job against mip-emulator (Milvus flavor): created
// with auto-commit off, waited for at Uncommitted, committed and waited for
// at Completed; or aborted; and listed. Every wait is bounded by its
// context; nothing sleeps.

// legacyURL is an emulator started with --legacy (no describe, commit or
// abort route), by run_tests.sh.
var legacyURL = os.Getenv("MIP_EMULATOR_LEGACY_URL")

// uniqueCollection is a collection no other run against the same emulators
// uses (go test -race and go test share them).
func uniqueCollection(prefix string) string {
	return fmt.Sprintf("%s_%d_%d", prefix, os.Getpid(), time.Now().UnixNano())
}

// waitFor waits, at most 30 s, for the job to stop at a terminal state.
func waitFor(t *testing.T, c *Client, id string, want State) *ImportProgressData {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	job, err := c.Wait(ctx, id, 50*time.Millisecond, nil)
	if err != nil {
		t.Fatalf("wait for %s: %v", want, err)
	}
	if job.NormalizedState != want {
		t.Fatalf("job %s is %s (%s), want %s", id, job.NormalizedState, job.State, want)
	}
	return job
}

func TestLifecycleAgainstEmulator(t *testing.T) {
	needEmulator(t)
	ctx := context.Background()
	c := newTestClient(t, Options{})
	coll := uniqueCollection("go_life_ü")
	files := [][]string{{"1.parquet"}, {"a.npy", "b.npy"}}

	// Commit path.
	id, err := c.BulkImport(ctx, NewImportRequest(coll, files).WithAutoCommit(false))
	if err != nil {
		t.Fatal(err)
	}
	job := waitFor(t, c, id, StateUncommitted)
	if job.Progress != 99 || job.CollectionName != coll || len(job.Details) != 2 {
		t.Errorf("uncommitted: %+v", *job)
	}
	// A commit too early was refused by the server, not by the binding;
	// here the job is ready.
	if err := c.CommitImport(ctx, id); err != nil {
		t.Fatal(err)
	}
	job = waitFor(t, c, id, StateCompleted)
	if job.Progress != 100 || job.CompleteTime == "" {
		t.Errorf("completed: %+v", *job)
	}
	// Committing a completed job is the server's refusal.
	if err := c.CommitImport(ctx, id); !errors.Is(err, ErrServer) {
		t.Errorf("second commit: %v", err)
	}

	// Abort path, through the SDK-style functions.
	resp, err := BulkImport(ctx, NewBulkImportOption(emulatorURL, coll, [][]string{{"c.json"}}).WithAutoCommit(false))
	if err != nil {
		t.Fatal(err)
	}
	aborted := resp.Data.JobID
	waitFor(t, c, aborted, StateUncommitted)
	if err := AbortImport(ctx, NewAbortImportOption(emulatorURL, aborted)); err != nil {
		t.Fatal(err)
	}
	if err := c.AbortImport(ctx, aborted); err != nil { // a second abort succeeds
		t.Fatalf("second abort: %v", err)
	}
	job, err = c.GetImportProgress(ctx, aborted)
	if err != nil || job.NormalizedState != StateFailed || !strings.Contains(job.Reason, "abort") {
		t.Fatalf("aborted job: %+v %v", job, err)
	}

	// A job that commits itself, and the same Idempotency-Key twice.
	key := uniqueCollection("go-idem") // printable ASCII
	auto, err := c.BulkImport(ctx, NewImportRequest(coll, [][]string{{"d.parquet"}}).WithIdempotencyKey(key))
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.BulkImport(ctx, NewImportRequest(coll, [][]string{{"other.parquet"}}).WithIdempotencyKey(key))
	if err != nil || again != auto {
		t.Fatalf("repeated create: %q, first %q, %v", again, auto, err)
	}
	waitFor(t, c, auto, StateCompleted)

	// The list of the collection: the three jobs, in creation order.
	jobs, err := c.ListImportJobs(ctx, coll)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]State{}
	var order []string
	for _, j := range jobs {
		got[j.JobID] = j.NormalizedState
		order = append(order, j.JobID)
		if j.CollectionName != coll {
			t.Errorf("listed %q of %q", j.JobID, j.CollectionName)
		}
	}
	want := map[string]State{id: StateCompleted, aborted: StateFailed, auto: StateCompleted}
	if len(jobs) != 3 || fmt.Sprint(got) != fmt.Sprint(want) || order[0] != id || order[2] != auto {
		t.Errorf("list %v (order %v), want %v", got, order, want)
	}
	all, err := ListImportJobs(ctx, NewListImportJobsOption(emulatorURL, ""))
	if err != nil || len(all.Data.Records) < 3 || !all.Data.Complete {
		t.Fatalf("list all: %v", err)
	}
}

// Not found: commit and abort of a job the server does not have.
func TestTwoPhaseNotFound(t *testing.T) {
	needEmulator(t)
	ctx := context.Background()
	c := newTestClient(t, Options{})
	for name, err := range map[string]error{
		"commit": c.CommitImport(ctx, jobMissing),
		"abort":  c.AbortImport(ctx, jobMissing),
	} {
		if !errors.Is(err, ErrNotFound) || errors.Is(err, ErrUnsupported) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// The cloud flavor against the emulator: storage keys travel, the job is
// listed through the cloud's pages.
func TestCloudLifecycleAgainstEmulator(t *testing.T) {
	needEmulator(t)
	ctx := context.Background()
	const secret = "secret-emu-9e8d7c6b5a4f3e2d"
	cluster := uniqueCollection("in01")
	c := newTestClient(t, Options{API: APICloud, Token: "any-key-1234", ClusterID: cluster})
	coll := uniqueCollection("go_cloud")
	var ids []string
	for i := 0; i < 3; i++ {
		id, err := c.BulkImport(ctx, NewImportRequest(coll, [][]string{{fmt.Sprintf("s3://b/%d.parquet", i)}}).
			WithObjectCredentials("AKIA", secret).WithAutoCommit(false))
		if err != nil {
			assertNoSecret(t, secret, printed(err)...)
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	waitFor(t, c, ids[0], StateUncommitted)
	if err := c.CommitImport(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	waitFor(t, c, ids[0], StateCompleted)
	resp, err := ListImportJobs(ctx, NewCloudListImportJobsOption(emulatorURL, coll, "any-key-1234", cluster).WithAPI(APICloud))
	if err != nil || len(resp.Data.Records) != 3 || !resp.Data.Complete {
		t.Fatalf("%+v %v", resp, err)
	}
	for i, r := range resp.Data.Records {
		if r.JobID != ids[i] {
			t.Errorf("record %d is %q, want %q", i, r.JobID, ids[i])
		}
	}
}

// A server without two-phase import (mip-emulator --legacy, like Milvus
// 2.x): ErrUnsupported, not ErrNotFound.
func TestLegacyServerHasNoTwoPhase(t *testing.T) {
	if legacyURL == "" {
		t.Skip("MIP_EMULATOR_LEGACY_URL is not set: bindings/go/run_tests.sh BUILD_DIR starts an emulator with --legacy")
	}
	ctx := context.Background()
	c := newTestClient(t, Options{Endpoint: legacyURL})
	for name, err := range map[string]error{
		"commit":     c.CommitImport(ctx, jobDone),
		"abort":      c.AbortImport(ctx, jobDone),
		"sdk-commit": CommitImport(ctx, NewCommitImportOption(legacyURL, jobDone)),
		"sdk-abort":  AbortImport(ctx, NewAbortImportOption(legacyURL, jobDone)),
	} {
		var e *Error
		if !errors.Is(err, ErrUnsupported) || errors.Is(err, ErrNotFound) || !errors.As(err, &e) || e.HTTPStatus != 404 {
			t.Errorf("%s: %v", name, err)
		}
	}
	// The rest works there: progress (through the fallback) and create.
	if _, err := c.GetImportProgress(ctx, jobDone); err != nil {
		t.Fatal(err)
	}
	if _, err := c.BulkImport(ctx, NewImportRequest(uniqueCollection("go_legacy"), [][]string{{"a.parquet"}})); err != nil {
		t.Fatal(err)
	}
}
