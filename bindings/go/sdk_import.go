// SPDX-License-Identifier: Apache-2.0

package mip

import (
	"context"
	"fmt"
	"reflect"
	"time"
)

// The rest of a job's life in the Go SDK's style (client/bulkwriter):
// BulkImport, ListImportJobs, and the two-phase CommitImport and
// AbortImport the SDK does not have yet. Each function makes a client for
// its call alone; a Client keeps its connections across calls.

// connection is what every SDK-style option carries besides its request.
type connection struct {
	url, apiKey, clusterID, dbName string
	timeout                        time.Duration
	api                            API
}

func (c connection) client() (*Client, error) {
	return NewClient(Options{
		Endpoint:  c.url,
		API:       c.api,
		Token:     c.apiKey,
		ClusterID: c.clusterID,
		DBName:    c.dbName,
		Timeout:   c.timeout,
	})
}

// BulkImportOption says what to import and where, like the Go SDK's type of
// the same name (same exported fields and JSON tags, plus AutoCommit,
// IdempotencyKey, DBName, Timeout and API). Build it with
// NewBulkImportOption or NewCloudBulkImportOption and chain the With
// methods.
type BulkImportOption struct {
	// URL is the endpoint: a Milvus server, a Zilliz Cloud cluster endpoint,
	// or the control plane ("https://api.cloud.zilliz.com"). Printed with any
	// password masked.
	URL string `json:"-" mip:"url"`
	// CollectionName is required.
	CollectionName string `json:"collectionName"`
	// Files holds one group per file (see ImportRequest.Files).
	Files [][]string `json:"files,omitempty"`
	// PartitionName is the partition; "" is the default one.
	PartitionName string `json:"partitionName,omitempty"`
	// APIKey is the API key or "user:password"; never printed ("***").
	APIKey string `json:"-" mip:"secret"`
	// ObjectURL is one more group of one path, sent after Files: the SDK's
	// way to name the cloud's object (a file or, on cloud-v1, a folder).
	ObjectURL string `json:"objectUrl,omitempty"`
	// ClusterID names the Zilliz Cloud cluster (cloud flavors).
	ClusterID string `json:"clusterId,omitempty"`
	// AccessKey and SecretKey are the object storage's keys (cloud
	// flavors); the secret is never printed nor shown in an error.
	AccessKey string `json:"accessKey,omitempty"`
	SecretKey string `json:"-" mip:"secret"`
	// Options are sent in "options" as strings.
	Options map[string]string `json:"options,omitempty"`

	// AutoCommit, when not nil, sets options.auto_commit (see
	// ImportRequest.AutoCommit).
	AutoCommit *bool `json:"-"`
	// IdempotencyKey is the Idempotency-Key header (see
	// ImportRequest.IdempotencyKey).
	IdempotencyKey string `json:"-"`
	// DBName is the Milvus database (DB-Name header and the job's dbName).
	DBName string `json:"-"`
	// Timeout bounds the call; 0 keeps DefaultTimeout.
	Timeout time.Duration `json:"-"`
	// API forces a server flavor; APIAuto (the default) chooses by URL's host.
	API API `json:"-"`
}

// NewBulkImportOption imports files (one group per inner slice) into
// collectionName on the Milvus server at uri.
func NewBulkImportOption(uri string, collectionName string, files [][]string) *BulkImportOption {
	return &BulkImportOption{URL: uri, CollectionName: collectionName, Files: files}
}

// NewCloudBulkImportOption imports the object at objectURL into
// collectionName of Zilliz Cloud cluster clusterID, reading it with the
// storage keys accessKey and secretKey (both "" when the cloud needs none).
// The arguments are the Go SDK's, in its order.
func NewCloudBulkImportOption(uri string, collectionName string, apiKey string, objectURL string,
	clusterID string, accessKey string, secretKey string) *BulkImportOption {
	return &BulkImportOption{URL: uri, CollectionName: collectionName, APIKey: apiKey, ObjectURL: objectURL,
		ClusterID: clusterID, AccessKey: accessKey, SecretKey: secretKey}
}

// WithPartition sets the partition and returns opt.
func (opt *BulkImportOption) WithPartition(partitionName string) *BulkImportOption {
	opt.PartitionName = partitionName
	return opt
}

