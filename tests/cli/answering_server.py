# SPDX-License-Identifier: Apache-2.0
"""A loopback HTTP server for the command line's tests that answers every
POST the same way, as servers mip must cope with do:

  echo     HTTP 200, code 1100, the request body quoted back in the message
  http500  an HTML page with HTTP 500
  stall    no answer: the request is read, then the connection held until
           the client hangs up (10 minutes at most)
  repeat   a cloud list page that says 5 jobs and holds one, the same
           whatever page is asked: a list that ends short of its count
  recover  a Milvus job Importing at the first request, HTTP 503 (a
           transient failure) at the next 6 (two polls with their
           retries), then the job Completed: an outage after a success
  waking   HTTP 503 at the first 3 requests (a server still starting),
           then the job Completed: a server there before any success

  python3 answering_server.py MODE PORT_FILE [KEYS_FILE]

It binds 127.0.0.1 on a port the system picks and writes the port to
PORT_FILE (renamed into place, so a reader never sees half of it). With
KEYS_FILE it appends, before answering, each request's Idempotency-Key
header to that file, one a line ("-" when there is none), so that a test
can compare the key sent with the key mip shows. With RECORD_HEADER set in
the environment it records that header instead (e.g. Authorization, for a
test to compare the token sent without printing it)."""
import http.server
import json
import os
import socket
import sys


def answer(mode, sent, count):
    if mode == "echo":
        body = json.dumps({"code": 1100, "message": "invalid request: " + sent}).encode()
        return 200, "application/json", body
    if mode == "repeat":
        job = {"jobId": "job-1", "collectionName": "books", "state": "Completed", "progress": 100}
        return 200, "application/json", json.dumps({"code": 0, "data": {"count": 5, "records": [job]}}).encode()
    if mode == "recover" and (count == 1 or count > 7):
        state, progress = ("Importing", 50) if count == 1 else ("Completed", 100)
        job = {"jobId": "job-1", "collectionName": "books", "state": state, "progress": progress}
        return 200, "application/json", json.dumps({"code": 0, "data": job}).encode()
    if mode == "waking" and count > 3:
        job = {"jobId": "job-1", "collectionName": "books", "state": "Completed", "progress": 100}
        return 200, "application/json", json.dumps({"code": 0, "data": job}).encode()
    if mode in ("recover", "waking"):
        return 503, "text/html", b"<html><title>503 Service Unavailable</title></html>"
    return 500, "text/html", b"<html><title>500 Internal Server Error</title></html>"


class Answering(http.server.BaseHTTPRequestHandler):
    timeout = 600  # seconds a connection may sit idle: bounds a stall
    requests = 0  # so far, across connections (a request at a time in the recover tests)

    def do_POST(self):
        Answering.requests += 1
        sent = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        if len(sys.argv) > 3:
            with open(sys.argv[3], "a") as keys:
                header = os.environ.get("RECORD_HEADER", "Idempotency-Key")
                keys.write(self.headers.get(header, "-") + "\n")
        if sys.argv[1] == "stall":
            try:
                self.rfile.read(1)  # returns when the client hangs up
            except (socket.timeout, OSError):
                pass
            self.close_connection = True
            return
        status, content_type, body = answer(sys.argv[1], sent, Answering.requests)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


if len(sys.argv) not in (3, 4) or sys.argv[1] not in ("echo", "http500", "stall", "repeat", "recover", "waking"):
    sys.exit("usage: answering_server.py echo|http500|stall|repeat|recover|waking PORT_FILE [KEYS_FILE]")
# A thread per connection: a stalled one holds no other.
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answering)
with open(sys.argv[2] + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(sys.argv[2] + ".tmp", sys.argv[2])
server.serve_forever()
