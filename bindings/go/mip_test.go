package mip

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// prompt is the generous bound on "returns promptly" (the C side promises
// well within 100 ms after a cancel).
const prompt = 5 * time.Second

func TestVersion(t *testing.T) {
	if v := Version(); v != HeaderVersion {
		t.Fatalf("Version() = %q, header %q", v, HeaderVersion)
	}
}

// The SDK's types: exactly these fields, in this order, with these tags,
// before the fields mip adds.
func TestSeedShape(t *testing.T) {
	check := func(v interface{}, want [][2]string) {
		t.Helper()
		typ := reflect.TypeOf(v)
		if typ.NumField() < len(want) {
			t.Fatalf("%s has %d fields", typ, typ.NumField())
		}
		for i, w := range want {
			f := typ.Field(i)
			if f.Name != w[0] || f.Tag.Get("json") != w[1] {
				t.Errorf("%s field %d = %s `json:%q`, want %s `json:%q`", typ, i, f.Name, f.Tag.Get("json"), w[0], w[1])
			}
		}
	}
	check(GetImportProgressResponse{}, [][2]string{{"Status", "status"}, {"Message", "message"}, {"Data", "data"}})
	check(ImportProgressData{}, [][2]string{
		{"CollectionName", "collectionName"}, {"JobID", "jobId"}, {"CompleteTime", "completeTime"},
		{"State", "state"}, {"Progress", "progress"}, {"ImportedRows", "importedRows"},
		{"TotalRows", "totalRows"}, {"Reason", "reason"}, {"FileSize", "fileSize"}, {"Details", "details"}})
	check(ImportProgressDetail{}, [][2]string{
		{"FileName", "fileName"}, {"FileSize", "fileSize"}, {"Progress", "progress"},
		{"CompleteTime", "completeTime"}, {"State", "state"}, {"ImportedRows", "importedRows"},
		{"TotalRows", "totalRows"}})
	types := map[string]reflect.Type{"Status": reflect.TypeOf(0), "Progress": reflect.TypeOf(int64(0)),
		"Details": reflect.TypeOf([]*ImportProgressDetail{}), "Data": reflect.TypeOf(&ImportProgressData{})}
	for _, v := range []interface{}{GetImportProgressResponse{}, ImportProgressData{}, ImportProgressDetail{}} {
		for name, want := range types {
			if f, ok := reflect.TypeOf(v).FieldByName(name); ok && f.Type != want {
				t.Errorf("%T.%s is %s, want %s", v, name, f.Type, want)
			}
		}
	}
}

type flavorCase struct {
	name string
	api  API
	opt  func(url, job string) *GetImportProgressOption
	// expectations for jobDone
	detail0File, jobFile  string
	imported, totalRows   int64
	detail0Rows, detail0I int64
	createTime            bool
}

var flavors = []flavorCase{
	{name: "milvus", api: APIMilvus,
		opt:         func(u, j string) *GetImportProgressOption { return NewGetImportProgressOption(u, j) },
		detail0File: "[1.parquet]", jobFile: "", imported: 150000, totalRows: 150000,
		detail0Rows: 100000, detail0I: 100000, createTime: true},
	{name: "cloud", api: APICloud,
		opt: func(u, j string) *GetImportProgressOption {
			return NewCloudGetImportProgressOption(u, j, "any-key", "in01-0123456789abcdef").WithAPI(APICloud)
		},
		detail0File: "1.parquet", jobFile: "a.npy,b.npy", imported: -1, totalRows: 150000,
		detail0Rows: 100000, detail0I: -1},
	{name: "cloud-v1", api: APICloudV1,
		opt: func(u, j string) *GetImportProgressOption {
			return NewCloudGetImportProgressOption(u, j, "any-key", "in01-0123456789abcdef").WithAPI(APICloudV1)
		},
		detail0File: "1.parquet", jobFile: "a.npy,b.npy", imported: -1, totalRows: -1,
		detail0Rows: -1, detail0I: -1},
}

