# SPDX-License-Identifier: GPL-3.0-or-later
"""The rollback scripts, run on the simulator's RouterOS engine (RouterOS 6 and 7) and through SDX's API."""

from __future__ import annotations

import re

import pytest

from ansible_collections.altostrat.sdx.plugins.module_utils.routeros import rollback
from tests.simulator import tunnel
from tests.simulator.routeros import Router, scheduler
from tests.simulator.pytest_fixtures import sim  # noqa: F401  pylint: disable=unused-import

VERSIONS = [('7.16.2', 'RB5009UG+S+'), ('6.49.15', 'RB760iGS')]
KEY = 'b3f1c7a2-2f43-5e0c-9d51-0c7f4d1e8a10'
WINDOW = 300
CUT = '/ip firewall filter add chain=output action=drop protocol=tcp dst-port=8443 comment="block tunnel"'
HARMLESS = '/ip dns set servers=9.9.9.9'


def adopted(version, model):
    router = Router.default(model=model, version=version, identity='branch', serial='HD1234', seed=3)
    router.advance(120)  # booted a while ago
    assert tunnel.adopt(router, '9c69345c-8d39-4786-9f17-8153c988c89a').ok
    return router


def body(text):
    return '\n'.join(line for line in text.splitlines() if not re.match(r'# \S+ \S+ by RouterOS', line))


def run(router, script):
    result = router.run_script(script)
    assert result.ok, (result.error, result.failed_line, script)
    return result


def leftovers(router, key=KEY):
    names = rollback.RollbackNames(key)
    found = [e['name'] for e in router.api('/system/scheduler/print') if e['name'].startswith(rollback.PREFIX)]
    found += [f['name'] for f in router.api('/file/print') if names.id in f['name']]
    return found


def past_window(router, window=WINDOW):
    _tick, _ticks, _earliest, latest = rollback.timing(window)
    router.advance(latest + scheduler.REBOOT_SECONDS + scheduler.STARTUP_DELAY + 2)


@pytest.mark.parametrize('version,model', VERSIONS)
def test_unconfirmed_change_is_reverted_and_nothing_is_left(version, model):
    router = adopted(version, model)
    before = router.export()
    run(router, rollback.arm_script(KEY, WINDOW, version) + '\n' + HARMLESS)
    assert '9.9.9.9' in router.export()
    assert sorted(leftovers(router)) == sorted([rollback.RollbackNames(KEY).cleanup, rollback.RollbackNames(KEY).revert,
                                                rollback.RollbackNames(KEY).file])
    past_window(router)
    assert not router.down and int(router.state.get('reboots', 0)) == 1
    assert body(router.export()) == body(before)
    assert leftovers(router) == []
    messages = [e['message'] for e in router.api('/log/print')]
    assert any('rollback files removed' in m for m in messages)


@pytest.mark.parametrize('version,model', VERSIONS)
def test_confirmed_change_stays_and_nothing_is_left(version, model):
    router = adopted(version, model)
    run(router, rollback.arm_script(KEY, WINDOW, version) + '\n' + HARMLESS)
    router.advance(60)
    run(router, rollback.confirm_script(KEY))
    assert leftovers(router) == []
    past_window(router)
    assert router.state.get('reboots', 0) == 0
    assert '9.9.9.9' in router.export()
    assert leftovers(router) == []
    again = router.run_script(rollback.confirm_script(KEY))
    assert not again.ok and 'was not armed' in again.error


@pytest.mark.parametrize('version,model', VERSIONS)
def test_a_change_that_cuts_the_tunnel_is_rolled_back_and_the_site_comes_back(version, model):
    router = adopted(version, model)
    before = router.export()
    assert tunnel.health(router).checkin
    run(router, rollback.arm_script(KEY, WINDOW, version) + '\n' + CUT)
    health = tunnel.health(router)
    assert not health.checkin and not health.sync and '8443' in health.reason
    _tick, _ticks, earliest, _latest = rollback.timing(WINDOW)
    router.advance(earliest - 5)
    assert not router.down and not tunnel.health(router).checkin  # not before the window ends
    past_window(router)
    assert tunnel.health(router) == tunnel.HEALTHY
    assert body(router.export()) == body(before)
    assert leftovers(router) == []


