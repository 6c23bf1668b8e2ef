// SPDX-License-Identifier: Apache-2.0

package mip

/*
#include <stdlib.h>
#include <string.h>
#include <mip.h>

// A borrowed string and its length, so Go copies it without scanning twice.
typedef struct { const char *p; size_t n; } mip_go_str;

static mip_go_str mip_go_s(const char *s) {
	mip_go_str r;
	r.p = s;
	r.n = strlen(s);
	return r;
}

// The job's own fields. Its details are read in bulk by the library's
// mip_job_details_read.
typedef struct {
	mip_go_str job_id, collection_name, file_name, state_text, create_time, complete_time, reason;
	int64_t imported_rows, total_rows, file_size;
	int state, progress;
	size_t detail_count;
} mip_go_job;

// Every field of a job in one cgo call instead of thirteen.
static void mip_go_read_job(const mip_job *j, mip_go_job *o) {
	o->job_id = mip_go_s(mip_job_id(j));
	o->collection_name = mip_go_s(mip_job_collection_name(j));
	o->file_name = mip_go_s(mip_job_file_name(j));
	o->state_text = mip_go_s(mip_job_state_text(j));
	o->create_time = mip_go_s(mip_job_create_time(j));
	o->complete_time = mip_go_s(mip_job_complete_time(j));
	o->reason = mip_go_s(mip_job_reason(j));
	o->imported_rows = mip_job_imported_rows(j);
	o->total_rows = mip_job_total_rows(j);
	o->file_size = mip_job_file_size(j);
	o->state = (int)mip_job_state(j);
	o->progress = mip_job_progress(j);
	o->detail_count = mip_job_detail_count(j);
}
*/
import "C"

import "unsafe"

// detailChunk is how many details one mip_job_details_read call reads.
const detailChunk = 512

// sizeofDetailInfo is this package's sizeof(mip_detail_info): the stride of
// the array and what out[0].size tells the library.
const sizeofDetailInfo = C.size_t(unsafe.Sizeof(C.mip_detail_info{}))

// goStr copies a borrowed string of the job's own fields, with its length.
func goStr(s C.mip_go_str) string {
	if s.n == 0 {
		return ""
	}
	return C.GoStringN(s.p, C.int(s.n))
}

// borrowed views n bytes of a borrowed C string; valid only while its job
// lives, and never kept past convertJob.
func borrowed(p *C.char, n C.size_t) []byte {
	if n == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(p)), int(n))
}

func stateText(text string, s State) string {
	if text == "" {
		return s.String()
	}
	return text
}

// convertJob copies a job and all its details into Go values. Every string
// is copied, with its length, while job is alive; the result holds no C
// pointer. The caller frees job afterwards (job may also be borrowed from a
// list or a callback: it is only read here).
func convertJob(job *C.mip_job) *ImportProgressData {
	var j C.mip_go_job
	C.mip_go_read_job(job, &j)
	st := State(j.state)
	d := &ImportProgressData{
		CollectionName:  goStr(j.collection_name),
		JobID:           goStr(j.job_id),
		CompleteTime:    goStr(j.complete_time),
		State:           stateText(goStr(j.state_text), st),
		Progress:        int64(j.progress),
		ImportedRows:    int64(j.imported_rows),
		TotalRows:       int64(j.total_rows),
		Reason:          goStr(j.reason),
		FileSize:        int64(j.file_size),
		FileName:        goStr(j.file_name),
		CreateTime:      goStr(j.create_time),
		NormalizedState: st,
	}
	n := int(j.detail_count)
	d.Details = make([]*ImportProgressDetail, n)
	if n == 0 {
		return d
	}
	block := make([]ImportProgressDetail, n) // one allocation for all details
	// The mip_detail_info array lives in C memory: a Go buffer would be
	// scanned for Go pointers by cgocheck on every call.
	chunk := min(n, detailChunk)
	cbuf := (*C.mip_detail_info)(C.calloc(C.size_t(chunk), sizeofDetailInfo))
	if cbuf == nil {
		panic("mip: out of memory")
	}
	defer C.free(unsafe.Pointer(cbuf))
	buf := unsafe.Slice(cbuf, chunk)

	// The strings of a chunk are copied into one Go string and sliced from
	// it: one allocation per chunk instead of one per string. A value equal
	// to the previous detail's (state texts, times, reasons repeat) is
	// shared instead of copied again.
	const nf = 4 // file name, complete time, state text, reason
	var (
		arena    []byte
		spans    = make([][nf]int, chunk) // offset into arena, or -1: same as the previous detail
		prevC    [nf][]byte               // the previous detail's C bytes (the job is alive)
		prevGo   [nf]string               // the previous detail's Go strings
		haveprev bool
		read     int // details read so far
	)
	for read < n {
		buf[0].size = sizeofDetailInfo
		m := int(C.mip_job_details_read(job, C.size_t(read), cbuf, C.size_t(min(n-read, chunk))))
		if m <= 0 {
			break // never expected: the job has the details it counted
		}
		arena = arena[:0]
		for i := 0; i < m; i++ {
			r := &buf[i]
			strs := [nf][]byte{borrowed(r.file_name, r.file_name_len), borrowed(r.complete_time, r.complete_time_len),
				borrowed(r.state_text, r.state_text_len), borrowed(r.reason, r.reason_len)}
			for f, b := range strs {
				if haveprev && string(b) == string(prevC[f]) {
					spans[i][f] = -1
				} else {
					spans[i][f] = len(arena)
					arena = append(arena, b...)
				}
				prevC[f] = b
			}
			haveprev = true
		}
		all := string(arena) // the copy: nothing below reads C memory but the numbers
		for i := 0; i < m; i++ {
			r := &buf[i]
			lens := [nf]C.size_t{r.file_name_len, r.complete_time_len, r.state_text_len, r.reason_len}
			for f, sz := range lens {
				if off := spans[i][f]; off >= 0 {
					if sz == 0 {
						prevGo[f] = ""
					} else {
						prevGo[f] = all[off : off+int(sz)]
					}
				}
			}
			ds := State(r.state)
			out := &block[read+i]
			out.FileName = prevGo[0]
			out.FileSize = int64(r.file_size)
			out.Progress = int64(r.progress)
			out.CompleteTime = prevGo[1]
			out.State = stateText(prevGo[2], ds)
			out.ImportedRows = int64(r.imported_rows)
			out.TotalRows = int64(r.total_rows)
			out.Reason = prevGo[3]
			out.NormalizedState = ds
			d.Details[read+i] = out
		}
		read += m
	}
	d.Details = d.Details[:read]
	return d
}

func min(a, b int) int {
	if a < b {
		return a
	}
	return b
}
