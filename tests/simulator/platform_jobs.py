# SPDX-License-Identifier: GPL-3.0-or-later
"""The platform's own jobs in a site's queue (realistic `platform_jobs` part).

SDX's job queue carries more than the user's scripts: daily backups, ARP syncs, policy pushes,
VPN updates. A site's job list therefore holds jobs nobody in the tenant created. History: each
site gets `platform_history` finished jobs over the past days (the latest a daily backup with its
file); rounds (`platform_every` seconds): every online site gets a new pending one.
"""

from tests.simulator.common import now

ARP_SYNC = ("ARP sync", ":log info \"arp sync\"")
VPN_UPDATE = ("VPN peer update", ":log info \"vpn update\"")
DAILY_BACKUP = ("Daily backup", "/export")
HOUR = 3600.0


def add_history(store, devices, count):
    """Give every site that has none `count` finished platform jobs, spread over the past hours."""
    sites = [row["id"] for row in store.list_sites(columns="id")
             if not store.has_platform_jobs(row["id"])]
    if not sites or count <= 0:
        return 0
    at = now()
    jobs = []
    for site_id in sites:
        for index in range(count, 0, -1):
            created = at - index * HOUR
            description, script = DAILY_BACKUP if index == 1 else (ARP_SYNC if index % 3 else VPN_UPDATE)
            jobs.append((site_id, description, script, created, created + 5, created + 6))
    store.add_platform_jobs(jobs)
    for site_id in sites:
        # The latest daily backup's file, so its `associated_backup` can be fetched.
        filename = store.add_backup(site_id, devices.export(site_id), at=at - HOUR + 5)
        store.link_latest_platform_backup(site_id, f"{site_id}/{filename}")
    return len(jobs)


def queue_round(store, at, number):
    """One new pending platform job on every online site: a daily backup every fourth round, else an ARP sync."""
    description, script = DAILY_BACKUP if number % 4 == 3 else ARP_SYNC
    sites = [row["id"] for row in store.list_sites(columns="id, has_pulse") if row["has_pulse"]]
    store.add_platform_jobs([(site_id, description, script, at, None, None) for site_id in sites])
    return len(sites)
