// SPDX-License-Identifier: Apache-2.0

package mip

/*
#include <mip.h>
*/
import "C"

import (
	"context"
	"errors"
	"time"
)

// call ties one C call to its context: a mip_cancel token that a watcher
// goroutine triggers when ctx ends. finish tells the watcher the call is
// over; the watcher then frees the token and exits, so it never outlives
// the call by more than a scheduling delay, and it owns the token: a
// trigger can never race with the free.
type call struct {
	ctx  context.Context
	tok  *C.mip_cancel // nil when ctx can never end
	done chan struct{}
}

// startCall fails at once when ctx has already ended.
func startCall(ctx context.Context) (call, error) {
	if err := ctx.Err(); err != nil {
		return call{}, contextError(err)
	}
	c := call{ctx: ctx}
	if ctx.Done() == nil { // context.Background and the like: nothing to watch
		return c, nil
	}
	c.tok = C.mip_cancel_new()
	if c.tok == nil {
		return call{}, &Error{Code: CodeNoMemory, Message: "mip_cancel_new failed"}
	}
	c.done = make(chan struct{})
	go watch(c.tok, ctx.Done(), c.done)
	return c, nil
}

func watch(tok *C.mip_cancel, ctxDone <-chan struct{}, done <-chan struct{}) {
	select {
	case <-ctxDone:
		C.mip_cancel_trigger(tok)
		<-done // the call may still be using tok
	case <-done:
	}
	C.mip_cancel_free(tok)
}

// finish must follow the C call. It does not block.
func (c *call) finish() {
	if c.tok == nil {
		return
	}
	close(c.done)
	c.tok = nil
}

// check is the error of a C call's code: nil for MIP_OK, else cerr (taken)
// as fix makes it.
func (c *call) check(code C.mip_code, cerr *C.mip_error) *Error {
	if code == C.MIP_OK {
		return nil
	}
	return c.fix(takeError(code, cerr))
}

// fix makes an error the context caused say so: the Code becomes
// CodeCancelled (context.Canceled) or CodeTimeout (deadline), and the error
// wraps the context's error.
func (c *call) fix(err *Error) *Error {
	if c.ctx == nil || (err.Code != CodeCancelled && err.Code != CodeTimeout) {
		return err
	}
	ctxErr := c.ctx.Err()
	if ctxErr == nil {
		// The C side may notice a deadline taken from ctx a moment before
		// the context's own timer fires.
		if d, ok := c.ctx.Deadline(); !ok || time.Now().Before(d) {
			return err
		}
		ctxErr = context.DeadlineExceeded
	}
	if errors.Is(ctxErr, context.DeadlineExceeded) {
		err.Code = CodeTimeout
	} else {
		err.Code = CodeCancelled
	}
	err.cause = ctxErr
	return err
}
