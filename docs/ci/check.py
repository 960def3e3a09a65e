#!/usr/bin/env python3
"""Runs the commands of docs/ci/github-actions.yml and docs/ci/gitlab-ci.yml against a CodeBuild
simulator (bench/fake_codebuild.py) and an S3 and STS emulator (moto_server), both on loopback, in a
copy of examples/hello-go, as each CI system would run them: with its environment variables, a step
marked always() running after a failure, GitLab's after_script whatever the script did. Steps that
only install tools (actions, "Install crossbatch", the curl/unzip lines) are left out: the crossbatch
under test is put on the PATH instead. GitLab's job gets no AWS keys: it assumes its role with the
job's OIDC token (web identity), through moto's STS.

Usage: docs/ci/check.py [LAUNCHER]   (default: ./crossbatch, the CLI ./mvnw package built)
Exit 0 when every scenario behaves as documented; each prints "ok" or what went wrong.
"""
import glob
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import xml.etree.ElementTree as ET

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INSTALL = re.compile(r"CROSSBATCH_URL|/opt/crossbatch|crossbatch\.zip")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, name):
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("%s did not start on port %d" % (name, port))


class Servers:
    def __init__(self, work):
        self.work, self.processes = work, []
        self.s3 = free_port()
        self.start(["moto_server", "-p", str(self.s3)], "moto_server", self.s3)
        urllib.request.urlopen(urllib.request.Request("http://127.0.0.1:%d/hello-artifacts" % self.s3, method="PUT")).read()

    def start(self, command, name, port):
        log = open(os.path.join(self.work, name + ".log"), "w")
        self.processes.append(subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT))
        wait_for(port, name)

    def codebuild(self, fail=None):
        port = free_port()
        command = [sys.executable, os.path.join(ROOT, "bench", "fake_codebuild.py"), str(port), "--run", "1",
                   "--artifacts", "http://127.0.0.1:%d" % self.s3, "hello-artifacts", "releases", "hello"]
        self.start(command + (["--fail", fail] if fail else []), "codebuild-%d" % port, port)
        return port

    def close(self):
        for p in self.processes:
            p.terminate()
            p.wait()


def project(work, name):
    repo = os.path.join(work, name)
    shutil.copytree(os.path.join(ROOT, "examples", "hello-go"), repo,
                    ignore=shutil.ignore_patterns("dist", ".crossbatch", "hello"))
    with open(os.path.join(repo, "crossbatch.yml"), "a") as f:
        f.write("\ncodebuild:\n  project: hello-release\n  region: eu-west-1\n  bucket: hello-artifacts\n  prefix: releases\n")
    git = ["git", "-c", "user.name=ci", "-c", "user.email=ci@example.com"]
    for command in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"], git + ["commit", "-qm", "release"],
                    git + ["tag", "-a", "v1.0.0", "-m", "v1.0.0"]):
        subprocess.run(command, cwd=repo, check=True)
    sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, check=True, capture_output=True, text=True).stdout.strip()
    return repo, sha


def base_env(launcher, work, servers, codebuild):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "GITHUB_", "CI", "GITLAB_"))}
    env.update({
        "PATH": os.path.dirname(launcher) + os.pathsep + os.environ["PATH"],
        "HOME": os.path.join(work, "home"),
        "XDG_CACHE_HOME": os.path.join(os.environ.get("HOME", work), ".cache"),
        "AWS_ENDPOINT_URL_CODEBUILD": "http://127.0.0.1:%d" % codebuild,
        "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": "http://127.0.0.1:%d" % codebuild,
        "AWS_ENDPOINT_URL_S3": "http://127.0.0.1:%d" % servers.s3,
        "AWS_ENDPOINT_URL_STS": "http://127.0.0.1:%d" % servers.s3,
    })
    os.makedirs(env["HOME"], exist_ok=True)
    return env


def run(script, repo, env, log):
    done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    log.append("$ %s\n[exit %d]\n%s%s" % (script.strip(), done.returncode, done.stdout, done.stderr))
    return done


