# SPDX-License-Identifier: GPL-3.0-or-later
"""The realistic profile: SDX as its public record says it behaves, part by part.

The default profile answers as the API reference documents it. Each part here swaps one
documented-but-idealised behaviour for what the wider public record (or a Laravel service) does;
parts switch on alone (`--realistic rate_limit,laravel_errors`), all together
(`--profile realistic`), or at run time (`POST /_sim/realism`). Options tune them
(`--realism offline_sync=504`). Where each part comes from: PARTS below and the README.
"""

import datetime
import random
import threading

# part -> (what it does, documented|inferred, source)
PARTS = {
    "rate_limit": ("per-token request budget; 429 {message: Too Many Attempts.}, Retry-After, X-RateLimit-*",
                   "documented limit, inferred answer", "MikroCloud API reference: 60 requests per minute per API key; "
                   "Laravel ThrottleRequests headers"),
    "laravel_errors": ("error bodies are {message}; validation is 422 {message, errors}", "inferred",
                       "altostrat/api-tools answers 401 as {message}; Laravel's validation answer"),
    "offline_sync": ("synchronous calls to an offline site hang, then 504, or answer a bare 504/500", "documented",
                     "SDX getting started: live operations on offline sites wait or fail (no shape documented)"),
    "pulse_lag": ("has_pulse stays true until pulse_misses check-ins were missed", "documented",
                  "SDX monitoring: offline after 10 missed heartbeats (~5 minutes)"),
    "checkins": ("sites check in every checkin_seconds (30 s)", "documented", "SDX monitoring: heartbeat about every 30 s"),
    "cancelled_jobs": ("a cancelled job stays listed with deleted_at and status: deleted; jobs carry status",
                       "documented (older job object)", "older job object: status, deleted_at; notification status deleted"),
    "async_lag": ("asynchronous jobs are listed async_delay s late, some (async_unlisted) never", "inferred",
                  "the asynchronous API answers a request id, not a job"),
    "job_pages": ("job lists are Laravel paginators of page_size jobs (?page=N)", "inferred",
                  "Laravel paginator shape used by /search"),
    "platform_jobs": ("job lists hold the platform's own jobs (daily backups, ARP syncs)", "documented (queue), inferred (listing)",
                      "SDX core concepts: the job queue carries backups, policy pushes, ARP syncs, VPN updates"),
    "notify_retries": ("notifications also say loaded, are retried on failure and sometimes delivered twice",
                       "documented", "change log August 2025: notifications retried; notification prose: loaded"),
    "permissions": ("limited tokens get 403 {message} on what their permissions do not cover", "inferred (403 body)",
                    "API keys carry permissions (sites:read, scripts:write); the 403 body is not documented"),
    "backup_headers": ("only X-View / X-Highlight / X-Download switch the backup format (X-View-Raw is ignored)",
                       "documented", "backups/retrieve-a-specific-backup"),
    "backup_format": ("backup date/time follow the user's date format and time zone", "documented",
                      "backups/retrieve-a-specific-backup: 29/10/2025"),
    "async_script_cap": ("the asynchronous API refuses scripts over async_script_max (2,000) characters",
                         "documented (older docs)", "docs.sdx.altostrat.io asynchronous job execution"),
    "job_wrapper": ("a script that does not parse breaks the router's job wrapper: the job is never reported",
                    "documented wrapper, inferred outcome", "spa heartbeat doc: :do { script ; done } on-error={ fail }"),
    "replay": ("a replayed X-Idempotency-Key answers per the replay option (same|conflict|bad_request|"
               "unprocessable|duplicate)", "inferred", "idempotency replay is not documented"),
}

OPTIONS = {
    "rate_limit": 60,            # requests per rate_window per token (0 = no limit)
    "rate_window": 60.0,         # seconds
    "rate_scope": "token",       # token | tenant | global
    "offline_sync": "hang",      # hang | 504 | 500
    "offline_hang": 60.0,        # seconds a hung synchronous call waits before its 504
    "pulse_misses": 10,          # missed check-ins before has_pulse turns false
    "checkin_seconds": 30.0,     # the check-in interval while `checkins` is on
    "async_delay": 5.0,          # seconds before an asynchronous job is listed
    "async_unlisted": 0.1,       # probability that an asynchronous job is never listed
    "page_size": 15,             # jobs per page (Laravel's default)
    "platform_history": 20,      # past platform jobs given to each site
    "platform_every": 0.0,       # seconds between new platform jobs on each online site (0 = none)
    "notify_retries": 3,         # further attempts after a failed delivery
    "notify_backoff": 1.0,       # seconds before the first retry (doubles each time)
    "notify_duplicates": 0.5,    # probability that a delivered notification is delivered again
    "date_format": "d/m/Y",      # PHP date letters
    "time_format": "H:i",
    "timezone": "Africa/Johannesburg",
    "wrapper_stuck": "running",  # running (busy was reported) | pending
    "replay": "unprocessable",   # same | conflict | bad_request | unprocessable | duplicate
    "async_script_max": 2000,
}
CHOICES = {"rate_scope": ("token", "tenant", "global"), "offline_sync": ("hang", "504", "500"),
           "wrapper_stuck": ("running", "pending"),
           "replay": ("same", "conflict", "bad_request", "unprocessable", "duplicate")}
