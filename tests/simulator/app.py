# SPDX-License-Identifier: GPL-3.0-or-later
"""The SDX API routes and the `/_sim` control API.

Requests are parsed by hand (not by pydantic models) so that every validation error is the
documented 400 `{type, code, message, doc_url}` naming the field, never FastAPI's 422.
"""

import asyncio
import html
import json
import logging
import math
import traceback
import uuid

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from tests.simulator import routeros, siteclock
from tests.simulator.common import (UNAUTHORIZED_MESSAGE, ApiError, ago, error_body, human_size, is_uuid, iso,
                                    iso_offset, not_found, now, routeros_uptime, short_token)
from tests.simulator.faults import RuleError, SimMiddleware
from tests.simulator.platform_jobs import add_history
from tests.simulator.ratelimit import RateLimiter
from tests.simulator.realism import (FORBIDDEN_MESSAGE, NO_TAGS_TOKEN, PERMISSIONS, Realism, RealismError, laravel_error,
                                     php_date, required_permission)
from tests.simulator.seed import seed
from tests.simulator.store import shown_key
from tests.simulator.worker import job_status

LOG = logging.getLogger("sdx-simulator")
SCRIPT_MAX = 10000
TRUE = ("true", "1", "yes", "on")
FALSE = ("false", "0", "no", "off")
SITE_FIELDS = ("id", "pid", "name", "address", "has_pulse", "uptime", "architecture_name", "hardware_hash",
               "serial_number", "software_version", "software_id", "identity", "last_seen_from", "model",
               "board_name", "routerboard", "last_seen", "last_seen_at", "created_at", "updated_at", "deleted_at",
               "scheduler_removal")
MINIMAL_FIELDS = ("id", "pid", "name", "has_pulse", "software_version", "software_id", "serial_number", "created_at")
# Site fields PATCH /_sim/sites/{id} may change (besides has_pulse).
EDITABLE = ("name", "address", "identity", "software_version", "software_id", "model", "board_name",
            "architecture_name", "serial_number", "last_seen_from", "routerboard")


class Unauthorized(Exception):
    pass


class State:
    """Everything the routes share: store, routers, worker, faults, request log, runtime config, realism."""

    def __init__(self, store, devices, worker, notifier, faults, requests, config, tenants, realism=None, limited=None):
        self.store = store
        self.devices = devices
        self.worker = worker
        self.notifier = notifier
        self.faults = faults
        self.requests = requests
        self.config = config
        self.tenants = tenants  # token -> tenant name (limited tokens included)
        self.realism = realism or Realism()
        self.limited = {}  # token -> frozenset of permissions
        self.limiter = RateLimiter(self.realism, self.tenants)
        self.base_interval = config.get("checkin_interval")
        for token, permissions in (limited or {}).items():
            self.add_limited(token, permissions)
        self.realism.listeners.append(self.realism_changed)
        self.realism_changed(set(self.realism.parts), set())

    def tokens(self):
        return list(self.tenants)

    def add_limited(self, token, permissions, tenant="default"):
        self.tenants[token] = tenant
        self.limited[token] = frozenset(permissions)

    def realism_changed(self, enabled, disabled):
        """Side effects of switching parts: the check-in interval, the realistic limited token, platform history."""
        if "checkins" in enabled:
            self.base_interval = self.config.get("checkin_interval")
        if "checkins" in disabled and self.base_interval is not None:
            self.config["checkin_interval"] = self.base_interval
        if self.realism.on("checkins"):
            self.config["checkin_interval"] = self.realism["checkin_seconds"]
        if "permissions" in enabled and NO_TAGS_TOKEN not in self.tenants:
            self.add_limited(NO_TAGS_TOKEN, set(PERMISSIONS) - {"tags:read"})
        if "permissions" in disabled and NO_TAGS_TOKEN in self.limited:
            self.tenants.pop(NO_TAGS_TOKEN, None)
            self.limited.pop(NO_TAGS_TOKEN, None)
        if "platform_jobs" in enabled:
            add_history(self.store, self.devices, self.realism["platform_history"])
        self.worker.poke()

    def pulse(self, row, at):
        """(has_pulse as answered, truly online): with pulse_lag an offline site reads online until it
        has missed `pulse_misses` check-ins."""
        online = bool(row["has_pulse"])
        if online or not self.realism.on("pulse_lag"):
            return online, online
        return at - row["last_seen_at"] < self.realism["pulse_misses"] * self.worker.interval(), False

    def error(self, status, code, message, type_="invalid_request_error", headers=None, field=None,
              laravel_message=None):
        """An error answer in the profile's shape: {type, code, message, doc_url}, or Laravel's."""
        if self.realism.on("laravel_errors"):
            status, body = laravel_error(status, code, message, field, laravel_message)
        else:
            body = error_body(code, message, type_)
        return JSONResponse(body, status_code=status, headers=headers)


