// SPDX-License-Identifier: Apache-2.0

package mip_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	mip "github.com/mip-project/mip/bindings/go"
)

// The examples compile with the tests; without "Output:" they are not run
// (they would need a server).

// A two-phase import in the Go SDK's style: create with auto-commit off,
// wait until the data is staged, commit, wait until it is in.
func ExampleBulkImport() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour) // bounds every wait below
	defer cancel()
	const uri = "http://localhost:19530"
	resp, err := mip.BulkImport(ctx,
		mip.NewBulkImportOption(uri, "quick_setup", [][]string{{"1.parquet"}, {"a.npy", "b.npy"}}).
			WithPartition("p1").
			WithOption("timeout", "300s").
			WithAutoCommit(false).
			WithIdempotencyKey("batch-2026-12-02").
			WithAPIKey("root:Milvus"))
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := mip.NewClient(mip.Options{Endpoint: uri, Token: "root:Milvus"})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	job, err := c.Wait(ctx, resp.Data.JobID, 3*time.Second, nil)
	if err != nil || job.NormalizedState != mip.StateUncommitted {
		fmt.Println("not staged:", err)
		return
	}
	if err := c.CommitImport(ctx, resp.Data.JobID); errors.Is(err, mip.ErrUnsupported) {
		fmt.Println("this server has no two-phase import")
		return
	} else if err != nil {
		fmt.Println(err)
		return
	}
	job, err = c.Wait(ctx, resp.Data.JobID, 3*time.Second, nil)
	if err == nil {
		fmt.Println(job.NormalizedState, job.ImportedRows)
	}
}

// Listing every job of a collection, every page of the cloud's list
// included.
func ExampleClient_ListImportJobs() {
	c, err := mip.NewClient(mip.Options{Endpoint: "https://api.cloud.zilliz.com", Token: "API-KEY", ClusterID: "in01-xxxx"})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	jobs, err := c.ListImportJobs(context.Background(), "quick_setup")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, j := range jobs {
		fmt.Println(j.JobID, j.NormalizedState, j.Progress, j.Reason)
	}
}

// A Client's create, with the object storage's keys (cloud flavors).
func ExampleClient_BulkImport() {
	c, err := mip.NewClient(mip.Options{Endpoint: "https://api.cloud.zilliz.com", Token: "API-KEY", ClusterID: "in01-xxxx"})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	id, err := c.BulkImport(context.Background(),
		mip.NewImportRequest("quick_setup", [][]string{{"s3://bucket/data/1.parquet"}}).
			WithObjectCredentials("ACCESS-KEY", "SECRET-KEY"))
	if err != nil {
		fmt.Println(err) // never shows the secret key or the API key
		return
	}
	fmt.Println("created", id)
}