// WithAPIKey sets the API key (or "user:password") and returns opt.
func (opt *BulkImportOption) WithAPIKey(key string) *BulkImportOption {
	opt.APIKey = key
	return opt
}

// WithOption sets one option (a key set again keeps the last value) and
// returns opt.
func (opt *BulkImportOption) WithOption(key, value string) *BulkImportOption {
	if opt.Options == nil {
		opt.Options = make(map[string]string)
	}
	opt.Options[key] = value
	return opt
}

// WithAutoCommit sets whether the job commits itself and returns opt. False
// (Milvus >= 3.0) stops it at StateUncommitted until CommitImport or
// AbortImport.
func (opt *BulkImportOption) WithAutoCommit(on bool) *BulkImportOption {
	opt.AutoCommit = &on
	return opt
}

// WithObjectCredentials sets the object storage's keys (cloud flavors) and
// returns opt.
func (opt *BulkImportOption) WithObjectCredentials(accessKey, secretKey string) *BulkImportOption {
	opt.AccessKey, opt.SecretKey = accessKey, secretKey
	return opt
}

// WithIdempotencyKey sets the Idempotency-Key header and returns opt.
func (opt *BulkImportOption) WithIdempotencyKey(key string) *BulkImportOption {
	opt.IdempotencyKey = key
	return opt
}

// WithClusterID sets the Zilliz Cloud cluster and returns opt.
func (opt *BulkImportOption) WithClusterID(clusterID string) *BulkImportOption {
	opt.ClusterID = clusterID
	return opt
}

// WithDBName sets the Milvus database and returns opt.
func (opt *BulkImportOption) WithDBName(dbName string) *BulkImportOption {
	opt.DBName = dbName
	return opt
}

// WithTimeout bounds the call and returns opt.
func (opt *BulkImportOption) WithTimeout(timeout time.Duration) *BulkImportOption {
	opt.Timeout = timeout
	return opt
}

// WithAPI forces a server flavor and returns opt.
func (opt *BulkImportOption) WithAPI(api API) *BulkImportOption {
	opt.API = api
	return opt
}

// String prints the option as %+v would, with the API key and the secret
// key as "***" and AutoCommit as its value.
func (opt BulkImportOption) String() string { return redacted(reflect.ValueOf(opt), false) }

// GoString prints the option as %#v would, with the secrets as "***".
func (opt BulkImportOption) GoString() string { return redacted(reflect.ValueOf(opt), true) }

// Format makes every verb print String (GoString for %#v).
func (opt BulkImportOption) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, opt.String, opt.GoString)
}

// request is the option's request part.
func (opt *BulkImportOption) request() *ImportRequest {
	files := opt.Files
	if opt.ObjectURL != "" {
		files = append(files[:len(files):len(files)], []string{opt.ObjectURL})
	}
	return &ImportRequest{
		CollectionName: opt.CollectionName,
		PartitionName:  opt.PartitionName,
		Files:          files,
		Options:        opt.Options,
		AutoCommit:     opt.AutoCommit,
		AccessKey:      opt.AccessKey,
		SecretKey:      opt.SecretKey,
		IdempotencyKey: opt.IdempotencyKey,
	}
}

// BulkImportResponse is what BulkImport returns, shaped like the Go SDK's
// type of the same name (resp.Data.JobID). Returned only on success: Status
// is 0 and Message "".
type BulkImportResponse struct {
	Status  int            `json:"status"`
	Message string         `json:"message"`
	Data    BulkImportData `json:"data"`
}

// BulkImportData holds the new job's id.
type BulkImportData struct {
	JobID string `json:"jobId"`
}

// BulkImport mirrors the Go SDK's function: it starts an import job. Every
// failure, the server's included, is an error (an *Error) and a nil
// response. See Client.BulkImport.
func BulkImport(ctx context.Context, option *BulkImportOption) (*BulkImportResponse, error) {
	if option == nil {
		return nil, invalidArgument("option is nil")
	}
	// The request is built before a client is made: a bad one is refused
	// without a connection.
	req, err := newCreateRequest(option.request())
	if err != nil {
		return nil, err
	}
	defer req.free()
	cl, err := connection{option.URL, option.APIKey, option.ClusterID, option.DBName, option.Timeout, option.API}.client()
	if err != nil {
		return nil, err
	}
	defer cl.Close()
	id, err := cl.create(ctx, req)
	if err != nil {
		return nil, err
	}
	return &BulkImportResponse{Data: BulkImportData{JobID: id}}, nil
}

