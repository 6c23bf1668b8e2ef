// SPDX-License-Identifier: Apache-2.0

package mip

/*
#include <stdlib.h>
#include <mip.h>

// Defined here rather than called through cgo one by one: sets the options
// of a request from parallel arrays of keys and values.
static mip_code mip_go_set_options(mip_import_request *r, char **keys, char **values, size_t n, size_t *failed) {
	for (size_t i = 0; i < n; i++) {
		mip_code c = mip_import_request_set_option(r, keys[i], values[i]);
		if (c != MIP_OK) {
			*failed = i;
			return c;
		}
	}
	return MIP_OK;
}
*/
import "C"

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"reflect"
	"sort"
	"unsafe"
)

// ImportRequest says what a Client's BulkImport imports: the request part
// of the Go SDK's BulkImportOption, without the connection (endpoint, API
// key, cluster and database are the Client's). Build it with
// NewImportRequest and the With methods, or as a literal.
type ImportRequest struct {
	// CollectionName is required.
	CollectionName string `json:"collectionName"`
	// PartitionName is the partition; "" is the default one.
	PartitionName string `json:"partitionName,omitempty"`
	// Files holds one group per file: one JSON, Parquet or CSV file, or the
	// .npy files of one set (one per field). Paths are as the server reads
	// them: relative to its bucket for Milvus, URLs (s3://...) for the
	// cloud flavors; cloud-v1 takes exactly one path (a file or a folder).
	// At least one group is required; an empty group or path is refused.
	Files [][]string `json:"files"`
	// Options are sent in "options" as strings, e.g. "timeout": "300s",
	// "sep": ",". Not for cloud-v1. They are sent in key order.
	Options map[string]string `json:"options,omitempty"`
	// AutoCommit, when not nil, sets whether the job commits itself. False
	// (Milvus >= 3.0) sends options.auto_commit "false": the job stops at
	// StateUncommitted until CommitImport or AbortImport. True sends no
	// auto_commit at all (the server's default), dropping an "auto_commit"
	// entry of Options. Nil leaves it to Options and the server.
	AutoCommit *bool `json:"-"`
	// AccessKey and SecretKey are the object storage's keys, sent by the
	// cloud flavors only (a Milvus server refuses them). Both or neither.
	// The secret never appears in an error nor where the request is printed.
	AccessKey string `json:"-"`
	SecretKey string `json:"-" mip:"secret"`
	// IdempotencyKey is the Idempotency-Key header: printable ASCII, 1 to
	// 256 bytes. Milvus >= 2.6.24 / 3.0.2 answer a repeated create with the
	// same key with the first job's id. "": a new random key per call, which
	// a failed call's Error.IdempotencyKey gives back.
	IdempotencyKey string `json:"-"`
}

// NewImportRequest imports files (one group per inner slice) into
// collection.
func NewImportRequest(collection string, files [][]string) *ImportRequest {
	return &ImportRequest{CollectionName: collection, Files: files}
}

// WithPartition sets the partition and returns r.
func (r *ImportRequest) WithPartition(partition string) *ImportRequest {
	r.PartitionName = partition
	return r
}

// WithOption sets one option (a key set again keeps the last value) and
// returns r.
func (r *ImportRequest) WithOption(key, value string) *ImportRequest {
	if r.Options == nil {
		r.Options = make(map[string]string)
	}
	r.Options[key] = value
	return r
}

// WithAutoCommit sets AutoCommit and returns r. False makes a two-phase
// import: the job waits at StateUncommitted for CommitImport or
// AbortImport.
func (r *ImportRequest) WithAutoCommit(on bool) *ImportRequest {
	r.AutoCommit = &on
	return r
}

// WithObjectCredentials sets the object storage's keys (cloud flavors) and
// returns r.
func (r *ImportRequest) WithObjectCredentials(accessKey, secretKey string) *ImportRequest {
	r.AccessKey, r.SecretKey = accessKey, secretKey
	return r
}

// WithIdempotencyKey sets the Idempotency-Key header and returns r.
func (r *ImportRequest) WithIdempotencyKey(key string) *ImportRequest {
	r.IdempotencyKey = key
	return r
}