# rendering


def site_json(state, row, at):
    """One Site as JSON text: the stored static fields plus the live ones (pulse, uptime, last seen).

    Built by splicing strings rather than json.loads/dumps per row, so a fleet of ten thousand
    sites lists in a few tens of milliseconds.
    """
    shown, online = state.pulse(row, at)
    seen = state.worker.last_seen(row["id"], at) if online else row["last_seen_at"]
    uptime = '"' + routeros_uptime((at if online else seen) - row["boot_time"]) + '"' if shown else "null"
    return ("{" + row["public"] + ',"has_pulse":' + ("true" if shown else "false") + ',"uptime":' + uptime +
            ',"last_seen":"' + ago(at - seen) + '","last_seen_at":"' + iso(seen) + '"}')


def render_site(state, row, at):
    site = json.loads(site_json(state, row, at))
    return {name: site.get(name) for name in SITE_FIELDS}


def json_text(text, status=200):
    return Response(content=text, status_code=status, media_type="application/json")


def render_job(row, realism=None):
    token = short_token(row["id"])
    end = row["completed_at"] or row["failed_at"] or row["created_at"] + 3600
    job = {
        "id": row["id"],
        "token": token,
        "site_id": row["site_id"],
        "idempotency_key": shown_key(row["idempotency_key"]),
        "description": row["description"],
        "express_execute": bool(row["express_execute"]),
        "needs_acknowledgement": bool(row["needs_acknowledgement"]),
        "should_backup": bool(row["should_backup"]),
        "associated_backup": row["associated_backup"],
        "started_at": iso(row["started_at"]),
        "completed_at": iso(row["completed_at"]),
        "failed_at": iso(row["failed_at"]),
        "created_at": iso(row["created_at"]),
        "log_url": (f"logs?group=sites&streams={row['site_id']}&start={int(row['created_at'] * 1000)}"
                    f"&end={int(end * 1000)}&filter={{$.message=*{token}*}}"),
        "script": row["script"],
        # Simulator extensions: what the script printed and RouterOS's error, once it has run.
        "output": row["output"],
        "error": row["error"],
    }
    if realism is not None and realism.on("cancelled_jobs"):
        # The older job object: a `status` word and `deleted_at` (a cancelled job stays listed).
        job.update(status=job_status(row), deleted_at=iso(row["deleted_at"]))
    return job


def render_backup(row, content=False, realism=None):
    created = row["created_at"]
    stamp = iso(created)
    date, time_ = stamp[:10], stamp[11:19]
    if realism is not None and realism.on("backup_format"):
        date = php_date(created, realism["date_format"], realism["timezone"])
        time_ = php_date(created, realism["time_format"], realism["timezone"])
    backup = {"filename": row["filename"], "size": human_size(row["size"]), "date": date, "time": time_,
              "created_at": stamp}
    if content:
        backup["content"] = row["content"]
    return backup


def paginate(request, items, size):
    """A Laravel length-aware paginator over `items` for `?page=N` (links are absolute URLs)."""
    raw = request.query_params.get("page", "1")
    page = int(raw) if raw.isdigit() and int(raw) > 0 else None
    if page is None:
        raise ApiError(400, "parameter_invalid", f"page must be a positive integer (got {raw[:40]!r})", field="page")
    size = max(1, int(size))
    last = max(1, math.ceil(len(items) / size))
    chunk = items[(page - 1) * size: page * size]
    path = str(request.url.replace(query=""))

    def link(number):
        return f"{path}?page={number}" if 1 <= number <= last else None

    first = (page - 1) * size + 1
    return {"data": chunk,
            "links": {"first": link(1), "last": link(last), "prev": link(page - 1), "next": link(page + 1)},
            "meta": {"current_page": page, "from": first if chunk else None, "last_page": last, "path": path,
                     "per_page": size, "to": first + len(chunk) - 1 if chunk else None, "total": len(items)}}


