// SPDX-License-Identifier: Apache-2.0

package mip

/*
#include <stdint.h>
#include <stdlib.h>
#include <mip.h>

// Defined in callback.go (//export).
extern int mipGoProgress(mip_job *job, uintptr_t handle);

// mip_progress_fn takes a const job; the exported Go function cannot say
// const, hence this trampoline.
static int mip_go_progress_trampoline(const mip_job *job, void *user) {
	return mipGoProgress((mip_job *)job, (uintptr_t)user);
}

// The runtime/cgo.Handle travels as an integer, never as a Go pointer.
static mip_code mip_go_wait(mip_client *c, const char *job_id, int64_t poll_interval_ms,
                            int64_t timeout_ms, int with_callback, uintptr_t handle,
                            mip_cancel *cancel, mip_job **out, mip_error **err) {
	return mip_wait_import(c, job_id, poll_interval_ms, timeout_ms,
	                       with_callback ? mip_go_progress_trampoline : NULL,
	                       (void *)handle, cancel, out, err);
}
*/
import "C"

import (
	"context"
	"runtime/cgo"
	"time"
)

// waitState is what the C callback reaches through its cgo.Handle.
type waitState struct {
	fn       func(*ImportProgressData) bool
	last     *ImportProgressData
	stopped  bool
	panicked bool
	panicVal interface{}
}

// Wait polls the job every interval until its state is Terminal
// (Completed, Failed or Uncommitted), and returns that last snapshot. A
// failed job is not an error: check NormalizedState. The interval must be
// positive; DefaultPollInterval is the library's own choice.
//
// fn, when not nil, is called after every successful poll (the last one
// included) on the waiting goroutine, with a snapshot it may keep. Returning
// false stops the wait: Wait then returns the snapshot and an error with
// CodeCancelled that matches ErrStopped. A panic in fn ends the wait and is
// re-raised by Wait.
//
// A failure the library judges transient (see Error.Transient) only means
// "poll again"; any other, such as ErrNotFound or ErrAuth, ends the wait.
// ctx's deadline bounds the whole wait (without one the wait has no
// deadline; each poll keeps Options.Timeout). On an error the returned data
// is the last snapshot fn was given, or nil.
func (cl *Client) Wait(ctx context.Context, jobID string, interval time.Duration, fn func(*ImportProgressData) bool) (*ImportProgressData, error) {
	if interval <= 0 {
		return nil, invalidArgument("the poll interval must be positive")
	}
	ws := &waitState{fn: fn}
	var data *ImportProgressData
	err := cl.callJob(ctx, jobID, func(h *C.mip_client, id *C.char, c *call) *Error {
		var timeoutMs int64 // <= 0: no deadline
		if d, ok := c.ctx.Deadline(); ok {
			timeoutMs = durationMs(time.Until(d))
			if timeoutMs <= 0 {
				return contextError(context.DeadlineExceeded)
			}
		}
		handle := cgo.NewHandle(ws)
		defer handle.Delete()
		withCallback := C.int(0)
		if fn != nil {
			withCallback = 1
		}
		var job *C.mip_job
		var cerr *C.mip_error
		code := C.mip_go_wait(h, id, C.int64_t(durationMs(interval)), C.int64_t(timeoutMs),
			withCallback, C.uintptr_t(handle), c.tok, &job, &cerr)
		if ws.panicked {
			C.mip_job_free(job)
			if cerr != nil {
				C.mip_error_free(cerr)
			}
			panic(ws.panicVal)
		}
		if code != C.MIP_OK {
			e := takeError(code, cerr)
			switch {
			case ws.stopped && e.Code == CodeCancelled:
				e.cause = ErrStopped
			case e.Code == CodeTimeout && timeoutMs > 0:
				// The wait's deadline is ctx's. The library may end a little
				// early, when the next poll could not finish in time, so ctx
				// itself may not have expired yet.
				e.cause = context.DeadlineExceeded
			default:
				e = c.fix(e)
			}
			return e
		}
		data = convertJob(job)
		C.mip_job_free(job)
		return nil
	})
	if err != nil {
		return ws.last, err
	}
	return data, nil
}
