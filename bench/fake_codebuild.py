#!/usr/bin/env python3
"""A CodeBuild project on loopback, for benchmarks and for trying the CodeBuild commands without
AWS: speaks the JSON 1.1 protocol (POST /, X-Amz-Target: CodeBuild_20161006.<Op> and
Logs_20140328.GetLogEvents) with the shapes of docs/facts.md (epoch-second
timestamps, the DOWNLOAD_SOURCE group, PENDING groups, priorBuildSummaryList after a retry).

usage:
  fake_codebuild.py PORT BUILDS STATUS     every batch asked for is a BUILDS-build batch in STATUS
                                           (IN_PROGRESS or SUCCEEDED): the status benchmark
  fake_codebuild.py PORT --run SECONDS [--fail IDENTIFIER] [--artifacts S3_ENDPOINT BUCKET PREFIX NAME]
                                           StartBuildBatch starts batches from the buildspecOverride's
                                           build-list; each build runs SECONDS; IDENTIFIER fails its
                                           first attempt. Stop, retry, list, builds and logs work.
                                           With --artifacts, each build that succeeds puts a small zip
                                           PREFIX/NAME_<identifier>_<commit7>.zip into BUCKET on that S3
                                           endpoint (boto3) and reports its S3 ARN and SHA-256 as CodeBuild does.
"""
import argparse
import hashlib
import io
import zipfile
import json
import re
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ACCOUNT = "111122223333"
PLATFORMS = ["linux_amd64", "linux_arm64", "darwin_amd64", "darwin_arm64", "windows_amd64", "windows_arm64"]


