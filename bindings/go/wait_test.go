// SPDX-License-Identifier: Apache-2.0

package mip

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// Wait's callback: snapshots it may keep, false that stops the wait, a
// panic that comes out of Wait (never through C); and the context that
// bounds or cancels the whole wait.

func TestWaitCompletes(t *testing.T) {
	needEmulator(t)
	c := newTestClient(t, Options{})
	id := createJob(t, "wait_me", "a.parquet", "b.parquet")
	var seen []*ImportProgressData
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	d, err := c.Wait(ctx, id, 20*time.Millisecond, func(p *ImportProgressData) bool {
		seen = append(seen, p)
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	if d.NormalizedState != StateCompleted || d.Progress != 100 || d.JobID != id || len(d.Details) != 2 {
		t.Fatalf("%+v", d)
	}
	// The kept snapshots are intact after their C jobs were freed.
	if len(seen) == 0 || seen[len(seen)-1].NormalizedState != StateCompleted {
		t.Fatalf("the callback saw %d snapshots", len(seen))
	}
	for i, p := range seen {
		if p.JobID != id || len(p.Details) != 2 || (i > 0 && p.Progress < seen[i-1].Progress) {
			t.Fatalf("snapshot %d of %d: %+v", i, len(seen), p)
		}
	}
	// Without a callback; and a failed job ends the wait without an error.
	if d, err := c.Wait(context.Background(), jobDone, time.Millisecond, nil); err != nil || d.NormalizedState != StateCompleted {
		t.Fatalf("nil callback: %v", err)
	}
	if d, err := c.Wait(context.Background(), jobFailed, time.Millisecond, nil); err != nil || d.NormalizedState != StateFailed {
		t.Fatalf("failed job: %v", err)
	}
}

func TestWaitStoppedByCallback(t *testing.T) {
	needEmulator(t)
	c := newTestClient(t, Options{})
	var calls int
	start := time.Now()
	d, err := c.Wait(context.Background(), jobSlow, 10*time.Millisecond, func(p *ImportProgressData) bool {
		calls++
		return calls < 3
	})
	if time.Since(start) > prompt {
		t.Fatalf("took %v", time.Since(start))
	}
	if !errors.Is(err, ErrStopped) || !errors.Is(err, ErrCancelled) || errors.Is(err, context.Canceled) {
		t.Fatalf("%v", err)
	}
	if calls != 3 || d == nil || d.JobID != jobSlow || d.NormalizedState.Terminal() {
		t.Fatalf("calls %d, data %+v", calls, d)
	}
}

func TestWaitDeadline(t *testing.T) {
	needEmulator(t)
	c := newTestClient(t, Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)
	defer cancel()
	start := time.Now()
	var calls int32
	d, err := c.Wait(ctx, jobSlow, 20*time.Millisecond, func(*ImportProgressData) bool { atomic.AddInt32(&calls, 1); return true })
	took := time.Since(start)
	if took > prompt || took < 300*time.Millisecond {
		t.Fatalf("took %v", took)
	}
	if !errors.Is(err, ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("%v", err)
	}
	if calls == 0 || d == nil {
		t.Fatalf("calls %d, last %v", calls, d)
	}
}

func TestWaitCancelDuringStall(t *testing.T) {
	needEmulator(t)
	c := stallClient(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	timer := time.AfterFunc(300*time.Millisecond, cancel)
	defer timer.Stop()
	start := time.Now()
	_, err := c.Wait(ctx, "fault-stall", 10*time.Millisecond, func(*ImportProgressData) bool { return true })
	if took := time.Since(start); took > prompt {
		t.Fatalf("took %v", took)
	}
	if !errors.Is(err, ErrCancelled) || !errors.Is(err, context.Canceled) || errors.Is(err, ErrStopped) {
		t.Fatalf("%v", err)
	}
}

func TestWaitCallbackPanic(t *testing.T) {
	needEmulator(t)
	c := newTestClient(t, Options{})
	type boom struct{ n int }
	defer func() {
		if r := recover(); r != (boom{7}) {
			t.Fatalf("recovered %v", r)
		}
		// The client still works.
		if _, err := c.GetImportProgress(context.Background(), jobDone); err != nil {
			t.Fatal(err)
		}
	}()
	c.Wait(context.Background(), jobSlow, 10*time.Millisecond, func(*ImportProgressData) bool { panic(boom{7}) })
	t.Fatal("Wait did not panic")
}