func checkDone(t *testing.T, fc flavorCase, d *ImportProgressData) {
	t.Helper()
	if d == nil {
		t.Fatal("nil data")
	}
	if d.JobID != jobDone || d.CollectionName != "quick_setup" {
		t.Errorf("job %q collection %q", d.JobID, d.CollectionName)
	}
	if d.NormalizedState != StateCompleted || d.State != "Completed" || d.Progress != 100 {
		t.Errorf("state %v %q progress %d", d.NormalizedState, d.State, d.Progress)
	}
	if d.ImportedRows != fc.imported || d.TotalRows != fc.totalRows || d.FileSize != 4279917 {
		t.Errorf("rows %d/%d size %d, want %d/%d 4279917", d.ImportedRows, d.TotalRows, d.FileSize, fc.imported, fc.totalRows)
	}
	if d.CompleteTime == "" || d.Reason != "" || d.FileName != fc.jobFile || (d.CreateTime != "") != fc.createTime {
		t.Errorf("complete %q reason %q file %q create %q", d.CompleteTime, d.Reason, d.FileName, d.CreateTime)
	}
	if len(d.Details) != 2 {
		t.Fatalf("%d details", len(d.Details))
	}
	d0 := d.Details[0]
	if d0.FileName != fc.detail0File || d0.FileSize != 3279917 || d0.Progress != 100 ||
		d0.NormalizedState != StateCompleted || d0.State == "" || d0.CompleteTime == "" ||
		d0.TotalRows != fc.detail0Rows || d0.ImportedRows != fc.detail0I {
		t.Errorf("detail 0: %+v", *d0)
	}
}

func TestGetImportProgressEveryFlavor(t *testing.T) {
	needEmulator(t)
	ctx := context.Background()
	for _, fc := range flavors {
		fc := fc
		t.Run(fc.name+"/sdk", func(t *testing.T) {
			resp, err := GetImportProgress(ctx, fc.opt(emuMain.url, jobDone))
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != 0 || resp.Message != "" {
				t.Errorf("status %d message %q", resp.Status, resp.Message)
			}
			checkDone(t, fc, resp.Data)
		})
		t.Run(fc.name+"/client", func(t *testing.T) {
			o := Options{API: fc.api}
			if fc.api != APIMilvus {
				o.Token, o.ClusterID = "any-key", "in01-0123456789abcdef"
			}
			c := newTestClient(t, o)
			for i := 0; i < 3; i++ { // reuse
				d, err := c.GetImportProgress(ctx, jobDone)
				if err != nil {
					t.Fatal(err)
				}
				checkDone(t, fc, d)
			}
		})
	}
}

func TestFailedJobIsNotAnError(t *testing.T) {
	needEmulator(t)
	c := newTestClient(t, Options{})
	d, err := c.GetImportProgress(context.Background(), jobFailed)
	if err != nil {
		t.Fatal(err)
	}
	if d.NormalizedState != StateFailed || d.State != "Failed" || d.Reason != "bad row 7" ||
		len(d.Details) != 1 || d.Details[0].Reason != "bad row 7" {
		t.Fatalf("%+v", d)
	}
}

func TestJSON(t *testing.T) {
	needEmulator(t)
	resp, err := GetImportProgress(context.Background(), NewGetImportProgressOption(emuMain.url, jobDone))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(resp)
	if err != nil {
		t.Fatal(err)
	}
	var back GetImportProgressResponse
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&back, resp) {
		t.Fatalf("round trip differs:\n%s", b)
	}
	for _, key := range []string{`"status":0`, `"data":{`, `"collectionName":"quick_setup"`, `"jobId":"448761313698322999"`,
		`"state":"Completed"`, `"progress":100`, `"importedRows":150000`, `"details":[{"fileName":"[1.parquet]"`,
		`"normalizedState":"Completed"`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("JSON lacks %s: %s", key, b)
		}
	}
}

