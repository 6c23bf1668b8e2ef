// SPDX-License-Identifier: Apache-2.0

//go:build mip_testhooks

package mip

// Unexported helpers for bench_test.go (test files cannot use cgo): the raw
// C call without the binding around it, and a C job kept across benchmark
// iterations so that conversion is timed apart from HTTP.

/*
#include <stdlib.h>
#include <mip.h>
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// rawGetAndFree is mip_get_import_progress + mip_job_free with nothing
// else: no context, no conversion. It returns the C code.
func rawGetAndFree(cl *Client, cJobID *C.char) Code {
	var job *C.mip_job
	code := C.mip_get_import_progress(cl.c, cJobID, nil, &job, nil)
	C.mip_job_free(job)
	runtime.KeepAlive(cl)
	return Code(code)
}

// rawID is a C copy of a job id for rawGetAndFree; free it with freeRawID.
func rawID(s string) *C.char { return C.CString(s) }
func freeRawID(p *C.char)    { C.free(unsafe.Pointer(p)) }

// rawJob is a fetched C job, for timing convertJob alone.
type rawJob struct{ p *C.mip_job }

func fetchRaw(cl *Client, jobID string) (*rawJob, error) {
	id := C.CString(jobID)
	defer C.free(unsafe.Pointer(id))
	var job *C.mip_job
	var cerr *C.mip_error
	code := C.mip_get_import_progress(cl.c, id, nil, &job, &cerr)
	runtime.KeepAlive(cl)
	if code != C.MIP_OK {
		return nil, takeError(code, cerr)
	}
	return &rawJob{p: job}, nil
}

func (r *rawJob) detailCount() int             { return int(C.mip_job_detail_count(r.p)) }
func (r *rawJob) convert() *ImportProgressData { return convertJob(r.p) }
func (r *rawJob) free()                        { C.mip_job_free(r.p); r.p = nil }

// convertNaive is convertJob written the obvious way, one cgo call per
// accessor and C.GoString per string: the baseline convertJob is measured
// against.
func (r *rawJob) convertNaive() *ImportProgressData {
	j := r.p
	st := State(C.mip_job_state(j))
	d := &ImportProgressData{
		CollectionName:  C.GoString(C.mip_job_collection_name(j)),
		JobID:           C.GoString(C.mip_job_id(j)),
		CompleteTime:    C.GoString(C.mip_job_complete_time(j)),
		State:           stateText(C.GoString(C.mip_job_state_text(j)), st),
		Progress:        int64(C.mip_job_progress(j)),
		ImportedRows:    int64(C.mip_job_imported_rows(j)),
		TotalRows:       int64(C.mip_job_total_rows(j)),
		Reason:          C.GoString(C.mip_job_reason(j)),
		FileSize:        int64(C.mip_job_file_size(j)),
		FileName:        C.GoString(C.mip_job_file_name(j)),
		CreateTime:      C.GoString(C.mip_job_create_time(j)),
		NormalizedState: st,
	}
	n := int(C.mip_job_detail_count(j))
	d.Details = make([]*ImportProgressDetail, n)
	for i := 0; i < n; i++ {
		dt := C.mip_job_detail(j, C.size_t(i))
		ds := State(C.mip_detail_state(dt))
		d.Details[i] = &ImportProgressDetail{
			FileName:        C.GoString(C.mip_detail_file_name(dt)),
			FileSize:        int64(C.mip_detail_file_size(dt)),
			Progress:        int64(C.mip_detail_progress(dt)),
			CompleteTime:    C.GoString(C.mip_detail_complete_time(dt)),
			State:           stateText(C.GoString(C.mip_detail_state_text(dt)), ds),
			ImportedRows:    int64(C.mip_detail_imported_rows(dt)),
			TotalRows:       int64(C.mip_detail_total_rows(dt)),
			Reason:          C.GoString(C.mip_detail_reason(dt)),
			NormalizedState: ds,
		}
	}
	return d
}