// String prints the request as %+v would, with the secret key as "***" and
// AutoCommit as its value. A value receiver: a request prints the same
// whether it is a value or a pointer, alone or inside another value.
func (r ImportRequest) String() string { return redacted(reflect.ValueOf(r), false) }

// GoString prints the request as %#v would, with the secret key as "***".
func (r ImportRequest) GoString() string { return redacted(reflect.ValueOf(r), true) }

// Format makes every verb print String (GoString for %#v), so that no verb
// prints the fields themselves.
func (r ImportRequest) Format(f fmt.State, verb rune) { formatRedacted(f, verb, r.String, r.GoString) }

// cstrings holds C copies of Go strings until free.
type cstrings []*C.char

func (cs *cstrings) add(s string) *C.char {
	p := C.CString(s)
	*cs = append(*cs, p)
	return p
}

func (cs cstrings) free() {
	for _, p := range cs {
		C.free(unsafe.Pointer(p))
	}
}

// newCRequest builds the C request, with key as its Idempotency-Key ("":
// none set, the library then makes one). Every refusal names the field,
// never its value (the secret key is one). The caller frees the request.
func newCRequest(r *ImportRequest, key string) (*C.mip_import_request, error) {
	if r == nil {
		return nil, invalidArgument("the import request is nil")
	}
	// Checked here, so that the error says which field: the library would
	// refuse them as well, before sending anything.
	if r.CollectionName == "" {
		return nil, invalidArgument("ImportRequest.CollectionName is empty")
	}
	if len(r.Files) == 0 {
		return nil, invalidArgument("ImportRequest.Files has no group of files")
	}
	if (r.AccessKey == "") != (r.SecretKey == "") {
		return nil, invalidArgument("ImportRequest.AccessKey and SecretKey must be set together")
	}
	text := []struct{ name, val string }{
		{"CollectionName", r.CollectionName}, {"PartitionName", r.PartitionName},
		{"AccessKey", r.AccessKey}, {"SecretKey", r.SecretKey}, {"IdempotencyKey", r.IdempotencyKey},
	}
	for _, f := range text {
		if hasNUL(f.val) {
			return nil, invalidArgument("ImportRequest." + f.name + " contains a NUL byte")
		}
	}
	for i, g := range r.Files {
		if len(g) == 0 {
			return nil, invalidArgument(fmt.Sprintf("ImportRequest.Files[%d] is an empty group", i))
		}
		for j, p := range g {
			if p == "" || hasNUL(p) {
				return nil, invalidArgument(fmt.Sprintf("ImportRequest.Files[%d][%d] is empty or contains a NUL byte", i, j))
			}
		}
	}
	keys := make([]string, 0, len(r.Options))
	for k, v := range r.Options {
		if k == "" || hasNUL(k) || hasNUL(v) {
			return nil, invalidArgument("ImportRequest.Options has an empty key, or a NUL byte in a key or value")
		}
		keys = append(keys, k)
	}
	sort.Strings(keys) // the same request sends the same body

	req := C.mip_import_request_new()
	if req == nil {
		return nil, &Error{Code: CodeNoMemory, Message: "mip_import_request_new failed"}
	}
	ok := false
	defer func() {
		if !ok {
			C.mip_import_request_free(req)
		}
	}()
	var cs cstrings
	defer func() { cs.free() }()
	refused := func(code C.mip_code, what string) error {
		return &Error{Code: Code(code), Message: "ImportRequest." + what + " is not acceptable"}
	}
	if code := C.mip_import_request_set_collection(req, cs.add(r.CollectionName)); code != C.MIP_OK {
		return nil, refused(code, "CollectionName")
	}
	if r.PartitionName != "" {
		if code := C.mip_import_request_set_partition(req, cs.add(r.PartitionName)); code != C.MIP_OK {
			return nil, refused(code, "PartitionName")
		}
	}
	// One C array of pointers per group, in C memory: a Go array of C
	// pointers would do as well, but this keeps the array's lifetime plain.
	for i, g := range r.Files {
		arr := (**C.char)(C.malloc(C.size_t(len(g)) * C.size_t(unsafe.Sizeof((*C.char)(nil)))))
		if arr == nil {
			return nil, &Error{Code: CodeNoMemory, Message: "out of memory"}
		}
		ptrs := unsafe.Slice(arr, len(g))
		for j, p := range g {
			ptrs[j] = cs.add(p)
		}
		code := C.mip_import_request_add_files(req, arr, C.size_t(len(g)))
		C.free(unsafe.Pointer(arr))
		if code != C.MIP_OK {
			return nil, refused(code, fmt.Sprintf("Files[%d]", i))
		}
	}
	if n := len(keys); n > 0 {
		size := C.size_t(n) * C.size_t(unsafe.Sizeof((*C.char)(nil)))
		ck, cv := (**C.char)(C.malloc(size)), (**C.char)(C.malloc(size))
		defer C.free(unsafe.Pointer(ck))
		defer C.free(unsafe.Pointer(cv))
		if ck == nil || cv == nil {
			return nil, &Error{Code: CodeNoMemory, Message: "out of memory"}
		}
		ks, vs := unsafe.Slice(ck, n), unsafe.Slice(cv, n)
		for i, k := range keys {
			ks[i], vs[i] = cs.add(k), cs.add(r.Options[k])
		}
		var failed C.size_t
		if code := C.mip_go_set_options(req, ck, cv, C.size_t(n), &failed); code != C.MIP_OK {
			// The key is the caller's name for an option, not a secret;
			// %q shows a control character as an escape.
			return nil, refused(code, fmt.Sprintf("Options[%q]", keys[failed]))
		}
	}
	if r.AutoCommit != nil {
		on := C.int(0)
		if *r.AutoCommit {
			on = 1
		}
		if code := C.mip_import_request_set_auto_commit(req, on); code != C.MIP_OK {
			return nil, refused(code, "AutoCommit")
		}
	}
	if r.AccessKey != "" {
		if code := C.mip_import_request_set_object_credentials(req, cs.add(r.AccessKey), cs.add(r.SecretKey)); code != C.MIP_OK {
			return nil, refused(code, "AccessKey or SecretKey")
		}
	}
	if key != "" {
		if code := C.mip_import_request_set_idempotency_key(req, cs.add(key)); code != C.MIP_OK {
			return nil, refused(code, "IdempotencyKey")
		}
	}
	ok = true
	return req, nil
}

