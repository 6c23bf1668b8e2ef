// SPDX-License-Identifier: Apache-2.0

package mip

/*
#include <stdlib.h>
#include <mip.h>
*/
import "C"

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"runtime"
	"sync"
	"time"
	"unsafe"
)

// Options configure a Client. A field left at its zero value (Endpoint
// aside, which is required) is not passed to the library, which then applies
// its own default (see DefaultTimeout and the other Default constants).
type Options struct {
	// Endpoint is required: "https://host[:port][/prefix]"; without a scheme
	// https:// is assumed. Printed and marshalled with any password masked.
	Endpoint string `mip:"url"`
	// API is the server flavor; APIAuto chooses by the endpoint's host.
	API API
	// Token is an API key or "user:password", sent as a Bearer token; none
	// is sent when empty. Required by the cloud flavors. It never appears in
	// an error, nor where the options are printed (fmt shows "***") or
	// marshalled to JSON (left out, and so not read from JSON either).
	Token string `json:"-" mip:"secret"`
	// ClusterID names the cluster (cloud flavors). APICloud accepts
	// ProjectID and RegionID instead.
	ClusterID string
	ProjectID string
	RegionID  string
	// DBName is the Milvus database, sent as the DB-Name header.
	DBName string
	// Timeout bounds each call, retries included (default DefaultTimeout).
	// It is rounded up to whole milliseconds. A context deadline can only
	// shorten it.
	Timeout time.Duration
	// ConnectTimeout bounds the connect of each attempt (default
	// DefaultConnectTimeout).
	ConnectTimeout time.Duration
	// MaxRetries is how many times a call retries a transient failure (see
	// Error.Transient): 0 keeps DefaultMaxRetries, a negative value disables
	// retries, at most 100.
	MaxRetries int
	// CAFile is a PEM bundle of CA certificates to trust instead of the
	// system's.
	CAFile string
	// InsecureSkipVerify turns certificate and host name verification off.
	InsecureSkipVerify bool
	// Proxy is e.g. "http://proxy:3128"; when empty libcurl's environment
	// rules apply. Printed and marshalled with any password masked.
	Proxy string `mip:"url"`
	// UserAgent replaces the default "mip/<version>".
	UserAgent string
	// MaxResponseBytes is the largest response body accepted (default
	// DefaultMaxResponseBytes).
	MaxResponseBytes int64
	// MaxConnections bounds the connections of GetImportProgressMany, 1..256
	// (default DefaultMaxConnections).
	MaxConnections int
}

// String prints the options as %+v would, with the token as "***" and any
// password in Endpoint or Proxy masked.
func (o Options) String() string { return redacted(reflect.ValueOf(o), false) }

// GoString prints the options as %#v would, with the secrets masked as
// String does.
func (o Options) GoString() string { return redacted(reflect.ValueOf(o), true) }

// Format makes every verb print String (GoString for %#v), so that no verb
// prints the fields themselves.
func (o Options) Format(f fmt.State, verb rune) { formatRedacted(f, verb, o.String, o.GoString) }

// MarshalJSON writes the options without their secrets: no Token (tagged
// "-"), and Endpoint and Proxy with any password masked.
func (o Options) MarshalJSON() ([]byte, error) {
	type plain Options // without this method: no recursion
	p := plain(o)
	p.Endpoint, p.Proxy = maskURL(p.Endpoint), maskURL(p.Proxy)
	return json.Marshal(p)
}

// Client reports the progress of import jobs on one server. It keeps its
// connections open between calls and is safe for concurrent use. Close it
// when done; a finalizer closes a forgotten client, but Close is the contract.
type Client struct {
	mu       sync.Mutex
	idle     sync.Cond // signalled when inflight drops to 0
	c        *C.mip_client
	inflight int
	closed   bool
}

// NewClient checks the options and creates a client. Nothing is sent until
// the first call. A missing or malformed endpoint, or a cloud flavor without
// token or cluster, is an *Error with CodeInvalidArgument.
func NewClient(opts Options) (*Client, error) {
	o := C.mip_options_new()
	if o == nil {
		return nil, &Error{Code: CodeNoMemory, Message: "mip_options_new failed"}
	}
	defer C.mip_options_free(o)
	if err := applyOptions(o, &opts); err != nil {
		return nil, err
	}
	var h *C.mip_client
	var cerr *C.mip_error
	if code := C.mip_client_new(o, &h, &cerr); code != C.MIP_OK {
		return nil, takeError(code, cerr)
	}
	cl := &Client{c: h}
	cl.idle.L = &cl.mu
	runtime.SetFinalizer(cl, (*Client).Close)
	return cl, nil
}

