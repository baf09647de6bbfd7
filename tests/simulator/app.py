# SPDX-License-Identifier: GPL-3.0-or-later
"""The SDX API routes and the `/_sim` control API.

Requests are parsed by hand (not by pydantic models) so that every validation error is the
documented 400 `{type, code, message, doc_url}` naming the field, never FastAPI's 422.
"""

import json
import logging
import traceback
import uuid

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from tests.simulator import routeros
from tests.simulator.common import (UNAUTHORIZED_MESSAGE, ApiError, ago, error_body, human_size, is_uuid, iso,
                                    iso_offset, not_found, now, routeros_uptime, short_token)
from tests.simulator.faults import RuleError, SimMiddleware
from tests.simulator.seed import seed
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
    """Everything the routes share: store, routers, worker, faults, request log, runtime config."""

    def __init__(self, store, devices, worker, notifier, faults, requests, config, tenants):
        self.store = store
        self.devices = devices
        self.worker = worker
        self.notifier = notifier
        self.faults = faults
        self.requests = requests
        self.config = config
        self.tenants = tenants  # token -> tenant name

    def tokens(self):
        return list(self.tenants)


# rendering


def site_json(state, row, at):
    """One Site as JSON text: the stored static fields plus the live ones (pulse, uptime, last seen).

    Built by splicing strings rather than json.loads/dumps per row, so a fleet of ten thousand
    sites lists in a few tens of milliseconds.
    """
    online = bool(row["has_pulse"])
    seen = state.worker.last_seen(row["id"], at) if online else row["last_seen_at"]
    uptime = '"' + routeros_uptime(at - row["boot_time"]) + '"' if online else "null"
    return ("{" + row["public"] + ',"has_pulse":' + ("true" if online else "false") + ',"uptime":' + uptime +
            ',"last_seen":"' + ago(at - seen) + '","last_seen_at":"' + iso(seen) + '"}')


def render_site(state, row, at):
    site = json.loads(site_json(state, row, at))
    return {name: site.get(name) for name in SITE_FIELDS}


def json_text(text, status=200):
    return Response(content=text, status_code=status, media_type="application/json")


def render_job(row):
    token = short_token(row["id"])
    end = row["completed_at"] or row["failed_at"] or row["created_at"] + 3600
    return {
        "id": row["id"],
        "token": token,
        "site_id": row["site_id"],
        "idempotency_key": row["idempotency_key"],
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


def render_backup(row, content=False):
    created = row["created_at"]
    stamp = iso(created)
    backup = {"filename": row["filename"], "size": human_size(row["size"]), "date": stamp[:10], "time": stamp[11:19],
              "created_at": stamp}
    if content:
        backup["content"] = row["content"]
    return backup


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
    raise ApiError(400, "parameter_invalid", f"{name} must be true or false (got {value!r})")


def json_object(body, what="request body"):
    try:
        data = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "parameter_invalid", f"the {what} must be a JSON object") from None
    if not isinstance(data, dict):
        raise ApiError(400, "parameter_invalid", f"the {what} must be a JSON object")
    return data


def check_description(value, field, low):
    if value is None:
        raise ApiError(400, "parameter_missing", f"{field} is required")
    if not isinstance(value, str):
        raise ApiError(400, "parameter_invalid", f"{field} must be a string")
    if not low <= len(value) <= 100:
        raise ApiError(400, "parameter_invalid",
                       f"{field} must be {low} to 100 characters (got {len(value)}): {value[:120]!r}")
    return value


def check_script(value, field="script"):
    if value is None:
        raise ApiError(400, "parameter_missing", f"{field} is required")
    if not isinstance(value, str):
        raise ApiError(400, "parameter_invalid", f"{field} must be a string")
    if not 1 <= len(value) <= SCRIPT_MAX:
        raise ApiError(400, "parameter_invalid", f"{field} must be 1 to {SCRIPT_MAX} characters (got {len(value)})")
    return value


def check_flag(data, name):
    value = data.get(name, False)
    if not isinstance(value, bool):
        raise ApiError(400, "parameter_invalid", f"{name} must be a boolean")
    return value


