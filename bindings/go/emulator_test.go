// SPDX-License-Identifier: Apache-2.0

package mip

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"testing"
	"time"
)

// The suite runs against the two mip-emulators that run_tests.sh starts
// (tests/support/emulator.sh), both serving the shared scenario
// tests/emulator/scenario.json. Without them the tests that need a server
// skip.
var (
	emulatorURL   = os.Getenv("MIP_EMULATOR_URL")      // no auth; a created job reaches 100 % in 0.2 s
	authURL       = os.Getenv("MIP_EMULATOR_AUTH_URL") // requires emulatorToken
	emulatorToken = os.Getenv("MIP_EMULATOR_TOKEN")    // a secret: never print it
)

// Jobs of the shared scenario.
const (
	jobDone    = "448761313698323001" // Completed: "[1.parquet]" 100000 rows, "[a.npy b.npy]" 50000 rows
	jobFailed  = "448761313698323000" // Failed: "the data file is corrupted"
	jobSlow    = "448761313698322100" // never finishes
	jobMissing = "448761313698300000" // not in the scenario: not found
)

func needEmulator(t testing.TB) {
	t.Helper()
	if emulatorURL == "" {
		t.Skip("MIP_EMULATOR_URL is not set: bindings/go/run_tests.sh BUILD_DIR starts the emulators")
	}
}

func needAuthEmulator(t testing.TB) {
	t.Helper()
	if authURL == "" || emulatorToken == "" {
		t.Skip("MIP_EMULATOR_AUTH_URL or MIP_EMULATOR_TOKEN is not set: bindings/go/run_tests.sh BUILD_DIR starts the emulators")
	}
}

// createJob creates a Milvus job, one file group per file, through the
// emulator's create route.
func createJob(t testing.TB, collection string, files ...string) string {
	t.Helper()
	groups := make([][]string, len(files))
	for i, f := range files {
		groups[i] = []string{f}
	}
	body, _ := json.Marshal(map[string]interface{}{"collectionName": collection, "files": groups})
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Post(emulatorURL+"/v2/vectordb/jobs/import/create", "application/json", bytes.NewReader(body))
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

// newTestClient is a client of the emulator without auth unless o names
// another endpoint, closed when the test ends.
func newTestClient(t testing.TB, o Options) *Client {
	t.Helper()
	if o.Endpoint == "" {
		o.Endpoint = emulatorURL
	}
	c, err := NewClient(o)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}