def async_listed_at(state):
    """When an asynchronous job shows in the site's job list: at once, async_delay s late, or never."""
    if not state.realism.on("async_lag"):
        return None
    if state.realism.chance(state.realism["async_unlisted"]):
        return NEVER
    return now() + state.realism["async_delay"]


GATEWAY_TIMEOUT_PAGE = ("<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n"
                        "<center><h1>504 Gateway Time-out</h1></center>\r\n</body>\r\n</html>\r\n")
NEVER = 1e18


async def offline_answer(realism):
    """A synchronous call to an offline site: hang then 504, a gateway's bare 504 page, or Laravel's 500."""
    mode = realism["offline_sync"]
    if mode == "hang":
        await asyncio.sleep(realism["offline_hang"])
        mode = "504"
    if mode == "504":
        return HTMLResponse(GATEWAY_TIMEOUT_PAGE, status_code=504)
    return JSONResponse({"message": "Server Error"}, status_code=500)


def backup_answer(request, row, realism):
    """One backup: JSON, or by header the export as text (X-View), highlighted HTML (X-Highlight), a download
    (X-Download). X-View-Raw, the default profile's older name for X-View, is not honoured by `backup_headers`."""
    raw_names = ("X-View",) if realism.on("backup_headers") else ("X-View", "X-View-Raw")
    if any(header_bool(request, name, False) for name in raw_names):
        return PlainTextResponse(row["content"])
    if header_bool(request, "X-Highlight", False):
        lines = []
        for line in html.escape(row["content"]).split("\n"):
            kind = "comment" if line.startswith("#") else ("menu" if line.startswith("/") else "line")
            lines.append(f'<span class="rsc-{kind}">{line}</span>')
        return HTMLResponse('<pre class="rsc">' + "\n".join(lines) + "</pre>")
    if header_bool(request, "X-Download", False):
        return Response(row["content"].encode(), media_type="application/octet-stream",
                        headers={"Content-Disposition": f'attachment; filename="{row["filename"]}"'})
    return JSONResponse(render_backup(row, content=True, realism=realism))


# request parsing


def header_text(request, name):
    """A header as text: clients send UTF-8, Starlette hands us latin-1."""
    value = request.headers.get(name)
    if value is None:
        return None
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def header_bool(request, name, default):
    value = request.headers.get(name)
    if value is None:
        return default
    low = value.strip().lower()
    if low in TRUE:
        return True
    if low in FALSE:
        return False
    raise ApiError(400, "parameter_invalid", f"{name} must be true or false (got {value!r})", field=name.lower())


def json_object(body, what="request body"):
    try:
        data = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "parameter_invalid", f"the {what} must be a JSON object", field="body") from None
    if not isinstance(data, dict):
        raise ApiError(400, "parameter_invalid", f"the {what} must be a JSON object", field="body")
    return data


def check_description(value, field, low):
    name = field.lower()
    if value is None:
        raise ApiError(400, "parameter_missing", f"{field} is required", field=name)
    if not isinstance(value, str):
        raise ApiError(400, "parameter_invalid", f"{field} must be a string", field=name)
    if not low <= len(value) <= 100:
        raise ApiError(400, "parameter_invalid",
                       f"{field} must be {low} to 100 characters (got {len(value)}): {value[:120]!r}", field=name)
    return value


def check_script(value, field="script", limit=SCRIPT_MAX):
    if value is None:
        raise ApiError(400, "parameter_missing", f"{field} is required", field="script")
    if not isinstance(value, str):
        raise ApiError(400, "parameter_invalid", f"{field} must be a string", field="script")
    if not 1 <= len(value) <= limit:
        raise ApiError(400, "parameter_invalid", f"{field} must be 1 to {limit} characters (got {len(value)})",
                       field="script", laravel_message=f"The script field must not be greater than {limit} characters.")
    return value