type setter func(o *C.mip_options, s *C.char) C.mip_code

func applyOptions(o *C.mip_options, opts *Options) error {
	strs := []struct {
		name, val string
		set       setter
	}{
		{"Endpoint", opts.Endpoint, func(o *C.mip_options, s *C.char) C.mip_code { return C.mip_options_set_endpoint(o, s) }},
		{"Token", opts.Token, func(o *C.mip_options, s *C.char) C.mip_code { return C.mip_options_set_token(o, s) }},
		{"ClusterID", opts.ClusterID, func(o *C.mip_options, s *C.char) C.mip_code { return C.mip_options_set_cluster_id(o, s) }},
		{"ProjectID", opts.ProjectID, func(o *C.mip_options, s *C.char) C.mip_code { return C.mip_options_set_project_id(o, s) }},
		{"RegionID", opts.RegionID, func(o *C.mip_options, s *C.char) C.mip_code { return C.mip_options_set_region_id(o, s) }},
		{"DBName", opts.DBName, func(o *C.mip_options, s *C.char) C.mip_code { return C.mip_options_set_db_name(o, s) }},
		{"CAFile", opts.CAFile, func(o *C.mip_options, s *C.char) C.mip_code { return C.mip_options_set_ca_file(o, s) }},
		{"Proxy", opts.Proxy, func(o *C.mip_options, s *C.char) C.mip_code { return C.mip_options_set_proxy(o, s) }},
		{"UserAgent", opts.UserAgent, func(o *C.mip_options, s *C.char) C.mip_code { return C.mip_options_set_user_agent(o, s) }},
	}
	for _, s := range strs {
		if s.val == "" {
			continue
		}
		if hasNUL(s.val) {
			return invalidArgument("Options." + s.name + " contains a NUL byte")
		}
		cs := C.CString(s.val)
		code := s.set(o, cs)
		C.free(unsafe.Pointer(cs))
		if code != C.MIP_OK {
			// Never the value: it may be the token.
			return &Error{Code: Code(code), Message: "Options." + s.name + " is not acceptable"}
		}
	}
	check := func(name string, code C.mip_code) error {
		if code != C.MIP_OK {
			return &Error{Code: Code(code), Message: "Options." + name + " is out of range"}
		}
		return nil
	}
	if opts.API != APIAuto {
		if err := check("API", C.mip_options_set_api(o, C.mip_api(opts.API))); err != nil {
			return err
		}
	}
	if opts.Timeout != 0 {
		if err := check("Timeout", C.mip_options_set_timeout_ms(o, C.int64_t(durationMs(opts.Timeout)))); err != nil {
			return err
		}
	}
	if opts.ConnectTimeout != 0 {
		if err := check("ConnectTimeout", C.mip_options_set_connect_timeout_ms(o, C.int64_t(durationMs(opts.ConnectTimeout)))); err != nil {
			return err
		}
	}
	if opts.MaxRetries != 0 {
		r := opts.MaxRetries
		if r < 0 {
			r = 0
		}
		if err := check("MaxRetries", C.mip_options_set_max_retries(o, C.int(r))); err != nil {
			return err
		}
	}
	if opts.InsecureSkipVerify {
		if err := check("InsecureSkipVerify", C.mip_options_set_tls_verify(o, 0)); err != nil {
			return err
		}
	}
	if opts.MaxResponseBytes != 0 {
		if err := check("MaxResponseBytes", C.mip_options_set_max_response_bytes(o, C.int64_t(opts.MaxResponseBytes))); err != nil {
			return err
		}
	}
	if opts.MaxConnections != 0 {
		if err := check("MaxConnections", C.mip_options_set_max_connections(o, C.int(opts.MaxConnections))); err != nil {
			return err
		}
	}
	return nil
}

// Close waits for the calls in flight to return, then closes the
// connections and frees the client. Later calls return ErrClosed. Close is
// idempotent and always returns nil. Do not call it from a Wait callback.
func (cl *Client) Close() error {
	cl.mu.Lock()
	defer cl.mu.Unlock()
	if cl.closed {
		return nil
	}
	cl.closed = true
	for cl.inflight > 0 {
		cl.idle.Wait()
	}
	C.mip_client_free(cl.c)
	cl.c = nil
	runtime.SetFinalizer(cl, nil)
	return nil
}