def test_revert_happens_within_the_announced_bounds():
    router = adopted(*VERSIONS[0])
    run(router, rollback.arm_script(KEY, WINDOW, '7.16.2') + '\n' + HARMLESS)
    _tick, _ticks, earliest, latest = rollback.timing(WINDOW)
    router.advance(earliest - 1)
    assert not router.down and router.state.get('reboots', 0) == 0
    router.advance(latest - earliest + 1)
    assert router.state.get('reboots', 0) == 1


def test_a_reboot_inside_the_window_does_not_disarm():
    router = adopted(*VERSIONS[0])
    run(router, rollback.arm_script(KEY, WINDOW, '7.16.2') + '\n' + HARMLESS)
    router.advance(100)
    run(router, '/system reboot')
    router.advance(scheduler.REBOOT_SECONDS + scheduler.STARTUP_DELAY + 2)
    assert len(leftovers(router)) == 3  # the cleanup entry saw the revert entry and waited
    past_window(router)
    assert '9.9.9.9' not in router.export() and leftovers(router) == []


def test_second_arm_is_refused_before_the_change():
    router = adopted(*VERSIONS[0])
    run(router, rollback.arm_script(KEY, WINDOW, '7.16.2'))
    result = router.run_script(rollback.arm_script('another-key', WINDOW, '7.16.2') + '\n' + HARMLESS)
    assert not result.ok and 'a rollback is already armed: ' + rollback.RollbackNames(KEY).revert in result.error
    assert '9.9.9.9' not in router.export()
    assert len(leftovers(router)) == 3  # the first rollback is still armed, untouched
    assert not [n for n in leftovers(router, 'another-key') if rollback.RollbackNames('another-key').id in n]


def test_encrypted_backup_is_restored_with_its_password():
    router = adopted(*VERSIONS[0])
    before = router.export()
    run(router, rollback.arm_script(KEY, 60, '7.16.2', password='pa$$ "word"') + '\n' + CUT)
    assert [f for f in router.store.table('/file') if f.get('.password') == 'pa$$ "word"']
    past_window(router, 60)
    assert body(router.export()) == body(before) and leftovers(router) == []


def test_backup_goes_to_flash_where_the_device_has_that_directory():
    router = adopted(*VERSIONS[1])
    router.store.table('/file').append({'.id': router.store.new_id('/file'), 'name': 'flash', 'type': 'directory'})
    run(router, rollback.arm_script(KEY, WINDOW, '6.49.15') + '\n' + HARMLESS)
    assert 'flash/' + rollback.RollbackNames(KEY).file in [f['name'] for f in router.api('/file/print')]
    past_window(router)
    assert '9.9.9.9' not in router.export()
    assert [f['name'] for f in router.api('/file/print')] == ['flash']


def test_names_and_job_keys_follow_the_key():
    one, same, other = rollback.RollbackNames(KEY), rollback.RollbackNames(KEY), rollback.RollbackNames('x')
    assert (one.revert, one.arm_key, one.confirm_key) == (same.revert, same.arm_key, same.confirm_key)
    assert one.id != other.id and one.arm_key != one.confirm_key
    assert re.fullmatch(r'altostrat-rollback-[0-9a-f]{12}', one.revert)
    assert rollback.arm_script(KEY, WINDOW, '7.16.2') == rollback.arm_script(KEY, WINDOW, '7.16.2')


@pytest.mark.parametrize('window,tick,ticks', [(300, 10, 30), (10, 1, 10), (45, 1, 45), (3600, 120, 30)])
def test_timing(window, tick, ticks):
    got = rollback.timing(window)
    assert got[:2] == (tick, ticks) and got[2] < window <= got[3]


@pytest.mark.parametrize('version', ['6.42.1', '5.26', '8.0', 'x'])
def test_unsupported_versions_are_refused(version):
    with pytest.raises(ValueError):
        rollback.arm_script(KEY, WINDOW, version)


