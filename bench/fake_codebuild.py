#!/usr/bin/env python3
"""A CodeBuild batch on loopback for benchmarks: speaks the JSON 1.1 protocol
(POST /, X-Amz-Target: CodeBuild_20161006.<Op>) with the shapes of
reference/codebuild-batch.md (epoch-second timestamps, the DOWNLOAD_SOURCE group).

usage: fake_codebuild.py PORT BUILDS STATUS   (STATUS: IN_PROGRESS or SUCCEEDED)
Every batch id asked for is answered; BatchGetBuilds answers with finished builds.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, BUILDS, STATUS = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
ACCOUNT = "111122223333"
PLATFORMS = ["linux_amd64", "linux_arm64", "darwin_amd64", "darwin_arm64", "windows_amd64", "windows_arm64"]


def arn(project, n):
    return "arn:aws:codebuild:us-east-1:%s:build/%s:%08d-0000-4000-8000-000000000000" % (ACCOUNT, project, n)


def batch(batch_id):
    project = batch_id.split(":")[0]
    done = STATUS != "IN_PROGRESS"
    groups = [{"identifier": "DOWNLOAD_SOURCE", "ignoreFailure": False,
               "currentBuildSummary": {"arn": arn(project, 0), "requestedOn": 1732190400.623, "buildStatus": "SUCCEEDED"}}]
    for n in range(1, BUILDS + 1):
        ident = PLATFORMS[n - 1] if n <= len(PLATFORMS) else "build_%d" % n
        groups.append({"identifier": ident, "dependsOn": [], "ignoreFailure": False, "priorBuildSummaryList": [],
                       "currentBuildSummary": {"arn": arn(project, n), "requestedOn": 1732190434.223,
                                               "buildStatus": STATUS}})
    b = {"id": batch_id, "arn": "arn:aws:codebuild:us-east-1:%s:build-batch/%s" % (ACCOUNT, batch_id),
         "startTime": 1732190400.123, "currentPhase": STATUS, "buildBatchStatus": STATUS,
         "sourceVersion": "9fceb02d0ae598e95dc970b74767f19372d61af8",
         "resolvedSourceVersion": "9fceb02d0ae598e95dc970b74767f19372d61af8", "projectName": project,
         "complete": done, "buildGroups": groups}
    if done:
        b["endTime"] = 1732190812.784
    return b


def build(build_arn):
    build_id = build_arn.split(":build/")[-1] if ":build/" in build_arn else build_arn
    return {"id": build_id, "arn": build_arn, "buildStatus": STATUS, "currentPhase": "COMPLETED",
            "startTime": 1732190434.2, "endTime": 1732190500.5,
            "phases": [{"phaseType": "BUILD", "phaseStatus": STATUS, "startTime": 1732190440.0, "endTime": 1732190490.0}],
            "artifacts": {"location": "arn:aws:s3:::releases/%s.zip" % build_id.split(":")[1], "sha256sum": "0" * 64},
            "logs": {"groupName": "/aws/codebuild/hello-release", "streamName": build_id.split(":")[1]}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        target = self.headers.get("X-Amz-Target", "")
        request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        op = target.split(".")[-1]
        if op == "BatchGetBuildBatches":
            body = {"buildBatches": [batch(i) for i in request["ids"]], "buildBatchesNotFound": []}
        elif op == "BatchGetBuilds":
            body = {"builds": [build(i) for i in request["ids"]], "buildsNotFound": []}
        else:
            self.reply(400, {"__type": "InvalidInputException", "message": "not simulated: " + op})
            return
        self.reply(200, body)

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
