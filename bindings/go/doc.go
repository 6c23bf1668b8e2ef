// SPDX-License-Identifier: Apache-2.0

// Package mip reports the progress of Milvus / Zilliz Cloud bulk-import jobs.
//
// It is the Go binding of libmip, a C library (C++17 inside) that speaks the
// three server dialects (Milvus REST v2, Zilliz Cloud control plane v2 and
// v1), retries transient failures, and normalises what the servers send.
//
// Two ways in:
//
//   - GetImportProgress(ctx, option) mirrors the call of the official Go SDK
//     (NewGetImportProgressOption, NewCloudGetImportProgressOption, WithAPIKey,
//     GetImportProgressResponse, ImportProgressData, ImportProgressDetail with
//     the same field names and JSON tags). Unlike the SDK, a server error is
//     returned as an error, never as a response with a non-zero Status.
//   - Client is reusable and keeps its connections open: GetImportProgress,
//     Wait (poll until the job ends, with a progress callback) and
//     GetImportProgressMany (many jobs over a bounded set of connections).
//
// The rest of a job's life, both ways too: BulkImport (NewBulkImportOption,
// NewCloudBulkImportOption; Client.BulkImport with an ImportRequest),
// ListImportJobs (Client.ListImports, and the response's Data.Complete,
// also say whether the list is whole), and the two-phase CommitImport and
// AbortImport of Milvus >= 3.0 (a job created WithAutoCommit(false) waits
// at StateUncommitted).
// Commit and abort on a server or flavor without them fail with an error
// matching ErrUnsupported.
//
// Every call honours its context: cancelling it, or reaching its deadline,
// ends the call in flight promptly (well within 100 ms on the C side).
//
// Errors are *Error values carrying the library's Code, the HTTP status, the
// server's own code, the number of attempts and the library's verdict on
// whether the failure is transient (Error.Transient). Compare them with errors.Is
// against the sentinels (ErrNotFound, ErrAuth, ErrTimeout, ...). An error
// caused by the context also matches context.Canceled or
// context.DeadlineExceeded. A create that failed after sending its request
// (the job may exist) gives the Idempotency-Key to create again with in
// Error.IdempotencyKey; one whose failing answer named the new job (an HTTP
// 500 with a success envelope) gives that job's id in Error.JobID. The
// token (API key or user:password) never appears in an error, nor does an
// object storage secret key, nor are they printed (fmt shows "***", whether
// handed a value or a pointer) or marshalled.
//
// # Building
//
// The package uses cgo and finds libmip with pkg-config ("#cgo pkg-config:
// mip"). Install libmip (cmake --install BUILD --prefix PREFIX) and point
// PKG_CONFIG_PATH at PREFIX/lib/pkgconfig; when PREFIX is not a directory the
// dynamic loader searches, also add -Wl,-rpath,PREFIX/lib to CGO_LDFLAGS or
// set LD_LIBRARY_PATH. Only the standard library is used.
package mip