// ListImportJobsOption says whose jobs to list and where, like the Go SDK's
// type of the same name. The SDK's PageSize and CurrentPage are absent: mip
// reads every page of the cloud flavors' lists.
type ListImportJobsOption struct {
	URL string `json:"-" mip:"url"`
	// CollectionName lists the jobs of one collection; "" lists all.
	CollectionName string `json:"collectionName"`
	// ClusterID names the Zilliz Cloud cluster (cloud flavors).
	ClusterID string `json:"clusterId,omitempty"`
	// APIKey is the API key or "user:password"; never printed ("***").
	APIKey  string        `json:"-" mip:"secret"`
	DBName  string        `json:"-"`
	Timeout time.Duration `json:"-"`
	API     API           `json:"-"`
}

// NewListImportJobsOption lists the jobs of collectionName ("" for all) on
// the server at uri.
func NewListImportJobsOption(uri string, collectionName string) *ListImportJobsOption {
	return &ListImportJobsOption{URL: uri, CollectionName: collectionName}
}

// NewCloudListImportJobsOption lists the jobs of collectionName ("" for
// all) in Zilliz Cloud cluster clusterID.
func NewCloudListImportJobsOption(uri string, collectionName string, apiKey string, clusterID string) *ListImportJobsOption {
	return &ListImportJobsOption{URL: uri, CollectionName: collectionName, APIKey: apiKey, ClusterID: clusterID}
}

// WithAPIKey sets the API key and returns opt.
func (opt *ListImportJobsOption) WithAPIKey(key string) *ListImportJobsOption {
	opt.APIKey = key
	return opt
}

// WithClusterID sets the Zilliz Cloud cluster and returns opt.
func (opt *ListImportJobsOption) WithClusterID(clusterID string) *ListImportJobsOption {
	opt.ClusterID = clusterID
	return opt
}

// WithDBName sets the Milvus database and returns opt.
func (opt *ListImportJobsOption) WithDBName(dbName string) *ListImportJobsOption {
	opt.DBName = dbName
	return opt
}

// WithTimeout bounds the whole list, every page included, and returns opt.
func (opt *ListImportJobsOption) WithTimeout(timeout time.Duration) *ListImportJobsOption {
	opt.Timeout = timeout
	return opt
}

// WithAPI forces a server flavor and returns opt.
func (opt *ListImportJobsOption) WithAPI(api API) *ListImportJobsOption {
	opt.API = api
	return opt
}

// String prints the option as %+v would, with the API key as "***".
func (opt ListImportJobsOption) String() string { return redacted(reflect.ValueOf(opt), false) }

// GoString prints the option as %#v would, with the API key as "***".
func (opt ListImportJobsOption) GoString() string { return redacted(reflect.ValueOf(opt), true) }

// Format makes every verb print String (GoString for %#v).
func (opt ListImportJobsOption) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, opt.String, opt.GoString)
}

// ImportJobRecord is one job of a list: the SDK's name for it. Its JobID,
// CollectionName, State, Progress and Reason are set, NormalizedState too;
// the other fields are "" or -1 and Details is empty.
type ImportJobRecord = ImportProgressData

// ListImportJobsResponse is what ListImportJobs returns, shaped like the Go
// SDK's type of the same name (resp.Data.Records). Returned only on success.
type ListImportJobsResponse struct {
	Status  int                `json:"status"`
	Message string             `json:"message"`
	Data    *ListImportJobData `json:"data"`
}

// ListImportJobData holds the listed jobs, in the server's order, and
// whether they are all the server said it has.
type ListImportJobData struct {
	Records []*ImportJobRecord `json:"records"`
	// Complete is false when the list ended short of the count the server
	// gave (an empty page, a server repeating a page); see Client.ListImports.
	Complete bool `json:"complete"`
}

// ListImportJobs mirrors the Go SDK's function, reading every page; a list
// short of the server's count has Data.Complete false. See
// Client.ListImports.
func ListImportJobs(ctx context.Context, option *ListImportJobsOption) (*ListImportJobsResponse, error) {
	if option == nil {
		return nil, invalidArgument("option is nil")
	}
	cl, err := connection{option.URL, option.APIKey, option.ClusterID, option.DBName, option.Timeout, option.API}.client()
	if err != nil {
		return nil, err
	}
	defer cl.Close()
	data, err := cl.ListImports(ctx, option.CollectionName)
	if err != nil {
		return nil, err
	}
	return &ListImportJobsResponse{Data: data}, nil
}

