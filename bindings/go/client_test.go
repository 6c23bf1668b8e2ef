// SPDX-License-Identifier: Apache-2.0

package mip

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// A Client's lifetime and concurrency: Close frees the C client once, after
// the calls in flight; a closed client gives ErrClosed, never a crash; calls
// from many goroutines at once; no goroutine outlives its call.

func TestClose(t *testing.T) {
	needEmulator(t)
	c, err := NewClient(Options{Endpoint: emulatorURL})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.GetImportProgress(ctx, jobDone); !errors.Is(err, ErrClosed) {
		t.Fatal(err)
	}
	if _, err := c.Wait(ctx, jobDone, time.Second, nil); !errors.Is(err, ErrClosed) {
		t.Fatal(err)
	}
	if _, errs := c.GetImportProgressMany(ctx, []string{jobDone}); !errors.Is(errs[0], ErrClosed) {
		t.Fatal(errs[0])
	}
}

// Close during a call waits for it: the call, inside Wait (its callback has
// run), goes on to its own end instead of finding its C client freed.
func TestCloseWaitsForCalls(t *testing.T) {
	needEmulator(t)
	c, err := NewClient(Options{Endpoint: emulatorURL})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second) // time enough for the first poll on a busy machine
	defer cancel()
	inside := make(chan struct{})
	var once sync.Once
	done := make(chan error, 1)
	go func() {
		_, err := c.Wait(ctx, jobSlow, 10*time.Millisecond, func(*ImportProgressData) bool {
			once.Do(func() { close(inside) })
			return true
		})
		done <- err
	}()
	select {
	case <-inside:
	case err := <-done:
		t.Fatalf("the wait ended before its first callback: %v", err)
	case <-time.After(prompt):
		t.Fatal("no callback")
	}
	c.Close() // returns once the wait has ended
	select {
	case err := <-done:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatal(err)
		}
	case <-time.After(prompt):
		t.Fatal("the wait did not end")
	}
}

func TestConcurrentCalls(t *testing.T) {
	needEmulator(t)
	c := newTestClient(t, Options{})
	var wg sync.WaitGroup
	errc := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				d, err := c.GetImportProgress(ctx, jobDone)
				cancel()
				if err != nil || d.JobID != jobDone {
					errc <- fmt.Errorf("%v", err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Error(err)
	}
}

// Each index gets its own job or its own error, in the order asked; the
// binding's own refusal (a NUL) and the library's (empty) alike.
func TestGetImportProgressMany(t *testing.T) {
	needEmulator(t)
	c := newTestClient(t, Options{MaxConnections: 4})
	created := createJob(t, "many", "m.parquet")
	var ids []string
	for i := 0; i < 80; i++ {
		switch i % 4 {
		case 0:
			ids = append(ids, jobDone)
		case 1:
			ids = append(ids, fmt.Sprintf("4487613136983%05d", i)) // unknown
		case 2:
			ids = append(ids, created)
		case 3:
			ids = append(ids, "")
		}
	}
	ids = append(ids, "1\x002")
	data, errs := c.GetImportProgressMany(context.Background(), ids)
	if len(data) != len(ids) || len(errs) != len(ids) {
		t.Fatalf("lengths %d %d", len(data), len(errs))
	}
	for i, id := range ids {
		if (data[i] == nil) == (errs[i] == nil) {
			t.Fatalf("index %d: data %v err %v", i, data[i], errs[i])
		}
		switch {
		case i == len(ids)-1 || i%4 == 3:
			if !errors.Is(errs[i], ErrInvalidArgument) {
				t.Errorf("index %d: %v", i, errs[i])
			}
		case i%4 == 1:
			if !errors.Is(errs[i], ErrNotFound) || !strings.Contains(errs[i].Error(), id) {
				t.Errorf("index %d: %v", i, errs[i])
			}
		default:
			if errs[i] != nil || data[i].JobID != id {
				t.Errorf("index %d: %v", i, errs[i])
			}
		}
	}
	if d, e := c.GetImportProgressMany(context.Background(), nil); len(d) != 0 || len(e) != 0 {
		t.Errorf("empty: %v %v", d, e)
	}
}

// The watcher goroutine of a cancellable context ends with its call,
// whichever way the call ends.
func TestNoGoroutineLeak(t *testing.T) {
	needEmulator(t)
	c := newTestClient(t, Options{Timeout: 60 * time.Second})
	// Warm up (first-use goroutines of the runtime and net packages).
	if _, err := c.GetImportProgress(context.Background(), jobDone); err != nil {
		t.Fatal(err)
	}
	before := runtime.NumGoroutine()
	for i := 0; i < 100; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		if _, err := c.GetImportProgress(ctx, jobDone); err != nil {
			t.Fatal(err)
		}
		cancel()
	}
	for i := 0; i < 20; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		if _, err := c.GetImportProgress(ctx, jobMissing); !errors.Is(err, ErrNotFound) {
			t.Fatal(err)
		}
		cancel()
	}
	for i := 0; i < 5; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		if _, err := c.GetImportProgress(ctx, "fault-stall"); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatal(err)
		}
		cancel()
	}
	for i := 0; i < 10; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		c.GetImportProgressMany(ctx, []string{jobDone, jobFailed, ""})
		if _, err := c.Wait(ctx, jobDone, time.Millisecond, func(*ImportProgressData) bool { return true }); err != nil {
			t.Fatal(err)
		}
		cancel()
	}
	after := 0
	for i := 0; i < 250; i++ { // bounded settle: up to 5 s
		if after = runtime.NumGoroutine(); after <= before {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if after > before {
		buf := make([]byte, 1<<20)
		t.Fatalf("goroutines: %d before, %d after\n%s", before, after, buf[:runtime.Stack(buf, true)])
	}
}
