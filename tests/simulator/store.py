# SPDX-License-Identifier: GPL-3.0-or-later
"""SQLite state: tenants, sites (JSON rows), router state, jobs, backups, tags.

One connection shared by every thread, serialised by a lock; WAL so a restart (or a crash) keeps
everything that was answered.
"""

import json
import sqlite3
import threading
import uuid

from tests.simulator.common import ApiError, iso, now, stable_uuid

SCHEMA = """
CREATE TABLE IF NOT EXISTS tenants (name TEXT PRIMARY KEY, id TEXT NOT NULL, token TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sites (
    id TEXT PRIMARY KEY, tenant TEXT NOT NULL, idx INTEGER NOT NULL, has_pulse INTEGER NOT NULL,
    boot_time REAL NOT NULL, last_seen_at REAL NOT NULL, data TEXT NOT NULL, public TEXT NOT NULL, router TEXT);
CREATE INDEX IF NOT EXISTS sites_tenant ON sites (tenant, idx);
CREATE TABLE IF NOT EXISTS jobs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, site_id TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'script', idempotency_key TEXT NOT NULL, description TEXT NOT NULL,
    script TEXT NOT NULL, express_execute INTEGER NOT NULL, needs_acknowledgement INTEGER NOT NULL,
    should_backup INTEGER NOT NULL, associated_backup TEXT, created_at REAL NOT NULL, started_at REAL,
    completed_at REAL, failed_at REAL, finish_at REAL, finish_ok INTEGER, output TEXT, error TEXT,
    notify_url TEXT, UNIQUE (site_id, idempotency_key));
CREATE INDEX IF NOT EXISTS jobs_pending ON jobs (started_at, seq);
CREATE INDEX IF NOT EXISTS jobs_site ON jobs (site_id, seq);
CREATE TABLE IF NOT EXISTS backups (
    site_id TEXT NOT NULL, filename TEXT NOT NULL, stamp INTEGER NOT NULL, created_at REAL NOT NULL,
    content TEXT NOT NULL, PRIMARY KEY (site_id, filename));
CREATE TABLE IF NOT EXISTS tags (
    id TEXT PRIMARY KEY, tenant TEXT NOT NULL, key TEXT NOT NULL, color TEXT NOT NULL,
    mandatory_on TEXT NOT NULL, created_at REAL NOT NULL, updated_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS tag_values (
    tag_id TEXT NOT NULL, site_id TEXT NOT NULL, value TEXT NOT NULL, created_at REAL NOT NULL,
    updated_at REAL NOT NULL, PRIMARY KEY (tag_id, site_id));
CREATE INDEX IF NOT EXISTS tag_values_site ON tag_values (site_id);
"""

JOB_FLAGS = ("express_execute", "needs_acknowledgement", "should_backup")
# Columns added after the first schema; a state file from before gains them on open.
JOB_COLUMNS_ADDED = (("deleted_at", "REAL"), ("visible_at", "REAL"), ("stuck", "INTEGER"))
# A job listed only once its visible_at has passed: NULL (every ordinary job) is listed at once.
VISIBLE = "(visible_at IS NULL OR visible_at <= ?)"
REPLAY_ERRORS = {"conflict": 409, "bad_request": 400, "unprocessable": 422}


def shown_key(stored):
    """The idempotency key as answered: a second job made for a replayed key is stored as `key#n`."""
    return stored.split("#", 1)[0]


SITE_COLUMNS = "id, tenant, idx, has_pulse, boot_time, last_seen_at, data, public"


def public_fragment(data):
    """The site's static fields as a JSON object body without braces, spliced into responses as is."""
    return json.dumps(data, separators=(",", ":"))[1:-1]