PROFILES = {"default": (), "realistic": tuple(PARTS)}
# Extra token of the realistic profile: everything except tags.
NO_TAGS_TOKEN = "alto_sk_no_tags"
PERMISSIONS = ("sites:read", "tags:read", "jobs:read", "jobs:write", "scripts:write", "backups:read", "backups:write")
FORBIDDEN_MESSAGE = "This action is unauthorized."
THROTTLED_MESSAGE = "Too Many Attempts."


class RealismError(ValueError):
    pass


def parse_parts(text):
    """`a,b` or a list -> a set of part names; `all` is every part."""
    items = text.split(",") if isinstance(text, str) else list(text or ())
    names = {item.strip() for item in items if item and item.strip()}
    if "all" in names:
        return set(PARTS)
    unknown = names - set(PARTS)
    if unknown:
        raise RealismError(f"unknown realistic part(s): {', '.join(sorted(unknown))}; known: {', '.join(PARTS)}")
    return names


def coerce_option(name, value):
    """An option's value in the type of its default (from text on the command line, or JSON)."""
    if name not in OPTIONS:
        raise RealismError(f"unknown realism option {name}; known: {', '.join(sorted(OPTIONS))}")
    default = OPTIONS[name]
    try:
        if isinstance(default, bool) or isinstance(default, str):
            value = str(value)
        elif isinstance(default, int):
            value = int(value)
        else:
            value = float(value)
    except (TypeError, ValueError):
        raise RealismError(f"realism option {name} must be a {type(default).__name__} (got {value!r})") from None
    if name in CHOICES and value not in CHOICES[name]:
        raise RealismError(f"realism option {name} must be one of {', '.join(CHOICES[name])} (got {value!r})")
    if isinstance(value, (int, float)) and value < 0:
        raise RealismError(f"realism option {name} must not be negative")
    if name in ("async_unlisted", "notify_duplicates") and value > 1:
        raise RealismError(f"realism option {name} is a probability (0..1)")
    if name == "timezone":
        _zone(value)
    return value


def parse_option(text):
    """`name=value` from `--realism`."""
    name, sep, value = text.partition("=")
    if not sep:
        raise RealismError(f"--realism takes name=value (got {text!r})")
    return name.strip(), coerce_option(name.strip(), value.strip())


def _zone(name):
    try:
        import zoneinfo  # pylint: disable=import-outside-toplevel
        return zoneinfo.ZoneInfo(name)
    except Exception:  # pylint: disable=broad-exception-caught
        raise RealismError(f"unknown time zone {name!r}") from None


class Realism:
    """Which parts are on, their options, limited tokens; safe to read from any thread."""

    def __init__(self, parts=(), options=None, seed=0):
        self.lock = threading.Lock()
        self.parts = set(parts)
        self.options = dict(OPTIONS)
        for name, value in (options or {}).items():
            self.options[name] = coerce_option(name, value)
        self.random = random.Random(seed)
        self.listeners = []  # called with (enabled, disabled) after a change

    def on(self, part):
        return part in self.parts

    def __getitem__(self, name):
        return self.options[name]

    def chance(self, probability):
        with self.lock:
            return probability > 0 and self.random.random() < probability

    def update(self, parts=None, enable=(), disable=(), options=None):
        """Replace (`parts`) or change (`enable`/`disable`) the parts on, set options; listeners run after."""
        checked = {name: coerce_option(name, value) for name, value in (options or {}).items()}
        new = parse_parts(parts) if parts is not None else set(self.parts)
        new = (new | parse_parts(enable)) - parse_parts(disable)
        with self.lock:
            before = set(self.parts)
            self.parts = new
            self.options.update(checked)
        for listener in self.listeners:
            listener(new - before, before - new)
        return self.snapshot()

    def snapshot(self):
        with self.lock:
            return {"parts": sorted(self.parts), "options": dict(self.options),
                    "available": {name: {"does": does, "source": kind, "from": where}
                                  for name, (does, kind, where) in PARTS.items()}}


# error bodies


