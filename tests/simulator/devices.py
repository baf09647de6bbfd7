# SPDX-License-Identifier: GPL-3.0-or-later
"""Each site's RouterOS engine: built on first use, cached, saved to the store after every change."""

import contextlib
import json
import threading

from tests.simulator import routeros


class Devices:
    def __init__(self, store):
        self.store = store
        self.routers = {}
        self.locks = {}
        self.guard = threading.Lock()
        self.observer = None  # called with (site_id, router) after a change, before it is saved (siteclock.py)
        self.preparer = None  # called with the router before it is handed out (siteclock.py)

    def _lock(self, site_id):
        with self.guard:
            return self.locks.setdefault(site_id, threading.RLock())

    def _build(self, site_id):
        state = self.store.router_state(site_id)
        if state is not None:
            return routeros.Router.from_state(state)
        row = self.store.get_site(site_id)
        data = json.loads(row["data"])
        return routeros.Router.default(model=data["model"], version=data["software_version"],
                                       identity=data["identity"], serial=data["serial_number"], seed=row["idx"])

    @contextlib.contextmanager
    def router(self, site_id, save=True):
        """The site's Router, locked for the caller; its state is written back afterwards."""
        with self._lock(site_id):
            router = self.routers.get(site_id)
            if router is None:
                router = self.routers[site_id] = self._build(site_id)
            if self.preparer is not None:
                self.preparer(router)
            try:
                yield router
            finally:
                if save:
                    self._observe(site_id, router)
                    self.store.save_router_state(site_id, router.to_state())
                    if router.identity:
                        self._follow_identity(site_id, router.identity)

    def _observe(self, site_id, router, old=None):
        if old is not None:
            # a replaced router keeps the site's clock, and what was last known of its reachability
            router.state.update({k: old.state[k] for k in ("clock", "reach") if k in old.state})
        if self.observer is not None:
            self.observer(site_id, router)

    def export(self, site_id):
        """The site's `/export` without keeping a router built for it in memory (for fleet-wide reads)."""
        with self._lock(site_id):
            router = self.routers.get(site_id) or self._build(site_id)
            return router.export()

    def _follow_identity(self, site_id, identity):
        row = self.store.get_site(site_id)
        if row is not None and json.loads(row["data"]).get("identity") != identity:
            self.store.update_site(site_id, {"identity": identity})

    def reset(self, site_id, config):
        """Replace the site's router with a factory-default or a blank one (keeps model, version, serial)."""
        row = self.store.get_site(site_id)
        data = json.loads(row["data"])
        with self._lock(site_id):
            old = self.routers.get(site_id)
            identity = old.identity if old is not None else data["identity"]
            kwargs = {"model": data["model"], "version": data["software_version"], "identity": identity,
                      "serial": data["serial_number"]}
            if config == "blank":
                router = routeros.Router.blank(**kwargs)
            else:
                router = routeros.Router.default(seed=row["idx"], **kwargs)
            self._observe(site_id, router, old or self._build(site_id))
            self.routers[site_id] = router
            self.store.save_router_state(site_id, router.to_state())
            self._follow_identity(site_id, router.identity)

    def load_export(self, site_id, text):
        """Replace the site's router with one loaded from an /export; the site takes the export's version and
        model. Returns the ScriptResult of running the export (what ran before a failure stays)."""
        row = self.store.get_site(site_id)
        data = json.loads(row["data"])
        with self._lock(site_id):
            router, result = routeros.Router.from_export(text, serial=None, seed=row["idx"])
            self._observe(site_id, router, self.routers.get(site_id) or self._build(site_id))
            self.routers[site_id] = router
            self.store.save_router_state(site_id, router.to_state())
            self.store.update_site(site_id, {"software_version": router.version, "model": router.model,
                                             "board_name": router.info.get("board", router.model),
                                             "serial_number": router.serial or data["serial_number"]})
            self._follow_identity(site_id, router.identity)
        return result

    def forget(self, site_ids=None):
        """Drop cached routers (after a re-seed) so they are rebuilt from the store."""
        with self.guard:
            if site_ids is None:
                self.routers.clear()
            else:
                for site_id in site_ids:
                    self.routers.pop(site_id, None)