class Store:
    def __init__(self, path):
        self.path = path
        self.lock = threading.RLock()
        self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        with self.lock:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
            have = {row["name"] for row in self.db.execute("PRAGMA table_info(jobs)")}
            for name, kind in JOB_COLUMNS_ADDED:
                if name not in have:
                    self.db.execute(f"ALTER TABLE jobs ADD COLUMN {name} {kind}")  # nosec - fixed names

    def close(self):
        with self.lock:
            self.db.close()

    def _all(self, sql, args=()):
        with self.lock:
            return self.db.execute(sql, args).fetchall()

    def _one(self, sql, args=()):
        with self.lock:
            return self.db.execute(sql, args).fetchone()

    def _run(self, sql, args=()):
        with self.lock:
            return self.db.execute(sql, args)

    # tenants

    def set_tenant(self, name, token):
        tenant_id = stable_uuid(f"tenant:{name}")
        self._run("INSERT INTO tenants (name, id, token) VALUES (?, ?, ?) "
                  "ON CONFLICT(name) DO UPDATE SET token = excluded.token", (name, tenant_id, token))

    def tenant_by_token(self, token):
        row = self._one("SELECT name, id FROM tenants WHERE token = ?", (token,))
        return dict(row) if row else None

    def tenant_id(self, name):
        row = self._one("SELECT id FROM tenants WHERE name = ?", (name,))
        return row["id"] if row else stable_uuid(f"tenant:{name}")

    def tokens(self):
        return [row["token"] for row in self._all("SELECT token FROM tenants")]

    # sites

    def insert_sites(self, tenant, sites, tags):
        """Bulk insert seeded sites `(idx, has_pulse, boot_time, last_seen_at, data)` and tags `(tag, [(site_id, value)])`."""
        stamp = now()
        with self.lock:
            self.db.execute("BEGIN")
            try:
                self.db.executemany(
                    "INSERT INTO sites (id, tenant, idx, has_pulse, boot_time, last_seen_at, data, public) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [(data["id"], tenant, idx, int(pulse), boot, seen, json.dumps(data), public_fragment(data))
                     for idx, pulse, boot, seen, data in sites])
                for tag, values in tags:
                    self.db.execute(
                        "INSERT INTO tags (id, tenant, key, color, mandatory_on, created_at, updated_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
                        (tag["id"], tenant, tag["key"], tag["color"], json.dumps(tag["mandatory_on"]), stamp, stamp))
                    self.db.executemany(
                        "INSERT OR REPLACE INTO tag_values (tag_id, site_id, value, created_at, updated_at) "
                        "VALUES (?, ?, ?, ?, ?)", [(tag["id"], site_id, value, stamp, stamp) for site_id, value in values])
                self.db.execute("COMMIT")
            except Exception:
                self.db.execute("ROLLBACK")
                raise

    def delete_tenant_sites(self, tenant):
        with self.lock:
            self.db.execute("BEGIN")
            ids = "SELECT id FROM sites WHERE tenant = ?"
            for table in ("jobs", "backups", "tag_values"):
                self.db.execute(f"DELETE FROM {table} WHERE site_id IN ({ids})", (tenant,))  # nosec - fixed names
            self.db.execute("DELETE FROM tags WHERE tenant = ?", (tenant,))
            self.db.execute("DELETE FROM sites WHERE tenant = ?", (tenant,))
            self.db.execute("COMMIT")

    def next_index(self, tenant):
        row = self._one("SELECT MAX(idx) AS m FROM sites WHERE tenant = ?", (tenant,))
        return 0 if row["m"] is None else row["m"] + 1

    def count_sites(self, tenant=None):
        if tenant is None:
            return self._one("SELECT COUNT(*) AS n FROM sites")["n"]
        return self._one("SELECT COUNT(*) AS n FROM sites WHERE tenant = ?", (tenant,))["n"]

    def list_sites(self, tenant=None, columns=SITE_COLUMNS):
        """Site rows in seed order."""
        if tenant is None:
            return self._all(f"SELECT {columns} FROM sites ORDER BY tenant, idx")
        return self._all(f"SELECT {columns} FROM sites WHERE tenant = ? ORDER BY idx", (tenant,))

    def get_site(self, site_id, tenant=None):
        row = self._one(f"SELECT {SITE_COLUMNS} FROM sites WHERE id = ?", (site_id,))
        if row is None or (tenant is not None and row["tenant"] != tenant):
            return None
        return row

    def update_site(self, site_id, fields=None, has_pulse=None):
        with self.lock:
            row = self.get_site(site_id)
            if row is None:
                return None
            data = json.loads(row["data"])
            data.update(fields or {})
            data["updated_at"] = iso(now())
            boot, seen, pulse = row["boot_time"], row["last_seen_at"], row["has_pulse"]
            if has_pulse is not None and bool(has_pulse) != bool(pulse):
                # Going offline freezes `last_seen_at`; coming back counts as a fresh boot.
                pulse = int(bool(has_pulse))
                if pulse:
                    boot = now()
                else:
                    seen = now()
            self.db.execute("UPDATE sites SET data = ?, public = ?, has_pulse = ?, boot_time = ?, last_seen_at = ? "
                            "WHERE id = ?", (json.dumps(data), public_fragment(data), pulse, boot, seen, site_id))
            return self.get_site(site_id)

    def shift_site_times(self, site_id, seconds):
        """The site's clock moved `seconds` ahead: its boot and last check-in are that much further back."""
        self._run("UPDATE sites SET last_seen_at = last_seen_at - ?, boot_time = boot_time - ? WHERE id = ?",
                  (seconds, seconds, site_id))

    def sites_whose_router_mentions(self, fragments):
        """Ids of sites whose saved router state contains any of these texts."""
        where = " OR ".join("instr(router, ?) > 0" for _fragment in fragments)
        return [row["id"] for row in self._all(f"SELECT id FROM sites WHERE router IS NOT NULL AND ({where})", tuple(fragments))]

    def router_state(self, site_id):
        row = self._one("SELECT router FROM sites WHERE id = ?", (site_id,))
        return json.loads(row["router"]) if row and row["router"] else None

    def save_router_state(self, site_id, state):
        self._run("UPDATE sites SET router = ? WHERE id = ?", (json.dumps(state) if state is not None else None, site_id))

    # jobs

    def create_job(self, site_id, key, description, script, flags, kind="script", notify_url=None, replay="same",
                   visible_at=None):
        """Insert a job, or return the existing one for a replayed key: `(row, created)`.

        The lock makes the look-up and the insert one step, so two identical requests racing
        each other still create exactly one job. `replay` is how a replayed key is answered:
        `same` (the documented default: the same job, or idempotency_key_reused if it differs),
        `conflict`/`bad_request`/`unprocessable` (409/400/422 whatever the content), `duplicate`
        (the key is not honoured: a second job).
        """
        with self.lock:
            row = self._one("SELECT * FROM jobs WHERE site_id = ? AND idempotency_key = ?", (site_id, key))
            if row is not None and replay in REPLAY_ERRORS:
                raise ApiError(REPLAY_ERRORS[replay], "idempotency_key_reused",
                               f"The idempotency key {key} has already been taken.", field="idempotency_key",
                               laravel_message="The idempotency key has already been taken.")
            if row is not None and replay == "duplicate":
                taken = self._one("SELECT COUNT(*) AS n FROM jobs WHERE site_id = ? AND (idempotency_key = ? OR "
                                  "idempotency_key LIKE ?)", (site_id, key, key + "#%"))["n"]
                key, row = f"{key}#{taken + 1}", None
            if row is not None:
                same = row["script"] == script and row["description"] == description and all(
                    bool(row[name]) == bool(flags[name]) for name in JOB_FLAGS)
                if not same:
                    raise ApiError(400, "idempotency_key_reused",
                                   f"X-Idempotency-Key {key} was already used on site {site_id} for a different job "
                                   "(script, description or flags differ); use a new key")
                return row, False
            job_id = str(uuid.uuid4())
            self.db.execute(
                "INSERT INTO jobs (id, site_id, kind, idempotency_key, description, script, express_execute, "
                "needs_acknowledgement, should_backup, created_at, notify_url, visible_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (job_id, site_id, kind, key, description, script, int(bool(flags["express_execute"])),
                 int(bool(flags["needs_acknowledgement"])), int(bool(flags["should_backup"])), now(), notify_url,
                 visible_at))
            return self.get_job(job_id), True

    def add_platform_jobs(self, jobs):
        """Bulk insert the platform's own jobs: `(site_id, description, script, created, started, finished)`."""
        with self.lock:
            self.db.execute("BEGIN")
            self.db.executemany(
                "INSERT INTO jobs (id, site_id, kind, idempotency_key, description, script, express_execute, "
                "needs_acknowledgement, should_backup, created_at, started_at, completed_at, output) "
                "VALUES (?, ?, 'platform', ?, ?, ?, 0, 1, ?, ?, ?, ?, ?)",
                [(str(uuid.uuid4()), site, str(uuid.uuid4()), description, script, int(script == "/export"),
                  created, started, finished, "" if finished else None)
                 for site, description, script, created, started, finished in jobs])
            self.db.execute("COMMIT")

    def has_platform_jobs(self, site_id):
        return self._one("SELECT 1 FROM jobs WHERE site_id = ? AND kind = 'platform' LIMIT 1", (site_id,)) is not None

    def link_latest_platform_backup(self, site_id, backup):
        self._run("UPDATE jobs SET associated_backup = ? WHERE seq = (SELECT MAX(seq) FROM jobs WHERE site_id = ? "
                  "AND kind = 'platform' AND should_backup = 1)", (backup, site_id))

    def api_jobs(self, site_id, at, tombstones):
        """The jobs a client sees on a site, newest first: listed ones, cancelled ones only with `tombstones`."""
        deleted = "" if tombstones else " AND deleted_at IS NULL"
        return self._all(f"SELECT * FROM jobs WHERE site_id = ? AND {VISIBLE}{deleted} "  # nosec - fixed text
                         "ORDER BY created_at DESC, seq DESC",
                         (site_id, at))

    def api_job(self, job_id, site_id, at, tombstones):
        row = self.get_job(job_id, site_id)
        if row is None or (row["visible_at"] is not None and row["visible_at"] > at):
            return None
        return row if tombstones or row["deleted_at"] is None else None

    def get_job(self, job_id, site_id=None):
        row = self._one("SELECT * FROM jobs WHERE id = ?", (job_id,))
        if row is None or (site_id is not None and row["site_id"] != site_id):
            return None
        return row

    def list_jobs(self, site_id=None):
        if site_id is None:
            return self._all("SELECT * FROM jobs ORDER BY seq DESC")
        return self._all("SELECT * FROM jobs WHERE site_id = ? ORDER BY seq DESC", (site_id,))

    def delete_pending_job(self, job_id, keep=False):
        """Cancel a job that has not started: returns its row (None if unknown), or raises job_already_started.

        `keep` leaves it listed with `deleted_at` (the older job object); otherwise it is gone.
        """
        with self.lock:
            row = self.get_job(job_id)
            if row is None or row["deleted_at"] is not None:
                return None
            if row["started_at"] is not None:
                raise ApiError(400, "job_already_started",
                               f"job {job_id} has already started and can no longer be cancelled")
            if keep:
                self.db.execute("UPDATE jobs SET deleted_at = ? WHERE id = ?", (now(), job_id))
                return self.get_job(job_id)
            self.db.execute("DELETE FROM jobs WHERE id = ?", (job_id,))
            return row

    def pending_jobs(self):
        """The oldest pending job of every online site (cancelled and never-reported jobs are not pending)."""
        return self._all(
            "SELECT j.*, EXISTS (SELECT 1 FROM jobs e WHERE e.site_id = j.site_id AND e.started_at IS NULL "
            "AND e.deleted_at IS NULL AND e.stuck IS NULL AND e.express_execute = 1) AS express_due "
            "FROM jobs j JOIN sites s ON s.id = j.site_id "
            "WHERE j.started_at IS NULL AND j.deleted_at IS NULL AND j.stuck IS NULL AND s.has_pulse = 1 "
            "AND j.seq = (SELECT MIN(k.seq) FROM jobs k WHERE k.site_id = j.site_id AND k.started_at IS NULL "
            "AND k.deleted_at IS NULL AND k.stuck IS NULL) "
            "AND NOT EXISTS (SELECT 1 FROM jobs r WHERE r.site_id = j.site_id AND r.finish_at IS NOT NULL) "
            "ORDER BY j.seq")

    def finishing_jobs(self, at):
        return self._all("SELECT * FROM jobs WHERE finish_at IS NOT NULL AND finish_at <= ? ORDER BY seq", (at,))

    def update_job(self, job_id, **fields):
        names = ", ".join(f"{name} = ?" for name in fields)
        self._run(f"UPDATE jobs SET {names} WHERE id = ?", (*fields.values(), job_id))  # nosec - names are ours
        return self.get_job(job_id)

    # backups

    def add_backup(self, site_id, content, at=None):
        """Store an export; the filename is a unix timestamp, bumped to stay unique per site."""
        at = now() if at is None else at
        with self.lock:
            stamp = int(at)
            row = self._one("SELECT MAX(stamp) AS m FROM backups WHERE site_id = ?", (site_id,))
            if row["m"] is not None and row["m"] >= stamp:
                stamp = row["m"] + 1
            filename = f"{stamp}.rsc"
            self.db.execute("INSERT INTO backups (site_id, filename, stamp, created_at, content) VALUES (?, ?, ?, ?, ?)",
                            (site_id, filename, stamp, at, content))
            return filename

    def list_backups(self, site_id):
        return self._all("SELECT site_id, filename, stamp, created_at, length(CAST(content AS BLOB)) AS size "
                         "FROM backups WHERE site_id = ? ORDER BY stamp DESC", (site_id,))

    def get_backup(self, site_id, filename):
        return self._one("SELECT site_id, filename, stamp, created_at, content, length(CAST(content AS BLOB)) AS size "
                         "FROM backups WHERE site_id = ? AND filename = ?", (site_id, filename))

    # tags

    def list_tags(self, tenant):
        tags = self._all("SELECT * FROM tags WHERE tenant = ? ORDER BY key", (tenant,))
        values = self._all(
            "SELECT v.* FROM tag_values v JOIN tags t ON t.id = v.tag_id WHERE t.tenant = ? "
            "ORDER BY v.tag_id, v.rowid", (tenant,))
        return tags, values

    def stats(self):
        with self.lock:
            return {
                "sites": self.count_sites(),
                "jobs": self._one("SELECT COUNT(*) AS n FROM jobs")["n"],
                "pending": self._one("SELECT COUNT(*) AS n FROM jobs WHERE started_at IS NULL AND deleted_at IS NULL "
                                     "AND stuck IS NULL")["n"],
                "backups": self._one("SELECT COUNT(*) AS n FROM backups")["n"],
            }
