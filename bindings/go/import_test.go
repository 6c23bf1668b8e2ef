// SPDX-License-Identifier: Apache-2.0

package mip

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The rest of a job's life through the binding: what BulkImport,
// ListImportJobs, CommitImport and AbortImport hand to the library (seen by
// a recording server), what comes back (copied before the C memory goes),
// contexts, errors and secrets. The protocol itself is the C++ suites'.

// seen is one request a recordServer received.
type seen struct {
	method, path string
	header       http.Header
	body         map[string]json.RawMessage
}

// recordServer answers every request with answer (status 200) and hands
// over each request; count says how many arrived.
func recordServer(t *testing.T, answer string) (*httptest.Server, <-chan seen, *atomic.Int64) {
	t.Helper()
	reqs := make(chan seen, 64)
	var count atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		count.Add(1)
		b, _ := io.ReadAll(r.Body)
		s := seen{method: r.Method, path: r.URL.Path, header: r.Header.Clone()}
		_ = json.Unmarshal(b, &s.body)
		select {
		case reqs <- s:
		default:
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, answer)
	}))
	t.Cleanup(srv.Close)
	return srv, reqs, &count
}

// next returns the next request the server saw, within a bounded time.
func next(t *testing.T, reqs <-chan seen) seen {
	t.Helper()
	select {
	case s := <-reqs:
		return s
	case <-time.After(10 * time.Second):
		t.Fatal("the server saw no request")
	}
	return seen{}
}

