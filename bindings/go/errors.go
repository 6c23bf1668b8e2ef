// SPDX-License-Identifier: Apache-2.0

package mip

/*
#include <mip.h>
*/
import "C"

import (
	"context"
	"errors"
)

// Code mirrors the C enum mip_code: what went wrong. The numbers are the
// library's and never change.
type Code int

// The values of Code, one per mip_code.
const (
	CodeOK               Code = C.MIP_OK
	CodeInvalidArgument  Code = C.MIP_ERR_INVALID_ARGUMENT   // the caller's input is wrong; nothing was sent
	CodeNoMemory         Code = C.MIP_ERR_NO_MEMORY          // out of memory
	CodeConnect          Code = C.MIP_ERR_CONNECT            // DNS, refused, unreachable, or the connection broke
	CodeTLS              Code = C.MIP_ERR_TLS                // TLS handshake or certificate verification
	CodeTimeout          Code = C.MIP_ERR_TIMEOUT            // a deadline passed, or the server said 408 / 10001
	CodeCancelled        Code = C.MIP_ERR_CANCELLED          // cancelled by the context or the Wait callback
	CodeHTTP             Code = C.MIP_ERR_HTTP               // an HTTP error without a JSON envelope, or a redirect
	CodeProtocol         Code = C.MIP_ERR_PROTOCOL           // the body is not the JSON expected
	CodeResponseTooLarge Code = C.MIP_ERR_RESPONSE_TOO_LARGE // the body exceeds Options.MaxResponseBytes
	CodeAuth             Code = C.MIP_ERR_AUTH               // not authenticated or not permitted
	CodeNotFound         Code = C.MIP_ERR_NOT_FOUND          // the job or the cluster does not exist
	CodeRateLimited      Code = C.MIP_ERR_RATE_LIMITED       // HTTP 429 or server code 1807
	CodeServer           Code = C.MIP_ERR_SERVER             // any other error envelope; see Error.ServerCode
	CodeUnsupported      Code = C.MIP_ERR_UNSUPPORTED        // the server or flavor has no such operation; nothing changed
)

// String returns the C enumerator's name, e.g. "MIP_ERR_TIMEOUT", or
// "MIP_ERR_UNKNOWN" for a number the library does not know.
func (c Code) String() string {
	return C.GoString(C.mip_code_name(C.mip_code(c))) // static storage
}

// Error is the error of every failing call of this package.
//
// Compare it with errors.Is against the sentinels: errors.Is(err,
// ErrNotFound) holds for any *Error whose Code is CodeNotFound. An error
// caused by the call's context also matches the context's error
// (context.Canceled or context.DeadlineExceeded), and one caused by a Wait
// callback returning false matches ErrStopped.
type Error struct {
	// Code says what went wrong.
	Code Code
	// HTTPStatus is the status of the response that caused the error, also
	// when its body then failed; 0 when no status line arrived.
	HTTPStatus int
	// ServerCode is the server envelope's "code" (e.g. 1800, 90144); 0 when
	// there was none.
	ServerCode int64
	// Attempts counts the HTTP requests the call sent, retries included; 0
	// when none was (a bad argument, a refused connection, a failed TLS
	// handshake).
	Attempts int
	// Message is the library's sentence about the failure, with the server's
	// own message where there was one. It never contains the token.
	Message string
	// IdempotencyKey is the Idempotency-Key header of a create (BulkImport)
	// that failed after sending its request (Attempts > 0), "" for any other
	// error. Such a create may have made the job even though it failed
	// (a cancelled context, a deadline, a reset: Message then says so);
	// creating again with this key (ImportRequest.IdempotencyKey,
	// BulkImportOption.WithIdempotencyKey) answers with that job's id
	// instead of making a second one, on Milvus >= 2.6.24 / 3.0.2. The key is
	// the caller's, or the one the binding made for the call.
	IdempotencyKey string
	// JobID is the id of a job the failing answer named (mip_error_job_id),
	// "" when it named none. A create answered with a failing HTTP status
	// but a success envelope carrying the new job's id fails (CodeServer),
	// and keeps the id here and in Message: the server may well have made
	// that job, so look at it (or create again with IdempotencyKey) before
	// making another.
	JobID string

	cause     error // context.Canceled, context.DeadlineExceeded or ErrStopped
	sentinel  bool
	transient bool // mip_error_is_transient, asked before the C error was freed
}

