// SPDX-License-Identifier: Apache-2.0

package mip

import (
	"context"
	"fmt"
	"reflect"
	"time"
)

// GetImportProgressOption says which job to ask about and where, like the
// Go SDK's type of the same name (same exported fields and JSON tags, plus
// DBName, Timeout and API). Build it with NewGetImportProgressOption or
// NewCloudGetImportProgressOption and chain the With methods.
type GetImportProgressOption struct {
	// URL is the endpoint: a Milvus server ("http://localhost:19530"), a
	// Zilliz Cloud cluster endpoint, or the control plane
	// ("https://api.cloud.zilliz.com"). Printed with any password masked.
	URL string `json:"-" mip:"url"`
	// JobID is the import job's id.
	JobID string `json:"jobId"`
	// ClusterID names the Zilliz Cloud cluster (cloud flavors).
	ClusterID string `json:"clusterId"`
	// APIKey is the API key or "user:password"; never printed ("***").
	APIKey string `json:"-" mip:"secret"`
	// DBName is the Milvus database (the DB-Name header).
	DBName string `json:"-"`
	// Timeout bounds the call; 0 keeps DefaultTimeout.
	Timeout time.Duration `json:"-"`
	// API forces a server flavor; APIAuto (the default) chooses by URL's host.
	API API `json:"-"`
}

// NewGetImportProgressOption asks about jobID on the server at uri.
func NewGetImportProgressOption(uri string, jobID string) *GetImportProgressOption {
	return &GetImportProgressOption{URL: uri, JobID: jobID}
}

// NewCloudGetImportProgressOption asks Zilliz Cloud (uri is
// "https://api.cloud.zilliz.com" or "https://api.cloud.zilliz.com.cn", or a
// v1 "controller.api.*" endpoint) about jobID in cluster clusterID.
func NewCloudGetImportProgressOption(uri string, jobID string, apiKey string, clusterID string) *GetImportProgressOption {
	return &GetImportProgressOption{URL: uri, JobID: jobID, APIKey: apiKey, ClusterID: clusterID}
}

// WithAPIKey sets the API key (or "user:password") and returns opt.
func (opt *GetImportProgressOption) WithAPIKey(key string) *GetImportProgressOption {
	opt.APIKey = key
	return opt
}

// WithDBName sets the Milvus database and returns opt.
func (opt *GetImportProgressOption) WithDBName(dbName string) *GetImportProgressOption {
	opt.DBName = dbName
	return opt
}

// WithTimeout bounds the call and returns opt.
func (opt *GetImportProgressOption) WithTimeout(timeout time.Duration) *GetImportProgressOption {
	opt.Timeout = timeout
	return opt
}

// WithAPI forces a server flavor (APIMilvus, APICloud, APICloudV1) instead
// of choosing by the URL's host, and returns opt.
func (opt *GetImportProgressOption) WithAPI(api API) *GetImportProgressOption {
	opt.API = api
	return opt
}

// String prints the option as %+v would, with the API key as "***". A value
// receiver, as for every option type: values and pointers print alike.
func (opt GetImportProgressOption) String() string { return redacted(reflect.ValueOf(opt), false) }

// GoString prints the option as %#v would, with the API key as "***".
func (opt GetImportProgressOption) GoString() string { return redacted(reflect.ValueOf(opt), true) }

// Format makes every verb print String (GoString for %#v).
func (opt GetImportProgressOption) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, opt.String, opt.GoString)
}

// GetImportProgress mirrors the Go SDK's function: it reads the job's
// progress once, with a client made for this call alone (use a Client to
// keep connections across calls). On success Status is 0; every failure,
// the server's included, is returned as an error (an *Error) and a nil
// response.
func GetImportProgress(ctx context.Context, option *GetImportProgressOption) (*GetImportProgressResponse, error) {
	if option == nil {
		return nil, invalidArgument("option is nil")
	}
	cl, err := connection{option.URL, option.APIKey, option.ClusterID, option.DBName, option.Timeout, option.API}.client()
	if err != nil {
		return nil, err
	}
	defer cl.Close()
	data, err := cl.GetImportProgress(ctx, option.JobID)
	if err != nil {
		return nil, err
	}
	return &GetImportProgressResponse{Data: data}, nil
}