def laravel_error(status, code, message, field=None, laravel_message=None):
    """(status, body) of a Laravel service for an error the default profile answers as {type, code, ...}."""
    if code in ("parameter_missing", "parameter_invalid") or (status == 422 and field):
        name = field or "request"
        text = f"The {name} field is required." if code == "parameter_missing" else (laravel_message or message)
        return 422, {"message": text, "errors": {name: [text]}}
    if status >= 500 and code == "internal_server_error":
        return status, {"message": "Server Error"}
    return status, {"message": laravel_message or message}


# user's date format


PHP_LETTERS = {"d": "%d", "m": "%m", "Y": "%Y", "y": "%y", "H": "%H", "i": "%M", "s": "%S", "h": "%I",
               "A": "%p", "M": "%b", "D": "%a", "F": "%B", "l": "%A"}


def php_date(ts, fmt, zone):
    """Format a unix time with PHP date letters (d/m/Y, H:i, j, n, G, a...) in a time zone."""
    moment = datetime.datetime.fromtimestamp(ts, _zone(zone))
    out = []
    for char in fmt:
        if char in PHP_LETTERS:
            out.append(moment.strftime(PHP_LETTERS[char]))
        elif char == "j":
            out.append(str(moment.day))
        elif char == "n":
            out.append(str(moment.month))
        elif char == "G":
            out.append(str(moment.hour))
        elif char == "a":
            out.append(moment.strftime("%p").lower())
        else:
            out.append(char)
    return "".join(out)


# permissions


def required_permission(method, route):
    """The permission a route needs (route is the template, e.g. /site/{site_id}/job)."""
    write = method not in ("GET", "HEAD")
    if route.startswith("/api/"):
        return "scripts:write"
    if route == "/tags":
        return "tags:read"
    if "/job" in route:
        return "jobs:write" if write else "jobs:read"
    if route.startswith("/backup") or route.endswith("/backups"):
        return "backups:write" if write else "backups:read"
    return "sites:read"


def parse_limited_token(text):
    """`TOKEN=perm,perm` -> (token, frozenset of permissions)."""
    token, sep, perms = text.partition("=")
    if not sep or not token.strip():
        raise RealismError("--limited-token takes TOKEN=permission,permission (got a value without '=')")
    names = frozenset(p.strip() for p in perms.split(",") if p.strip())
    unknown = names - set(PERMISSIONS)
    if unknown:
        raise RealismError(f"unknown permission(s) {', '.join(sorted(unknown))}; known: {', '.join(PERMISSIONS)}")
    return token.strip(), names


# the router-side job wrapper


def wrapper_probe(script):
    """The job's script inside a block that is parsed and checked but never run.

    SDX runs the script as `:do { <script> ; report done } on-error={ report fail }`; RouterOS
    parses a whole script before running any of it, so a script the console cannot parse (an
    unbalanced quote or brace, an unknown command) breaks the wrapper itself and nothing reports.
    """
    return ":if (false) do={\n" + script + "\n}"


# the command line


def add_arguments(parser):
    group = parser.add_argument_group("realistic profile (see tests/simulator/README.md)")
    group.add_argument("--profile", choices=sorted(PROFILES), default="default",
                       help="default: the documented behaviour; realistic: every part below")
    group.add_argument("--realistic", default="", metavar="PARTS",
                       help=f"comma-separated parts to switch on (or 'all'): {', '.join(PARTS)}")
    group.add_argument("--no-realistic", default="", metavar="PARTS", help="parts to switch off (after --profile)")
    group.add_argument("--rate-limit", type=int, default=None, metavar="N",
                       help="requests per minute (per --realism rate_window) per token; 0 = none")
    group.add_argument("--realism", action="append", default=[], metavar="NAME=VALUE",
                       help=f"a part's option: {', '.join(sorted(OPTIONS))}")
    group.add_argument("--limited-token", action="append", default=[], metavar="TOKEN=PERMISSIONS",
                       help=f"another token of the default tenant with only these permissions: {', '.join(PERMISSIONS)}")


def from_args(args):
    """(Realism, {token: permissions}) from the parsed command line; RealismError on a bad value."""
    parts = (set(PROFILES[args.profile]) | parse_parts(args.realistic)) - parse_parts(args.no_realistic)
    options = dict(parse_option(text) for text in args.realism)
    if args.rate_limit is not None:
        if args.rate_limit < 0:
            raise RealismError("--rate-limit must be 0 (none) or more")
        options["rate_limit"] = args.rate_limit
        if args.rate_limit:
            parts.add("rate_limit")
        else:
            parts.discard("rate_limit")
    limited = dict(parse_limited_token(text) for text in args.limited_token)
    return Realism(parts, options), limited