def test_windows_out_of_range_are_refused():
    for window in (5, 8 * 86400):
        with pytest.raises(ValueError):
            rollback.timing(window)


def test_leftovers_query_names_every_trace():
    names = rollback.RollbackNames(KEY)
    words = [w for _path, query in rollback.leftovers_query(KEY) for w in query]
    assert words == ['?name=' + names.revert, '?name=' + names.cleanup, '?name=' + names.file, '?name=flash/' + names.file]


# ---- end to end through SDX's API: jobs, check-ins, synchronous reads -----------------------------
@pytest.fixture(scope="module")
def sim_options():
    return {"sites": 8, "offline": 0, "checkin_interval": 0.2, "realistic": ["pulse_lag"]}


def _onboarded(sim):  # pylint: disable=redefined-outer-name
    for site_id in sim.site_ids():
        sim.reset(site_id)
        if sim.adopt(site_id)["ok"] and sim.tunnel(site_id)["online"]:
            yield site_id


def _sync(sim, site_id, command, words=()):  # pylint: disable=redefined-outer-name
    return sim.api("POST", "/api/synchronous/%s" % site_id, json={"command": command, "parameters": list(words)})


def _pulse(sim, site_id):  # pylint: disable=redefined-outer-name
    return sim.api("GET", "/sites/%s" % site_id, unthrottled=True).json()["has_pulse"]


def test_through_sdx_a_cut_is_rolled_back_and_the_site_checks_in_again(sim):  # pylint: disable=redefined-outer-name
    site = next(_onboarded(sim))
    before = _sync(sim, site, "/export").json()["data"][0]["ret"]
    version = [s for s in sim.sites() if s["id"] == site][0]["software_version"]
    names = rollback.RollbackNames("site-%s-change-1" % site)
    job = sim.create_job(site, rollback.arm_script(names.key, 60, version) + "\n" + CUT, key=names.arm_key,
                         express_execute=True).json()
    assert sim.wait_job(site, job["id"])["completed_at"]
    assert _sync(sim, site, "/system/identity/print").status_code == 503  # cut off at once ...
    assert _pulse(sim, site) is True  # ... while SDX still shows a pulse (10 heartbeats to miss)
    sim.advance(site, 3)
    assert _pulse(sim, site) is False
    confirm = sim.create_job(site, rollback.confirm_script(names.key), key=names.confirm_key).json()
    _tick, _ticks, _earliest, latest = rollback.timing(60)
    sim.advance(site, latest + 30 + scheduler.STARTUP_DELAY + 2)
    assert _pulse(sim, site) is True
    # the confirm job queued while the site was cut off ran after it came back, and found nothing to confirm
    done = sim.wait_job(site, confirm["id"])
    assert done["failed_at"] and "was not armed" in done["error"]
    after = _sync(sim, site, "/export").json()["data"][0]["ret"]
    assert body(after) == body(before)
    for path, words in rollback.leftovers_query(names.key):
        assert _sync(sim, site, path, words).json()["data"] == []


def test_through_sdx_a_confirmed_change_stays(sim):  # pylint: disable=redefined-outer-name
    site = list(_onboarded(sim))[1]
    version = [s for s in sim.sites() if s["id"] == site][0]["software_version"]
    names = rollback.RollbackNames("site-%s-change-2" % site)
    job = sim.create_job(site, rollback.arm_script(names.key, 60, version) + "\n" + HARMLESS, key=names.arm_key,
                         express_execute=True).json()
    assert sim.wait_job(site, job["id"])["completed_at"]
    assert _sync(sim, site, "/ip/dns/print").json()["data"][0]["servers"] == "9.9.9.9"  # proof: it answers
    confirm = sim.create_job(site, rollback.confirm_script(names.key), key=names.confirm_key, express_execute=True).json()
    assert sim.wait_job(site, confirm["id"])["completed_at"]
    sim.advance(site, 120)
    assert sim.tunnel(site)["reboots"] == 0
    assert _sync(sim, site, "/ip/dns/print").json()["data"][0]["servers"] == "9.9.9.9"
    for path, words in rollback.leftovers_query(names.key):
        assert _sync(sim, site, path, words).json()["data"] == []
