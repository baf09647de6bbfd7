# SPDX-License-Identifier: GPL-3.0-or-later
"""The router's clock, its reboots and /system scheduler firing on that clock.

The clock is wall time plus an offset kept in the router's state (`clock`), so it runs with wall time and a
test can move it forward (`advance`). Everything the router does on its own happens here, in time order:
coming back from a reboot, `start-time=startup` entries 3 s after boot, timed and interval entries.
"""

import calendar
import copy
import re
import time

STARTUP_DELAY = 3.0  # documented: startup entries run 3 seconds after the system starts
REBOOT_SECONDS = 30.0  # inferred: how long a router is away while it reboots (a small router takes about this)
MAX_RUNS = 20000  # one advance never fires more than this many scheduler runs
MONTHS = ('jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec')
_UNITS = {'w': 604800, 'd': 86400, 'h': 3600, 'm': 60, 's': 1, 'ms': 0.001}
TABLE = '/system scheduler'


def now(state):
    """The router's time (seconds since the epoch, UTC: the simulated router's time zone is +00:00)."""
    return time.time() + float(state.get('clock', 0.0))


def iso_dates(state):
    """RouterOS 7.10 and later print dates as 2024-01-02; older versions as jan/02/2024."""
    parts = [int(p) for p in state['version'].split('.')[:2] if p.isdigit()] + [0]
    return (parts[0], parts[1]) >= (7, 10)


def format_date(state, stamp):
    moment = time.gmtime(stamp)
    if iso_dates(state):
        return time.strftime('%Y-%m-%d', moment)
    return '%s/%02d/%d' % (MONTHS[moment.tm_mon - 1], moment.tm_mday, moment.tm_year)


def format_stamp(state, stamp):
    """A date and time as the version prints them (file creation-time, next-run)."""
    return '%s %s' % (format_date(state, stamp), time.strftime('%H:%M:%S', time.gmtime(stamp)))


def parse_date(text):
    """`jan/02/1970` or `1970-01-02` -> (year, month, day); None when it is neither."""
    text = (text or '').strip().lower()
    match = re.fullmatch(r'([a-z]{3})/(\d{1,2})/(\d{4})', text)
    if match and match.group(1) in MONTHS:
        return int(match.group(3)), MONTHS.index(match.group(1)) + 1, int(match.group(2))
    match = re.fullmatch(r'(\d{4})-(\d{2})-(\d{2})', text)
    if match:
        return int(match.group(1)), int(match.group(2)), int(match.group(3))
    return None


def seconds_of(text):
    """A RouterOS duration (`1d2h`, `5m`, `00:05:00`, `1w2d 03:04:05`, `30`) in seconds; 0 when unreadable."""
    text = (text or '').strip().lower()
    total = 0.0
    clock = re.search(r'(\d+):(\d{2})(?::(\d{2}))?$', text)
    if clock:
        total += int(clock.group(1)) * 3600 + int(clock.group(2)) * 60 + int(clock.group(3) or 0)
        text = text[:clock.start()]
    for number, unit in re.findall(r'(\d+)(ms|w|d|h|m|s)?', text):
        total += int(number) * _UNITS[unit or 's']
    return total


def start_of(state, item):
    """When an entry first runs: boot + 3 s for startup entries, else its start-date and start-time."""
    start_time = (item.get('start-time') or '00:00:00').strip().lower()
    if start_time == 'startup':
        return float(state.get('boot', 0)) + STARTUP_DELAY
    day = parse_date(item.get('start-date')) or (1970, 1, 1)
    return calendar.timegm(day + (0, 0, 0)) + seconds_of(start_time)


def _signature(item):
    return '|'.join(str(item.get(k, '')) for k in ('start-date', 'start-time', 'interval', 'disabled'))


def _stamp(state, at):
    """Entries seen for the first time (or changed) count from now: their past occurrences do not fire."""
    for item in state['t'].get(TABLE, []):
        signature = _signature(item)
        if item.get('.sig') != signature:
            item['.sig'] = signature
            item['.since'] = at


