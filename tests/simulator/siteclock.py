# SPDX-License-Identifier: GPL-3.0-or-later
"""Each site's clock, and its reachability following the router: reboots and the management tunnel.

Every router runs on its own clock (wall time plus an offset, routeros/scheduler.py). Wall time moves
every clock; `POST /_sim/sites/{id}/advance {"seconds": N}` moves one site's clock, and what the site
does meanwhile happens on the way: its scheduler fires, it reboots and comes back, it checks in and runs
its pending jobs (one per check-in), and SDX sees it silent for as long as it is cut off (so `pulse_lag`
turns `has_pulse` false after `pulse_misses` check-ins of that clock).

A site stops checking in while its router reboots, or when its configuration cuts the management tunnel
(tunnel.py). It is then offline exactly as a site switched off with `PATCH /_sim/sites/{id}`: jobs wait,
synchronous calls fail as the profile answers offline sites. It checks in again once the router is back
and the tunnel works. Only a change of that reachability touches `has_pulse`, so a test's own PATCH
stays until the router itself changes it.
"""

import math
import threading

from tests.simulator import tunnel
from tests.simulator.common import ApiError, is_uuid, not_found, now
from tests.simulator.routeros import scheduler

REBOOT_SECONDS = scheduler.REBOOT_SECONDS
MAX_STEPS = 400  # an advance moves in at most this many steps (one check-in each, or longer)
REACH = 'reach'  # router state: [checks in, answers synchronous calls, why not]


class SiteClock:
    def __init__(self, store, devices, worker, config):
        self.store = store
        self.devices = devices
        self.worker = worker
        self.config = config
        self.due = {}  # site id -> wall time of the router's next event of its own
        self.guard = threading.Lock()
        config.setdefault('reboot_seconds', REBOOT_SECONDS)
        devices.observer = self.observe
        devices.preparer = self.prepare
        worker.clock = self

    def start(self):
        """Routers with something of their own to do after a restart (scheduler entries, a reboot, a tunnel)."""
        for site_id in self.store.sites_whose_router_mentions(('"/system scheduler"', '"down-until"', '"%s"' % tunnel.ADOPTED)):
            with self.devices.router(site_id):
                pass

    # ---- following the router -----------------------------------------------------------------
    def prepare(self, router):
        """Before a router is used: the runtime settings it follows (how long it takes to reboot)."""
        router.state['reboot-seconds'] = float(self.config.get('reboot_seconds', REBOOT_SECONDS))

    def observe(self, site_id, router):
        """After every change to a site's router (before it is saved): its health and reachability."""
        self.prepare(router)
        health = tunnel.health(router)
        before = router.state.get(REACH) or [True, True, 'ok']
        router.state[REACH] = [health.checkin, health.sync, health.reason]
        if bool(before[0]) != health.checkin:
            self.store.update_site(site_id, has_pulse=health.checkin)
        at = scheduler.next_event(router.state)
        with self.guard:
            if at is None:
                self.due.pop(site_id, None)
            else:
                self.due[site_id] = at - float(router.state.get('clock', 0.0))

    def tick(self):
        """Wall time went by (called from the worker): routers whose own next event came, do it."""
        stamp = now()
        with self.guard:
            ready = [site_id for site_id, at in self.due.items() if at <= stamp]
        for site_id in ready:
            with self.devices.router(site_id) as router:
                router.tick()

    def answers_sync(self, site_id):
        """False while the tunnel lets check-ins through but not SDX's API sessions."""
        with self.devices.router(site_id, save=False) as router:
            reach = router.state.get(REACH)
        return reach is None or bool(reach[1])

    # ---- the control API ----------------------------------------------------------------------
    def advance(self, site_id, seconds):
        """Move one site's clock forward; the site lives through it (scheduler, reboots, check-ins, jobs)."""
        interval = self.worker.interval()
        steps = max(1, min(MAX_STEPS, int(math.ceil(seconds / interval))))
        step = seconds / steps
        ran = 0
        with self.worker.lock:
            for _step in range(steps):
                with self.devices.router(site_id) as router:
                    ran += router.advance(step)
                self.store.shift_site_times(site_id, step)  # SDX waited that long for this site too
                row = self.store.get_site(site_id)
                if row["has_pulse"]:
                    job = next((j for j in self.store.pending_jobs() if j["site_id"] == site_id), None)
                    if job is not None:
                        self.worker.last_checkin[site_id] = now()
                        self.worker.run_job(job)
        return dict(self.status(site_id), runs=ran)

    def status(self, site_id):
        with self.devices.router(site_id, save=False) as router:
            state = router.state
            reach = state.get(REACH) or [True, True, 'ok']
            at = scheduler.next_event(state)
            return {'site_id': site_id, 'adopted': tunnel.adopted(router), 'checks_in': bool(reach[0]),
                    'answers_sync': bool(reach[1]), 'reason': reach[2], 'rebooting': router.down,
                    'clock': scheduler.format_stamp(state, scheduler.now(state)), 'clock_offset': float(state.get('clock', 0.0)),
                    'reboots': int(state.get('reboots', 0)),
                    'next_event_in': None if at is None else round(at - scheduler.now(state), 3),
                    'online': bool(self.store.get_site(site_id)["has_pulse"])}

    def adopt(self, site_id):
        with self.devices.router(site_id) as router:
            result = tunnel.adopt(router, site_id)
        return {'ok': result.ok, 'error': result.error, 'interface': tunnel.TUNNEL_NAME, **self.status(site_id)}


def install(app, state):
    """Wire the site clocks into the simulator and add their control routes."""
    from fastapi import Request  # pylint: disable=import-outside-toplevel
    from starlette.concurrency import run_in_threadpool  # pylint: disable=import-outside-toplevel

    from tests.simulator.app import json_object  # pylint: disable=import-outside-toplevel

    clock = SiteClock(state.store, state.devices, state.worker, state.config)
    state.siteclock = clock
    clock.start()

    def site(site_id):
        row = state.store.get_site(site_id) if is_uuid(site_id) else None
        if row is None:
            raise not_found("site", site_id)
        return site_id

    @app.post("/_sim/sites/{site_id}/advance")
    async def advance(site_id: str, request: Request):
        seconds = json_object(await request.body()).get("seconds")
        if not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or seconds < 0 or seconds > 30 * 86400:
            raise ApiError(400, "parameter_invalid", "seconds must be a number from 0 to 2592000")
        return await run_in_threadpool(clock.advance, site(site_id), float(seconds))

    @app.post("/_sim/sites/{site_id}/adopt")
    async def adopt(site_id: str):
        return await run_in_threadpool(clock.adopt, site(site_id))

    @app.get("/_sim/sites/{site_id}/tunnel")
    async def tunnel_status(site_id: str):
        return await run_in_threadpool(clock.status, site(site_id))

    return clock
