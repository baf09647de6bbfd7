# SPDX-License-Identifier: GPL-3.0-or-later
"""Run the simulator as a subprocess and drive it from tests, the demo and benchmarks.

    with Simulator(sites=5, checkin_interval=0.2) as sim:
        requests.get(sim.url + "/sites", headers=sim.headers())
        sim.fault(method="POST", path="/job$", status=429, retry_after="1", count=1)
        assert not sim.writes()

    with Simulator(tls=True) as sim:        # HTTPS with a fresh private CA: sim.ca_path
        requests.get(sim.url + "/sites", headers=sim.headers(), verify=sim.ca_path)

    with Simulator(profile="realistic", rate_limit=120, realism={"rate_window": 60}) as sim: ...
    with Simulator(realistic=["laravel_errors", "pulse_lag"], realism={"pulse_misses": 3}) as sim:
        sim.realism(enable=["cancelled_jobs"])  # at run time
"""

import datetime
import ipaddress
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid

import requests

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
DEFAULT_TOKEN = "alto_sk_demo"
DEFAULT_OTHER_TOKEN = "alto_sk_tenant_b"
# Sent by the harness's own bookkeeping reads so they do not spend the rate limit's budget.
UNTHROTTLED = {"X-Simulator-Unthrottled": "1"}


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SimulatorError(RuntimeError):
    pass


