// SPDX-License-Identifier: Apache-2.0
// The official Node SDK's HttpClient (createImportJobs, listImportJobs,
// getImportJobProgress) against mip-emulator, on the Milvus flavor and on the
// cloud flavor it reaches with projectId + regionId. The SDK never checks
// `code` and throws only on an HTTP error, so each answer is checked here.
//
//   node node_sdk_test.js URL AUTH_URL TOKEN   (NODE_PATH: where the SDK is)
'use strict';
const assert = require('node:assert/strict');
const { HttpClient } = require('@zilliz/milvus2-sdk-node');

const [url, authUrl, token] = process.argv.slice(2);
let checks = 0;
function ok(name) {
  checks += 1;
  console.log(`ok ${checks} - ${name}`);
}

// Asks again (at most 200 times, 50 ms apart) until `done` holds for the answer.
async function pollUntil(name, ask, done) {
  let last;
  for (let i = 0; i < 200; i += 1) {
    last = await ask();
    if (done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${name}: last answer ${JSON.stringify(last)}`);
}

async function milvus() {
  const client = new HttpClient({ endpoint: url });
  const created = await client.createImportJobs({
    collectionName: 'node_sdk',
    files: [['a.parquet'], ['b.npy', 'c.npy']],
    options: { timeout: '300s' },
  });
  assert.equal(created.code, 0, JSON.stringify(created));
  assert.match(created.data.jobId, /^[0-9]+$/);
  const jobId = created.data.jobId;
  ok('createImportJobs answers a job id');

  const done = await pollUntil('job completes', () => client.getImportJobProgress({ jobId }),
    (answer) => answer.code === 0 && answer.data.state === 'Completed');
  assert.equal(done.data.jobId, jobId);
  assert.equal(done.data.progress, 100);
  assert.equal(done.data.collectionName, 'node_sdk');
  assert.equal(done.data.details.length, 2);
  assert.equal(done.data.details[1].fileName, '[b.npy c.npy]');
  assert.equal(done.data.importedRows, done.data.totalRows);
  ok('getImportJobProgress follows the job to Completed, 100');

  const listed = await client.listImportJobs({ collectionName: 'node_sdk' });
  assert.equal(listed.code, 0, JSON.stringify(listed));
  assert.deepEqual(listed.data.records.map((r) => r.jobId), [jobId]);
  assert.equal(listed.data.records[0].state, 'Completed');
  ok('listImportJobs shows the job');

  const staged = await client.createImportJobs({
    collectionName: 'node_sdk_2pc',
    files: [['a.parquet']],
    options: { auto_commit: 'false' },
  });
  assert.equal(staged.code, 0, JSON.stringify(staged));
  const waiting = await pollUntil('job stops at Uncommitted',
    () => client.getImportJobProgress({ jobId: staged.data.jobId }),
    (answer) => answer.code === 0 && answer.data.state === 'Uncommitted');
  assert.equal(waiting.data.progress, 99);
  ok('auto_commit "false" stops the job at Uncommitted, 99');

  const wrongOption = await client.createImportJobs({
    collectionName: 'node_sdk', files: [['a.parquet']], options: { auto_commit: false },
  });
  assert.equal(wrongOption.code, 1801, JSON.stringify(wrongOption));
  ok('a boolean option is code 1801');

  const missing = await client.getImportJobProgress({ jobId: '123' });
  assert.equal(missing.code, 2100, JSON.stringify(missing));
  assert.match(missing.message, /does not exist/);
  ok('an unknown job is code 2100');
}

async function cloud() {
  const client = new HttpClient({ endpoint: url });
  const scope = { projectId: 'proj-node', regionId: 'aws-us-west-2' };
  const created = await client.createImportJobs({
    ...scope, collectionName: 'node_cloud', files: [['s3://bucket/a.parquet']],
  });
  assert.equal(created.code, 0, JSON.stringify(created));
  assert.match(created.data.jobId, /^job-[0-9a-z]+$/);
  ok('cloud (project + region): createImportJobs');
  const done = await pollUntil('cloud job completes',
    () => client.getImportJobProgress({ ...scope, jobId: created.data.jobId }),
    (answer) => answer.code === 0 && answer.data.state === 'Completed');
  assert.equal(done.data.fileName, 's3://bucket/a.parquet');
  ok('cloud: getImportJobProgress to Completed');
  const listed = await client.listImportJobs({ ...scope, collectionName: 'node_cloud' });
  assert.equal(listed.code, 0, JSON.stringify(listed));
  assert.equal(listed.data.count, 1);
  assert.deepEqual(listed.data.records.map((r) => r.jobId), [created.data.jobId]);
  ok('cloud: listImportJobs pages with count');
}

async function auth() {
  await assert.rejects(new HttpClient({ endpoint: authUrl }).listImportJobs({}),
    (error) => error.status === 401 && /"code":1800/.test(error.message));
  ok('no token: the SDK throws on the HTTP 401 carrying code 1800');
  const listed = await new HttpClient({ endpoint: authUrl, token }).listImportJobs({});
  assert.equal(listed.code, 0, JSON.stringify(listed));
  ok('with the token: listImportJobs');
}

milvus()
  .then(cloud)
  .then(auth)
  .then(() => console.log(`all ${checks} checks passed`))
  .catch((error) => {
    console.error(`FAIL: ${error.stack || error}`);
    process.exit(1);
  });
