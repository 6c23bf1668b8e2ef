// SPDX-License-Identifier: Apache-2.0

package mip

import (
	"context"
	"errors"
	"testing"
	"time"
)

// A context's end maps onto the library's cancellation: the call in flight
// ends promptly with CodeCancelled (context.Canceled) or CodeTimeout
// (context.DeadlineExceeded), and the error matches the context's error.

// prompt is the generous bound on "returns promptly" (the C side promises
// well within 100 ms after a cancel).
const prompt = 5 * time.Second

// stallClient's own timeout is far beyond any test's: only the context can
// end a call to "fault-stall".
func stallClient(t *testing.T) *Client {
	return newTestClient(t, Options{Timeout: 60 * time.Second})
}

func TestCancelDuringStall(t *testing.T) {
	needEmulator(t)
	c := stallClient(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	timer := time.AfterFunc(300*time.Millisecond, cancel)
	defer timer.Stop()
	start := time.Now()
	_, err := c.GetImportProgress(ctx, "fault-stall")
	took := time.Since(start)
	if took > prompt {
		t.Fatalf("took %v", took)
	}
	var e *Error
	if !errors.Is(err, ErrCancelled) || !errors.Is(err, context.Canceled) || errors.Is(err, ErrTimeout) || !errors.As(err, &e) {
		t.Fatalf("%v", err)
	}
	if e.Transient() {
		t.Errorf("a cancelled call is transient: %v", err)
	}
}

func TestDeadlineDuringStall(t *testing.T) {
	needEmulator(t)
	c := stallClient(t)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.GetImportProgress(ctx, "fault-stall")
	took := time.Since(start)
	if took > prompt || took < 250*time.Millisecond {
		t.Fatalf("took %v", took)
	}
	if !errors.Is(err, ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrCancelled) {
		t.Fatalf("%v", err)
	}
	// The SDK-style function honours the context too.
	ctx2, cancel2 := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel2()
	_, err = GetImportProgress(ctx2, NewGetImportProgressOption(emulatorURL, "fault-stall"))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("sdk: %v", err)
	}
}

// A context that has already ended sends nothing.
func TestContextAlreadyDone(t *testing.T) {
	needEmulator(t)
	c := newTestClient(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.GetImportProgress(ctx, jobDone)
	var e *Error
	if !errors.Is(err, ErrCancelled) || !errors.Is(err, context.Canceled) || !errors.As(err, &e) || e.Attempts != 0 {
		t.Fatalf("%v", err)
	}
	dctx, dcancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer dcancel()
	if _, err := c.Wait(dctx, jobDone, time.Millisecond, nil); !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, ErrTimeout) {
		t.Fatalf("wait: %v", err)
	}
	if _, errs := c.GetImportProgressMany(ctx, []string{jobDone}); !errors.Is(errs[0], context.Canceled) {
		t.Fatalf("many: %v", errs[0])
	}
}

func TestGetImportProgressManyCancelled(t *testing.T) {
	needEmulator(t)
	c := stallClient(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	timer := time.AfterFunc(300*time.Millisecond, cancel)
	defer timer.Stop()
	start := time.Now()
	data, errs := c.GetImportProgressMany(ctx, []string{"fault-stall", jobDone, "fault-stall"})
	if took := time.Since(start); took > prompt {
		t.Fatalf("took %v", took)
	}
	for _, i := range []int{0, 2} {
		if data[i] != nil || !errors.Is(errs[i], ErrCancelled) || !errors.Is(errs[i], context.Canceled) {
			t.Errorf("index %d: %v", i, errs[i])
		}
	}
	if errs[1] != nil && !errors.Is(errs[1], ErrCancelled) { // done before the cancel, or cancelled
		t.Errorf("index 1: %v", errs[1])
	}
}