def github(launcher, work, servers, fail):
    repo, sha = project(work, "github-" + ("red" if fail else "green"))
    codebuild = servers.codebuild(fail)
    workflow = yaml.safe_load(open(os.path.join(ROOT, "docs", "ci", "github-actions.yml")))
    job = workflow["jobs"]["release"]
    summary = os.path.join(work, "summary-%s.md" % os.path.basename(repo))
    env = base_env(launcher, work, servers, codebuild)
    env.update({k: str(v) for k, v in job.get("env", {}).items()})
    env.update({"GITHUB_ACTIONS": "true", "CI": "true", "GITHUB_SHA": sha, "GITHUB_WORKSPACE": repo, "GITHUB_STEP_SUMMARY": summary,
                "RUNNER_TEMP": os.path.join(work, "runner"),
                # what aws-actions/configure-aws-credentials exports after assuming the role
                "AWS_ACCESS_KEY_ID": "ASIAEXAMPLE", "AWS_SECRET_ACCESS_KEY": "example", "AWS_SESSION_TOKEN": "example",
                "AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "eu-west-1"})
    log, failed = [], None
    for step in job["steps"]:
        if "run" not in step or step.get("name") == "Install crossbatch":
            continue
        if failed is not None and "always()" not in str(step.get("if", "")):
            continue
        done = run(step["run"], repo, dict(env, **{k: str(v) for k, v in step.get("env", {}).items()}), log)
        if done.returncode != 0 and failed is None:
            failed = step["name"]
    return repo, summary, failed, "\n".join(log)


def gitlab(launcher, work, servers):
    repo, sha = project(work, "gitlab")
    codebuild = servers.codebuild()
    job = yaml.safe_load(open(os.path.join(ROOT, "docs", "ci", "gitlab-ci.yml")))["release"]
    env = base_env(launcher, work, servers, codebuild)
    env.update({"CI": "true", "GITLAB_CI": "true", "CI_COMMIT_SHA": sha, "CI_COMMIT_TAG": "v1.0.0", "CI_PROJECT_DIR": repo,
                # the job's OIDC token: moto's STS takes any JWT for AssumeRoleWithWebIdentity
                "AWS_ID_TOKEN": "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJzdHMuYW1hem9uYXdzLmNvbSIsInN1YiI6InByb2plY3RfcGF0aDpjaSJ9.c2ln"})
    for name, value in job.get("variables", {}).items():
        # the token file moves into this run's folder, so that parallel runs never share one
        value = str(value).replace("/tmp/", work + "/")
        env[name] = re.sub(r"\$(\w+)", lambda m: env.get(m.group(1), ""), value)
    log = []
    script = [line for line in job["before_script"] + job["script"] if not INSTALL.search(line)]
    done = run("\n".join(script), repo, env, log)
    after = run("\n".join(line for line in job["after_script"] if not INSTALL.search(line)), repo, env, log)
    return repo, job, done.returncode, after.returncode, "\n".join(log)


def junit(path):
    if not os.path.exists(path):
        return None
    suite = ET.parse(path).getroot().find("testsuite")
    return int(suite.get("tests")), int(suite.get("failures"))


def verified(dist):
    if not os.path.isdir(dist):
        return [], False
    zips = sorted(os.path.basename(z) for z in glob.glob(os.path.join(dist, "*.zip")))
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=dist, capture_output=True, text=True)
    return zips, check.returncode == 0


def main():
    launcher = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "crossbatch"))
    work = tempfile.mkdtemp(prefix="crossbatch-ci-")
    servers = Servers(work)
    problems = []
    try:
        repo, summary, failed, log = github(launcher, work, servers, None)
        zips, ok = verified(os.path.join(repo, "dist"))
        report = os.path.join(repo, "crossbatch-junit.xml")
        if failed or len(zips) != 6 or not ok or not os.path.exists(report) or junit(report) != (6, 0) \
                or "| linux/amd64 | ✅ SUCCEEDED |" not in open(summary).read():
            problems.append("github-actions (green): step %s failed, %d zips, sha256sum %s\n%s" % (failed, len(zips), ok, log))
        else:
            print("github-actions, green batch: ok (6 zips verified, JUnit 6 tests 0 failures, step summary written)")

        repo, summary, failed, log = github(launcher, work, servers, "linux_arm64")
        report = os.path.join(repo, "crossbatch-junit.xml")
        if failed != "Build every platform on CodeBuild" or not os.path.exists(report) or junit(report) != (6, 1) \
                or "::error title=crossbatch%3A linux/arm64 FAILED::" not in log or os.path.exists(os.path.join(repo, "dist")):
            problems.append("github-actions (red): first failed step %s\n%s" % (failed, log))
        else:
            print("github-actions, a failed build: ok (the job fails at start --wait, an ::error:: names linux/arm64, "
                  "the always() step writes JUnit with 1 failure, nothing downloaded)")

        sts_before = open(os.path.join(work, "moto_server.log")).read().count('"POST / HTTP')
        repo, job, script, after, log = gitlab(launcher, work, servers)
        sts_calls = open(os.path.join(work, "moto_server.log")).read().count('"POST / HTTP') - sts_before
        zips, ok = verified(os.path.join(repo, "dist"))
        report = os.path.join(repo, job["artifacts"]["reports"]["junit"])
        if sts_calls == 0:
            problems.append("gitlab-ci: no AssumeRoleWithWebIdentity call reached STS\n" + log)
        elif script != 0 or after != 0 or len(zips) != 6 or not ok or not os.path.exists(report) or junit(report) != (6, 0):
            problems.append("gitlab-ci: script exit %d, after_script exit %d, %d zips, sha256sum %s\n%s" % (script, after, len(zips), ok, log))
        else:
            print("gitlab-ci: ok (role assumed with the job's OIDC token in %d STS calls," % sts_calls + " 6 zips verified, JUnit report 6 tests 0 failures)")
    finally:
        servers.close()
        if not problems:
            shutil.rmtree(work, ignore_errors=True)
    for p in problems:
        print("FAILED: " + p, file=sys.stderr)
    if problems:
        print("left for a look: " + work, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