def make_tls_files(directory, hosts=("127.0.0.1", "localhost")):
    """Write a private CA and a server certificate for `hosts` signed by it; returns (ca, cert, key) paths."""
    # pylint: disable-next=import-outside-toplevel
    from cryptography import x509
    # pylint: disable-next=import-outside-toplevel
    from cryptography.hazmat.primitives import hashes, serialization
    # pylint: disable-next=import-outside-toplevel
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID  # pylint: disable=import-outside-toplevel

    now = datetime.datetime.now(datetime.timezone.utc)

    def build(subject, issuer, public_key, signing_key, ca):
        builder = (x509.CertificateBuilder()
                   .subject_name(subject).issuer_name(issuer).public_key(public_key)
                   .serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(minutes=5))
                   .not_valid_after(now + datetime.timedelta(days=7))
                   .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
                   .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
                   .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(signing_key.public_key()),
                                  critical=False))
        if ca:
            builder = builder.add_extension(
                x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                              data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                              encipher_only=False, decipher_only=False), critical=True)
        else:
            names = []
            for host in hosts:
                try:
                    names.append(x509.IPAddress(ipaddress.ip_address(host)))
                except ValueError:
                    names.append(x509.DNSName(host))
            builder = (builder
                       .add_extension(x509.SubjectAlternativeName(names), critical=False)
                       .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
                       .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                                    key_encipherment=False, data_encipherment=False,
                                                    key_agreement=False, key_cert_sign=False, crl_sign=False,
                                                    encipher_only=False, decipher_only=False), critical=True))
        return builder.sign(signing_key, hashes.SHA256())

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "SDX simulator test CA")])
    ca_cert = build(ca_name, ca_name, ca_key.public_key(), ca_key, True)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = build(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hosts[0])]), ca_name, key.public_key(), ca_key, False)
    paths = tuple(os.path.join(directory, name) for name in ("ca.pem", "server.pem", "server.key"))
    with open(paths[0], "wb") as handle:
        handle.write(ca_cert.public_bytes(serialization.Encoding.PEM))
    with open(paths[1], "wb") as handle:
        handle.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(os.open(paths[2], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as handle:
        handle.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
    return paths


class Simulator:
    """A simulator subprocess on a free loopback port with its own state file."""

    def __init__(self, sites=5, token=DEFAULT_TOKEN, other_token=DEFAULT_OTHER_TOKEN, checkin_interval=1.0,
                 latency_ms=0, offline=None, job_duration=0.0, notify=True, extra_args=(), state_path=None,
                 port=None, startup_timeout=30.0, python=None, tls=False, profile=None, realistic=(),
                 no_realistic=(), rate_limit=None, realism=None, limited_tokens=None):
        """`profile` ("default"|"realistic"), `realistic`/`no_realistic` (parts to add/remove),
        `rate_limit` (requests per window per token; 0 = none), `realism` (part options, e.g.
        {"rate_window": 2, "offline_sync": "504"}), `limited_tokens` ({token: [permission, ...]}):
        the realistic profile, see the README."""
        self.profile = profile
        self.realistic = _names(realistic)
        self.no_realistic = _names(no_realistic)
        self.rate_limit = rate_limit
        self.realism_options = dict(realism or {})
        self.limited_tokens = {token: list(perms) for token, perms in (limited_tokens or {}).items()}
        self.sites_count = sites
        self.token = token
        self.other_token = other_token
        self.checkin_interval = checkin_interval
        self.latency_ms = latency_ms
        self.offline = offline
        self.job_duration = job_duration
        self.notify = notify
        self.extra_args = list(extra_args)
        self.startup_timeout = startup_timeout
        self.python = python or sys.executable
        self.workdir = tempfile.mkdtemp(prefix="sdx-sim-")
        self.own_state = state_path is None
        self.state_path = str(state_path or os.path.join(self.workdir, "state.sqlite"))
        self.log_path = os.path.join(self.workdir, "simulator.log")
        self.port = port
        self.process = None
        self.session = requests.Session()
        self._log = None
        # HTTPS: a private CA made for this simulator; clients need ca_path to trust it.
        self.tls = bool(tls)
        self.ca_path = self.cert_path = self.key_path = None
        if self.tls:
            self.ca_path, self.cert_path, self.key_path = make_tls_files(self.workdir)

    # lifecycle

    @property
    def url(self):
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def command(self):
        args = [self.python, "-m", "tests.simulator", "--port", str(self.port), "--token", self.token,
                "--second-token", self.other_token, "--sites", str(self.sites_count), "--state", self.state_path,
                "--checkin-interval", str(self.checkin_interval), "--latency-ms", str(self.latency_ms),
                "--job-duration", str(self.job_duration)]
        if self.offline is not None:
            args += ["--offline", str(self.offline)]
        if not self.notify:
            args.append("--no-notify")
        if self.tls:
            args += ["--tls-cert", self.cert_path, "--tls-key", self.key_path]
        return args + self.realism_args() + self.extra_args

    def realism_args(self):
        args = ["--profile", self.profile] if self.profile else []
        if self.realistic:
            args += ["--realistic", ",".join(self.realistic)]
        if self.no_realistic:
            args += ["--no-realistic", ",".join(self.no_realistic)]
        if self.rate_limit is not None:
            args += ["--rate-limit", str(int(self.rate_limit))]
        for name, value in self.realism_options.items():
            args += ["--realism", f"{name}={value}"]
        for token, perms in self.limited_tokens.items():
            args += ["--limited-token", f"{token}={','.join(perms)}"]
        return args

    def start(self):
        fixed = self.port is not None
        for _attempt in range(5):
            if not fixed:
                self.port = free_port()
            # pylint: disable-next=consider-using-with
            self._log = open(self.log_path, "ab")
            # pylint: disable-next=consider-using-with
            self.process = subprocess.Popen(self.command(), cwd=REPO_ROOT, stdout=self._log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL)
            if self._wait_healthy():
                return self
            self._terminate()
            if fixed:
                break
        raise SimulatorError(f"simulator did not start on port {self.port}; log:\n{self.log()[-4000:]}")

    def _wait_healthy(self):
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                if requests.get(self.url + "/_sim/health", timeout=1, verify=self.verify).status_code == 200:
                    return True
            except requests.RequestException:
                pass
            time.sleep(0.05)
        return False

    def _terminate(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def stop(self):
        self._terminate()
        self.session.close()

    def restart(self):
        """Stop and start again on the same port and state file."""
        self._terminate()
        return self.start()

    def close(self):
        self.stop()
        if self.own_state:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.close()

    @property
    def verify(self):
        """`verify` for requests calls: the simulator's own CA under TLS. Passed on each call, because a
        session's `verify` loses to REQUESTS_CA_BUNDLE in the environment."""
        return self.ca_path or True

    def log(self):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as handle:
                return handle.read()
        except FileNotFoundError:
            return ""

    # the API, as a client would call it

    def env(self, token=None):
        """Environment for the collection's modules and plugins (`ansible-playbook`, `ansible-inventory`)."""
        env = {"ALTOSTRAT_API_URL": self.url, "ALTOSTRAT_API_TOKEN": token or self.token}
        if self.tls:
            env["ALTOSTRAT_CA_PATH"] = self.ca_path
        return env

    def headers(self, token=None, **extra):
        return {"Authorization": f"Bearer {token or self.token}", **extra}

    def api(self, method, path, token=None, headers=None, unthrottled=False, **kwargs):
        """One API call with the bearer token; returns the requests.Response. `unthrottled` skips the rate limit
        (for a test's own bookkeeping; the call is still logged)."""
        kwargs.setdefault("timeout", 30)
        kwargs.setdefault("verify", self.verify)
        extra = dict(UNTHROTTLED if unthrottled else {}, **(headers or {}))
        return self.session.request(method, self.url + path, headers=self.headers(token, **extra), **kwargs)

    def sites(self, token=None):
        response = self.api("GET", "/sites", token=token, unthrottled=True)
        response.raise_for_status()
        return response.json()

    def site_ids(self, online=None, token=None):
        return [site["id"] for site in self.sites(token) if online is None or site["has_pulse"] is online]

    def create_job(self, site_id, script, description="Simulator job", key=None, token=None, **flags):
        """POST /site/{id}/job; flags: needs_ack, backup, express_execute (booleans). Returns the response."""
        headers = {"X-Idempotency-Key": key or str(uuid.uuid4()), "X-Description": description,
                   "Content-Type": "text/plain"}
        names = {"needs_ack": "X-Needs-Ack", "backup": "X-Backup", "express_execute": "X-Express-Execute"}
        for name, value in flags.items():
            headers[names[name]] = "true" if value else "false"
        return self.api("POST", f"/site/{site_id}/job", token=token, headers=headers, data=script.encode())

    # the control API

    def _control(self, method, path, **kwargs):
        kwargs.setdefault("timeout", 60)
        kwargs.setdefault("verify", self.verify)
        response = self.session.request(method, self.url + "/_sim" + path, **kwargs)
        if response.status_code >= 400:
            raise SimulatorError(f"{method} /_sim{path}: {response.status_code} {response.text}")
        return response.json() if response.content and "json" in response.headers.get("content-type", "") else None

    def health(self):
        return self._control("GET", "/health")

    def requests(self, method=None, path=None, since=None):
        """The request log (control calls excluded): [{seq, time, method, path, query, status, headers, body, ...}]."""
        params = {key: value for key, value in (("method", method), ("path", path), ("since", since)) if value is not None}
        return self._control("GET", "/requests", params=params)

    def writes(self, path=None):
        return [entry for entry in self.requests(path=path) if entry["method"] not in ("GET", "HEAD", "OPTIONS")]

    def clear_requests(self):
        self._control("DELETE", "/requests")

    def fault(self, **rule):
        """Add one fault rule (method, path regex, status, retry_after, latency_ms, drop, rate, count)."""
        return self._control("POST", "/faults", json=rule)

    def faults(self, rules=None, latency_ms=None):
        body = {"rules": list(rules or [])}
        if latency_ms is not None:
            body["latency_ms"] = latency_ms
        return self._control("POST", "/faults", json=body)

    def clear_faults(self):
        self._control("DELETE", "/faults")

    def fault_rules(self):
        """The fault rules in force, each with `hits`: how many requests it has answered so far."""
        return self._control("GET", "/faults")["rules"]

    def seed(self, sites=5, offline=None, tenant="default", replace=False):
        body = {"sites": sites, "tenant": tenant, "replace": replace}
        if offline is not None:
            body["offline"] = offline
        return self._control("POST", "/seed", json=body)

    def run_script(self, site_id, script):
        return self._control("POST", f"/sites/{site_id}/script", json={"script": script})

    def export(self, site_id):
        response = self.session.get(f"{self.url}/_sim/sites/{site_id}/export", timeout=30, verify=self.verify)
        response.raise_for_status()
        return response.text

    def load_export(self, site_id, text):
        """Make the site the router an /export describes (version, model, configuration)."""
        return self._control("POST", f"/sites/{site_id}/load", json={"export": text})

    def adopt(self, site_id):
        """Onboard the site's router: it gets the management tunnel and its reachability follows it."""
        return self._control("POST", f"/sites/{site_id}/adopt")

    def advance(self, site_id, seconds):
        """Move the site's clock forward: scheduler, reboots, check-ins and jobs happen on the way."""
        return self._control("POST", f"/sites/{site_id}/advance", json={"seconds": seconds})

    def tunnel(self, site_id):
        """The site's clock, reboots and management tunnel as the simulator sees them."""
        return self._control("GET", f"/sites/{site_id}/tunnel")

    def reset(self, site_id, config="default"):
        return self._control("POST", f"/sites/{site_id}/reset", json={"config": config})

    def set_online(self, site_id, online=True):
        return self._control("PATCH", f"/sites/{site_id}", json={"has_pulse": bool(online)})

    def patch_site(self, site_id, **fields):
        return self._control("PATCH", f"/sites/{site_id}", json=fields)

    def jobs(self, site_id=None):
        """Every job (all tenants), newest first, with `status`, `kind` and `seq` added."""
        return self._control("GET", "/jobs", params={"site": site_id} if site_id else None)

    def configure(self, **settings):
        """Runtime settings: checkin_interval, latency_ms, job_duration, notify."""
        return self._control("POST", "/config", json=settings)

    def wait_job(self, site_id, job_id, timeout=10.0, token=None):
        """Poll a job until it completed or failed; returns the Job."""
        deadline = time.monotonic() + timeout
        while True:
            job = self.api("GET", f"/site/{site_id}/job/{job_id}", token=token, unthrottled=True).json()
            if job.get("completed_at") or job.get("failed_at") or time.monotonic() > deadline:
                return job
            time.sleep(0.02)

    # the realistic profile

    def realism(self, parts=None, enable=(), disable=(), limited_tokens=None, **options):
        """Switch realistic parts at run time: `parts` replaces the set, `enable`/`disable` change it; keyword
        arguments set options (rate_limit=30, rate_window=2, offline_sync="504", ...). Returns the state."""
        body = {"enable": _names(enable), "disable": _names(disable), "options": options}
        if parts is not None:
            body["parts"] = _names(parts)
        if limited_tokens:
            body["limited_tokens"] = {token: list(perms) for token, perms in limited_tokens.items()}
        return self._control("POST", "/realism", json=body)

    def realism_state(self):
        """{parts: [...on], options: {...}, available: {part: {does, source, from}}}."""
        return self._control("GET", "/realism")

    def rate_limit_state(self):
        """The server's budget: {limit, window, scope, throttled (429s so far), windows: [{key, hits, remaining,
        resets_in}]} (tokens are named by their tenant, never shown)."""
        return self._control("GET", "/ratelimit")

    def reset_rate_limit(self):
        self._control("DELETE", "/ratelimit")


def _names(parts):
    """Part names from "a,b" or a list."""
    if isinstance(parts, str):
        return [part.strip() for part in parts.split(",") if part.strip()]
    return list(parts or ())
