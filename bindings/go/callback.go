// SPDX-License-Identifier: Apache-2.0

package mip

/*
#include <stdint.h>
#include <mip.h>
*/
import "C"

import "runtime/cgo"

// mipGoProgress is the C progress callback of Wait (through the trampoline
// in wait.go). job is borrowed for this call only: it is converted to Go
// values before returning. It returns 0 to go on, 1 to stop. A panic in the
// user's function must not unwind through C: it is recovered here and
// re-raised by Wait.
//
//export mipGoProgress
func mipGoProgress(job *C.mip_job, handle C.uintptr_t) C.int {
	ws := cgo.Handle(handle).Value().(*waitState)
	data := convertJob(job)
	ws.last = data
	goOn := func() (ok bool) {
		defer func() {
			if r := recover(); r != nil {
				ws.panicked, ws.panicVal, ok = true, r, false
			}
		}()
		return ws.fn(data)
	}()
	if goOn {
		return 0
	}
	if !ws.panicked {
		ws.stopped = true
	}
	return 1
}