def arguments():
    parser = argparse.ArgumentParser(prog="fake_codebuild.py", description=__doc__.split("\n\n")[0],
                                     usage="%(prog)s PORT (BUILDS STATUS | --run SECONDS [--fail IDENTIFIER] "
                                           "[--artifacts S3_ENDPOINT BUCKET PREFIX NAME])",
                                     epilog=__doc__[__doc__.index("usage:"):], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("port", type=int, metavar="PORT", help="the loopback port to listen on")
    parser.add_argument("fixed", nargs="*", metavar="BUILDS STATUS", help="a fixed batch of BUILDS builds in STATUS")
    parser.add_argument("--run", type=float, metavar="SECONDS", help="run the batches StartBuildBatch asks for, each build SECONDS long")
    parser.add_argument("--fail", metavar="IDENTIFIER", help="with --run: this build fails its first attempt")
    parser.add_argument("--artifacts", nargs=4, metavar=("S3_ENDPOINT", "BUCKET", "PREFIX", "NAME"),
                        help="with --run: each build that succeeds puts a zip into BUCKET")
    args = parser.parse_args()
    if args.run is None:
        if len(args.fixed) != 2 or not args.fixed[0].isdigit() or args.fixed[1] not in ("IN_PROGRESS", "SUCCEEDED"):
            parser.error("give BUILDS (a number) and STATUS (IN_PROGRESS or SUCCEEDED), or --run SECONDS")
        if args.fail or args.artifacts:
            parser.error("--fail and --artifacts go with --run")
    elif args.fixed:
        parser.error("BUILDS STATUS and --run exclude each other")
    return args


ARGS = arguments()
PORT = ARGS.port
FIXED = ARGS.run is None
if FIXED:
    BUILDS, STATUS = int(ARGS.fixed[0]), ARGS.fixed[1]
else:
    SECONDS = ARGS.run
    FAIL = ARGS.fail
    ARTIFACTS = ARGS.artifacts
batches = {}  # id -> {"project", "start", "source", "env", "stopped", "builds": [{"id", "attempts": [start times]}]}
lock = threading.Lock()


def arn(project, build_id):
    return "arn:aws:codebuild:us-east-1:%s:build/%s" % (ACCOUNT, build_id) if ":" in build_id else build_id


def fixed_batch(batch_id):
    project = batch_id.split(":")[0]
    now = time.time()
    record = {"project": project, "start": 1732190400.123, "source": "9fceb02d0ae598e95dc970b74767f19372d61af8",
              "env": [], "stopped": None,
              "builds": [{"identifier": PLATFORMS[n] if n < len(PLATFORMS) else "build_%d" % (n + 1),
                          "id": "%s:%08d-0000-4000-8000-000000000000" % (project, n + 1), "attempts": [1732190434.2]}
                         for n in range(BUILDS)]}
    return record, (1732190812.784 if STATUS != "IN_PROGRESS" else now)


def build_status(record, build, now):
    if FIXED:
        return STATUS, build["attempts"][-1], (None if STATUS == "IN_PROGRESS" else 1732190500.5)
    started = build["attempts"][-1]
    end = started + SECONDS
    if record["stopped"] is not None and record["stopped"] < end:
        return "STOPPED", started, record["stopped"]
    if now < end:
        return "IN_PROGRESS", started, None
    failed = FAIL == build["identifier"] and len(build["attempts"]) == 1
    return ("FAILED" if failed else "SUCCEEDED"), started, end


def batch_shape(batch_id, record, now):
    groups = [{"identifier": "DOWNLOAD_SOURCE", "ignoreFailure": False,
               "currentBuildSummary": {"arn": arn(record["project"], record["project"] + ":00000000-0000-4000-8000-000000000000"),
                                       "requestedOn": record["start"], "buildStatus": "SUCCEEDED"}}]
    statuses = []
    for build in record["builds"]:
        status, started, _ = build_status(record, build, now)
        statuses.append(status)
        prior = [{"arn": arn(record["project"], build["id"]), "requestedOn": t, "buildStatus": "FAILED"}
                 for t in build["attempts"][:-1]]
        groups.append({"identifier": build["identifier"], "dependsOn": [], "ignoreFailure": False,
                       "priorBuildSummaryList": prior,
                       "currentBuildSummary": {"arn": arn(record["project"], build["id"] + ("-%d" % len(build["attempts"]) if len(build["attempts"]) > 1 else "")),
                                               "requestedOn": started, "buildStatus": status}})
        if status == "SUCCEEDED" and not FIXED and ARTIFACTS:
            groups[-1]["currentBuildSummary"]["primaryArtifact"] = {
                "type": "S3", "location": "arn:aws:s3:::%s/%s" % (ARTIFACTS[1], upload(record, build)[0]), "identifier": build["identifier"]}
    done = all(s != "IN_PROGRESS" for s in statuses)
    status = "STOPPED" if "STOPPED" in statuses else "FAILED" if "FAILED" in statuses else "SUCCEEDED" if done else "IN_PROGRESS"
    shape = {"id": batch_id, "arn": "arn:aws:codebuild:us-east-1:%s:build-batch/%s" % (ACCOUNT, batch_id),
             "startTime": record["start"], "currentPhase": status if done else "IN_PROGRESS", "buildBatchStatus": status,
             "sourceVersion": record["source"], "resolvedSourceVersion": record["source"], "projectName": record["project"],
             "environment": {"type": "LINUX_CONTAINER", "image": "aws/codebuild/amazonlinux-x86_64-standard:5.0",
                             "computeType": "BUILD_GENERAL1_SMALL", "environmentVariables": record["env"]},
             "complete": done, "buildGroups": groups}
    if done:
        shape["endTime"] = max([build_status(record, b, now)[2] or now for b in record["builds"]] or [now])
    return shape


def find_build(build_id):
    for batch_id, record in batches.items():
        for build in record["builds"]:
            if build_id.startswith(build["id"]):
                return record, build
    return None, None


def build_shape(build_arn, now):
    build_id = build_arn.split(":build/")[-1]
    record, build = find_build(build_id)
    if record is None and FIXED:
        record, _ = fixed_batch(build_id.split(":")[0] + ":x")
        build = {"identifier": "?", "id": build_id, "attempts": [1732190434.2]}
    if record is None:
        return None
    status, started, ended = build_status(record, build, now)
    shape = {"id": build_id, "arn": arn(record["project"], build_id), "buildStatus": status,
             "currentPhase": "BUILD" if status == "IN_PROGRESS" else "COMPLETED", "startTime": started,
             "phases": [{"phaseType": "BUILD", "phaseStatus": status if status != "IN_PROGRESS" else "SUCCEEDED", "startTime": started,
                         "contexts": [{"statusCode": "COMMAND_EXECUTION_ERROR", "message": "Error while executing command: go build. Reason: exit status 1"}]
                         if status == "FAILED" else []}],
             "logs": {"groupName": "/aws/codebuild/" + record["project"], "streamName": build_id.split(":")[1]}}
    if ended:
        shape["endTime"] = ended
    if status == "SUCCEEDED" and not FIXED and ARTIFACTS:
        key, sha = upload(record, build)
        shape["artifacts"] = {"location": "arn:aws:s3:::%s/%s" % (ARTIFACTS[1], key), "sha256sum": sha}
    elif status == "SUCCEEDED":
        shape["artifacts"] = {"location": "arn:aws:s3:::releases/%s/%s.zip" % (record["project"], build["identifier"]),
                              "sha256sum": uuid.uuid5(uuid.NAMESPACE_URL, build_id).hex * 2}
    return shape


def upload(record, build):
    """The build's zip, put into the bucket the first time it is asked for; its key and SHA-256."""
    if "artifact" not in build:
        endpoint, bucket, prefix, name = ARTIFACTS
        key = "%s%s_%s_%s.zip" % (prefix + "/" if prefix else "", name, build["identifier"], record["source"][:7])
        data = io.BytesIO()
        with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(name + (".exe" if build["identifier"].startswith("windows") else ""),
                       "%s built for %s at %s\n" % (name, build["identifier"], record["source"]))
        import boto3
        boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="fake", aws_secret_access_key="fake").put_object(Bucket=bucket, Key=key, Body=data.getvalue())
        build["artifact"] = (key, hashlib.sha256(data.getvalue()).hexdigest())
    return build["artifact"]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        target = self.headers.get("X-Amz-Target", "")
        request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        op = target.split(".")[-1]
        now = time.time()
        with lock:
            body = self.answer(op, request, now)
        if body is None:
            self.reply(400, {"__type": "InvalidInputException", "message": "not simulated: " + op})
        elif "__type" in body:
            self.reply(400, body)
        else:
            self.reply(200, body)

    def answer(self, op, request, now):
        if op == "BatchGetBuildBatches":
            found, missing = [], []
            for i in request["ids"]:
                if FIXED:
                    record, end = fixed_batch(i)
                    found.append(batch_shape(i, record, end))
                elif i in batches:
                    found.append(batch_shape(i, batches[i], now))
                else:
                    missing.append(i)
            return {"buildBatches": found, "buildBatchesNotFound": missing}
        if op == "BatchGetBuilds":
            builds = [b for b in (build_shape(i, now) for i in request["ids"]) if b]
            return {"builds": builds, "buildsNotFound": []}
        if FIXED:
            return None
        if op == "StartBuildBatch":
            project = request["projectName"]
            batch_id = "%s:%s" % (project, uuid.uuid4())
            identifiers = re.findall(r"identifier: (\S+)", request.get("buildspecOverride", "")) or PLATFORMS
            batches[batch_id] = {"project": project, "start": now, "source": request.get("sourceVersion", "main"),
                                 "env": request.get("environmentVariablesOverride", []), "stopped": None,
                                 "builds": [{"identifier": ident, "id": "%s:%s" % (project, uuid.uuid4()), "attempts": [now + 1]}
                                            for ident in identifiers]}
            return {"buildBatch": batch_shape(batch_id, batches[batch_id], now)}
        if op in ("StopBuildBatch", "RetryBuildBatch"):
            record = batches.get(request["id"])
            if record is None:
                return {"__type": "ResourceNotFoundException", "message": "Build batch not found: " + request["id"]}
            if op == "StopBuildBatch":
                record["stopped"] = now
            else:
                for build in record["builds"]:
                    if build_status(record, build, now)[0] in ("FAILED", "STOPPED"):
                        build["attempts"].append(now + 1)
                record["stopped"] = None
            return {"buildBatch": batch_shape(request["id"], record, now)}
        if op == "ListBuildBatchesForProject":
            ids = [i for i, r in sorted(batches.items(), key=lambda e: -e[1]["start"]) if r["project"] == request["projectName"]]
            return {"ids": ids[:request.get("maxResults", 100)]}
        if op == "GetLogEvents":
            if request.get("nextToken") == "f/1":
                return {"events": [], "nextForwardToken": "f/1", "nextBackwardToken": "b/1"}
            lines = ["[Container] Entering phase BUILD", "[Container] Running command go build", "go: downloading modules",
                     "[Container] Phase complete: BUILD State: SUCCEEDED"]
            return {"events": [{"timestamp": int(now * 1000), "message": line + "\n", "ingestionTime": int(now * 1000)} for line in lines],
                    "nextForwardToken": "f/1", "nextBackwardToken": "b/1"}
        return None

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