def check_notify_url(value):
    if value is None:
        return None
    if not isinstance(value, str):
        raise ApiError(400, "parameter_invalid", "notify_url must be a string URL or null")
    scheme, rest = value.partition("://")[::2]
    host = rest.split("/", 1)[0]
    if scheme.lower() not in ("http", "https") or not host or any(c.isspace() for c in value):
        raise ApiError(400, "parameter_invalid", f"notify_url must be an http(s) URL (got {value[:200]!r})")
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
        return name

    def site_row(site_id, tenant_name):
        row = store.get_site(site_id, tenant_name) if is_uuid(site_id) else None
        if row is None:
            raise not_found("site", site_id)
        return row

    def job_row(site_id, job_id):
        row = store.get_job(job_id, site_id) if is_uuid(job_id) else None
        if row is None:
            raise not_found("job", job_id)
        return row

    # error shapes

    @app.exception_handler(ApiError)
    async def api_error(_request, exc):
        return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(Unauthorized)
    async def unauthorized(_request, _exc):
        return JSONResponse({"message": UNAUTHORIZED_MESSAGE}, status_code=401, headers={"WWW-Authenticate": "Bearer"})

    @app.exception_handler(RequestValidationError)
    async def invalid(_request, exc):
        errors = exc.errors()
        field = ".".join(str(part) for part in errors[0]["loc"]) if errors else "request"
        return JSONResponse(error_body("parameter_invalid", f"{field}: {errors[0]['msg'] if errors else 'invalid'}"),
                            status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request, exc):
        if exc.status_code == 404:
            body = error_body("resource_missing", f"no such endpoint: {request.method} {request.url.path}")
        elif exc.status_code == 405:
            body = error_body("method_not_allowed", f"{request.method} is not allowed on {request.url.path}")
        else:
            body = error_body("invalid_request", str(exc.detail))
        return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def crashed(request, exc):
        LOG.error("%s %s failed:\n%s", request.method, request.url.path,
                  "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
        return JSONResponse(error_body("internal_server_error", "An internal server error occurred. Please try again later.",
                                       "api_error"), status_code=500)

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
            for row in store.list_sites(name, "has_pulse, data"):
                data = json.loads(row["data"])
                data["has_pulse"] = bool(row["has_pulse"])
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
                raise ApiError(400, "parameter_missing", "X-Idempotency-Key header is required (a UUID)")
            if not is_uuid(key.strip()):
                raise ApiError(400, "parameter_invalid", f"X-Idempotency-Key must be a UUID (got {key[:80]!r})")
            description = check_description(header_text(request, "x-description"), "X-Description", 3)
            flags = {"needs_acknowledgement": header_bool(request, "X-Needs-Ack", True),
                     "should_backup": header_bool(request, "X-Backup", False),
                     "express_execute": header_bool(request, "X-Express-Execute", False)}
            try:
                script = body.decode("utf-8")
            except UnicodeDecodeError:
                raise ApiError(400, "parameter_invalid", "the request body (script) must be UTF-8 text") from None
            check_script(script, "the request body (script)")
            return store.create_job(site_id, str(uuid.UUID(key.strip())), description, script, flags)

        row, created = await run_in_threadpool(work)
        if created and row["express_execute"]:
            state.worker.poke()
        return JSONResponse(render_job(row), status_code=201)

    async def list_jobs(site_id: str, request: Request):
        name = tenant(request)
        site_row(site_id, name)
        return JSONResponse([render_job(row) for row in await run_in_threadpool(store.list_jobs, site_id)])

    async def get_job(site_id: str, job_id: str, request: Request):
        site_row(site_id, tenant(request))
        return JSONResponse(render_job(job_row(site_id, job_id)))

    async def delete_job(site_id: str, job_id: str, request: Request):
        site_row(site_id, tenant(request))
        job_row(site_id, job_id)
        row = store.delete_pending_job(job_id)
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
            script = check_script(data.get("script"))
            flags = {"should_backup": check_flag(data, "make_backup"),
                     "express_execute": check_flag(data, "express_execute"),
                     "needs_acknowledgement": check_flag(data, "needs_acknowledgement")}
            notify_url = check_notify_url(data.get("notify_url"))
            return store.create_job(site_id, str(uuid.uuid4()), description, script, flags, notify_url=notify_url)[0]

        row = await run_in_threadpool(work)
        state.notifier.job_event(row, "pending")
        if row["express_execute"]:
            state.worker.poke()
        return JSONResponse({"status": "success", "data": {
            "idempotency_key": row["idempotency_key"], "request_id": str(uuid.uuid4()), "target": site_id,
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
                raise ApiError(400, "parameter_missing", "command is required (a RouterOS API path such as /ip/address/print)")
            if not isinstance(command, str) or not command.strip():
                raise ApiError(400, "parameter_invalid", "command must be a non-empty string")
            parameters = data.get("parameters")
            if isinstance(parameters, str):
                parameters = [parameters]
            elif parameters is not None and (not isinstance(parameters, list) or
                                             not all(isinstance(item, str) for item in parameters)):
                raise ApiError(400, "parameter_invalid", "parameters must be a string or a list of strings")
            if not row["has_pulse"]:
                raise ApiError(503, "site_offline",
                               f"site {site_id} is offline: synchronous commands need an online site; queue a job instead",
                               "api_error")
            read_only = command.rstrip("/").endswith(("/print", "/getall", "/export"))
            with state.devices.router(site_id, save=not read_only) as router:
                try:
                    return router.api(command, parameters or None)
                except routeros.RouterOSError as exc:
                    raise ApiError(400, "routeros_error", exc.message) from None

        return JSONResponse({"status": "success", "data": await run_in_threadpool(work)})

    # backups

    async def list_backups(site_id: str, request: Request):
        site_row(site_id, tenant(request))
        return JSONResponse([render_backup(row) for row in store.list_backups(site_id)])

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
        if header_bool(request, "X-View-Raw", False):
            return PlainTextResponse(row["content"])
        return JSONResponse(render_backup(row, content=True))

    add_control_routes(app, state)
    return SimMiddleware(app, state)


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
        return {"status": "ok", **stats, "config": dict(state.config)}

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
        return {"tenant": tenant_name, "created": len(ids), "site_ids": ids, "total": store.count_sites(tenant_name)}

    @app.get("/_sim/sites")
    async def all_sites():
        def work():
            at = now()
            return [dict(render_site(state, row, at), tenant=row["tenant"]) for row in store.list_sites()]
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
                job.update(kind=row["kind"], seq=row["seq"], status=job_status(row), notify_url=row["notify_url"])
                jobs.append(job)
            return jobs
        return await run_in_threadpool(work)