// CommitImportOption names the job to commit (or, as AbortImportOption, to
// abort) and where, in the style of GetImportProgressOption.
type CommitImportOption struct {
	URL       string        `json:"-" mip:"url"`
	JobID     string        `json:"jobId"`
	ClusterID string        `json:"clusterId,omitempty"`
	APIKey    string        `json:"-" mip:"secret"` // never printed ("***")
	DBName    string        `json:"-"`
	Timeout   time.Duration `json:"-"`
	API       API           `json:"-"`
}

// AbortImportOption is the option of AbortImport; it has the fields and
// methods of CommitImportOption.
type AbortImportOption = CommitImportOption

// NewCommitImportOption commits jobID on the server at uri.
func NewCommitImportOption(uri string, jobID string) *CommitImportOption {
	return &CommitImportOption{URL: uri, JobID: jobID}
}

// NewCloudCommitImportOption commits jobID in Zilliz Cloud cluster
// clusterID.
func NewCloudCommitImportOption(uri string, jobID string, apiKey string, clusterID string) *CommitImportOption {
	return &CommitImportOption{URL: uri, JobID: jobID, APIKey: apiKey, ClusterID: clusterID}
}

// NewAbortImportOption aborts jobID on the server at uri.
func NewAbortImportOption(uri string, jobID string) *AbortImportOption {
	return NewCommitImportOption(uri, jobID)
}

// NewCloudAbortImportOption aborts jobID in Zilliz Cloud cluster clusterID.
func NewCloudAbortImportOption(uri string, jobID string, apiKey string, clusterID string) *AbortImportOption {
	return NewCloudCommitImportOption(uri, jobID, apiKey, clusterID)
}

// WithAPIKey sets the API key and returns opt.
func (opt *CommitImportOption) WithAPIKey(key string) *CommitImportOption {
	opt.APIKey = key
	return opt
}

// WithClusterID sets the Zilliz Cloud cluster and returns opt.
func (opt *CommitImportOption) WithClusterID(clusterID string) *CommitImportOption {
	opt.ClusterID = clusterID
	return opt
}

// WithDBName sets the Milvus database and returns opt.
func (opt *CommitImportOption) WithDBName(dbName string) *CommitImportOption {
	opt.DBName = dbName
	return opt
}

// WithTimeout bounds the call and returns opt.
func (opt *CommitImportOption) WithTimeout(timeout time.Duration) *CommitImportOption {
	opt.Timeout = timeout
	return opt
}

// WithAPI forces a server flavor and returns opt.
func (opt *CommitImportOption) WithAPI(api API) *CommitImportOption {
	opt.API = api
	return opt
}

// String prints the option as %+v would, with the API key as "***".
func (opt CommitImportOption) String() string { return redacted(reflect.ValueOf(opt), false) }

// GoString prints the option as %#v would, with the API key as "***".
func (opt CommitImportOption) GoString() string { return redacted(reflect.ValueOf(opt), true) }

// Format makes every verb print String (GoString for %#v).
func (opt CommitImportOption) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, opt.String, opt.GoString)
}

// CommitImport commits a job created with auto-commit off, once it is
// Uncommitted. errors.Is(err, ErrUnsupported) on a server or flavor without
// two-phase import. See Client.CommitImport.
func CommitImport(ctx context.Context, option *CommitImportOption) error {
	return twoPhase(ctx, option, true)
}

// AbortImport aborts a job. See Client.AbortImport.
func AbortImport(ctx context.Context, option *AbortImportOption) error {
	return twoPhase(ctx, option, false)
}

func twoPhase(ctx context.Context, option *CommitImportOption, commit bool) error {
	if option == nil {
		return invalidArgument("option is nil")
	}
	cl, err := connection{option.URL, option.APIKey, option.ClusterID, option.DBName, option.Timeout, option.API}.client()
	if err != nil {
		return err
	}
	defer cl.Close()
	if commit {
		return cl.CommitImport(ctx, option.JobID)
	}
	return cl.AbortImport(ctx, option.JobID)
}