func field(t *testing.T, s seen, name string, into interface{}) {
	t.Helper()
	raw, ok := s.body[name]
	if !ok {
		t.Fatalf("the body has no %q", name)
	}
	if err := json.Unmarshal(raw, into); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

const createAnswer = `{"code":0,"data":{"jobId":9007199254740993}}` // a number: every digit kept

// Strings (UTF-8, empty), many file groups of any size, options and the
// auto-commit switch reach the server as given; the id comes back whole.
func TestBulkImportMarshalling(t *testing.T) {
	srv, reqs, _ := recordServer(t, createAnswer)
	c := newTestClient(t, Options{Endpoint: srv.URL})
	ctx := context.Background()

	files := make([][]string, 300) // many groups, of 1 to 3 paths, UTF-8 among them
	for i := range files {
		for j := 0; j <= i%3; j++ {
			files[i] = append(files[i], fmt.Sprintf("データ/ü-%d/%d.npy", i, j))
		}
	}
	r := NewImportRequest("コレクション_ü", files).
		WithPartition("パーティション").
		WithOption("timeout", "300s").
		WithOption("sep", "|").
		WithOption("nullkey", ""). // an empty value is a value
		WithOption("ключ", "значение").
		WithAutoCommit(false).
		WithIdempotencyKey("idem-go-1")
	id, err := c.BulkImport(ctx, r)
	if err != nil || id != "9007199254740993" {
		t.Fatalf("id %q, err %v", id, err)
	}
	s := next(t, reqs)
	if s.method != http.MethodPost || !strings.HasSuffix(s.path, "/jobs/import/create") {
		t.Errorf("%s %s", s.method, s.path)
	}
	var coll, part string
	var gotFiles [][]string
	var opts map[string]string
	field(t, s, "collectionName", &coll)
	field(t, s, "partitionName", &part)
	field(t, s, "files", &gotFiles)
	field(t, s, "options", &opts)
	if coll != r.CollectionName || part != r.PartitionName || !reflect.DeepEqual(gotFiles, files) {
		t.Errorf("collection %q, partition %q, %d groups", coll, part, len(gotFiles))
	}
	want := map[string]string{"timeout": "300s", "sep": "|", "nullkey": "", "ключ": "значение", "auto_commit": "false"}
	if !reflect.DeepEqual(opts, want) {
		t.Errorf("options %v, want %v", opts, want)
	}
	if got := s.header.Get("Idempotency-Key"); got != "idem-go-1" {
		t.Errorf("Idempotency-Key %q", got)
	}
	for _, absent := range []string{"accessKey", "secretKey"} {
		if _, ok := s.body[absent]; ok {
			t.Errorf("the Milvus body has %s", absent)
		}
	}

	// No partition, no options, the default commit, no key: none is sent,
	// and each create sends a new Idempotency-Key.
	keys := map[string]bool{}
	for i := 0; i < 2; i++ {
		if _, err := c.BulkImport(ctx, &ImportRequest{CollectionName: "c", Files: [][]string{{"a.parquet"}}}); err != nil {
			t.Fatal(err)
		}
		s = next(t, reqs)
		for _, absent := range []string{"partitionName", "options"} {
			if _, ok := s.body[absent]; ok {
				t.Errorf("sent %s: %s", absent, s.body[absent])
			}
		}
		keys[s.header.Get("Idempotency-Key")] = true
	}
	if len(keys) != 2 || keys[""] {
		t.Errorf("default idempotency keys %v", keys)
	}

	// AutoCommit wins over an "auto_commit" option; true sends none.
	if _, err := c.BulkImport(ctx, NewImportRequest("c", [][]string{{"a"}}).
		WithOption("auto_commit", "false").WithAutoCommit(true)); err != nil {
		t.Fatal(err)
	}
	if s = next(t, reqs); s.body["options"] != nil {
		t.Errorf("options %s", s.body["options"])
	}
}

// The SDK-style options carry the same, plus the connection: API key,
// database, and for the cloud the cluster, object URL and storage keys.
func TestBulkImportOptionMarshalling(t *testing.T) {
	srv, reqs, _ := recordServer(t, createAnswer)
	ctx := context.Background()
	const token, secret = "root:pässwörd-5e1b7c", "secret-3b9d0c7e1f2a4e6d"

	opt := NewBulkImportOption(srv.URL, "coll", [][]string{{"1.parquet"}, {"a.npy", "b.npy"}}).
		WithPartition("p").WithOption("timeout", "60s").WithAutoCommit(false).
		WithIdempotencyKey("k-1").WithAPIKey(token).WithDBName("データベース").WithTimeout(5 * time.Second)
	resp, err := BulkImport(ctx, opt)
	if err != nil || resp.Status != 0 || resp.Data.JobID != "9007199254740993" {
		t.Fatalf("%+v %v", resp, err)
	}
	s := next(t, reqs)
	var db string
	var opts map[string]string
	field(t, s, "dbName", &db)
	field(t, s, "options", &opts)
	if db != "データベース" || s.header.Get("DB-Name") != db || opts["auto_commit"] != "false" || opts["timeout"] != "60s" ||
		s.header.Get("Idempotency-Key") != "k-1" {
		t.Errorf("db %q, options %v, key %q", db, opts, s.header.Get("Idempotency-Key"))
	}
	if s.header.Get("Authorization") != "Bearer "+token {
		t.Error("the API key is not the bearer token") // not printed: a secret
	}
	assertNoSecret(t, "pässwörd", printed(opt)...)

	// The cloud: objectUrls (Files, then ObjectURL), cluster, storage keys.
	copt := NewCloudBulkImportOption(srv.URL, "coll", "api-key-6a0c2d1e", "s3://bucket/ü.parquet", "in01-abc", "AKIA-ü", secret).
		WithAPI(APICloud)
	if _, err := BulkImport(ctx, copt); err != nil {
		t.Fatal(err)
	}
	s = next(t, reqs)
	var urls [][]string
	var cluster, ak, sk string
	field(t, s, "objectUrls", &urls)
	field(t, s, "clusterId", &cluster)
	field(t, s, "accessKey", &ak)
	field(t, s, "secretKey", &sk)
	if !reflect.DeepEqual(urls, [][]string{{"s3://bucket/ü.parquet"}}) || cluster != "in01-abc" || ak != "AKIA-ü" {
		t.Errorf("objectUrls %v, cluster %q, accessKey %q", urls, cluster, ak)
	}
	if sk != secret {
		t.Error("the secret key did not reach the server") // never printed
	}
	assertNoSecret(t, secret, printed(copt)...)
	assertNoSecret(t, "api-key-6a0c2d1e", printed(copt)...)
	j, _ := json.Marshal(copt)
	assertNoSecret(t, secret, string(j))
	r := NewImportRequest("c", nil).WithObjectCredentials("ak", secret)
	assertNoSecret(t, secret, printed(r)...)
}

// Bad input is ErrInvalidArgument before anything is sent, and a refused
// secret key never shows in the error.
func TestImportInvalidArguments(t *testing.T) {
	srv, _, count := recordServer(t, createAnswer)
	ctx := context.Background()
	milvus := newTestClient(t, Options{Endpoint: srv.URL})
	cloud := newTestClient(t, Options{Endpoint: srv.URL, API: APICloud, Token: "k", ClusterID: "c"})
	v1 := newTestClient(t, Options{Endpoint: srv.URL, API: APICloudV1, Token: "k", ClusterID: "c"})
	const secret = "secret-77e0a1c9d4b2f6e3"
	ok := [][]string{{"a.parquet"}}
	cases := []struct {
		name string
		c    *Client
		r    *ImportRequest
	}{
		{"nil request", milvus, nil},
		{"no collection", milvus, &ImportRequest{Files: ok}},
		{"no files", milvus, &ImportRequest{CollectionName: "c"}},
		{"empty group", milvus, &ImportRequest{CollectionName: "c", Files: [][]string{{"a"}, {}}}},
		{"empty path", milvus, &ImportRequest{CollectionName: "c", Files: [][]string{{"a", ""}}}},
		{"NUL in a path", milvus, &ImportRequest{CollectionName: "c", Files: [][]string{{"a\x00b"}}}},
		{"NUL in the collection", milvus, &ImportRequest{CollectionName: "c\x00", Files: ok}},
		{"control character in the partition", milvus, NewImportRequest("c", ok).WithPartition("p\n")},
		{"invalid UTF-8 in a path", milvus, &ImportRequest{CollectionName: "c", Files: [][]string{{"\xff\xfe"}}}},
		{"empty option key", milvus, NewImportRequest("c", ok).WithOption("", "v")},
		{"control character in an option", milvus, NewImportRequest("c", ok).WithOption("sep", "\t")},
		{"idempotency key not ASCII", milvus, NewImportRequest("c", ok).WithIdempotencyKey("ключ")},
		{"idempotency key too long", milvus, NewImportRequest("c", ok).WithIdempotencyKey(strings.Repeat("k", 257))},
		{"access key without secret", cloud, NewImportRequest("c", ok).WithObjectCredentials("ak", "")},
		{"storage keys on Milvus", milvus, NewImportRequest("c", ok).WithObjectCredentials("ak", secret)},
		{"secret with a control character", cloud, NewImportRequest("c", ok).WithObjectCredentials("ak", secret+"\n")},
		{"options on cloud-v1", v1, NewImportRequest("c", ok).WithOption("timeout", "1s")},
		{"two paths on cloud-v1", v1, NewImportRequest("c", [][]string{{"a"}, {"b"}})},
		{"too long a collection", milvus, NewImportRequest(strings.Repeat("c", 8193), ok)},
	}
	for _, tc := range cases {
		id, err := tc.c.BulkImport(ctx, tc.r)
		var e *Error
		if id != "" || !errors.Is(err, ErrInvalidArgument) || !errors.As(err, &e) || e.Attempts != 0 {
			t.Errorf("%s: id %q, %v", tc.name, id, err)
			continue
		}
		assertNoSecret(t, secret, printed(err)...)
	}
	for _, id := range []string{"", "a\x00b", "line\nbreak"} {
		if err := milvus.CommitImport(ctx, id); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("commit %q: %v", id, err)
		}
		if err := milvus.AbortImport(ctx, id); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("abort %q: %v", id, err)
		}
	}
	if _, err := milvus.ListImportJobs(ctx, "c\x00"); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("list: %v", err)
	}
	// The SDK-style functions check before they connect.
	if _, err := BulkImport(ctx, nil); !errors.Is(err, ErrInvalidArgument) {
		t.Error(err)
	}
	if _, err := BulkImport(ctx, NewBulkImportOption(srv.URL, "", ok)); !errors.Is(err, ErrInvalidArgument) {
		t.Error(err)
	}
	if _, err := ListImportJobs(ctx, nil); !errors.Is(err, ErrInvalidArgument) {
		t.Error(err)
	}
	if err := CommitImport(ctx, nil); !errors.Is(err, ErrInvalidArgument) {
		t.Error(err)
	}
	if err := AbortImport(ctx, NewAbortImportOption(srv.URL, "")); !errors.Is(err, ErrInvalidArgument) {
		t.Error(err)
	}
	if n := count.Load(); n != 0 {
		t.Errorf("%d requests were sent", n)
	}
}