// Error returns "mip: CODE_NAME: message".
func (e *Error) Error() string {
	s := "mip: " + e.Code.String()
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.cause != nil {
		s += " (" + e.cause.Error() + ")"
	}
	return s
}

// Is reports whether target is the sentinel of e's Code (ErrNotFound for
// CodeNotFound, and so on).
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.sentinel && t.Code == e.Code
}

// Transient reports whether the failure may go away by itself, so that
// trying again later is worth it: the library's verdict
// (mip_error_is_transient), the same rule by which it retries within a call
// and polls through a failure in Wait. Errors the binding makes itself (an
// argument refused before calling the library, a context that had already
// ended) are not transient.
func (e *Error) Transient() bool { return e.transient }

// Unwrap returns the context error or ErrStopped that caused e, or nil.
func (e *Error) Unwrap() error { return e.cause }

func sentinel(c Code) *Error { return &Error{Code: c, sentinel: true} }

// Sentinels, one per Code, for errors.Is. They are never returned themselves.
var (
	ErrInvalidArgument  = sentinel(CodeInvalidArgument)
	ErrNoMemory         = sentinel(CodeNoMemory)
	ErrConnect          = sentinel(CodeConnect)
	ErrTLS              = sentinel(CodeTLS)
	ErrTimeout          = sentinel(CodeTimeout)
	ErrCancelled        = sentinel(CodeCancelled)
	ErrHTTP             = sentinel(CodeHTTP)
	ErrProtocol         = sentinel(CodeProtocol)
	ErrResponseTooLarge = sentinel(CodeResponseTooLarge)
	ErrAuth             = sentinel(CodeAuth)
	ErrNotFound         = sentinel(CodeNotFound)
	ErrRateLimited      = sentinel(CodeRateLimited)
	ErrServer           = sentinel(CodeServer)
	// ErrUnsupported: the server or flavor has no such operation (commit or
	// abort on Milvus 2.x, or on the cloud-v1 flavor); nothing was changed.
	ErrUnsupported = sentinel(CodeUnsupported)
)

// sentinels lists every sentinel, indexed by its Code (nil at CodeOK).
var sentinels = [...]*Error{nil, ErrInvalidArgument, ErrNoMemory, ErrConnect, ErrTLS, ErrTimeout, ErrCancelled,
	ErrHTTP, ErrProtocol, ErrResponseTooLarge, ErrAuth, ErrNotFound, ErrRateLimited, ErrServer, ErrUnsupported}

// ErrStopped is matched (errors.Is) by the error of a Wait that its
// callback stopped by returning false. That error's Code is CodeCancelled.
var ErrStopped = errors.New("mip: wait stopped by the progress callback")

// ErrClosed is returned by the methods of a Client after Close.
var ErrClosed = errors.New("mip: client is closed")

// takeError converts and frees a C error. e may be NULL, then only code is
// known.
func takeError(code C.mip_code, e *C.mip_error) *Error {
	if e == nil {
		return &Error{Code: Code(code)}
	}
	err := &Error{
		Code:       Code(C.mip_error_code(e)),
		HTTPStatus: int(C.mip_error_http_status(e)),
		ServerCode: int64(C.mip_error_server_code(e)),
		Attempts:   int(C.mip_error_attempts(e)),
		Message:    C.GoString(C.mip_error_message(e)), // borrowed from e: copy before freeing
		JobID:      C.GoString(C.mip_error_job_id(e)),  // borrowed from e as well
		transient:  C.mip_error_is_transient(e) != 0,
	}
	C.mip_error_free(e)
	return err
}

// invalidArgument is an error found on the Go side, before calling C.
func invalidArgument(msg string) *Error {
	return &Error{Code: CodeInvalidArgument, Message: msg}
}

// contextError is the error of a call whose context ended before it began.
func contextError(ctxErr error) *Error {
	if errors.Is(ctxErr, context.DeadlineExceeded) {
		return &Error{Code: CodeTimeout, Message: "the context's deadline passed", cause: ctxErr}
	}
	return &Error{Code: CodeCancelled, Message: "the context was cancelled", cause: ctxErr}
}