// acquire pins the C client for one call; release must follow.
func (cl *Client) acquire() (*C.mip_client, error) {
	cl.mu.Lock()
	defer cl.mu.Unlock()
	if cl.closed {
		return nil, ErrClosed
	}
	cl.inflight++
	return cl.c, nil
}

func (cl *Client) release() {
	cl.mu.Lock()
	cl.inflight--
	if cl.inflight == 0 {
		cl.idle.Broadcast()
	}
	cl.mu.Unlock()
	runtime.KeepAlive(cl) // the finalizer must not run while C uses cl.c
}

// call makes one C call under ctx, with what every call needs around it:
// the client pinned (ErrClosed once closed), and a cancel token that ctx's
// end triggers, live for do alone. do makes the C call with h and c.tok and
// turns its code into an error, c.check unless it needs more.
func (cl *Client) call(ctx context.Context, do func(h *C.mip_client, c *call) *Error) error {
	if ctx == nil {
		ctx = context.Background()
	}
	h, err := cl.acquire()
	if err != nil {
		return err
	}
	defer cl.release()
	c, err := startCall(ctx)
	if err != nil {
		return err
	}
	defer c.finish()
	if e := do(h, &c); e != nil {
		return e // never a nil *Error inside a non-nil error
	}
	return nil
}

// callJob is call for a call about one job: the id is refused if it holds
// a NUL, else copied for C for the time of do.
func (cl *Client) callJob(ctx context.Context, jobID string, do func(h *C.mip_client, id *C.char, c *call) *Error) error {
	if hasNUL(jobID) {
		return invalidArgument("the job id contains a NUL byte")
	}
	id := C.CString(jobID)
	defer C.free(unsafe.Pointer(id))
	return cl.call(ctx, func(h *C.mip_client, c *call) *Error { return do(h, id, c) })
}

// GetImportProgress returns the job's progress, read with one request (plus
// retries of transient failures). A job that failed is not an error: its
// NormalizedState is StateFailed and Reason says why. Cancelling ctx, or its
// deadline, ends the call promptly.
func (cl *Client) GetImportProgress(ctx context.Context, jobID string) (*ImportProgressData, error) {
	var data *ImportProgressData
	err := cl.callJob(ctx, jobID, func(h *C.mip_client, id *C.char, c *call) *Error {
		var job *C.mip_job
		var cerr *C.mip_error
		if e := c.check(C.mip_get_import_progress(h, id, c.tok, &job, &cerr), cerr); e != nil {
			return e
		}
		data = convertJob(job) // copies every borrowed string...
		C.mip_job_free(job)    // ...before the job goes
		return nil
	})
	return data, err
}

// GetImportProgressMany reads many jobs at once, over at most
// Options.MaxConnections connections. For each index i exactly one of
// data[i] and errs[i] is non-nil. Both slices have len(jobIDs) entries.
func (cl *Client) GetImportProgressMany(ctx context.Context, jobIDs []string) (data []*ImportProgressData, errs []error) {
	n := len(jobIDs)
	data = make([]*ImportProgressData, n)
	errs = make([]error, n)
	if n == 0 {
		return data, errs
	}
	// C strings in Go memory: allowed, it holds no Go pointer.
	ids := make([]*C.char, n)
	defer func() {
		for _, p := range ids {
			C.free(unsafe.Pointer(p)) // free(NULL) is fine
		}
	}()
	for i, s := range jobIDs {
		if hasNUL(s) {
			errs[i] = invalidArgument("the job id contains a NUL byte")
			continue // NULL: the library fails this index alone
		}
		ids[i] = C.CString(s)
	}
	err := cl.call(ctx, func(h *C.mip_client, c *call) *Error {
		jobs := make([]*C.mip_job, n)
		cerrs := make([]*C.mip_error, n)
		C.mip_get_import_progress_many(h, &ids[0], C.size_t(n), c.tok, &jobs[0], &cerrs[0])
		for i := range jobs {
			switch {
			case jobs[i] != nil:
				if cerrs[i] != nil { // never expected; do not leak it
					C.mip_error_free(cerrs[i])
				}
				data[i] = convertJob(jobs[i])
				C.mip_job_free(jobs[i])
			case errs[i] != nil: // found on the Go side; C's error only says NULL
				if cerrs[i] != nil {
					C.mip_error_free(cerrs[i])
				}
			default:
				errs[i] = c.fix(takeError(C.MIP_ERR_INVALID_ARGUMENT, cerrs[i]))
			}
		}
		return nil
	})
	if err != nil { // the call was never made: every index fails alike
		for i := range errs {
			errs[i] = err
		}
	}
	return data, errs
}