def next_run(state, item, after):
    """The entry's first run strictly after `after` (router time), or None."""
    if item.get('disabled') == 'yes':
        return None
    start = start_of(state, item)
    interval = seconds_of(item.get('interval', '0s'))
    after = max(after, float(item.get('.since', after)))
    startup = (item.get('start-time') or '').strip().lower() == 'startup'
    if interval <= 0:
        return start if start > after else None
    # documented: with an interval, a startup entry does not run at startup, only every interval after it
    first = start + interval if startup else start
    if first > after:
        return first
    laps = int((after - first) // interval) + 1
    return first + laps * interval


def is_down(state):
    return state.get('down-until') is not None


def next_event(state):
    """Router time of the next thing the router does on its own (boot or a scheduler run), or None."""
    if is_down(state):
        return float(state['down-until'])
    after = float(state.get('sched-at', state.get('boot', 0)))
    times = [t for t in (next_run(state, item, after) for item in state['t'].get(TABLE, [])) if t is not None]
    return min(times) if times else None


def reboot(router, seconds=None):
    """The router goes down now and is back `seconds` later (its configuration is whatever it is then)."""
    state = router.state
    delay = REBOOT_SECONDS if seconds is None else seconds
    if seconds is None and state.get('reboot-seconds') is not None:
        delay = float(state['reboot-seconds'])
    state['down-until'] = now(state) + delay
    state['reboots'] = int(state.get('reboots', 0)) + 1


def _boot(router, at):
    """Back from a reboot: fresh uptime, run counts and variables; the memory log starts again."""
    state = router.state
    state.pop('down-until', None)
    state['boot'] = at
    state['sched-at'] = at
    state['g'] = {}
    router.code_globals = {}
    state['log'] = []
    for item in state['t'].get(TABLE, []):
        item['run-count'] = '0'
        item['.sig'] = _signature(item)
        item['.since'] = at
    router.store.sync_dhcp_clients()
    router.store.sync_connected()
    router.log('system,info,critical', 'router rebooted')
    after = state.pop('after-boot', None)
    if after:
        result = router.run_script(after)
        if not result.ok:
            router.log('script,error', 'run-after-reset script failed: %s' % result.error)


def _fire(router, item):
    """One run of an entry: on-event names a /system script, or is the source itself."""
    item['run-count'] = str(int(item.get('run-count') or 0) + 1)
    event = item.get('on-event', '')
    for script in router.state['t'].get('/system script', []):
        if script.get('name') == event.strip():
            event = script.get('source', '')
            break
    result = router.run_script(event)
    if not result.ok:
        router.log('script,error', 'executing script from scheduler (%s) failed, please check it manually'
                   % item.get('name', ''))


def _due(state, at):
    """Entries (in configuration order) whose next run is exactly `at`."""
    after = float(state.get('sched-at', state.get('boot', 0)))
    return [item for item in state['t'].get(TABLE, []) if next_run(state, item, after) == at]


def run_until(router, seconds=0.0):
    """Move the clock `seconds` forward (0: just catch up with wall time), doing everything due on the way,
    in order, each at its own time (a script run on the way sees the time it runs at). Returns the runs made."""
    state = router.state
    offset = float(state.get('clock', 0.0))
    base = time.time()
    until = base + offset + seconds
    runs = 0
    _stamp(state, base + offset)
    try:
        while runs < MAX_RUNS:
            at = next_event(state)
            if at is None or at > until:
                break
            state['clock'] = at - base
            if is_down(state):
                _boot(router, at)
                continue
            for item in _due(state, at):
                # an entry an earlier one removed or disabled at the same moment does not run (documented)
                if item in state['t'].get(TABLE, []) and item.get('disabled') != 'yes' and not is_down(state):
                    _fire(router, item)
                    runs += 1
            if not is_down(state):
                state['sched-at'] = at
            _stamp(state, at)
    finally:
        state['clock'] = offset + seconds
    if not is_down(state):
        state['sched-at'] = until
    return runs


def tick(router):
    """Wall time went by: do what became due."""
    return run_until(router, 0.0)


def advance(router, seconds):
    """Move the router's clock forward by `seconds`, doing everything due on the way."""
    if seconds < 0:
        raise ValueError('the clock only moves forward')
    return run_until(router, float(seconds))


def snapshot(state):
    """What a later boot may need from the state (kept across a reset-configuration)."""
    return {key: copy.deepcopy(state[key]) for key in ('clock', 'reboot-seconds', 'reboots') if key in state}
