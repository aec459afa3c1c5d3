#!/usr/bin/env python3
"""Install and run Amazon DynamoDB Local (the Java reference implementation).

The jar ships inside the npm package ``amplify-dynamodb-simulator``; it is unpacked once
into ``${DDBLOCAL_HOME:-~/.cache/dynamodb-local}``.  Java 17 must be installed
(``apt-get install -y openjdk-17-jre-headless``).

Command line:
    dynamodb_local.py start PORT [DynamoDB Local flags...]   start, wait, print PID
    dynamodb_local.py path                                    install, print jar folder

From Python: ``proc = start(port, ["-inMemory"])`` returns a ``subprocess.Popen``.
"""
import glob
import http.client
import os
import shutil
import subprocess
import sys
import tarfile
import time

PACKAGE = "amplify-dynamodb-simulator"


def home():
    return os.environ.get("DDBLOCAL_HOME") or os.path.expanduser("~/.cache/dynamodb-local")


def jar_dir():
    return os.path.join(home(), "package", "emulator")


def install():
    """Unpack the jar once; return the folder holding DynamoDBLocal.jar."""
    folder = jar_dir()
    if os.path.isfile(os.path.join(folder, "DynamoDBLocal.jar")):
        return folder
    if shutil.which("java") is None:
        raise RuntimeError("java not found: apt-get install -y openjdk-17-jre-headless")
    if shutil.which("npm") is None:
        raise RuntimeError("npm not found: apt-get install -y npm")
    os.makedirs(home(), exist_ok=True)
    subprocess.run(["npm", "pack", "--silent", PACKAGE], cwd=home(), check=True,
                   stdout=subprocess.DEVNULL)
    tgz = sorted(glob.glob(os.path.join(home(), PACKAGE + "-*.tgz")))
    if not tgz:
        raise RuntimeError("npm pack %s produced no tarball" % PACKAGE)
    with tarfile.open(tgz[-1]) as tar:
        tar.extractall(home())
    for path in tgz:
        os.remove(path)
    if not os.path.isfile(os.path.join(folder, "DynamoDBLocal.jar")):
        raise RuntimeError("DynamoDBLocal.jar missing after unpacking %s" % PACKAGE)
    return folder


def answers(port, host="127.0.0.1"):
    """True once something answers an HTTP POST on the port."""
    try:
        conn = http.client.HTTPConnection(host, port, timeout=2)
        conn.request("POST", "/", body=b"{}", headers={
            "X-Amz-Target": "DynamoDB_20120810.ListTables",
            "Content-Type": "application/x-amz-json-1.0",
            "Authorization": "AWS4-HMAC-SHA256 Credential=testkey/20260101/us-east-1/"
                             "dynamodb/aws4_request, SignedHeaders=host, Signature=0"})
        conn.getresponse().read()
        conn.close()
        return True
    except OSError:
        return False


def wait_until_answers(port, proc=None, timeout=60.0, log=None):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if answers(port):
            return
        if proc is not None and proc.poll() is not None:
            text = ""
            if log and os.path.exists(log):
                with open(log, errors="replace") as f:
                    text = f.read()[-4000:]
            raise RuntimeError("server exited with %s before answering on port %d\n%s"
                               % (proc.returncode, port, text))
        time.sleep(0.05)
    raise RuntimeError("nothing answered on port %d within %.0f s" % (port, timeout))


def start(port, flags=None, timeout=60.0):
    """Start DynamoDB Local on 127.0.0.1:port; return the Popen once it answers."""
    folder = install()
    flags = list(flags) if flags else ["-inMemory"]
    log = os.path.join(home(), "ddblocal-%d.log" % port)
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            ["java", "-Djava.library.path=./DynamoDBLocal_lib", "-jar", "DynamoDBLocal.jar",
             "-port", str(port)] + flags,
            cwd=folder, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        wait_until_answers(port, proc, timeout, log)
    except Exception:
        proc.kill()
        proc.wait()
        raise
    return proc


def main(argv):
    if len(argv) >= 2 and argv[1] == "path":
        print(install())
        return 0
    if len(argv) >= 3 and argv[1] == "start":
        proc = start(int(argv[2]), argv[3:])
        print(proc.pid)
        return 0
    print(__doc__.strip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
