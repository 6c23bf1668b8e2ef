// SPDX-License-Identifier: Apache-2.0

package mip

/*
#include <mip.h>
*/
import "C"

// State mirrors the C enum mip_state: a job's (or a file's) state,
// normalised across the server flavors.
type State int

// The values of State.
const (
	StateUnknown     State = C.MIP_STATE_UNKNOWN
	StatePending     State = C.MIP_STATE_PENDING
	StateImporting   State = C.MIP_STATE_IMPORTING
	StateCompleted   State = C.MIP_STATE_COMPLETED
	StateFailed      State = C.MIP_STATE_FAILED
	StateUncommitted State = C.MIP_STATE_UNCOMMITTED // staged at 99 %, waits for commit or abort
	StateCommitting  State = C.MIP_STATE_COMMITTING
)

// stateNames holds mip_state_name of every State, asked once: String runs
// for each detail of a job whose server sends no state text, too often for
// a cgo call each.
var stateNames = func() (names [StateCommitting + 1]string) {
	for s := range names {
		names[s] = C.GoString(C.mip_state_name(C.mip_state(s))) // static storage
	}
	return names
}()

// String returns the library's name of the state (mip_state_name):
// "Unknown", "Pending", "Importing", "Completed", "Failed", "Uncommitted" or
// "Committing"; "Unknown" for any other number.
func (s State) String() string {
	if s < 0 || int(s) >= len(stateNames) {
		return stateNames[0]
	}
	return stateNames[s]
}

// MarshalText encodes the state as its name, so JSON shows "Completed".
func (s State) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText decodes a name written by MarshalText; anything else is
// StateUnknown.
func (s *State) UnmarshalText(b []byte) error {
	*s = StateUnknown
	for i, n := range stateNames {
		if n == string(b) {
			*s = State(i)
		}
	}
	return nil
}

// Terminal reports whether the state ends a wait (Completed, Failed and
// Uncommitted today), as the library decides it: mip_state_is_terminal.
func (s State) Terminal() bool {
	return C.mip_state_is_terminal(C.mip_state(s)) != 0
}

// API mirrors the C enum mip_api: which server dialect to speak.
type API int

// The values of API.
const (
	// APIAuto chooses by the endpoint's host: "controller.api.*" is
	// APICloudV1, "api.cloud.zilliz.com" and "api.cloud.zilliz.com.cn" are
	// APICloud, anything else is APIMilvus.
	APIAuto API = C.MIP_API_AUTO
	// APIMilvus is Milvus REST v2 (self-hosted, or a Zilliz Cloud cluster
	// endpoint).
	APIMilvus API = C.MIP_API_MILVUS
	// APICloud is the Zilliz Cloud control plane v2.
	APICloud API = C.MIP_API_CLOUD
	// APICloudV1 is the Zilliz Cloud control plane v1.
	APICloudV1 API = C.MIP_API_CLOUD_V1
)

// String returns "auto", "milvus", "cloud" or "cloud-v1" (mip_api_name),
// "unknown" for any other value.
func (a API) String() string {
	return C.GoString(C.mip_api_name(C.mip_api(a)))
}

// GetImportProgressResponse is what GetImportProgress returns, shaped like
// the Go SDK's type of the same name. It is returned only on success, so
// Status is always 0 and Message "".
type GetImportProgressResponse struct {
	Status  int                 `json:"status"`
	Message string              `json:"message"`
	Data    *ImportProgressData `json:"data"`
}

// ImportProgressData is a job's progress. The first ten fields and their
// JSON tags are the Go SDK's; the rest are what libmip adds.
//
// Integers are -1 when the server did not report them (the cloud flavor, for
// instance, has no importedRows). Progress is 0..100 on every flavor.
type ImportProgressData struct {
	CollectionName string `json:"collectionName"`
	JobID          string `json:"jobId"` // a numeric id keeps all its digits
	CompleteTime   string `json:"completeTime"`
	// State is the server's own text, e.g. "Importing", "ImportRunning";
	// where the server sends none (cloud v1) it is NormalizedState's name.
	State        string                  `json:"state"`
	Progress     int64                   `json:"progress"`
	ImportedRows int64                   `json:"importedRows"`
	TotalRows    int64                   `json:"totalRows"`
	Reason       string                  `json:"reason"` // failure text (reason or errorMessage)
	FileSize     int64                   `json:"fileSize"`
	Details      []*ImportProgressDetail `json:"details"`

	// FileName is the imported file (cloud flavors); "" elsewhere.
	FileName string `json:"fileName,omitempty"`
	// CreateTime is RFC 3339 as sent (newest Milvus only); "" when absent.
	CreateTime string `json:"createTime,omitempty"`
	// NormalizedState is State mapped onto one enum for every flavor.
	NormalizedState State `json:"normalizedState"`
}

// ImportProgressDetail is one file's (or file group's) progress. The first
// seven fields and their JSON tags are the Go SDK's.
type ImportProgressDetail struct {
	FileName     string `json:"fileName"` // as sent, e.g. Milvus's "[a.npy b.npy]"
	FileSize     int64  `json:"fileSize"`
	Progress     int64  `json:"progress"`
	CompleteTime string `json:"completeTime"`
	State        string `json:"state"` // server text; NormalizedState's name when none was sent
	ImportedRows int64  `json:"importedRows"`
	TotalRows    int64  `json:"totalRows"`

	// Reason is the file's failure text; "" when none.
	Reason string `json:"reason,omitempty"`
	// NormalizedState is State mapped onto one enum for every flavor.
	NormalizedState State `json:"normalizedState"`
}
