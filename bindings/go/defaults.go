// SPDX-License-Identifier: Apache-2.0

package mip

/*
#include <mip.h>
*/
import "C"

import "time"

// The library's defaults, the MIP_DEFAULT_* macros of mip.h, for a program
// that shows them or picks one explicitly. An Options field left at zero is
// not set at all, so the library applies its default itself.
const (
	DefaultTimeout          = time.Duration(C.MIP_DEFAULT_TIMEOUT_MS) * time.Millisecond         // Options.Timeout
	DefaultConnectTimeout   = time.Duration(C.MIP_DEFAULT_CONNECT_TIMEOUT_MS) * time.Millisecond // Options.ConnectTimeout
	DefaultMaxRetries       = int(C.MIP_DEFAULT_MAX_RETRIES)                                     // Options.MaxRetries
	DefaultMaxResponseBytes = int64(C.MIP_DEFAULT_MAX_RESPONSE_BYTES)                            // Options.MaxResponseBytes
	DefaultMaxConnections   = int(C.MIP_DEFAULT_MAX_CONNECTIONS)                                 // Options.MaxConnections
	DefaultPollInterval     = time.Duration(C.MIP_DEFAULT_POLL_INTERVAL_MS) * time.Millisecond   // the interval of Client.Wait
)
