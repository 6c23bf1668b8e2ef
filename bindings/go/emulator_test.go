package mip

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The tests run against mip-emulator, whose path comes from MIP_EMULATOR
// (run_tests.sh sets it). Without it the tests that need a server skip.

const (
	jobDone   = "448761313698322999" // completed at start, two file groups
	jobFailed = "448761313698322200" // failed at start
	jobSlow   = "448761313698322100" // never gets anywhere
	jobOther  = "448761313698322300" // completed, database "otherdb"
	jobCloud  = "job-01fa0e5d42cjxudhpuehyp"
	testToken = "sk-SECRET-7f3a9c1e55d04b2e"
)

const scenario = `{"jobs":[
 {"jobId":"448761313698322999","collectionName":"quick_setup","durationSeconds":60,"elapsedSeconds":1000,
  "files":[{"paths":["1.parquet"],"rows":100000,"size":3279917},{"paths":["a.npy","b.npy"],"rows":50000,"size":1000000}]},
 {"jobId":"448761313698322200","collectionName":"broken","durationSeconds":10,"elapsedSeconds":1000,
  "fail":true,"reason":"bad row 7","files":["x.parquet"]},
 {"jobId":"448761313698322100","collectionName":"slow","durationSeconds":1000000000,"files":["slow.parquet"]},
 {"jobId":"448761313698322300","collectionName":"elsewhere","database":"otherdb","durationSeconds":10,
  "elapsedSeconds":1000,"files":["o.parquet"]},
 {"jobId":"job-01fa0e5d42cjxudhpuehyp","collectionName":"cloudy","durationSeconds":10,"elapsedSeconds":1000,
  "files":["c.parquet"]}
]}`

type emulator struct {
	cmd    *exec.Cmd
	url    string
	stderr *lockedBuffer
	waited chan error
}

var (
	emuMain *emulator // scenario, --speed 50: a created job completes in 0.2 s
	emuAuth *emulator // --token testToken
)

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	path := os.Getenv("MIP_EMULATOR")
	if path == "" {
		fmt.Fprintln(os.Stderr, "MIP_EMULATOR is not set: the tests that need mip-emulator skip")
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "mip-go-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	scen := filepath.Join(dir, "scenario.json")
	if err := os.WriteFile(scen, []byte(scenario), 0o600); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	emuMain, err = startEmulator(path, "--speed", "50", "--duration", "10", "--scenario", scen)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer emuMain.stop()
	emuAuth, err = startEmulator(path, "--token", testToken, "--scenario", scen)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer emuAuth.stop()
	return m.Run()
}

// firstLine hands over the first line written to it, then discards.
type firstLine struct {
	mu   sync.Mutex
	buf  []byte
	sent bool
	ch   chan string
}

func (w *firstLine) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.sent {
		w.buf = append(w.buf, p...)
		if i := bytes.IndexByte(w.buf, '\n'); i >= 0 {
			w.sent = true
			w.ch <- string(w.buf[:i]) // buffered: never blocks
		}
	}
	return len(p), nil
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func startEmulator(path string, args ...string) (*emulator, error) {
	out := &firstLine{ch: make(chan string, 1)}
	e := &emulator{stderr: &lockedBuffer{}, waited: make(chan error, 1)}
	e.cmd = exec.Command(path, append([]string{"--port", "0"}, args...)...)
	e.cmd.Stdout = out
	e.cmd.Stderr = e.stderr
	if err := e.cmd.Start(); err != nil {
		return nil, err
	}
	go func() { e.waited <- e.cmd.Wait() }()
	select {
	case line := <-out.ch:
		port := strings.TrimSpace(line)
		e.url = "http://127.0.0.1:" + port
		return e, nil
	case err := <-e.waited:
		return nil, fmt.Errorf("mip-emulator exited before printing its port (%v): %s", err, e.stderr.String())
	case <-time.After(15 * time.Second):
		e.cmd.Process.Kill()
		<-e.waited
		return nil, fmt.Errorf("mip-emulator printed no port within 15 s: %s", e.stderr.String())
	}
}

func (e *emulator) stop() {
	e.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-e.waited:
	case <-time.After(10 * time.Second):
		e.cmd.Process.Kill()
		<-e.waited
	}
}

func needEmulator(t testing.TB) {
	t.Helper()
	if emuMain == nil {
		t.Skip("MIP_EMULATOR is not set")
	}
}

// createJob creates a Milvus job through the emulator's create route.
func createJob(t testing.TB, e *emulator, collection string, files ...string) string {
	t.Helper()
	groups := make([][]string, len(files))
	for i, f := range files {
		groups[i] = []string{f}
	}
	body, _ := json.Marshal(map[string]interface{}{"collectionName": collection, "files": groups})
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Post(e.url+"/v2/vectordb/jobs/import/create", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Code int `json:"code"`
		Data struct {
			JobID string `json:"jobId"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Code != 0 || out.Data.JobID == "" {
		t.Fatalf("create: code %d, err %v", out.Code, err)
	}
	return out.Data.JobID
}

func newTestClient(t testing.TB, o Options) *Client {
	t.Helper()
	if o.Endpoint == "" {
		o.Endpoint = emuMain.url
	}
	c, err := NewClient(o)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}
