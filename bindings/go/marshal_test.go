// SPDX-License-Identifier: Apache-2.0

package mip

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
)

// What crosses from C to Go: every field of a job and its details, strings
// (UTF-8 both ways) and 64-bit integers exact, copied before the C job is
// freed.

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

// distinctJob is a Milvus answer in which every field has a value of its
// own, so that two fields swapped in the conversion cannot go unnoticed.
// The job id is the one asked for, echoed.
const distinctJob = `{"code":0,"data":{
 "jobId":%s,"collectionName":"コレクション_ü","fileName":"job-ファイル.parquet",
 "state":"Completed","progress":100,
 "importedRows":9007199254740993,"totalRows":9223372036854775807,"fileSize":4294967297,
 "createTime":"2026-01-02T03:04:05Z","completeTime":"2026-01-02T04:05:06Z",
 "reason":"reason ü\twith a tab",
 "details":[
  {"fileName":"[a.npy b.npy]","fileSize":4294967298,"progress":3,"state":"InProgress",
   "importedRows":1,"totalRows":2,"completeTime":"2026-01-02T03:30:00Z","reason":"détail"},
  {"fileName":"データ.parquet","fileSize":5,"progress":100,"state":"Completed",
   "importedRows":7,"totalRows":8,"completeTime":"2026-01-02T03:40:00Z"}]}}`

func distinctWant(jobID string) *ImportProgressData {
	return &ImportProgressData{
		CollectionName:  "コレクション_ü",
		JobID:           jobID,
		CompleteTime:    "2026-01-02T04:05:06Z",
		State:           "Completed",
		Progress:        100,
		ImportedRows:    9007199254740993,    // 2^53 + 1: a float64 on the way would lose it
		TotalRows:       9223372036854775807, // the largest int64
		Reason:          "reason ü\twith a tab",
		FileSize:        4294967297, // 2^32 + 1
		FileName:        "job-ファイル.parquet",
		CreateTime:      "2026-01-02T03:04:05Z",
		NormalizedState: StateCompleted,
		Details: []*ImportProgressDetail{
			{FileName: "[a.npy b.npy]", FileSize: 4294967298, Progress: 3, CompleteTime: "2026-01-02T03:30:00Z",
				State: "InProgress", ImportedRows: 1, TotalRows: 2, Reason: "détail", NormalizedState: StateImporting},
			{FileName: "データ.parquet", FileSize: 5, Progress: 100, CompleteTime: "2026-01-02T03:40:00Z",
				State: "Completed", ImportedRows: 7, TotalRows: 8, NormalizedState: StateCompleted},
		},
	}
}

// distinctServer answers every request with distinctJob, echoing the job id
// of the request.
func distinctServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			JobID json.RawMessage `json:"jobId"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.JobID) == 0 {
			http.Error(w, "no jobId", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, distinctJob, req.JobID)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestEveryFieldArrivesExactly(t *testing.T) {
	srv := distinctServer(t)
	ctx := context.Background()
	const id = "ジョブ-ü-448761313698323001" // UTF-8 on the way in, back through the echo
	want := distinctWant(id)
	same := func(how string, got *ImportProgressData) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			g, _ := json.MarshalIndent(got, "", " ")
			w, _ := json.MarshalIndent(want, "", " ")
			t.Errorf("%s:\ngot  %s\nwant %s", how, g, w)
		}
	}
	c := newTestClient(t, Options{Endpoint: srv.URL})

	first, err := c.GetImportProgress(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	same("GetImportProgress", first)

	resp, err := GetImportProgress(ctx, NewGetImportProgressOption(srv.URL, id))
	if err != nil {
		t.Fatal(err)
	}
	same("the SDK's GetImportProgress", resp.Data)

	data, errs := c.GetImportProgressMany(ctx, []string{id, id})
	for i := range data {
		if errs[i] != nil {
			t.Fatalf("GetImportProgressMany %d: %v", i, errs[i])
		}
		same(fmt.Sprintf("GetImportProgressMany %d", i), data[i])
	}

	var kept []*ImportProgressData // the callback's snapshots, kept past the call
	last, err := c.Wait(ctx, id, time.Millisecond, func(p *ImportProgressData) bool {
		kept = append(kept, p)
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	same("Wait", last)
	if len(kept) != 1 {
		t.Fatalf("the callback saw %d snapshots of a completed job", len(kept))
	}
	same("Wait's callback", kept[0])

	// Every C job above has been freed, its memory free for the later ones:
	// what the first call returned is still intact, so it was copied.
	same("the first result, after the later calls", first)
}

func TestUTF8BothWays(t *testing.T) {
	needEmulator(t)
	const collection, file = "コレクション_ü", "données/ファイル.parquet"
	id := createJob(t, collection, file)
	d, err := newTestClient(t, Options{}).GetImportProgress(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if d.JobID != id || d.CollectionName != collection || len(d.Details) != 1 || !strings.Contains(d.Details[0].FileName, file) {
		t.Fatalf("job %q collection %q details %+v", d.JobID, d.CollectionName, d.Details)
	}
}

func TestFailedJobIsNotAnError(t *testing.T) {
	needEmulator(t)
	d, err := newTestClient(t, Options{}).GetImportProgress(context.Background(), jobFailed)
	if err != nil {
		t.Fatal(err)
	}
	const reason = "the data file is corrupted"
	if d.JobID != jobFailed || d.NormalizedState != StateFailed || d.Reason != reason || len(d.Details) != 2 ||
		d.Details[0].Reason != reason {
		t.Fatalf("%+v", d)
	}
}

func TestJSON(t *testing.T) {
	needEmulator(t)
	resp, err := GetImportProgress(context.Background(), NewGetImportProgressOption(emulatorURL, jobDone))
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
	for _, key := range []string{`"status":0`, `"data":{`, `"collectionName":"quick_setup"`, `"jobId":"` + jobDone + `"`,
		`"state":"Completed"`, `"progress":100`, `"importedRows":150000`, `"details":[{"fileName":"[1.parquet]"`,
		`"normalizedState":"Completed"`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("JSON lacks %s: %s", key, b)
		}
	}
}

func TestStateAndCode(t *testing.T) {
	// Every state's name is the library's, and MarshalText/UnmarshalText
	// round-trip it.
	for s := StateUnknown; s <= StateCommitting; s++ {
		text, _ := s.MarshalText()
		var back State = -1
		if err := back.UnmarshalText(text); err != nil || back != s {
			t.Errorf("%d: %q reads back as %d", int(s), text, int(back))
		}
	}
	if StateUncommitted.String() != "Uncommitted" || State(99).String() != "Unknown" || State(-1).String() != "Unknown" {
		t.Errorf("State names: %s %s %s", StateUncommitted, State(99), State(-1))
	}
	// Terminal is the library's verdict: asked, not copied.
	if !StateFailed.Terminal() || !StateUncommitted.Terminal() || StateImporting.Terminal() || State(99).Terminal() || State(-1).Terminal() {
		t.Error("State.Terminal")
	}
	if CodeNotFound.String() != "MIP_ERR_NOT_FOUND" || Code(99).String() != "MIP_ERR_UNKNOWN" {
		t.Errorf("Code: %s %s", CodeNotFound, Code(99))
	}
}
