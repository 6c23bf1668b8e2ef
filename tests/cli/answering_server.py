"""A loopback HTTP server for the command line's tests that answers every
POST the same way, as servers mip must cope with do:

  echo     HTTP 200, code 1100, the request body quoted back in the message
  http500  an HTML page with HTTP 500

  python3 answering_server.py MODE PORT_FILE

It binds 127.0.0.1 on a port the system picks and writes the port to
PORT_FILE (renamed into place, so a reader never sees half of it)."""
import http.server
import json
import os
import sys


def answer(mode, sent):
    if mode == "echo":
        body = json.dumps({"code": 1100, "message": "invalid request: " + sent}).encode()
        return 200, "application/json", body
    return 500, "text/html", b"<html><title>500 Internal Server Error</title></html>"


class Answering(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        sent = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        status, content_type, body = answer(sys.argv[1], sent)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


if sys.argv[1] not in ("echo", "http500"):
    sys.exit("usage: answering_server.py echo|http500 PORT_FILE")
server = http.server.HTTPServer(("127.0.0.1", 0), Answering)
with open(sys.argv[2] + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(sys.argv[2] + ".tmp", sys.argv[2])
server.serve_forever()
