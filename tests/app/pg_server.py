# A throwaway PostgreSQL server for the Cruddur app suite: initdb + pg_ctl from Debian's
# postgresql package (/usr/lib/postgresql/<version>/bin, or $PG_BIN), trust auth, listening on
# 127.0.0.1 on a free port with its unix socket in its own temporary folder. PostgreSQL refuses to
# run as root, so as root it runs as the `postgres` system user (runuser). psql (package
# postgresql-client) is what the tests use to look inside.
import glob
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time

MISSING = ("PostgreSQL server binaries not found (apt-get install postgresql postgresql-client, "
           "or set PG_BIN to the folder holding initdb and pg_ctl)")


def bin_dir():
    """The folder holding initdb and pg_ctl, or None."""
    candidates = [os.environ["PG_BIN"]] if os.environ.get("PG_BIN") else sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]),
        reverse=True)
    for folder in candidates:
        if all(os.access(os.path.join(folder, b), os.X_OK) for b in ("initdb", "pg_ctl")):
            return folder
    return None


def psql_binary():
    folder = bin_dir()
    if folder and os.access(os.path.join(folder, "psql"), os.X_OK):
        return os.path.join(folder, "psql")
    return shutil.which("psql")


def skip_reason():
    """Why the PostgreSQL tests cannot run here, or None."""
    if bin_dir() is None:
        return MISSING
    if psql_binary() is None:
        return "psql not found (apt-get install postgresql-client)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no `postgres` user to run PostgreSQL as"
        if shutil.which("runuser") is None:
            return "running as root and runuser is missing"
    return None


class PostgresServer:
    def __init__(self, port):
        self.port = port
        self.bin = bin_dir()
        # Not under pytest's temporary folders: those are private to root (mode 0700).
        self.root = tempfile.mkdtemp(prefix="cruddur-pg-")
        self.data = os.path.join(self.root, "data")
        self.log = os.path.join(self.root, "server.log")
        self.as_user = []
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.started = False

    def _run(self, *argv, timeout=120):
        return subprocess.run(self.as_user + list(argv), capture_output=True, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL, cwd=self.root)

    def start(self):
        try:
            return self._start()
        except BaseException:
            self.stop()
            raise

    def _start(self):
        r = self._run(os.path.join(self.bin, "initdb"), "-D", self.data, "-A", "trust",
                      "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync")
        if r.returncode != 0:
            raise RuntimeError("initdb failed: %s%s" % (r.stdout, r.stderr))
        options = "-p %d -h 127.0.0.1 -k %s -c fsync=off -c max_connections=20" % (
            self.port, self.root)
        r = self._run(os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-l", self.log, "-w",
                      "-t", "60", "-o", options, "start")
        self.started = True
        if r.returncode != 0:
            raise RuntimeError("pg_ctl start failed: %s%s\n%s" % (r.stdout, r.stderr,
                                                                   self.server_log()))
        return self

    def server_log(self):
        try:
            with open(self.log, errors="replace") as f:
                return f.read()[-4000:]
        except OSError:
            return ""

    def url(self, database="cruddur", user="postgres"):
        return "postgresql://%s@127.0.0.1:%d/%s" % (user, self.port, database)

    def psql(self, sql, database="postgres"):
        """Runs SQL with psql (unaligned, tuples only); returns stdout; raises on error."""
        r = subprocess.run([psql_binary(), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                            "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                            "-d", database, "-c", sql],
                           capture_output=True, text=True, timeout=60,
                           stdin=subprocess.DEVNULL, env=dict(os.environ, PGCONNECT_TIMEOUT="5"))
        if r.returncode != 0:
            raise RuntimeError("psql %r failed: %s" % (sql, r.stderr))
        return r.stdout

    def databases(self):
        return self.psql("SELECT datname FROM pg_database ORDER BY datname").split()

    def stop(self):
        if self.started:
            r = self._run(os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-m", "fast", "-w",
                          "-t", "30", "stop")
            if r.returncode != 0:
                self._kill_postmaster()
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)

    def _kill_postmaster(self):
        try:
            with open(os.path.join(self.data, "postmaster.pid")) as f:
                pid = int(f.readline())
        except (OSError, ValueError):
            return
        try:
            os.kill(pid, signal.SIGQUIT)
            for _ in range(100):
                os.kill(pid, 0)
                time.sleep(0.05)
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
