// SPDX-License-Identifier: Apache-2.0

package mip

/*
#cgo pkg-config: mip
#include <mip.h>
*/
import "C"

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// HeaderVersion is the version of mip.h this package was compiled against,
// e.g. "0.1.0". Version reports the library loaded at run time.
var HeaderVersion = fmt.Sprintf("%d.%d.%d", C.MIP_VERSION_MAJOR, C.MIP_VERSION_MINOR, C.MIP_VERSION_PATCH)

// Version returns the version of the libmip loaded at run time, e.g. "0.1.0".
func Version() string {
	return C.GoString(C.mip_version()) // static storage in the library
}

// durationMs converts d to whole milliseconds, rounding up so that a short
// positive duration never becomes 0, and saturating instead of overflowing.
func durationMs(d time.Duration) int64 {
	if d <= 0 {
		return int64(d / time.Millisecond)
	}
	ms := int64(d / time.Millisecond)
	if d%time.Millisecond != 0 && ms < math.MaxInt64 {
		ms++
	}
	return ms
}

// hasNUL reports whether s cannot be passed to C as one string.
func hasNUL(s string) bool { return strings.IndexByte(s, 0) >= 0 }
