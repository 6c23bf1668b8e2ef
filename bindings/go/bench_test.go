// SPDX-License-Identifier: Apache-2.0

//go:build mip_testhooks

package mip

import (
	"context"
	"time"

	"testing"
)

// Benchmarks run only when asked: run_tests.sh with MIP_GO_BENCH=1 (it
// passes -bench), or go test -run '^$' -bench . with MIP_EMULATOR_URL set.

// bigJob's answer is about 8.16 MB: some 60,000 details while the job is young.
const bigJob = "fault-big-8160136"

// Loopback end to end: the raw C call (mip_get_import_progress +
// mip_job_free, no context, no conversion) against the binding's
// Client.GetImportProgress, on the same emulator and job.
func BenchmarkGetImportProgress(b *testing.B) {
	needEmulator(b)
	c := newTestClient(b, Options{})
	b.Run("raw-C", func(b *testing.B) {
		id := rawID(jobDone)
		defer freeRawID(id)
		for i := 0; i < b.N; i++ {
			if code := rawGetAndFree(c, id); code != CodeOK {
				b.Fatal(code)
			}
		}
	})
	b.Run("client-background-ctx", func(b *testing.B) {
		ctx := context.Background()
		for i := 0; i < b.N; i++ {
			if _, err := c.GetImportProgress(ctx, jobDone); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("client-cancellable-ctx", func(b *testing.B) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		for i := 0; i < b.N; i++ {
			if _, err := c.GetImportProgress(ctx, jobDone); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// The binding's own work per call, without the network: what the loopback
// figures above cannot resolve.
func BenchmarkBindingOverhead(b *testing.B) {
	needEmulator(b)
	c := newTestClient(b, Options{})
	b.Run("ctx-watch-cancellable", func(b *testing.B) { // mip_cancel + watcher goroutine
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		for i := 0; i < b.N; i++ {
			call, err := startCall(ctx)
			if err != nil {
				b.Fatal(err)
			}
			call.finish()
		}
	})
	b.Run("ctx-watch-background", func(b *testing.B) {
		ctx := context.Background()
		for i := 0; i < b.N; i++ {
			call, _ := startCall(ctx)
			call.finish()
		}
	})
	b.Run("job-id-and-client-pin", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := c.acquire(); err != nil {
				b.Fatal(err)
			}
			freeRawID(rawID(jobDone))
			c.release()
		}
	})
	r, err := fetchRaw(c, jobDone)
	if err != nil {
		b.Fatal(err)
	}
	defer r.free()
	b.Run("convert-2-details", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			r.convert()
		}
	})
}

// Converting a fetched job of some 60,000 details into Go values, apart
// from the HTTP call: the C job is fetched once.
func BenchmarkConvertBigJob(b *testing.B) {
	needEmulator(b)
	c := newTestClient(b, Options{})
	r, err := fetchRaw(c, bigJob)
	if err != nil {
		b.Fatal(err)
	}
	defer r.free()
	n := r.detailCount()
	if n < 55000 || n > 65000 {
		b.Fatalf("%s has %d details, expected about 60,000", bigJob, n)
	}
	b.Run("batched", func(b *testing.B) {
		b.ReportAllocs()
		start := time.Now()
		for i := 0; i < b.N; i++ {
			if d := r.convert(); len(d.Details) != n {
				b.Fatal(len(d.Details))
			}
		}
		b.ReportMetric(float64(n), "details")
		b.ReportMetric(float64(time.Since(start).Nanoseconds())/float64(b.N)/float64(n), "ns/detail")
	})
	b.Run("naive-per-accessor", func(b *testing.B) { // the obvious way, for comparison
		b.ReportAllocs()
		start := time.Now()
		for i := 0; i < b.N; i++ {
			if d := r.convertNaive(); len(d.Details) != n {
				b.Fatal(len(d.Details))
			}
		}
		b.ReportMetric(float64(n), "details")
		b.ReportMetric(float64(time.Since(start).Nanoseconds())/float64(b.N)/float64(n), "ns/detail")
	})
}

// The whole call for the big job, HTTP and parsing included, for scale.
func BenchmarkGetBigJob(b *testing.B) {
	needEmulator(b)
	c := newTestClient(b, Options{})
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		if _, err := c.GetImportProgress(ctx, bigJob); err != nil {
			b.Fatal(err)
		}
	}
}