// A server that echoes the request into its error: the library masks the
// secret key and the token; the binding adds neither.
func TestImportSecretsNeverShown(t *testing.T) {
	const token, secret = "sk-token-0f8e1d2c3b4a5968", "secret-c0ffee1234abcd5678"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		msg, _ := json.Marshal("refused: " + string(b) + " " + r.Header.Get("Authorization"))
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"code":1100,"message":%s}`, msg)
	}))
	defer srv.Close()
	ctx := context.Background()
	opt := NewCloudBulkImportOption(srv.URL, "c", token, "s3://b/x.parquet", "in01-x", "AKIA", secret).WithAPI(APICloud)
	_, err := BulkImport(ctx, opt)
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeServer || e.ServerCode != 1100 || !strings.Contains(e.Message, "refused") {
		t.Fatalf("%v", err)
	}
	assertNoSecret(t, secret, printed(err)...)
	assertNoSecret(t, token, printed(err)...)
	assertNoSecret(t, secret, printed(opt)...)
	assertNoSecret(t, token, printed(opt)...)
	_, err = ListImportJobs(ctx, NewCloudListImportJobsOption(srv.URL, "", token, "in01-x").WithAPI(APICloud))
	if !errors.Is(err, ErrServer) {
		t.Fatal(err)
	}
	assertNoSecret(t, token, printed(err)...)
	err = CommitImport(ctx, NewCloudCommitImportOption(srv.URL, "1", token, "in01-x").WithAPI(APICloud))
	if !errors.Is(err, ErrServer) {
		t.Fatal(err)
	}
	assertNoSecret(t, token, printed(err)...)
}

const listAnswer = `{"code":0,"data":{"records":[
 {"jobId":448761313698322011,"collectionName":"コレクション","state":"Importing","progress":42},
 {"jobId":"job-ü-2","collectionName":"","state":"Failed","progress":0,"reason":"raison ü"},
 {"jobId":"3","collectionName":"c","state":"Completed","progress":100}]}}`

// A list's jobs are copied before the list is freed, and the list is freed
// exactly once, on success and on failure.
func TestListImportJobsMarshalling(t *testing.T) {
	srv, reqs, _ := recordServer(t, listAnswer)
	ctx := context.Background()
	c := newTestClient(t, Options{Endpoint: srv.URL})
	made, freed := listCount()

	jobs, err := c.ListImportJobs(ctx, "コレクション")
	if err != nil {
		t.Fatal(err)
	}
	s := next(t, reqs)
	var coll string
	field(t, s, "collectionName", &coll)
	if !strings.HasSuffix(s.path, "/jobs/import/list") || coll != "コレクション" {
		t.Errorf("%s %q", s.path, coll)
	}
	// Allocate and free C memory (another list, more jobs) and collect,
	// so that a string still borrowed from the freed list would show it
	// (run_tests.sh also sets MALLOC_PERTURB_, which scribbles over freed
	// memory).
	for i := 0; i < 20; i++ {
		if _, err := c.ListImportJobs(ctx, ""); err != nil {
			t.Fatal(err)
		}
		next(t, reqs)
	}
	runtime.GC()
	want := []struct {
		id, coll, state, reason string
		progress                int64
		st                      State
	}{
		{"448761313698322011", "コレクション", "Importing", "", 42, StateImporting},
		{"job-ü-2", "", "Failed", "raison ü", 0, StateFailed},
		{"3", "c", "Completed", "", 100, StateCompleted},
	}
	if len(jobs) != len(want) {
		t.Fatalf("%d jobs", len(jobs))
	}
	for i, w := range want {
		j := jobs[i]
		if j.JobID != w.id || j.CollectionName != w.coll || j.State != w.state || j.Reason != w.reason ||
			j.Progress != w.progress || j.NormalizedState != w.st || len(j.Details) != 0 || j.TotalRows != -1 {
			t.Errorf("job %d: %+v", i, *j)
		}
	}
	if m, f := listCount(); countingLists && (m-made != 21 || f-freed != 21) {
		t.Errorf("%d lists received, %d freed", m-made, f-freed)
	}

	// The SDK-style function, and a list that fails: nothing to free.
	resp, err := ListImportJobs(ctx, NewListImportJobsOption(srv.URL, ""))
	if err != nil || resp.Status != 0 || len(resp.Data.Records) != 3 || resp.Data.Records[0].JobID != want[0].id ||
		!resp.Data.Complete {
		t.Fatalf("%+v %v", resp, err)
	}
	next(t, reqs)
	bad, _, _ := recordServer(t, `{"code":1100,"message":"no"}`)
	if _, err := newTestClient(t, Options{Endpoint: bad.URL}).ListImportJobs(ctx, ""); !errors.Is(err, ErrServer) {
		t.Fatal(err)
	}
	if m, f := listCount(); countingLists && (m-made != 22 || f-freed != 22) {
		t.Errorf("%d lists received, %d freed", m-made, f-freed)
	}

	// An empty list is an empty slice.
	empty, _, _ := recordServer(t, `{"code":0,"data":{"records":[]}}`)
	jobs, err = newTestClient(t, Options{Endpoint: empty.URL}).ListImportJobs(ctx, "")
	if err != nil || jobs == nil || len(jobs) != 0 {
		t.Fatalf("%v %v", jobs, err)
	}
}

// Commit and abort send the job id, UTF-8 and digits intact, to their own
// routes.
func TestCommitAbortMarshalling(t *testing.T) {
	srv, reqs, _ := recordServer(t, `{"code":0,"data":{}}`)
	ctx := context.Background()
	c := newTestClient(t, Options{Endpoint: srv.URL})
	for _, tc := range []struct {
		route string
		call  func(string) error
	}{
		{"/commit", func(id string) error { return c.CommitImport(ctx, id) }},
		{"/abort", func(id string) error { return c.AbortImport(ctx, id) }},
		{"/commit", func(id string) error { return CommitImport(ctx, NewCommitImportOption(srv.URL, id)) }},
		{"/abort", func(id string) error { return AbortImport(ctx, NewAbortImportOption(srv.URL, id)) }},
	} {
		const id = "9223372036854775807"
		if err := tc.call(id); err != nil {
			t.Fatal(err)
		}
		s := next(t, reqs)
		var got string
		field(t, s, "jobId", &got)
		if !strings.HasSuffix(s.path, "/jobs/import"+tc.route) || got != id {
			t.Errorf("%s: %s %q", tc.route, s.path, got)
		}
	}
}

// hangServer reads each request and answers nothing until the client
// hangs up (or the test ends).
func hangServer(t *testing.T) *httptest.Server {
	t.Helper()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body) // then the server notices a hang-up
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) }) // runs first
	return srv
}

// A create, a list, a commit and an abort in flight end promptly when
// their context is cancelled or its deadline passes.
func TestImportCallsCancelled(t *testing.T) {
	srv := hangServer(t)
	c := newTestClient(t, Options{Endpoint: srv.URL, Timeout: 60 * time.Second})
	calls := map[string]func(ctx context.Context) error{
		"create": func(ctx context.Context) error {
			_, err := c.BulkImport(ctx, NewImportRequest("c", [][]string{{"a.parquet"}}))
			return err
		},
		"list":   func(ctx context.Context) error { _, err := c.ListImportJobs(ctx, ""); return err },
		"commit": func(ctx context.Context) error { return c.CommitImport(ctx, "1") },
		"abort":  func(ctx context.Context) error { return c.AbortImport(ctx, "1") },
		"sdk-create": func(ctx context.Context) error {
			_, err := BulkImport(ctx, NewBulkImportOption(srv.URL, "c", [][]string{{"a"}}).WithTimeout(time.Minute))
			return err
		},
	}
	for name, call := range calls {
		ctx, cancel := context.WithCancel(context.Background())
		timer := time.AfterFunc(200*time.Millisecond, cancel)
		start := time.Now()
		err := call(ctx)
		took := time.Since(start)
		timer.Stop()
		cancel()
		if took > prompt || !errors.Is(err, ErrCancelled) || !errors.Is(err, context.Canceled) {
			t.Errorf("%s cancelled: %v after %v", name, err, took)
		}

		dctx, dcancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		start = time.Now()
		err = call(dctx)
		took = time.Since(start)
		dcancel()
		if took > prompt || !errors.Is(err, ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s past its deadline: %v after %v", name, err, took)
		}

		// A context already cancelled sends nothing.
		done, stop := context.WithCancel(context.Background())
		stop()
		var e *Error
		if err := call(done); !errors.Is(err, context.Canceled) || !errors.As(err, &e) || e.Attempts != 0 {
			t.Errorf("%s with a done context: %v", name, err)
		}
	}
}

// Commit and abort on the cloud-v1 flavor, which has no two-phase import:
// ErrUnsupported, and nothing is sent.
func TestCloudV1HasNoTwoPhase(t *testing.T) {
	srv, _, count := recordServer(t, `{"code":200,"data":{}}`)
	ctx := context.Background()
	c := newTestClient(t, Options{Endpoint: srv.URL, API: APICloudV1, Token: "k", ClusterID: "in01-x"})
	for name, err := range map[string]error{
		"commit":     c.CommitImport(ctx, "448761313698322011"),
		"abort":      c.AbortImport(ctx, "448761313698322011"),
		"sdk-commit": CommitImport(ctx, NewCloudCommitImportOption(srv.URL, "1", "k", "in01-x").WithAPI(APICloudV1)),
		"sdk-abort":  AbortImport(ctx, NewCloudAbortImportOption(srv.URL, "1", "k", "in01-x").WithAPI(APICloudV1)),
	} {
		var e *Error
		if !errors.Is(err, ErrUnsupported) || errors.Is(err, ErrNotFound) || !errors.As(err, &e) || e.Transient() {
			t.Errorf("%s: %v", name, err)
		}
	}
	if n := count.Load(); n != 0 {
		t.Errorf("%d requests were sent", n)
	}
}

// The SDK's names and JSON tags, in its order, before what mip adds (the
// secret key is never marshalled, unlike the SDK's).
func TestImportSeedShape(t *testing.T) {
	check := func(v interface{}, want [][2]string) {
		t.Helper()
		typ := reflect.TypeOf(v)
		for i, w := range want {
			if i >= typ.NumField() {
				t.Fatalf("%s has %d fields", typ, typ.NumField())
			}
			if f := typ.Field(i); f.Name != w[0] || f.Tag.Get("json") != w[1] {
				t.Errorf("%s field %d = %s `json:%q`, want %s `json:%q`", typ, i, f.Name, f.Tag.Get("json"), w[0], w[1])
			}
		}
	}
	check(BulkImportOption{}, [][2]string{{"URL", "-"}, {"CollectionName", "collectionName"}, {"Files", "files,omitempty"},
		{"PartitionName", "partitionName,omitempty"}, {"APIKey", "-"}, {"ObjectURL", "objectUrl,omitempty"},
		{"ClusterID", "clusterId,omitempty"}, {"AccessKey", "accessKey,omitempty"}, {"SecretKey", "-"},
		{"Options", "options,omitempty"}})
	check(BulkImportResponse{}, [][2]string{{"Status", "status"}, {"Message", "message"}, {"Data", "data"}})
	check(BulkImportData{}, [][2]string{{"JobID", "jobId"}})
	check(ListImportJobsOption{}, [][2]string{{"URL", "-"}, {"CollectionName", "collectionName"},
		{"ClusterID", "clusterId,omitempty"}, {"APIKey", "-"}})
	check(ListImportJobsResponse{}, [][2]string{{"Status", "status"}, {"Message", "message"}, {"Data", "data"}})
	check(ListImportJobData{}, [][2]string{{"Records", "records"}, {"Complete", "complete"}})
	check(ImportJobRecord{}, [][2]string{{"CollectionName", "collectionName"}, {"JobID", "jobId"}})
}

// stallCreateServer reads each create and hands over its Idempotency-Key,
// then answers nothing until the client hangs up (or the test ends): a
// create cancelled after that has surely reached the server.
func stallCreateServer(t *testing.T) (*httptest.Server, <-chan string) {
	t.Helper()
	keys := make(chan string, 16)
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		select {
		case keys <- r.Header.Get("Idempotency-Key"):
		default:
		}
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) }) // runs first
	return srv, keys
}

// receivedKey waits, bounded, for the server to have read a create.
func receivedKey(t *testing.T, keys <-chan string) string {
	t.Helper()
	select {
	case k := <-keys:
		return k
	case <-time.After(10 * time.Second):
		t.Fatal("the server saw no create")
	}
	return ""
}

// A create whose context is cancelled (or whose deadline passes) after the
// server has the request fails with an error that still matches the
// context's error and gives the Idempotency-Key to create again with: the
// caller's, or the one made for the call, which is the one the server saw.
func TestCreateCancelledGivesTheIdempotencyKey(t *testing.T) {
	srv, keys := stallCreateServer(t)
	c := newTestClient(t, Options{Endpoint: srv.URL, Timeout: 60 * time.Second})
	files := [][]string{{"a.parquet"}}
	mint := regexp.MustCompile(`^mip-[0-9a-f]{32}$`)

	create := map[string]func(ctx context.Context, key string) error{
		"client": func(ctx context.Context, key string) error {
			_, err := c.BulkImport(ctx, NewImportRequest("c", files).WithIdempotencyKey(key))
			return err
		},
		"sdk": func(ctx context.Context, key string) error {
			_, err := BulkImport(ctx, NewBulkImportOption(srv.URL, "c", files).WithIdempotencyKey(key).WithTimeout(time.Minute))
			return err
		},
	}
	for name, call := range create {
		for _, given := range []string{"idem-cancel-7d3f", ""} {
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- call(ctx, given) }()
			sent := receivedKey(t, keys)
			cancel() // the request is at the server: the cancel lands mid-request
			var err error
			select {
			case err = <-done:
			case <-time.After(prompt):
				t.Fatalf("%s: the cancelled create did not return", name)
			}
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, context.Canceled) || !errors.Is(err, ErrCancelled) || e.Attempts < 1 {
				t.Fatalf("%s, key %q: %v", name, given, err)
			}
			if e.IdempotencyKey != sent || (given != "" && sent != given) || (given == "" && !mint.MatchString(sent)) {
				t.Errorf("%s, key %q: the error gives %q, the server saw %q", name, given, e.IdempotencyKey, sent)
			}
			// The library's message names the same key.
			if !strings.Contains(e.Message, "Idempotency-Key "+sent+" ") {
				t.Errorf("%s: message %q", name, e.Message)
			}
		}
	}

	// A deadline: the same, matching context.DeadlineExceeded. The deadline
	// is far beyond what sending takes; the server's receipt is checked.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_, err := c.BulkImport(ctx, NewImportRequest("c", files))
	sent := receivedKey(t, keys)
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, ErrTimeout) ||
		e.IdempotencyKey != sent || !mint.MatchString(sent) {
		t.Errorf("deadline: %v, key %q, sent %q", err, keyOf(err), sent)
	}

	// Nothing sent, no key: a context already done, a bad request.
	done, stop := context.WithCancel(context.Background())
	stop()
	_, err = c.BulkImport(done, NewImportRequest("c", files).WithIdempotencyKey("k"))
	if !errors.As(err, &e) || !errors.Is(err, context.Canceled) || e.IdempotencyKey != "" {
		t.Errorf("a done context: %v, key %q", err, keyOf(err))
	}
	_, err = c.BulkImport(context.Background(), NewImportRequest("", files).WithIdempotencyKey("k"))
	if !errors.As(err, &e) || !errors.Is(err, ErrInvalidArgument) || e.IdempotencyKey != "" {
		t.Errorf("a bad request: %v, key %q", err, keyOf(err))
	}
}

// A create the server refuses was sent too: its error gives the key the
// server saw. The other calls' errors give none.
func TestCreateRefusedGivesTheIdempotencyKey(t *testing.T) {
	srv, reqs, _ := recordServer(t, `{"code":1100,"message":"malformed"}`)
	c := newTestClient(t, Options{Endpoint: srv.URL})
	_, err := c.BulkImport(context.Background(), NewImportRequest("c", [][]string{{"a"}}))
	sent := next(t, reqs).header.Get("Idempotency-Key")
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrServer) || e.IdempotencyKey != sent || sent == "" {
		t.Errorf("%v: key %q, sent %q", err, keyOf(err), sent)
	}
	if _, err := c.ListImportJobs(context.Background(), ""); !errors.As(err, &e) || e.IdempotencyKey != "" {
		t.Errorf("list: %v, key %q", err, keyOf(err))
	}
	if err := c.CommitImport(context.Background(), "1"); !errors.As(err, &e) || e.IdempotencyKey != "" {
		t.Errorf("commit: %v, key %q", err, keyOf(err))
	}
}

// keyOf is err's IdempotencyKey, "" when err is no *Error.
func keyOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.IdempotencyKey
	}
	return ""
}

// cloudPage is a cloud list page of two jobs that counts count.
func cloudPage(count int) string {
	return fmt.Sprintf(`{"code":0,"data":{"count":%d,"currentPage":1,"pageSize":2,"records":[
 {"jobId":"job-ü-1","collectionName":"コレクション","state":"Importing","progress":42},
 {"jobId":"job-2","collectionName":"c","state":"Completed","progress":100}]}}`, count)
}

// Whether a list is whole crosses from C: a server that repeats its page
// short of its count gives an incomplete list (its jobs once each), one
// whose page holds the whole count a complete one; ListImportJobs keeps
// giving the jobs alone, and every list is freed once.
func TestListCompleteness(t *testing.T) {
	ctx := context.Background()
	made, freed := listCount()
	for _, tc := range []struct {
		count, requests int
		complete        bool
	}{{3, 2, false}, {2, 1, true}} {
		srv, reqs, count := recordServer(t, cloudPage(tc.count))
		c := newTestClient(t, Options{Endpoint: srv.URL, API: APICloud, Token: "sk-list-0123", ClusterID: "in01-x"})
		before := count.Load()
		list, err := c.ListImports(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if n := count.Load() - before; n != int64(tc.requests) {
			t.Errorf("count %d: %d requests, want %d", tc.count, n, tc.requests)
		}
		for i := int64(0); i < count.Load()-before; i++ {
			next(t, reqs)
		}
		runtime.GC()
		if list.Complete != tc.complete || len(list.Records) != 2 || list.Records[0].JobID != "job-ü-1" ||
			list.Records[0].CollectionName != "コレクション" || list.Records[1].JobID != "job-2" {
			t.Errorf("count %d: complete %v, %d records", tc.count, list.Complete, len(list.Records))
		}
		jobs, err := c.ListImportJobs(ctx, "")
		if err != nil || len(jobs) != 2 || jobs[0].JobID != "job-ü-1" {
			t.Errorf("count %d: ListImportJobs %v %v", tc.count, jobs, err)
		}
		resp, err := ListImportJobs(ctx, NewCloudListImportJobsOption(srv.URL, "", "sk-list-0123", "in01-x").WithAPI(APICloud))
		if err != nil || resp.Data.Complete != tc.complete || len(resp.Data.Records) != 2 {
			t.Errorf("count %d: SDK-style %+v %v", tc.count, resp, err)
		}
		j, _ := json.Marshal(list)
		if want := fmt.Sprintf(`"complete":%v`, tc.complete); !strings.Contains(string(j), want) {
			t.Errorf("count %d: JSON %s", tc.count, j)
		}
	}
	if m, f := listCount(); countingLists && (m-made != 6 || f-freed != 6) {
		t.Errorf("%d lists received, %d freed", m-made, f-freed)
	}
}

// A create the server answers with a failing status and a success envelope
// naming the new job fails, and the job's id crosses into Error.JobID,
// copied before the C error is freed (TestErrorFromTheLibrary: an error
// naming no job has none).
func TestCreateFailedNamesTheJob(t *testing.T) {
	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		requests.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprint(w, `{"code":0,"data":{"jobId":"123"}}`)
	}))
	defer srv.Close()
	ctx := context.Background()
	c := newTestClient(t, Options{Endpoint: srv.URL, MaxRetries: -1})
	const key = "idem-go-500-envelope"
	for name, create := range map[string]func() error{
		"client": func() error {
			_, err := c.BulkImport(ctx, NewImportRequest("c", [][]string{{"a.parquet"}}).WithIdempotencyKey(key))
			return err
		},
		"sdk": func() error {
			_, err := BulkImport(ctx, NewBulkImportOption(srv.URL, "c", [][]string{{"a.parquet"}}).WithIdempotencyKey(key))
			return err
		},
	} {
		err := create()
		runtime.GC()
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, ErrServer) || e.HTTPStatus != 500 || e.ServerCode != 0 {
			t.Fatalf("%s: %v", name, err)
		}
		if e.JobID != "123" || !strings.Contains(e.Message, "123") || e.IdempotencyKey != key ||
			!strings.Contains(e.Message, "Idempotency-Key "+key+" ") {
			t.Errorf("%s: job %q, key %q, message %q", name, e.JobID, e.IdempotencyKey, e.Message)
		}
	}
	if n := requests.Load(); n != 2 {
		t.Errorf("%d requests, want 2 (a failed create is not retried)", n)
	}
}
