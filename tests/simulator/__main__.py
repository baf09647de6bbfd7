# SPDX-License-Identifier: GPL-3.0-or-later
"""`python -m tests.simulator --port 8765 --token alto_sk_demo --sites 5 [--state PATH]` from a checkout, or
`python -m ansible_collections.altostrat.sdx.tests.simulator ...` with the collection installed."""

import argparse
import logging
import os
import signal
import sys
import tempfile

if __package__ != "tests.simulator":
    # Started from an installed collection: the simulator's modules import each other as tests.simulator.*,
    # relative to the collection's root.
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

import uvicorn  # noqa: E402  pylint: disable=wrong-import-position

from tests.simulator.app import State, create_app  # noqa: E402  pylint: disable=wrong-import-position
from tests.simulator.devices import Devices  # noqa: E402  pylint: disable=wrong-import-position
from tests.simulator import realism as realistic  # noqa: E402  pylint: disable=wrong-import-position
from tests.simulator.faults import DropFilter, Faults, RequestLog  # noqa: E402  pylint: disable=wrong-import-position
from tests.simulator.seed import seed  # noqa: E402  pylint: disable=wrong-import-position
from tests.simulator.store import Store  # noqa: E402  pylint: disable=wrong-import-position
from tests.simulator.worker import Notifier, Worker  # noqa: E402  pylint: disable=wrong-import-position

LOG = logging.getLogger("sdx-simulator")
SECOND_TENANT_SITES = 2


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m " + (__package__ or "tests.simulator"),
                                     description="Altostrat SDX API simulator")
    parser.add_argument("--host", default=None, help="bind address (default 127.0.0.1; anything else must be explicit)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--token", default="alto_sk_demo", help="bearer token of the seeded (default) tenant")
    parser.add_argument("--second-token", default="alto_sk_tenant_b", help="bearer token of the second tenant")
    parser.add_argument("--sites", type=int, default=5, help="sites seeded for the default tenant when the state is empty")
    parser.add_argument("--offline", type=int, default=None, help="how many seeded sites are offline (default: every fifth)")
    parser.add_argument("--state", default=None, help="SQLite state file (default: a fresh temporary file)")
    parser.add_argument("--checkin-interval", type=float, default=1.0, help="seconds between device check-ins")
    parser.add_argument("--latency-ms", type=float, default=0.0, help="latency added to every API request")
    parser.add_argument("--job-duration", type=float, default=0.0, help="seconds a job stays running before it reports")
    parser.add_argument("--no-notify", action="store_true", help="log notify_url callbacks instead of posting them")
    parser.add_argument("--tls-cert", default=None, help="serve HTTPS with this PEM certificate (chain) file")
    parser.add_argument("--tls-key", default=None, help="the PEM private key of --tls-cert")
    parser.add_argument("--export", action="append", default=[], metavar="FILE.rsc",
                        help="load this /export into the first site (repeat for the next sites)")
    parser.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    realistic.add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        args.realism, args.limited = realistic.from_args(args)
    except realistic.RealismError as exc:
        parser.error(str(exc))
    if args.token == args.second_token:
        parser.error("--token and --second-token must differ")
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    return args


def main(argv=None):
    args = parse_args(argv)
    logging.basicConfig(stream=sys.stderr, level=getattr(logging, args.log_level.upper()),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("uvicorn.error").addFilter(DropFilter())
    host = args.host or "127.0.0.1"
    state_path = args.state
    if state_path is None:
        handle, state_path = tempfile.mkstemp(prefix="sdx-sim-", suffix=".sqlite")
        os.close(handle)
    store = Store(state_path)
    store.set_tenant("default", args.token)
    store.set_tenant("b", args.second_token)
    if store.count_sites("default") == 0:
        seed(store, args.sites, args.offline, "default")
    if store.count_sites("b") == 0:
        seed(store, SECOND_TENANT_SITES, 0, "b")
    config = {"checkin_interval": args.checkin_interval, "latency_ms": args.latency_ms,
              "job_duration": args.job_duration, "notify": not args.no_notify}
    devices = Devices(store)
    notifier = Notifier(store, enabled=not args.no_notify, realism=args.realism)
    worker = Worker(store, devices, notifier, config, realism=args.realism)
    state = State(store, devices, worker, notifier, Faults(), RequestLog(), config,
                  {args.token: "default", args.second_token: "b"}, realism=args.realism, limited=args.limited)
    load_exports(store, devices, args.export)
    app = create_app(state)
    tls = {"ssl_certfile": args.tls_cert, "ssl_keyfile": args.tls_key} if args.tls_cert else {}
    # The second tenant's sites are not the ones asked for with --sites.
    LOG.info("SDX simulator on %s://%s:%d state=%s sites=%d (second tenant: %d) realistic=%s", "https" if tls else "http",
             host, args.port, state_path, store.count_sites("default"), store.count_sites("b"),
             ",".join(sorted(args.realism.parts)) or "none")
    worker.start()
    # uvicorn re-raises SIGTERM/SIGINT after its graceful shutdown; exiting through SystemExit lets
    # the clean-up below run instead of the process dying on the signal.
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, _exit_on_signal)
    try:
        uvicorn.run(app, host=host, port=args.port, http="h11", ws="none", lifespan="off", access_log=False,
                    proxy_headers=False, server_header=False, log_config=None, timeout_graceful_shutdown=2, **tls)
    finally:
        worker.stop()
        notifier.stop()
        store.close()
        if args.state is None:
            # Nobody else knows the temporary file: leave nothing behind.
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(state_path + suffix):
                    os.remove(state_path + suffix)
    return 0


def load_exports(store, devices, paths):
    """--export FILE: the default tenant's sites, in seed order, become the routers those exports describe."""
    sites = store.list_sites("default")
    if len(paths) > len(sites):
        raise SystemExit(f"--export given {len(paths)} times but only {len(sites)} sites exist")
    for path, row in zip(paths, sites):
        with open(path, encoding="utf-8", errors="surrogateescape") as handle:
            result = devices.load_export(row["id"], handle.read())
        if result.ok:
            LOG.info("site %s loaded from %s", row["id"], path)
        else:
            LOG.warning("site %s: %s stopped at line %s: %s", row["id"], path, result.failed_line, result.error)


def _exit_on_signal(signum, _frame):
    raise SystemExit(128 + signum if signum != signal.SIGTERM else 0)


if __name__ == "__main__":
    sys.exit(main())