// newIdempotencyKey is a new random key in the library's form: "mip-" and
// 32 hexadecimal digits (128 bits). Should the system's randomness fail, it
// is "" and the library makes the key; a failed create then gives it only
// in its Message.
func newIdempotencyKey() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return ""
	}
	return "mip-" + hex.EncodeToString(b[:])
}

// createRequest is a checked request in C form and the Idempotency-Key it
// sends. It is built once, before any client is needed: the SDK-style
// BulkImport refuses a bad request without making a connection.
type createRequest struct {
	c   *C.mip_import_request
	key string
}

// newCreateRequest checks r and builds it for C; the caller frees it.
func newCreateRequest(r *ImportRequest) (*createRequest, error) {
	// The key is made here rather than left to the library, so that a
	// failed create can hand it back as a field, not only inside Message.
	var key string
	if r != nil {
		key = r.IdempotencyKey
		if key == "" {
			key = newIdempotencyKey()
		}
	}
	req, err := newCRequest(r, key)
	if err != nil {
		return nil, err
	}
	return &createRequest{c: req, key: key}, nil
}

func (r *createRequest) free() { C.mip_import_request_free(r.c) }

// BulkImport starts an import job and returns its id (every digit of a
// numeric id kept). Bad input is an error with CodeInvalidArgument before
// anything is sent. Creating is not idempotent: it is retried only after
// failures that prove the server took nothing. After a timeout, a
// cancelled ctx or a reset, the job may exist: retry with the key the
// error's IdempotencyKey gives (safe on Milvus >= 2.6.24 / 3.0.2); a
// cancelled ctx still matches context.Canceled. A failing HTTP status
// whose envelope names the new job is an error (ErrServer) whose JobID is
// that job's id.
func (cl *Client) BulkImport(ctx context.Context, r *ImportRequest) (string, error) {
	req, err := newCreateRequest(r)
	if err != nil {
		return "", err
	}
	defer req.free()
	return cl.create(ctx, req)
}

