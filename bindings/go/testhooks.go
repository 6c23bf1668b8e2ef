// SPDX-License-Identifier: Apache-2.0

//go:build mip_testhooks

package mip

import "sync/atomic"

// Built with -tags mip_testhooks only (run_tests.sh): the tests count the C
// lists the binding receives and frees, to check each is freed exactly
// once; a shipped build has no use for the counters.

const countingLists = true

var listsMade, listsFreed atomic.Int64

func listMade()  { listsMade.Add(1) }
func listFreed() { listsFreed.Add(1) }

// listCount is how many lists were received and freed so far.
func listCount() (made, freed int64) { return listsMade.Load(), listsFreed.Load() }
