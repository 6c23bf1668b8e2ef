// SPDX-License-Identifier: Apache-2.0

package mip

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// The error type: what the library said reaches *Error whole (code, HTTP
// status, server code, attempts, message, transience), errors.Is and
// errors.As work, and the token shows nowhere.

func TestErrorFromTheLibrary(t *testing.T) {
	needEmulator(t)
	_, err := newTestClient(t, Options{}).GetImportProgress(context.Background(), jobMissing)
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrNotFound) {
		t.Fatalf("%v", err)
	}
	if errors.Is(err, ErrAuth) || errors.Is(err, context.Canceled) || errors.Unwrap(err) != nil {
		t.Errorf("matches too much: %v", err)
	}
	if e.Code != CodeNotFound || e.ServerCode != 2100 || e.Attempts != 1 || e.Transient() || e.JobID != "" {
		t.Errorf("%+v, transient %v", *e, e.Transient())
	}
	if !strings.Contains(e.Message, jobMissing) || err.Error() != "mip: MIP_ERR_NOT_FOUND: "+e.Message {
		t.Errorf("message %q, Error() %q", e.Message, err.Error())
	}
}

// Transient is the library's verdict, captured before its error was freed.
func TestTransient(t *testing.T) {
	needEmulator(t)
	_, err := newTestClient(t, Options{MaxRetries: -1}).GetImportProgress(context.Background(), "fault-503")
	var e *Error
	if !errors.As(err, &e) || !e.Transient() || e.HTTPStatus != 503 || e.Attempts != 1 {
		t.Fatalf("%v: %+v", err, e)
	}
	// Errors the binding makes itself are not.
	_, err = newTestClient(t, Options{}).GetImportProgress(context.Background(), "a\x00b")
	if !errors.As(err, &e) || e.Code != CodeInvalidArgument || e.Transient() {
		t.Fatalf("%v", err)
	}
}

// errors.Is(err, ErrX) holds exactly when err's Code is X's.
func TestSentinels(t *testing.T) {
	sentinels := []*Error{ErrInvalidArgument, ErrNoMemory, ErrConnect, ErrTLS, ErrTimeout, ErrCancelled, ErrHTTP,
		ErrProtocol, ErrResponseTooLarge, ErrAuth, ErrNotFound, ErrRateLimited, ErrServer, ErrUnsupported}
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
		wrapped := fmt.Errorf("context: %w", e)
		if !errors.Is(wrapped, s) {
			t.Errorf("a wrapped %v does not match its sentinel", e)
		}
	}
}

// Every code the library names (mip_code_name) has its Code constant and
// its sentinel; the first number it does not know has neither.
func TestEveryCodeHasItsSentinel(t *testing.T) {
	consts := []Code{CodeOK, CodeInvalidArgument, CodeNoMemory, CodeConnect, CodeTLS, CodeTimeout, CodeCancelled,
		CodeHTTP, CodeProtocol, CodeResponseTooLarge, CodeAuth, CodeNotFound, CodeRateLimited, CodeServer, CodeUnsupported}
	known := 0
	for c := Code(1); c < 1000 && c.String() != "MIP_ERR_UNKNOWN"; c++ {
		known = int(c)
		if int(c) >= len(sentinels) || sentinels[c] == nil || sentinels[c].Code != c {
			t.Errorf("%v (%d) has no sentinel", c, int(c))
		}
		if int(c) >= len(consts) || consts[c] != c {
			t.Errorf("%v (%d) has no Code constant", c, int(c))
		}
	}
	if known != len(sentinels)-1 || known != len(consts)-1 || CodeUnsupported.String() != "MIP_ERR_UNSUPPORTED" {
		t.Errorf("the library knows %d codes, the binding %d sentinels", known, len(sentinels)-1)
	}
	if !errors.Is(&Error{Code: CodeUnsupported}, ErrUnsupported) || errors.Is(&Error{Code: CodeNotFound}, ErrUnsupported) {
		t.Error("ErrUnsupported matches wrongly")
	}
}

func assertNoSecret(t *testing.T, secret string, shown ...string) {
	t.Helper()
	for _, s := range shown {
		if strings.Contains(s, secret) {
			t.Fatal("a secret shows in an error or a printed value") // not the text: it holds the secret
		}
	}
}

func printed(v interface{}) []string {
	s := []string{fmt.Sprintf("%v", v), fmt.Sprintf("%+v", v), fmt.Sprintf("%#v", v), fmt.Sprintf("%s", v)}
	if err, ok := v.(error); ok {
		s = append(s, err.Error())
	}
	return s
}

func TestTokenNeverShown(t *testing.T) {
	needAuthEmulator(t)
	ctx := context.Background()
	const wrong = "sk-WRONG-aa6d1f0b9c2e4d7f"

	// The token reaches the server: the right one is accepted, a wrong one
	// is not, and neither shows in the error or the printed option.
	opt := NewGetImportProgressOption(authURL, jobDone).WithAPIKey(emulatorToken)
	if _, err := GetImportProgress(ctx, opt); err != nil {
		t.Fatalf("right token: %v", err)
	}
	assertNoSecret(t, emulatorToken, printed(opt)...)
	_, err := GetImportProgress(ctx, opt.WithAPIKey(wrong))
	if !errors.Is(err, ErrAuth) {
		t.Fatalf("wrong token: %v", err)
	}
	assertNoSecret(t, wrong, printed(err)...)
	assertNoSecret(t, wrong, printed(opt)...)

	// The same through Options, in user:password form.
	o := Options{Endpoint: authURL, Token: "root:" + wrong}
	_, err = newTestClient(t, o).GetImportProgress(ctx, jobDone)
	if !errors.Is(err, ErrAuth) {
		t.Fatal(err)
	}
	assertNoSecret(t, wrong, printed(err)...)
	assertNoSecret(t, wrong, printed(o)...)

	// A token the library refuses (a control character) does not show
	// either.
	_, err = NewClient(Options{Endpoint: authURL, Token: wrong + "\n"})
	if !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("token with a newline: %v", err)
	}
	assertNoSecret(t, wrong, printed(err)...)
}