def check_flag(data, name):
    value = data.get(name, False)
    if not isinstance(value, bool):
        raise ApiError(400, "parameter_invalid", f"{name} must be a boolean", field=name)
    return value


def check_notify_url(value):
    if value is None:
        return None
    if not isinstance(value, str):
        raise ApiError(400, "parameter_invalid", "notify_url must be a string URL or null", field="notify_url")
    scheme, rest = value.partition("://")[::2]
    host = rest.split("/", 1)[0]
    if scheme.lower() not in ("http", "https") or not host or any(c.isspace() for c in value):
        raise ApiError(400, "parameter_invalid", f"notify_url must be an http(s) URL (got {value[:200]!r})",
                       field="notify_url")
    return value


def create_app(state):
    app = FastAPI(title="Altostrat SDX simulator", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.sim = state
    store = state.store

    def tenant(request):
        auth = request.headers.get("authorization", "")
        scheme, token = auth.partition(" ")[::2]
        name = state.tenants.get(token.strip()) if scheme.lower() == "bearer" else None
        if name is None:
            raise Unauthorized()
        allowed = state.limited.get(token.strip())
        if allowed is not None:
            route = request.scope.get("route")
            if required_permission(request.method, getattr(route, "path", request.url.path)) not in allowed:
                raise ApiError(403, "forbidden", FORBIDDEN_MESSAGE)
        return name

    def site_row(site_id, tenant_name):
        row = store.get_site(site_id, tenant_name) if is_uuid(site_id) else None
        if row is None:
            raise not_found("site", site_id)
        return row

    def job_row(site_id, job_id, tombstones=False):
        """A job as clients see it: not yet listed (async_lag) is 404; cancelled only with `tombstones`."""
        row = store.api_job(job_id, site_id, now(), tombstones) if is_uuid(job_id) else None
        if row is None:
            raise not_found("job", job_id)
        return row

    # error shapes

    @app.exception_handler(ApiError)
    async def api_error(_request, exc):
        return state.error(exc.status, exc.code, exc.message, exc.type, exc.headers, exc.field, exc.laravel_message)

    @app.exception_handler(Unauthorized)
    async def unauthorized(_request, _exc):
        return JSONResponse({"message": UNAUTHORIZED_MESSAGE}, status_code=401, headers={"WWW-Authenticate": "Bearer"})

    @app.exception_handler(RequestValidationError)
    async def invalid(_request, exc):
        errors = exc.errors()
        field = ".".join(str(part) for part in errors[0]["loc"]) if errors else "request"
        return state.error(400, "parameter_invalid", f"{field}: {errors[0]['msg'] if errors else 'invalid'}",
                           field=field)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request, exc):
        path, method = request.url.path, request.method
        if exc.status_code == 404:
            args = ("resource_missing", f"no such endpoint: {method} {path}")
            laravel = f"The route {path.lstrip('/')} could not be found."
        elif exc.status_code == 405:
            args = ("method_not_allowed", f"{method} is not allowed on {path}")
            laravel = (f"The {method} method is not supported for route {path.lstrip('/')}. "
                       f"Supported methods: {(exc.headers or {}).get('Allow', '')}.")
        else:
            args = ("invalid_request", str(exc.detail))
            laravel = str(exc.detail)
        return state.error(exc.status_code, *args, headers=exc.headers, laravel_message=laravel)

    @app.exception_handler(Exception)
    async def crashed(request, exc):
        LOG.error("%s %s failed:\n%s", request.method, request.url.path,
                  "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
        return state.error(500, "internal_server_error", "An internal server error occurred. Please try again later.",
                           "api_error")

    # sites

    @app.get("/sites")
    async def list_sites(request: Request):
        name = tenant(request)

        def work():
            at = now()
            rows = store.list_sites(name, "id, has_pulse, boot_time, last_seen_at, public")
            return "[" + ",".join(site_json(state, row, at) for row in rows) + "]"
        return json_text(await run_in_threadpool(work))

    @app.get("/site-minimal")
    async def list_sites_minimal(request: Request):
        name = tenant(request)

        def work():
            sites = []
            at = now()
            for row in store.list_sites(name, "has_pulse, last_seen_at, data"):
                data = json.loads(row["data"])
                data["has_pulse"] = state.pulse(row, at)[0]
                sites.append({key: data.get(key) for key in MINIMAL_FIELDS})
            return sites
        return JSONResponse(await run_in_threadpool(work))

    @app.get("/sites/{site_id}")
    async def get_site(site_id: str, request: Request):
        row = site_row(site_id, tenant(request))
        return JSONResponse(render_site(state, row, now()))

    @app.get("/tags")
    async def list_tags(request: Request):
        name = tenant(request)

        def work():
            tags, values = store.list_tags(name)
            stamps = {}

            def stamp(value):
                if value not in stamps:
                    stamps[value] = iso(value)
                return stamps[value]

            by_tag = {}
            for value in values:
                by_tag.setdefault(value["tag_id"], []).append({
                    "tag_id": value["tag_id"], "correlation_id": value["site_id"], "correlation_type": "site",
                    "value": value["value"], "created_at": stamp(value["created_at"]), "updated_at": stamp(value["updated_at"])})
            return [{"id": tag["id"], "key": tag["key"], "color": tag["color"], "mandatory_on": json.loads(tag["mandatory_on"]),
                     "created_at": stamp(tag["created_at"]), "updated_at": stamp(tag["updated_at"]),
                     "values": by_tag.get(tag["id"], [])} for tag in tags]
        return JSONResponse(await run_in_threadpool(work))

    # jobs

    async def create_job(site_id: str, request: Request):
        name = tenant(request)
        body = await request.body()

        def work():
            site_row(site_id, name)
            key = request.headers.get("x-idempotency-key")
            if key is None:
                raise ApiError(400, "parameter_missing", "X-Idempotency-Key header is required (a UUID)",
                               field="x-idempotency-key")
            if not is_uuid(key.strip()):
                raise ApiError(400, "parameter_invalid", f"X-Idempotency-Key must be a UUID (got {key[:80]!r})",
                               field="x-idempotency-key")
            description = check_description(header_text(request, "x-description"), "X-Description", 3)
            flags = {"needs_acknowledgement": header_bool(request, "X-Needs-Ack", True),
                     "should_backup": header_bool(request, "X-Backup", False),
                     "express_execute": header_bool(request, "X-Express-Execute", False)}
            try:
                script = body.decode("utf-8")
            except UnicodeDecodeError:
                raise ApiError(400, "parameter_invalid", "the request body (script) must be UTF-8 text") from None
            check_script(script, "the request body (script)")
            replay = state.realism["replay"] if state.realism.on("replay") else "same"
            return store.create_job(site_id, str(uuid.UUID(key.strip())), description, script, flags, replay=replay)

        row, created = await run_in_threadpool(work)
        if created and row["express_execute"]:
            state.worker.poke()
        return JSONResponse(render_job(row, state.realism), status_code=201)

    async def list_jobs(site_id: str, request: Request):
        name = tenant(request)
        site_row(site_id, name)
        rows = await run_in_threadpool(store.api_jobs, site_id, now(), state.realism.on("cancelled_jobs"))
        jobs = [render_job(row, state.realism) for row in rows]
        if state.realism.on("job_pages"):
            return JSONResponse(paginate(request, jobs, state.realism["page_size"]))
        return JSONResponse(jobs)

    async def get_job(site_id: str, job_id: str, request: Request):
        site_row(site_id, tenant(request))
        return JSONResponse(render_job(job_row(site_id, job_id, state.realism.on("cancelled_jobs")), state.realism))

    async def delete_job(site_id: str, job_id: str, request: Request):
        site_row(site_id, tenant(request))
        job_row(site_id, job_id)
        row = store.delete_pending_job(job_id, keep=state.realism.on("cancelled_jobs"))
        if row is None:
            raise not_found("job", job_id)
        state.notifier.job_event(row, "deleted")
        return Response(status_code=204)

    for prefix in ("/site/{site_id}/job", "/sites/{site_id}/jobs"):
        app.add_api_route(prefix, create_job, methods=["POST"], status_code=201)
        app.add_api_route(prefix, list_jobs, methods=["GET"])
        app.add_api_route(prefix + "/{job_id}", get_job, methods=["GET"])
        app.add_api_route(prefix + "/{job_id}", delete_job, methods=["DELETE"], status_code=204)

    # developer API

    @app.post("/api/asynchronous/{site_id}")
    async def asynchronous(site_id: str, request: Request):
        name = tenant(request)
        body = await request.body()

        def work():
            site_row(site_id, name)
            data = json_object(body)
            description = check_description(data.get("description"), "description", 1)
            capped = state.realism.on("async_script_cap")
            script = check_script(data.get("script"), limit=state.realism["async_script_max"] if capped else SCRIPT_MAX)
            flags = {"should_backup": check_flag(data, "make_backup"),
                     "express_execute": check_flag(data, "express_execute"),
                     "needs_acknowledgement": check_flag(data, "needs_acknowledgement")}
            notify_url = check_notify_url(data.get("notify_url"))
            return store.create_job(site_id, str(uuid.uuid4()), description, script, flags, notify_url=notify_url,
                                    visible_at=async_listed_at(state))[0]

        row = await run_in_threadpool(work)
        state.notifier.job_event(row, "pending")
        if row["express_execute"]:
            state.worker.poke()
        return JSONResponse({"status": "success", "data": {
            "idempotency_key": shown_key(row["idempotency_key"]), "request_id": str(uuid.uuid4()), "target": site_id,
            "notify_url": row["notify_url"], "date": iso_offset(row["created_at"])}}, status_code=202)

    @app.post("/api/synchronous/{site_id}")
    async def synchronous(site_id: str, request: Request):
        name = tenant(request)
        body = await request.body()

        def work():
            row = site_row(site_id, name)
            data = json_object(body)
            command = data.get("command")
            if command is None:
                raise ApiError(400, "parameter_missing", "command is required (a RouterOS API path such as /ip/address/print)",
                               field="command")
            if not isinstance(command, str) or not command.strip():
                raise ApiError(400, "parameter_invalid", "command must be a non-empty string", field="command")
            parameters = data.get("parameters")
            if isinstance(parameters, str):
                parameters = [parameters]
            elif parameters is not None and (not isinstance(parameters, list) or
                                             not all(isinstance(item, str) for item in parameters)):
                raise ApiError(400, "parameter_invalid", "parameters must be a string or a list of strings",
                               field="parameters")
            if not row["has_pulse"] or not state.siteclock.answers_sync(site_id):
                raise ApiError(503, "site_offline",
                               f"site {site_id} is offline: synchronous commands need an online site; queue a job instead",
                               "api_error")
            read_only = command.rstrip("/").endswith(("/print", "/getall", "/export"))
            with state.devices.router(site_id, save=not read_only) as router:
                try:
                    return router.api(command, parameters or None)
                except routeros.RouterOSError as exc:
                    raise ApiError(400, "routeros_error", exc.message) from None

        try:
            return JSONResponse({"status": "success", "data": await run_in_threadpool(work)})
        except ApiError as exc:
            if exc.code == "site_offline" and state.realism.on("offline_sync"):
                return await offline_answer(state.realism)
            raise

    # backups

    async def list_backups(site_id: str, request: Request):
        site_row(site_id, tenant(request))
        return JSONResponse([render_backup(row, realism=state.realism) for row in store.list_backups(site_id)])

    async def request_backup(site_id: str, request: Request):
        site_row(site_id, tenant(request))
        flags = {"should_backup": True, "express_execute": False, "needs_acknowledgement": True}
        store.create_job(site_id, str(uuid.uuid4()), "Configuration backup", "/export", flags, kind="backup")
        return JSONResponse({"message": "Backup requested"}, status_code=202)

    for prefix in ("/backup/{site_id}", "/sites/{site_id}/backups"):
        app.add_api_route(prefix, list_backups, methods=["GET"])
        app.add_api_route(prefix, request_backup, methods=["POST"], status_code=202)

    @app.get("/backup/{site_id}/{filename}")
    async def get_backup(site_id: str, filename: str, request: Request):
        site_row(site_id, tenant(request))
        row = store.get_backup(site_id, filename)
        if row is None:
            raise not_found("backup", f"{site_id}/{filename}")
        return backup_answer(request, row, state.realism)

    add_control_routes(app, state)
    add_realism_routes(app, state)
    siteclock.install(app, state)
    return SimMiddleware(app, state)


def add_realism_routes(app, state):
    """`/_sim/realism` (the realistic profile's parts and options) and `/_sim/ratelimit` (the budget)."""

    @app.get("/_sim/realism")
    async def get_realism():
        return state.realism.snapshot()

    @app.post("/_sim/realism")
    async def set_realism(request: Request):
        data = json_object(await request.body())
        unknown = set(data) - {"parts", "enable", "disable", "options", "limited_tokens"}
        if unknown:
            raise ApiError(400, "parameter_invalid", f"unknown field(s): {', '.join(sorted(unknown))}")
        for token, permissions in (data.get("limited_tokens") or {}).items():
            unknown = set(permissions) - set(PERMISSIONS)
            if unknown:
                raise ApiError(400, "parameter_invalid", f"unknown permission(s): {', '.join(sorted(unknown))}")
            state.add_limited(token, permissions)
        try:
            return await run_in_threadpool(state.realism.update, data.get("parts"), data.get("enable") or (),
                                           data.get("disable") or (), data.get("options"))
        except RealismError as exc:
            raise ApiError(400, "parameter_invalid", str(exc)) from None

    @app.get("/_sim/ratelimit")
    async def get_ratelimit():
        return state.limiter.snapshot()

    @app.delete("/_sim/ratelimit")
    async def reset_ratelimit():
        state.limiter.reset()
        return Response(status_code=204)


def add_control_routes(app, state):
    """`/_sim/...`: seeding, site state, faults, the request log, runtime config (loopback only, no token)."""
    store = state.store

    def sim_site(site_id):
        row = store.get_site(site_id) if is_uuid(site_id) else None
        if row is None:
            raise not_found("site", site_id)
        return row

    @app.get("/_sim/health")
    async def health():
        stats = await run_in_threadpool(store.stats)
        return {"status": "ok", **stats, "config": dict(state.config), "realistic": sorted(state.realism.parts)}

    @app.post("/_sim/seed")
    async def seed_sites(request: Request):
        data = json_object(await request.body() or b"{}")
        count = data.get("sites", 5)
        tenant_name = data.get("tenant", "default")
        if not isinstance(count, int) or count < 0:
            raise ApiError(400, "parameter_invalid", "sites must be a non-negative integer")
        if tenant_name not in state.tenants.values():
            raise ApiError(400, "parameter_invalid", f"tenant must be one of {sorted(set(state.tenants.values()))}")
        offline = data.get("offline")
        if offline is not None and (not isinstance(offline, int) or offline < 0):
            raise ApiError(400, "parameter_invalid", "offline must be a non-negative integer")
        replace = bool(data.get("replace", False))
        ids = await run_in_threadpool(seed, store, count, offline, tenant_name, replace)
        if replace:
            state.devices.forget()
        if state.realism.on("platform_jobs"):
            await run_in_threadpool(add_history, store, state.devices, state.realism["platform_history"])
        return {"tenant": tenant_name, "created": len(ids), "site_ids": ids, "total": store.count_sites(tenant_name)}

    @app.get("/_sim/sites")
    async def all_sites():
        def work():
            at = now()
            return [dict(render_site(state, row, at), tenant=row["tenant"], online=bool(row["has_pulse"]))
                    for row in store.list_sites()]
        return await run_in_threadpool(work)

    @app.patch("/_sim/sites/{site_id}")
    async def patch_site(site_id: str, request: Request):
        sim_site(site_id)
        data = json_object(await request.body())
        pulse = data.pop("has_pulse", None)
        if pulse is not None and not isinstance(pulse, bool):
            raise ApiError(400, "parameter_invalid", "has_pulse must be a boolean")
        unknown = set(data) - set(EDITABLE)
        if unknown:
            raise ApiError(400, "parameter_invalid", f"cannot change site field(s): {', '.join(sorted(unknown))}")
        row = store.update_site(site_id, data, has_pulse=pulse)
        if "identity" in data:
            with state.devices.router(site_id) as router:
                quoted = str(data["identity"]).replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$")
                router.run_script(f'/system identity set name="{quoted}"')
        return render_site(state, row, now())

    @app.post("/_sim/sites/{site_id}/reset")
    async def reset_site(site_id: str, request: Request):
        sim_site(site_id)
        data = json_object(await request.body() or b"{}")
        config = data.get("config", "default")
        if config not in ("default", "blank"):
            raise ApiError(400, "parameter_invalid", "config must be \"default\" or \"blank\"")
        await run_in_threadpool(state.devices.reset, site_id, config)
        return {"site_id": site_id, "config": config}

    @app.post("/_sim/sites/{site_id}/script")
    async def run_script(site_id: str, request: Request):
        sim_site(site_id)
        script = json_object(await request.body()).get("script")
        if not isinstance(script, str):
            raise ApiError(400, "parameter_invalid", "script must be a string")

        def work():
            with state.devices.router(site_id) as router:
                result = router.run_script(script)
            return {"ok": bool(result.ok), "error": result.error, "output": result.output,
                    "failed_line": result.failed_line}
        return await run_in_threadpool(work)

    @app.post("/_sim/sites/{site_id}/load")
    async def load_site(site_id: str, request: Request):
        """`{"export": "<.rsc text>"}`: the site becomes the router that export describes."""
        sim_site(site_id)
        text = json_object(await request.body()).get("export")
        if not isinstance(text, str):
            raise ApiError(400, "parameter_invalid", "export must be a string")
        result = await run_in_threadpool(state.devices.load_export, site_id, text)
        return {"ok": bool(result.ok), "error": result.error, "failed_line": result.failed_line}

    @app.get("/_sim/sites/{site_id}/export")
    async def export_site(site_id: str, terse: bool = False, hide_sensitive: bool = False):
        sim_site(site_id)

        def work():
            with state.devices.router(site_id, save=False) as router:
                return router.export(terse=terse, hide_sensitive=hide_sensitive)
        return PlainTextResponse(await run_in_threadpool(work))

    @app.get("/_sim/faults")
    async def list_faults():
        return state.faults.snapshot()

    @app.post("/_sim/faults")
    async def add_faults(request: Request):
        try:
            data = json.loads(await request.body() or b"null")
        except ValueError:
            raise ApiError(400, "parameter_invalid", "a fault rule must be JSON") from None
        if isinstance(data, dict) and ("rules" in data or set(data) == {"latency_ms"}):
            rules = data.get("rules") or []
            if "latency_ms" in data:
                latency = data["latency_ms"]
                if not isinstance(latency, (int, float)) or latency < 0:
                    raise ApiError(400, "parameter_invalid", "latency_ms must be a non-negative number")
                state.faults.latency_ms = latency
        else:
            rules = data if isinstance(data, list) else [data]
        try:
            return state.faults.add(rules)
        except RuleError as exc:
            raise ApiError(400, "parameter_invalid", str(exc)) from None

    @app.delete("/_sim/faults")
    async def clear_faults():
        state.faults.clear()
        return Response(status_code=204)

    @app.get("/_sim/requests")
    async def list_requests(method: str = None, path: str = None, since: int = None):
        return state.requests.query(method, path, since)

    @app.delete("/_sim/requests")
    async def clear_requests():
        state.requests.clear()
        return Response(status_code=204)

    @app.get("/_sim/config")
    async def get_config():
        return dict(state.config)

    @app.post("/_sim/config")
    async def set_config(request: Request):
        data = json_object(await request.body())
        for key, value in data.items():
            if key not in state.config:
                raise ApiError(400, "parameter_invalid", f"unknown setting {key}; known: {', '.join(sorted(state.config))}")
            if key == "notify":
                if not isinstance(value, bool):
                    raise ApiError(400, "parameter_invalid", "notify must be a boolean")
                state.notifier.enabled = value
            elif not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
                raise ApiError(400, "parameter_invalid", f"{key} must be a non-negative number")
            state.config[key] = value
        state.worker.poke()
        return dict(state.config)

    @app.get("/_sim/jobs")
    async def all_jobs(site: str = None):
        def work():
            jobs = []
            for row in store.list_jobs(site):
                job = render_job(row)
                job.update(kind=row["kind"], seq=row["seq"], status=job_status(row), notify_url=row["notify_url"],
                           deleted_at=iso(row["deleted_at"]), listed=row["visible_at"] is None or row["visible_at"] <= now(),
                           never_reported=bool(row["stuck"]))
                jobs.append(job)
            return jobs
        return await run_in_threadpool(work)
