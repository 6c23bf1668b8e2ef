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

typedef struct {
	mip_go_str job_id, collection_name, file_name, state_text, create_time, complete_time, reason;
	int64_t imported_rows, total_rows, file_size;
	int state, progress;
	size_t detail_count;
} mip_go_job;

typedef struct {
	mip_go_str file_name, state_text, complete_time, reason;
	int64_t imported_rows, total_rows, file_size;
	int state, progress;
} mip_go_detail;

// Every field of a job in one cgo call.
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

// Details [start, start+n) in one cgo call.
static void mip_go_read_details(const mip_job *j, size_t start, size_t n, mip_go_detail *o) {
	for (size_t i = 0; i < n; i++, o++) {
		const mip_detail *d = mip_job_detail(j, start + i);
		o->file_name = mip_go_s(mip_detail_file_name(d));
		o->state_text = mip_go_s(mip_detail_state_text(d));
		o->complete_time = mip_go_s(mip_detail_complete_time(d));
		o->reason = mip_go_s(mip_detail_reason(d));
		o->imported_rows = mip_detail_imported_rows(d);
		o->total_rows = mip_detail_total_rows(d);
		o->file_size = mip_detail_file_size(d);
		o->state = (int)mip_detail_state(d);
		o->progress = mip_detail_progress(d);
	}
}
*/
import "C"

import "unsafe"

// detailChunk is how many details one cgo call reads.
const detailChunk = 512

// bytesOf views a borrowed C string; valid only while its job lives.
func bytesOf(s C.mip_go_str) []byte {
	if s.n == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(s.p)), int(s.n))
}

// goString copies a borrowed C string.
func goString(s C.mip_go_str) string { return string(bytesOf(s)) }

func stateText(text string, s State) string {
	if text == "" {
		return s.String()
	}
	return text
}

// convertJob copies a job and all its details into Go values. Every string
// is copied while job is alive; the result holds no C pointer. The caller
// frees job afterwards.
func convertJob(job *C.mip_job) *ImportProgressData {
	var j C.mip_go_job
	C.mip_go_read_job(job, &j)
	st := State(j.state)
	d := &ImportProgressData{
		CollectionName:  goString(j.collection_name),
		JobID:           goString(j.job_id),
		CompleteTime:    goString(j.complete_time),
		State:           stateText(goString(j.state_text), st),
		Progress:        int64(j.progress),
		ImportedRows:    int64(j.imported_rows),
		TotalRows:       int64(j.total_rows),
		Reason:          goString(j.reason),
		FileSize:        int64(j.file_size),
		FileName:        goString(j.file_name),
		CreateTime:      goString(j.create_time),
		NormalizedState: st,
	}
	n := int(j.detail_count)
	d.Details = make([]*ImportProgressDetail, n)
	if n == 0 {
		return d
	}
	block := make([]ImportProgressDetail, n) // one allocation for all details
	// The chunk buffer lives in C memory: a Go buffer would be scanned for
	// Go pointers by cgocheck on every call (a third of the time).
	chunk := min(n, detailChunk)
	cbuf := (*C.mip_go_detail)(C.malloc(C.size_t(chunk) * C.size_t(unsafe.Sizeof(C.mip_go_detail{}))))
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
		prevC    [nf][]byte               // the previous detail's C bytes
		prevGo   [nf]string               // the previous detail's Go strings
		haveprev bool
	)
	for start := 0; start < n; start += chunk {
		m := min(n-start, chunk)
		C.mip_go_read_details(job, C.size_t(start), C.size_t(m), cbuf)
		arena = arena[:0]
		for i := 0; i < m; i++ {
			r := &buf[i]
			strs := [nf]C.mip_go_str{r.file_name, r.complete_time, r.state_text, r.reason}
			for f := range strs {
				b := bytesOf(strs[f])
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
		all := string(arena)
		for i := 0; i < m; i++ {
			r := &buf[i]
			strs := [nf]C.mip_go_str{r.file_name, r.complete_time, r.state_text, r.reason}
			for f := range strs {
				if off := spans[i][f]; off >= 0 {
					if sz := int(strs[f].n); sz == 0 {
						prevGo[f] = ""
					} else {
						prevGo[f] = all[off : off+sz]
					}
				}
			}
			ds := State(r.state)
			out := &block[start+i]
			out.FileName = prevGo[0]
			out.FileSize = int64(r.file_size)
			out.Progress = int64(r.progress)
			out.CompleteTime = prevGo[1]
			out.State = stateText(prevGo[2], ds)
			out.ImportedRows = int64(r.imported_rows)
			out.TotalRows = int64(r.total_rows)
			out.Reason = prevGo[3]
			out.NormalizedState = ds
			d.Details[start+i] = out
		}
	}
	return d
}

func min(a, b int) int {
	if a < b {
		return a
	}
	return b
}