func (cl *Client) create(ctx context.Context, req *createRequest) (string, error) {
	var jobID string
	err := cl.call(ctx, func(h *C.mip_client, c *call) *Error {
		var id *C.char
		var cerr *C.mip_error
		if e := c.check(C.mip_create_import(h, req.c, c.tok, &id, &cerr), cerr); e != nil {
			if e.Attempts > 0 { // the request went out: the job may exist
				e.IdempotencyKey = req.key
			}
			return e
		}
		jobID = C.GoString(id) // ours to free, with the library's free
		C.mip_free(unsafe.Pointer(id))
		return nil
	})
	return jobID, err
}

// ListImportJobs returns the import jobs the server lists, of collection
// ("" for every collection the caller may see), in the server's order. The
// cloud flavors' pages are all read, one after the other, within the
// client's timeout. Each job has its id, collection, state, progress and
// reason; the other fields are "" or -1, and there are no details. A list
// that ended short of the server's count is returned all the same: use
// ListImports to know.
func (cl *Client) ListImportJobs(ctx context.Context, collection string) ([]*ImportProgressData, error) {
	list, err := cl.ListImports(ctx, collection)
	if err != nil {
		return nil, err
	}
	return list.Records, nil
}

// ListImports is ListImportJobs with whether the list is whole: Complete is
// false when it ended short of the count the server gave (an empty page, a
// server repeating a page instead of going on; mip_job_list_is_complete).
// Jobs that moved between pages while they were read can make a list short
// too: list again for the rest.
func (cl *Client) ListImports(ctx context.Context, collection string) (*ListImportJobData, error) {
	if hasNUL(collection) {
		return nil, invalidArgument("the collection name contains a NUL byte")
	}
	var coll *C.char // NULL: every collection
	if collection != "" {
		coll = C.CString(collection)
		defer C.free(unsafe.Pointer(coll))
	}
	var data *ListImportJobData
	err := cl.call(ctx, func(h *C.mip_client, c *call) *Error {
		var list *C.mip_job_list
		var cerr *C.mip_error
		if e := c.check(C.mip_list_imports(h, coll, c.tok, &list, &cerr), cerr); e != nil {
			return e
		}
		listMade()
		defer func() { // once, after every job borrowed from it is copied
			C.mip_job_list_free(list)
			listFreed()
		}()
		data = &ListImportJobData{Records: convertList(list), Complete: C.mip_job_list_is_complete(list) != 0}
		return nil
	})
	return data, err
}

// convertList copies every job of a list into Go values; the result holds
// no C pointer. The caller frees the list afterwards.
func convertList(list *C.mip_job_list) []*ImportProgressData {
	n := int(C.mip_job_list_count(list))
	jobs := make([]*ImportProgressData, 0, n)
	for i := 0; i < n; i++ {
		j := C.mip_job_list_get(list, C.size_t(i)) // borrowed from list
		if j == nil {
			break
		}
		jobs = append(jobs, convertJob(j))
	}
	return jobs
}

// CommitImport commits a job created with AutoCommit false once it is
// StateUncommitted: it moves to StateCommitting, then StateCompleted (wait
// with Wait). ErrUnsupported from a server without two-phase import
// (Milvus 2.x) and on the cloud-v1 flavor (nothing is sent); ErrNotFound
// for a job that does not exist; a commit outside Uncommitted is the
// server's refusal (ErrServer). Retried only after failures that prove the
// server did nothing.
func (cl *Client) CommitImport(ctx context.Context, jobID string) error {
	return cl.twoPhase(ctx, jobID, true)
}

// AbortImport aborts a job that is not Committing or Completed: it ends
// StateFailed with a reason saying it was aborted. A second abort succeeds.
// Errors as for CommitImport.
func (cl *Client) AbortImport(ctx context.Context, jobID string) error {
	return cl.twoPhase(ctx, jobID, false)
}

func (cl *Client) twoPhase(ctx context.Context, jobID string, commit bool) error {
	return cl.callJob(ctx, jobID, func(h *C.mip_client, id *C.char, c *call) *Error {
		var cerr *C.mip_error
		if commit {
			return c.check(C.mip_commit_import(h, id, c.tok, &cerr), cerr)
		}
		return c.check(C.mip_abort_import(h, id, c.tok, &cerr), cerr)
	})
}