func TestCloudJobID(t *testing.T) {
	needEmulator(t)
	ctx := context.Background()
	for _, api := range []API{APICloud, APICloudV1} {
		resp, err := GetImportProgress(ctx, NewCloudGetImportProgressOption(emuMain.url, jobCloud, "k", "in01-x").WithAPI(api))
		if err != nil {
			t.Fatalf("%v: %v", api, err)
		}
		if resp.Data.JobID != jobCloud || resp.Data.CollectionName != "cloudy" {
			t.Errorf("%v: %+v", api, resp.Data)
		}
	}
}

// The seed's call with a URL that is not api.cloud.zilliz.com (a private
// endpoint, a proxy): the cluster the caller named is still sent.
func TestCloudOptionOnAnyHost(t *testing.T) {
	bodies := make(chan string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		select {
		case bodies <- r.URL.Path + " " + string(body):
		default:
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"code":0,"data":{"jobId":"job-1","state":"Completed","progress":100}}`)
	}))
	defer srv.Close()
	resp, err := GetImportProgress(context.Background(), NewCloudGetImportProgressOption(srv.URL, "job-1", "key-123", "in01-abc"))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Data.JobID != "job-1" {
		t.Errorf("%+v", resp.Data)
	}
	want := `/v2/vectordb/jobs/import/describe {"clusterId":"in01-abc","jobId":"job-1"}`
	if got := <-bodies; got != want {
		t.Errorf("sent %s, want %s", got, want)
	}
}

func TestNotFound(t *testing.T) {
	needEmulator(t)
	ctx := context.Background()
	for _, fc := range flavors {
		_, err := GetImportProgress(ctx, fc.opt(emuMain.url, "448761313698300000"))
		var e *Error
		if !errors.Is(err, ErrNotFound) || !errors.As(err, &e) {
			t.Fatalf("%s: %v", fc.name, err)
		}
		if errors.Is(err, ErrAuth) || errors.Is(err, context.Canceled) {
			t.Errorf("%s: matches too much: %v", fc.name, err)
		}
		if e.Code != CodeNotFound || e.ServerCode == 0 || e.Attempts < 1 || e.Message == "" ||
			!strings.Contains(err.Error(), "MIP_ERR_NOT_FOUND") {
			t.Errorf("%s: %+v", fc.name, *e)
		}
	}
}

func TestDBName(t *testing.T) {
	needEmulator(t)
	ctx := context.Background()
	if _, err := GetImportProgress(ctx, NewGetImportProgressOption(emuMain.url, jobOther)); !errors.Is(err, ErrNotFound) {
		t.Fatalf("default database: %v", err)
	}
	resp, err := GetImportProgress(ctx, NewGetImportProgressOption(emuMain.url, jobOther).WithDBName("otherdb").WithTimeout(10*time.Second))
	if err != nil || resp.Data.CollectionName != "elsewhere" {
		t.Fatalf("otherdb: %v", err)
	}
	c := newTestClient(t, Options{DBName: "otherdb"})
	if _, err := c.GetImportProgress(ctx, jobOther); err != nil {
		t.Fatal(err)
	}
}

func assertNoToken(t *testing.T, err error, token string) {
	t.Helper()
	for _, s := range []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
		if strings.Contains(s, token) {
			t.Fatalf("the token leaks into the error: %s", s)
		}
	}
}

func TestAuth(t *testing.T) {
	needEmulator(t)
	ctx := context.Background()
	const wrong = "sk-WRONG-aa6d1f0b9c2e4d7f"
	for _, fc := range flavors {
		opt := fc.opt(emuAuth.url, jobDone).WithAPIKey(testToken)
		if _, err := GetImportProgress(ctx, opt); err != nil {
			t.Fatalf("%s, right key: %v", fc.name, err)
		}
		_, err := GetImportProgress(ctx, opt.WithAPIKey(wrong))
		var e *Error
		if !errors.Is(err, ErrAuth) || !errors.As(err, &e) {
			t.Fatalf("%s, wrong key: %v", fc.name, err)
		}
		if fc.api == APIMilvus && (e.HTTPStatus != 401 || e.ServerCode != 1800) {
			t.Errorf("milvus: %+v", *e)
		}
		assertNoToken(t, err, wrong)
		for _, s := range []string{opt.String(), fmt.Sprintf("%v", opt), fmt.Sprintf("%#v", opt)} {
			if strings.Contains(s, wrong) {
				t.Errorf("option prints its key: %s", s)
			}
		}
	}
	// Milvus without any token.
	_, err := GetImportProgress(ctx, NewGetImportProgressOption(emuAuth.url, jobDone))
	if !errors.Is(err, ErrAuth) {
		t.Fatalf("no token: %v", err)
	}
	// A client, a token with user:password form, and the options' printing.
	o := Options{Endpoint: emuAuth.url, Token: "root:" + wrong}
	c := newTestClient(t, o)
	_, err = c.GetImportProgress(ctx, jobDone)
	if !errors.Is(err, ErrAuth) {
		t.Fatal(err)
	}
	assertNoToken(t, err, wrong)
	if strings.Contains(o.String(), wrong) || strings.Contains(fmt.Sprintf("%#v", o), wrong) {
		t.Errorf("Options print the token: %s", o)
	}
	// A token that the library refuses (control character) does not show either.
	_, err = NewClient(Options{Endpoint: emuAuth.url, Token: wrong + "\n"})
	if !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("token with newline: %v", err)
	}
	assertNoToken(t, err, wrong)
}

func TestInvalidArguments(t *testing.T) {
	ctx := context.Background()
	cases := map[string]Options{
		"no endpoint":        {},
		"cloud without key":  {Endpoint: "https://api.cloud.zilliz.com", ClusterID: "in01-x"},
		"NUL in endpoint":    {Endpoint: "http://127.0.0.1:1\x00x"},
		"negative timeout":   {Endpoint: "http://127.0.0.1:1", Timeout: -time.Second},
		"too many retries":   {Endpoint: "http://127.0.0.1:1", MaxRetries: 1000},
		"too many conns":     {Endpoint: "http://127.0.0.1:1", MaxConnections: 100000},
		"bad API":            {Endpoint: "http://127.0.0.1:1", API: API(42)},
		"negative body size": {Endpoint: "http://127.0.0.1:1", MaxResponseBytes: -1},
	}
	for name, o := range cases {
		if c, err := NewClient(o); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%s: %v", name, err)
			if c != nil {
				c.Close()
			}
		}
	}
	if _, err := GetImportProgress(ctx, nil); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("nil option: %v", err)
	}
	c, err := NewClient(Options{Endpoint: "http://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, id := range []string{"", "12\x003", "a\nb"} {
		_, err := c.GetImportProgress(ctx, id)
		var e *Error
		if !errors.Is(err, ErrInvalidArgument) || !errors.As(err, &e) || e.Attempts != 0 {
			t.Errorf("job id %q: %v", id, err)
		}
	}
	if _, err := c.Wait(ctx, "1", 0, nil); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("zero interval: %v", err)
	}
}

func TestTransportAndServerErrors(t *testing.T) {
	needEmulator(t)
	ctx := context.Background()
	c := newTestClient(t, Options{MaxRetries: -1})
	_, err := c.GetImportProgress(ctx, "fault-503")
	var e *Error
	if !errors.Is(err, ErrHTTP) || !errors.As(err, &e) || e.HTTPStatus != 503 || e.Attempts != 1 {
		t.Errorf("503: %v %+v", err, e)
	}
	_, err = c.GetImportProgress(ctx, "fault-1807")
	if !errors.Is(err, ErrRateLimited) || !errors.As(err, &e) || e.ServerCode != 1807 {
		t.Errorf("1807: %v", err)
	}
	_, err = c.GetImportProgress(ctx, "fault-truncate")
	if !errors.Is(err, ErrConnect) && !errors.Is(err, ErrProtocol) {
		t.Errorf("truncate: %v", err)
	}
	small := newTestClient(t, Options{MaxResponseBytes: 1000})
	if _, err := small.GetImportProgress(ctx, "fault-big-100000"); !errors.Is(err, ErrResponseTooLarge) {
		t.Errorf("big: %v", err)
	}
	// The default retries ride over one 503.
	retrying := newTestClient(t, Options{})
	if d, err := retrying.GetImportProgress(ctx, "fault-flaky503-1-"+t.Name()); err != nil || d.JobID == "" {
		t.Errorf("flaky 503: %v", err)
	}
}

func TestConnectError(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	c, err := NewClient(Options{Endpoint: "http://" + addr, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, err = c.GetImportProgress(context.Background(), "1")
	if !errors.Is(err, ErrConnect) {
		t.Fatal(err)
	}
}

func stallClient(t *testing.T) *Client {
	return newTestClient(t, Options{Timeout: 60 * time.Second})
}

func TestCancelDuringStall(t *testing.T) {
	needEmulator(t)
	c := stallClient(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	timer := time.AfterFunc(300*time.Millisecond, cancel)
	defer timer.Stop()
	start := time.Now()
	_, err := c.GetImportProgress(ctx, "fault-stall")
	took := time.Since(start)
	if took > prompt {
		t.Fatalf("took %v", took)
	}
	var e *Error
	if !errors.Is(err, ErrCancelled) || !errors.Is(err, context.Canceled) || errors.Is(err, ErrTimeout) || !errors.As(err, &e) {
		t.Fatalf("%v", err)
	}
	t.Logf("cancelled after %v, attempts %d: %v", took, e.Attempts, err)
}

func TestDeadlineDuringStall(t *testing.T) {
	needEmulator(t)
	c := stallClient(t)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.GetImportProgress(ctx, "fault-stall")
	took := time.Since(start)
	if took > prompt || took < 250*time.Millisecond {
		t.Fatalf("took %v", took)
	}
	if !errors.Is(err, ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrCancelled) {
		t.Fatalf("%v", err)
	}
	// The SDK-style function honours the context too.
	ctx2, cancel2 := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel2()
	_, err = GetImportProgress(ctx2, NewGetImportProgressOption(emuMain.url, "fault-stall"))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("sdk: %v", err)
	}
}

func TestContextAlreadyDone(t *testing.T) {
	needEmulator(t)
	c := newTestClient(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.GetImportProgress(ctx, jobDone)
	var e *Error
	if !errors.Is(err, ErrCancelled) || !errors.Is(err, context.Canceled) || !errors.As(err, &e) || e.Attempts != 0 {
		t.Fatalf("%v", err)
	}
	dctx, dcancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer dcancel()
	if _, err := c.Wait(dctx, jobDone, time.Millisecond, nil); !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, ErrTimeout) {
		t.Fatalf("wait: %v", err)
	}
}

func TestWaitCompletes(t *testing.T) {
	needEmulator(t)
	c := newTestClient(t, Options{})
	id := createJob(t, emuMain, "wait_me", "a.parquet", "b.parquet")
	var calls int
	var last *ImportProgressData
	prev := int64(-1)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	d, err := c.Wait(ctx, id, 20*time.Millisecond, func(p *ImportProgressData) bool {
		calls++
		if p.Progress < prev {
			t.Errorf("progress went back: %d after %d", p.Progress, prev)
		}
		prev, last = p.Progress, p
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	if d.NormalizedState != StateCompleted || d.Progress != 100 || d.JobID != id || len(d.Details) != 2 {
		t.Fatalf("%+v", d)
	}
	if calls < 2 || last == nil || last.NormalizedState != StateCompleted {
		t.Fatalf("callback called %d times, last %+v", calls, last)
	}
	t.Logf("completed after %d polls", calls)
	// Without a callback.
	if d, err := c.Wait(context.Background(), jobDone, time.Millisecond, nil); err != nil || d.NormalizedState != StateCompleted {
		t.Fatalf("nil callback: %v", err)
	}
	// A failed job ends the wait without an error.
	if d, err := c.Wait(context.Background(), jobFailed, time.Millisecond, nil); err != nil || d.NormalizedState != StateFailed {
		t.Fatalf("failed job: %v", err)
	}
}

func TestWaitStoppedByCallback(t *testing.T) {
	needEmulator(t)
	c := newTestClient(t, Options{})
	var calls int
	start := time.Now()
	d, err := c.Wait(context.Background(), jobSlow, 10*time.Millisecond, func(p *ImportProgressData) bool {
		calls++
		return calls < 3
	})
	if time.Since(start) > prompt {
		t.Fatalf("took %v", time.Since(start))
	}
	if !errors.Is(err, ErrStopped) || !errors.Is(err, ErrCancelled) || errors.Is(err, context.Canceled) {
		t.Fatalf("%v", err)
	}
	if calls != 3 || d == nil || d.JobID != jobSlow || d.NormalizedState.Terminal() {
		t.Fatalf("calls %d, data %+v", calls, d)
	}
}

func TestWaitDeadline(t *testing.T) {
	needEmulator(t)
	c := newTestClient(t, Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)
	defer cancel()
	start := time.Now()
	var calls int32
	d, err := c.Wait(ctx, jobSlow, 20*time.Millisecond, func(*ImportProgressData) bool { atomic.AddInt32(&calls, 1); return true })
	took := time.Since(start)
	if took > prompt || took < 300*time.Millisecond {
		t.Fatalf("took %v", took)
	}
	if !errors.Is(err, ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("%v", err)
	}
	if calls == 0 || d == nil {
		t.Fatalf("calls %d, last %v", calls, d)
	}
}

func TestWaitCancelDuringStall(t *testing.T) {
	needEmulator(t)
	c := stallClient(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	timer := time.AfterFunc(300*time.Millisecond, cancel)
	defer timer.Stop()
	start := time.Now()
	_, err := c.Wait(ctx, "fault-stall", 10*time.Millisecond, func(*ImportProgressData) bool { return true })
	if took := time.Since(start); took > prompt {
		t.Fatalf("took %v", took)
	}
	if !errors.Is(err, ErrCancelled) || !errors.Is(err, context.Canceled) || errors.Is(err, ErrStopped) {
		t.Fatalf("%v", err)
	}
}

func TestWaitNotFound(t *testing.T) {
	needEmulator(t)
	c := newTestClient(t, Options{})
	if _, err := c.Wait(context.Background(), "448761313698300001", 10*time.Millisecond, nil); !errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
}

func TestWaitCallbackPanic(t *testing.T) {
	needEmulator(t)
	c := newTestClient(t, Options{})
	defer func() {
		if r := recover(); r != "boom" {
			t.Fatalf("recovered %v", r)
		}
		// The client still works.
		if _, err := c.GetImportProgress(context.Background(), jobDone); err != nil {
			t.Fatal(err)
		}
	}()
	c.Wait(context.Background(), jobSlow, 10*time.Millisecond, func(*ImportProgressData) bool { panic("boom") })
	t.Fatal("Wait did not panic")
}

func TestGetImportProgressMany(t *testing.T) {
	needEmulator(t)
	c := newTestClient(t, Options{MaxConnections: 4})
	created := createJob(t, emuMain, "many", "m.parquet")
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

func TestGetImportProgressManyCancelled(t *testing.T) {
	needEmulator(t)
	c := stallClient(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	timer := time.AfterFunc(300*time.Millisecond, cancel)
	defer timer.Stop()
	start := time.Now()
	data, errs := c.GetImportProgressMany(ctx, []string{"fault-stall", jobDone, "fault-stall"})
	if took := time.Since(start); took > prompt {
		t.Fatalf("took %v", took)
	}
	for _, i := range []int{0, 2} {
		if data[i] != nil || !errors.Is(errs[i], ErrCancelled) || !errors.Is(errs[i], context.Canceled) {
			t.Errorf("index %d: %v", i, errs[i])
		}
	}
	if errs[1] != nil && !errors.Is(errs[1], ErrCancelled) {
		t.Errorf("index 1: %v", errs[1])
	}
}

func TestClose(t *testing.T) {
	needEmulator(t)
	c, err := NewClient(Options{Endpoint: emuMain.url})
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

// Close waits for a call in flight, here one stalled until its context ends.
func TestCloseWaitsForCalls(t *testing.T) {
	needEmulator(t)
	c, err := NewClient(Options{Endpoint: emuMain.url, Timeout: 60 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := c.GetImportProgress(ctx, "fault-stall")
		done <- err
	}()
	// Wait (bounded) until the call holds the client.
	for i := 0; i < 200; i++ {
		c.mu.Lock()
		n := c.inflight
		c.mu.Unlock()
		if n > 0 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	c.Close() // returns once the stalled call has ended
	select {
	case err := <-done:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatal(err)
		}
	case <-time.After(prompt):
		t.Fatal("the call did not end")
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

func TestNoGoroutineLeak(t *testing.T) {
	needEmulator(t)
	c := newTestClient(t, Options{Timeout: 60 * time.Second})
	settle := func() int {
		n := runtime.NumGoroutine()
		return n
	}
	// Warm up (first-use goroutines of the runtime and net packages).
	if _, err := c.GetImportProgress(context.Background(), jobDone); err != nil {
		t.Fatal(err)
	}
	before := settle()
	for i := 0; i < 100; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		if _, err := c.GetImportProgress(ctx, jobDone); err != nil {
			t.Fatal(err)
		}
		cancel()
	}
	for i := 0; i < 20; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		if _, err := c.GetImportProgress(ctx, "448761313698300002"); !errors.Is(err, ErrNotFound) {
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

func TestStateAndCode(t *testing.T) {
	if StateUncommitted.String() != "Uncommitted" || State(99).String() != "Unknown" || !StateFailed.Terminal() || StateImporting.Terminal() {
		t.Error("State")
	}
	if CodeNotFound.String() != "MIP_ERR_NOT_FOUND" || Code(99).String() != "MIP_ERR_UNKNOWN" {
		t.Errorf("Code: %s %s", CodeNotFound, Code(99))
	}
	var s State
	if err := s.UnmarshalText([]byte("Committing")); err != nil || s != StateCommitting {
		t.Error("UnmarshalText")
	}
	sentinels := []*Error{ErrInvalidArgument, ErrNoMemory, ErrConnect, ErrTLS, ErrTimeout, ErrCancelled, ErrHTTP,
		ErrProtocol, ErrResponseTooLarge, ErrAuth, ErrNotFound, ErrRateLimited, ErrServer}
	for i, s := range sentinels {
		if s.Code != Code(i+1) {
			t.Errorf("sentinel %d has code %v", i, s.Code)
		}
		e := &Error{Code: Code(i + 1), Message: "x"}
		for j, o := range sentinels {
			if errors.Is(e, o) != (i == j) {
				t.Errorf("errors.Is(%v, %v) wrong", e, o)
			}
		}
	}
}

// The batched conversion (C-side chunks, shared strings) gives exactly what
// the obvious per-accessor conversion gives, across chunk boundaries too.
func TestConvertMatchesNaive(t *testing.T) {
	needEmulator(t)
	c := newTestClient(t, Options{})
	for _, id := range []string{jobDone, jobFailed, "fault-big-300000", createJob(t, emuMain, "conv", "p.parquet", "q.parquet")} {
		r, err := fetchRaw(c, id)
		if err != nil {
			t.Fatal(err)
		}
		got, want := r.convert(), r.convertNaive()
		n := r.detailCount()
		r.free()
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: batched and naive conversions differ", id)
		}
		if id == "fault-big-300000" && n <= 2*detailChunk {
			t.Fatalf("%s has only %d details", id, n)
		}
	}
}
