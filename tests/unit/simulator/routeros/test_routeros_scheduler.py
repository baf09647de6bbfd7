# SPDX-License-Identifier: GPL-3.0-or-later
"""/system scheduler on the router's own clock: intervals, start times, startup entries, reboots."""

import time

import pytest

from tests.simulator.routeros import Router
from tests.simulator.routeros import scheduler


def fresh(version='7.16.2', model='RB5009UG+S+'):
    """A router that booted a minute ago (so startup entries added now are past their moment)."""
    router = Router.default(model=model, version=version, identity='r1', serial='C0FFEE', seed=1)
    router.advance(60)
    return router


def counter(router):
    result = router.run_script(':global n; :put $n')
    assert result.ok, result.error
    return int(result.output or 0)


COUNT = ':global n; :if ([:typeof $n] = "nothing") do={ :set n 0 }; :set n ($n + 1)'


def add(router, line):
    result = router.run_script('/system scheduler add ' + line)
    assert result.ok, result.error


def test_interval_entry_runs_once_per_interval_as_the_clock_advances():
    router = fresh()
    add(router, 'name=t interval=10s start-time=startup on-event="%s"' % COUNT.replace('"', '\\"').replace('$', '\\$'))
    runs = router.advance(100)
    assert runs == 10
    assert counter(router) == runs
    assert router.api('/system/scheduler/print')[0]['run_count'] == str(runs)


def test_disabled_entry_never_runs():
    router = fresh()
    add(router, 'name=t interval=1s disabled=yes on-event=":log info ran"')
    assert router.advance(60) == 0
    assert not [e for e in router.api('/log/print') if e['message'] == 'ran']


def test_one_shot_runs_at_its_start_date_and_time_only():
    router = fresh()
    start = scheduler.now(router.state) + 3600
    day = time.strftime('%Y-%m-%d', time.gmtime(start))
    add(router, 'name=once start-date=%s start-time=%s on-event=":log info once"' % (day, time.strftime('%H:%M:%S', time.gmtime(start))))
    assert router.advance(3500) == 0
    assert router.advance(200) == 1
    assert router.advance(86400 * 2) == 0
    assert [e['message'] for e in router.api('/log/print')].count('once') == 1


def test_routeros6_date_format_is_read_and_printed():
    router = fresh(version='6.49.15', model='RB760iGS')
    start = scheduler.now(router.state) + 120
    moment = time.gmtime(start)
    day = '%s/%02d/%d' % (scheduler.MONTHS[moment.tm_mon - 1], moment.tm_mday, moment.tm_year)
    add(router, 'name=once start-date=%s start-time=%s on-event=":log info v6"' % (day, time.strftime('%H:%M:%S', moment)))
    assert router.advance(200) == 1
    assert scheduler.format_date(router.state, 0) == 'jan/01/1970'
    assert scheduler.format_date(fresh().state, 86400) == '1970-01-02'


def test_start_time_in_the_past_without_interval_never_runs():
    router = fresh()
    add(router, 'name=past start-date=2001-01-01 start-time=10:00:00 on-event=":log info past"')
    assert router.advance(3600) == 0


def test_on_event_naming_a_script_runs_that_script():
    router = fresh()
    assert router.run_script('/system script add name=job source=":log info from-script"').ok
    add(router, 'name=t interval=30s start-time=startup on-event=job')
    router.advance(31)
    assert 'from-script' in [e['message'] for e in router.api('/log/print')]


def test_startup_entry_runs_three_seconds_after_each_boot_and_not_otherwise():
    router = fresh()
    add(router, 'name=boot start-time=startup on-event=":log info booted"')
    assert router.advance(600) == 0
    assert router.run_script('/system reboot\n:log info never').ok
    assert router.down
    router.advance(scheduler.REBOOT_SECONDS + 2)
    assert not router.down
    assert 'booted' not in [e['message'] for e in router.api('/log/print')]
    router.advance(1.5)
    messages = [e['message'] for e in router.api('/log/print')]
    assert messages.count('booted') == 1 and 'never' not in messages


def test_interval_startup_entry_does_not_run_at_startup():
    router = fresh()
    add(router, 'name=t start-time=startup interval=1m on-event=":log info tick"')
    router.run_script('/system reboot')
    router.advance(scheduler.REBOOT_SECONDS + scheduler.STARTUP_DELAY + 1)
    assert router.api('/system/scheduler/print')[0]['run_count'] == '0'
    router.advance(60)
    assert router.api('/system/scheduler/print')[0]['run_count'] == '1'


def test_reboot_resets_run_count_and_global_variables():
    router = fresh()
    add(router, 'name=t interval=5s start-time=startup on-event="%s"' % COUNT.replace('"', '\\"').replace('$', '\\$'))
    router.advance(30)
    assert counter(router) >= 5
    router.run_script('/system reboot')
    router.advance(scheduler.REBOOT_SECONDS + 1)
    assert router.api('/system/scheduler/print')[0]['run_count'] == '0'
    assert counter(router) == 0
    assert router.uptime().endswith(('00:00:01', '00:00:00'))


def test_entries_due_together_run_in_configuration_order():
    router = fresh()
    add(router, 'name=first interval=10s start-time=startup on-event="/system scheduler disable second"')
    add(router, 'name=second interval=10s start-time=startup on-event=":log info second-ran"')
    router.advance(35)
    assert 'second-ran' not in [e['message'] for e in router.api('/log/print')]


def test_a_scheduled_script_sees_the_time_it_runs_at():
    router = fresh()
    add(router, 'name=t interval=1h start-time=startup on-event=":global at [/system clock get time]"')
    before = scheduler.now(router.state)
    router.advance(86400)
    first = scheduler.next_run(router.state, router.store.table('/system scheduler')[0], before)
    del first
    result = router.run_script(':global at; :put $at')
    # the last run happened at most an hour before the end of the advance, not at its end
    ran = time.strptime(result.output, '%H:%M:%S')
    end = time.gmtime(scheduler.now(router.state))
    assert (end.tm_hour * 3600 + end.tm_min * 60 + end.tm_sec - (ran.tm_hour * 3600 + ran.tm_min * 60 + ran.tm_sec)) % 86400 < 3600


def test_wall_time_ticks_fire_what_became_due(monkeypatch):
    router = fresh()
    add(router, 'name=t interval=2s start-time=startup on-event=":log info tick"')
    real = time.time()
    monkeypatch.setattr(scheduler.time, 'time', lambda: real)
    assert router.tick() == 0
    monkeypatch.setattr(scheduler.time, 'time', lambda: real + 7)
    assert router.tick() in (3, 4)
    assert router.tick() == 0


def test_an_entry_changed_counts_from_the_change():
    router = fresh()
    add(router, 'name=t interval=0s start-time=startup disabled=yes on-event=":log info later"')
    router.advance(10)
    assert router.run_script('/system scheduler set t interval=20s disabled=no').ok
    assert router.advance(19) == 0 or router.advance(1) >= 0
    router.advance(25)
    assert int(router.api('/system/scheduler/print')[0]['run_count']) >= 1


@pytest.mark.parametrize('text,seconds', [('5m', 300), ('1d2h', 93600), ('00:05:00', 300), ('1w', 604800), ('30', 30), ('0s', 0),
                                          ('1d 00:00:10', 86410)])
def test_durations(text, seconds):
    assert scheduler.seconds_of(text) == seconds
