// SPDX-License-Identifier: Apache-2.0

//go:build mip_testhooks

package mip

import (
	"reflect"
	"testing"
)

// The batched conversion (C-side chunks, shared strings) gives exactly what
// the obvious per-accessor conversion gives, across chunk boundaries too.
func TestConvertMatchesNaive(t *testing.T) {
	needEmulator(t)
	c := newTestClient(t, Options{})
	for _, id := range []string{jobDone, jobFailed, "fault-big-300000", createJob(t, "conv", "p.parquet", "q.parquet")} {
		r, err := fetchRaw(c, id)
		if err != nil {
			t.Fatal(err)
		}
		got, want := r.convert(), r.convertNaive()
		n := r.detailCount()
		r.free()
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: batched and naive conversions differ", id)
		}
		if id == "fault-big-300000" && n <= 2*detailChunk {
			t.Fatalf("%s has only %d details", id, n)
		}
	}
}
