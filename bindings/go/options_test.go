// SPDX-License-Identifier: Apache-2.0

package mip

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// What goes from Go to C: each option reaches the library (the server sees
// it, or the library's own check refuses a bad value), for Options and for
// the SDK-style GetImportProgressOption alike.

// headerServer answers every request with a completed job and hands over
// the headers of each request.
func headerServer(t *testing.T) (*httptest.Server, <-chan http.Header) {
	headers := make(chan http.Header, 8)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case headers <- r.Header.Clone():
		default:
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"code":0,"data":{"jobId":"1","state":"Completed","progress":100}}`)
	}))
	t.Cleanup(srv.Close)
	return srv, headers
}

func TestStringOptionsReachTheServer(t *testing.T) {
	srv, headers := headerServer(t)
	ctx := context.Background()
	const token, db, agent = "root:pässwörd-5e1b7c", "データベース", "mip-go-test/1.0 ü"
	check := func(how string, h http.Header, wantAgent string) {
		t.Helper()
		if h.Get("Authorization") != "Bearer "+token {
			t.Errorf("%s: the Authorization header is not the token", how) // not printed: a secret
		}
		if got := h.Get("DB-Name"); got != db {
			t.Errorf("%s: DB-Name %q, want %q", how, got, db)
		}
		if wantAgent != "" && h.Get("User-Agent") != wantAgent {
			t.Errorf("%s: User-Agent %q, want %q", how, h.Get("User-Agent"), wantAgent)
		}
	}
	c := newTestClient(t, Options{Endpoint: srv.URL, Token: token, DBName: db, UserAgent: agent})
	if _, err := c.GetImportProgress(ctx, "1"); err != nil {
		t.Fatal(err)
	}
	check("Options", <-headers, agent)
	if _, err := GetImportProgress(ctx, NewGetImportProgressOption(srv.URL, "1").WithAPIKey(token).WithDBName(db)); err != nil {
		t.Fatal(err)
	}
	check("GetImportProgressOption", <-headers, "")
}

func TestNumericOptionsReachTheLibrary(t *testing.T) {
	needEmulator(t)
	ctx := context.Background()
	var e *Error

	// MaxRetries: the count the library makes, one retry more than none.
	_, err := newTestClient(t, Options{MaxRetries: 1}).GetImportProgress(ctx, "fault-503")
	if !errors.As(err, &e) || e.Attempts != 2 {
		t.Errorf("MaxRetries 1: %v, %+v", err, e)
	}

	// Timeout, and the SDK option's: the library's deadline, not a context's.
	for how, call := range map[string]func() error{
		"Options.Timeout": func() error {
			_, err := newTestClient(t, Options{Timeout: 300 * time.Millisecond}).GetImportProgress(ctx, "fault-stall")
			return err
		},
		"WithTimeout": func() error {
			_, err := GetImportProgress(ctx, NewGetImportProgressOption(emulatorURL, "fault-stall").WithTimeout(300*time.Millisecond))
			return err
		},
	} {
		start := time.Now()
		err := call()
		if took := time.Since(start); took < 250*time.Millisecond || took > prompt {
			t.Errorf("%s: took %v", how, took)
		}
		if !errors.Is(err, ErrTimeout) || errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: %v", how, err)
		}
	}

	// MaxResponseBytes, an int64.
	_, err = newTestClient(t, Options{MaxResponseBytes: 1000}).GetImportProgress(ctx, "fault-big-100000")
	if !errors.Is(err, ErrResponseTooLarge) {
		t.Errorf("MaxResponseBytes 1000: %v", err)
	}
}

// Values the library (or the binding, for a NUL) refuses: each one shows
// that the option was passed on, and the error names the option.
func TestInvalidArguments(t *testing.T) {
	ctx := context.Background()
	cases := map[string]struct {
		o     Options
		field string
	}{
		"no endpoint":          {Options{}, ""},
		"cloud without key":    {Options{Endpoint: "https://api.cloud.zilliz.com", ClusterID: "in01-x"}, ""},
		"NUL in endpoint":      {Options{Endpoint: "http://127.0.0.1:1\x00x"}, "Endpoint"},
		"negative timeout":     {Options{Endpoint: "http://127.0.0.1:1", Timeout: -time.Second}, "Timeout"},
		"negative connect":     {Options{Endpoint: "http://127.0.0.1:1", ConnectTimeout: -time.Second}, "ConnectTimeout"},
		"too many retries":     {Options{Endpoint: "http://127.0.0.1:1", MaxRetries: 1000}, "MaxRetries"},
		"too many conns":       {Options{Endpoint: "http://127.0.0.1:1", MaxConnections: 100000}, "MaxConnections"},
		"bad API":              {Options{Endpoint: "http://127.0.0.1:1", API: API(42)}, "API"},
		"negative body size":   {Options{Endpoint: "http://127.0.0.1:1", MaxResponseBytes: -1}, "MaxResponseBytes"},
		"a 9000-byte agent":    {Options{Endpoint: "http://127.0.0.1:1", UserAgent: strings.Repeat("a", 9000)}, "UserAgent"},
		"a newline in the db":  {Options{Endpoint: "http://127.0.0.1:1", DBName: "a\nb"}, "DBName"},
		"cloud flavor, no key": {Options{Endpoint: "http://127.0.0.1:1", API: APICloud, ClusterID: "in01-x"}, ""},
	}
	for name, tc := range cases {
		c, err := NewClient(tc.o)
		var e *Error
		if !errors.Is(err, ErrInvalidArgument) || !errors.As(err, &e) || !strings.Contains(e.Message, tc.field) {
			t.Errorf("%s: %v", name, err)
		}
		if c != nil {
			c.Close()
		}
	}
	if _, err := GetImportProgress(ctx, nil); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("nil option: %v", err)
	}
	if _, err := GetImportProgress(ctx, NewGetImportProgressOption("http://127.0.0.1:1", "1").WithAPI(APICloud)); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("WithAPI(APICloud) without a key: %v", err)
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

// API's names come from the library (mip_api_name), one per flavor.
func TestAPINamesAreTheLibrarys(t *testing.T) {
	want := map[API]string{APIAuto: "auto", APIMilvus: "milvus", APICloud: "cloud", APICloudV1: "cloud-v1", API(9): "unknown"}
	for api, name := range want {
		if got := api.String(); got != name {
			t.Errorf("API(%d).String() = %q, want %q", int(api), got, name)
		}
	}
}
