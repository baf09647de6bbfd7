# SPDX-License-Identifier: GPL-3.0-or-later
"""Router: one simulated MikroTik, its state as a plain dict, and the three doors in (script, API, export)."""

import copy
import hashlib
import json
import time

from . import api as api_layer
from . import cli
from . import scheduler
from .defaults import MODELS, blank_tables, canonical_model, check_version, defconf_script, fmt_mac, mac_base
from .errors import RouterOSError, ScriptResult
from .export import export as export_text
from .load import describe, hardware
from .model import LOG_KEEP, Store, fmt_id

STATE_FORMAT = 1


def _digest(*parts):
    return hashlib.sha256(':'.join(str(p) for p in parts).encode()).hexdigest().upper()


class Router:
    """A simulated router. All of its state is self.state (JSON-able); see to_state/from_state."""

    def __init__(self, state):
        self.state = state
        self.store = Store(state)
        self._depth = 0
        self.code_globals = {}  # :global values that are code; not part of the saved state

    # ---- factories ----------------------------------------------------------------------------
    @classmethod
    def blank(cls, *, model, version, identity='MikroTik', serial, seed=0):
        """As after /system reset-configuration no-defaults=yes: hardware and built-in items only.
        seed picks the MAC addresses, as for default(); identity is ignored (the reset names it MikroTik)."""
        del identity
        return cls(cls._blank_state(model, version, serial, seed))

    @classmethod
    def default(cls, *, model, version, identity, serial, seed=0):
        """A factory-default router of that model and version, named identity."""
        key = (canonical_model(model), version)
        template = _TEMPLATES.get(key)
        if template is None:
            router = cls(cls._blank_state(model, version, 'TEMPLATE', 0))
            router._run_defconf()
            template = json.dumps(router.state)
            _TEMPLATES[key] = template
        state = json.loads(template)
        router = cls(state)
        router._personalise(serial, seed)
        if identity != 'MikroTik':
            router.store.set(router.store.menus['/system identity'], None, {'name': identity})
        return router

    @classmethod
    def from_state(cls, state):
        if state.get('format') != STATE_FORMAT:
            raise ValueError('unknown router state format %r' % state.get('format'))
        return cls(copy.deepcopy(state))

    def to_state(self):
        state = dict(self.state, t=self.store.saved_tables())
        return json.loads(json.dumps(state))

    @classmethod
    def from_export(cls, text, *, model=None, version=None, serial=None, seed=0):
        """A router loaded from an /export (or any .rsc script): version, model and serial come from the export's
        header unless given; ports the export names are part of its hardware. Returns (router, ScriptResult):
        the router holds whatever ran before a failure."""
        facts = describe(text, model, version)
        name, info = hardware(facts['model'], facts['ports'])
        serial = serial or facts['serial'] or ('LOADED' + _digest('serial', text)[:6])
        router = cls(cls._blank_state(name, facts['version'], serial, seed, info=info))
        for key in ('software-id', 'system-id'):
            if facts[key]:
                router.state[key] = facts[key]
        return router, router.run_script(text)

    @property
    def info(self):
        """The hardware: the model's entry, or what an export described."""
        return self.state.get('hw') or MODELS[self.model]

    @staticmethod
    def _blank_state(model, version, serial, seed, info=None):
        if info is None:
            model = canonical_model(model)
            check_version(model, version)
            info = MODELS[model]
        else:
            check_version(None, version)
        major = int(version.split('.')[0])
        tables, counters = blank_tables(info, major, mac_base(serial, seed))
        now = int(time.time())
        return {
            'format': STATE_FORMAT, 'model': model, 'version': version, 'serial': serial, 'seed': seed,
            'software-id': _software_id(serial), 'system-id': _digest('system', serial)[:11].lower() if model == 'CHR' else None,
            'arch': info['arch'], 'packages': list(info.get('packages', [])), 'boot': now,
            't': tables, 'n': counters, 'log': [], 'logn': 1, 'g': {},
            'hw': None if MODELS.get(model) == info else info,
        }

    def _run_defconf(self):
        info = self.info
        macs = [r['orig-mac-address'] for r in self.store.table('interface') if r.get('orig-mac-address')]
        script = defconf_script(self.model, self.major, self.store.version)
        wifi_suffix = macs[0].replace(':', '')[-6:] if macs else ''
        prelude = ':local mac "%s"; :local suffix "%s"; :local passphrase "%s"\n' % (
            macs[0] if macs else '', wifi_suffix, _digest('wifi', self.serial)[:10])
        result = self.run_script(prelude + script)
        if not result.ok:
            raise AssertionError('defconf failed on %s %s: %s' % (self.model, self.version, result.error))
        del info
        self._lan_client()
        self.state['log'] = []
        self.state['logn'] = 1

    def _lan_client(self):
        """One laptop on the LAN that got a lease from defconf's DHCP server (a live router has some)."""
        servers = [r for r in self.store.table('/ip dhcp-server') if r.get('name') == 'defconf']
        if not servers:
            return
        mac = 'F4:D4:88:5A:1C:0E'
        self.store.table('/ip dhcp-server lease').append({
            '.id': self.store.new_id('/ip dhcp-server lease'), '.dynamic': True, 'address': '192.168.88.254',
            'mac-address': mac, 'client-id': '1:' + mac.lower(), 'server': 'defconf', 'host-name': 'laptop', 'status': 'bound'})
        self.store.table('/ip arp').append({
            '.id': self.store.new_id('/ip arp'), '.dynamic': True, '.dhcp': True, 'address': '192.168.88.254',
            'mac-address': mac, 'interface': servers[0].get('interface')})
        # ... and a MikroTik switch on the same LAN that the router discovers.
        self.store.table('/ip neighbor').append({
            '.id': self.store.new_id('/ip neighbor'), '.dynamic': True, 'interface': servers[0].get('interface'),
            'address': '192.168.88.2', 'address4': '192.168.88.2', 'mac-address': '48:8F:5A:10:20:30',
            'identity': 'office-switch', 'platform': 'MikroTik', 'version': '7.15.1 (stable)', 'board': 'CRS326-24G-2S+',
            'uptime': '3d4h', 'age': '22s'})

    def _personalise(self, serial, seed):
        """Swap the template's serial-derived values (MACs, ids, DHCP lease) for this router's."""
        old = [r['orig-mac-address'] for r in self.store.table('interface') if r.get('orig-mac-address')]
        base = mac_base(serial, seed)
        new = []
        for index in range(len(old)):
            mac = list(base)
            mac[5] = (mac[5] + index) & 0xFF
            new.append(fmt_mac(mac))
        mapping = dict(zip(old, new))
        old_suffix = old[0].replace(':', '')[-6:] if old else None
        old_pass = _digest('wifi', self.serial)[:10]
        text = json.dumps(self.state)
        for before, after in mapping.items():
            text = text.replace(before, after)
        if old_suffix:
            text = text.replace('MikroTik-' + old_suffix, 'MikroTik-' + new[0].replace(':', '')[-6:])
        text = text.replace(old_pass, _digest('wifi', serial)[:10])
        state = json.loads(text)
        state.update({'serial': serial, 'seed': seed, 'software-id': _software_id(serial), 'boot': int(time.time())})
        if state.get('system-id') is not None:
            state['system-id'] = _digest('system', serial)[:11].lower()
        self.state.clear()
        self.state.update(state)
        self.store = Store(self.state)
        # the DHCP lease depends on the serial: drop and re-take it (ids continue, as after a renew)
        addresses = self.store.table('/ip address')
        addresses[:] = [a for a in addresses if not a.get('.src')]
        routes = self.store.table('/ip route')
        routes[:] = [r for r in routes if not r.get('.dhcp')]
        arp = self.store.table('/ip arp')
        arp[:] = [r for r in arp if not r.get('.src')]
        self.store.sync_dhcp_clients()
        self.store.sync_connected()

    def reset(self, no_defaults=False, keep_users=False):
        """/system reset-configuration: back to factory (or to nothing), same hardware and serial."""
        users = copy.deepcopy(self.store.table('/user')) if keep_users else None
        if no_defaults or self.state.get('hw'):
            fresh = Router(Router._blank_state(self.model, self.version, self.serial, self.state.get('seed', 0),
                                               info=self.state.get('hw')))
        else:
            fresh = Router.default(model=self.model, version=self.version, identity='MikroTik', serial=self.serial,
                                   seed=self.state.get('seed', 0))
        if users is not None:
            fresh.state['t']['/user'] = users
        self.state.clear()
        self.state.update(fresh.state)
        self.store = Store(self.state)

    # ---- properties ---------------------------------------------------------------------------
    @property
    def identity(self):
        return self.store.value(self.store.menus['/system identity'], self.store.single(self.store.menus['/system identity']), 'name')

    @property
    def version(self):
        return self.state['version']

    @property
    def model(self):
        return self.state['model']

    @property
    def serial(self):
        return self.state['serial']

    @property
    def major(self):
        return self.store.major

    # ---- doors in -----------------------------------------------------------------------------
    def run_script(self, script):
        """Run console script text; stops at the first error, keeping what ran before it."""
        self._depth = 0
        try:
            output = cli.run_script(self, script)
        except RouterOSError as err:
            return ScriptResult(ok=False, error=err.message, output='\n'.join(getattr(err, 'output', [])), failed_line=err.line)
        except RecursionError:
            return ScriptResult(ok=False, error='simulator: script nesting too deep')
        except Exception as err:  # pylint: disable=broad-exception-caught
            # a bug here must fail the job visibly, not take the server down
            return ScriptResult(ok=False, error='simulator internal error: %s: %s' % (type(err).__name__, err))
        return ScriptResult(ok=True, output='\n'.join(output))

    def run_nested(self, script):
        """/system script run: the stored source runs as its own script (errors surface to the caller)."""
        self._depth = getattr(self, '_depth', 0) + 1
        try:
            if self._depth > 16:
                raise RouterOSError('simulator: script nesting too deep')
            return cli.run_script(self, script, nested=True)
        finally:
            self._depth -= 1

    def api(self, command, parameters=None):
        return api_layer.call(self, command, parameters)

    def export(self, path=None, *, terse=False, hide_sensitive=False, compact=True):
        return export_text(self, path, terse=terse, hide_sensitive=hide_sensitive, compact=compact)

    # ---- helpers used by the layers -----------------------------------------------------------
    def now(self):
        return scheduler.now(self.state)

    def tick(self):
        """Do what the router's own clock made due: scheduler runs, coming back from a reboot."""
        return scheduler.tick(self)

    def advance(self, seconds):
        """Move the router's clock forward, running on the way what falls due (see scheduler.py)."""
        return scheduler.advance(self, seconds)

    @property
    def down(self):
        """True while the router reboots."""
        return scheduler.is_down(self.state)

    def log(self, topics, message):
        number = self.state['logn']
        self.state['logn'] = number + 1
        stamp = time.strftime('%H:%M:%S', time.gmtime(self.now()))
        self.state['log'].append({'.id': fmt_id(number), 'time': stamp, 'topics': topics, 'message': message})
        del self.state['log'][:-LOG_KEEP]

    def uptime(self):
        seconds = max(0, int(self.now()) - int(self.state.get('boot', 0)))
        weeks, rest = divmod(seconds, 7 * 86400)
        days, rest = divmod(rest, 86400)
        hours, rest = divmod(rest, 3600)
        minutes, secs = divmod(rest, 60)
        text = ('%dw' % weeks if weeks else '') + ('%dd' % days if days else '')
        return text + '%02d:%02d:%02d' % (hours, minutes, secs)

    def readonly_item(self, menu):
        """The computed single-item menus (/system resource, /system routerboard)."""
        info = self.info
        if menu.path == '/system resource':
            total = info['memory'] * 1024 * 1024
            disk = info['storage'] * 1024 * 1024
            return {
                'uptime': self.uptime(), 'version': '%s (stable)' % self.version,
                'build-time': '2025-01-01 00:00:00' if self.major >= 7 else 'jan/01/2025 00:00:00',
                'factory-software': '7.1' if self.major >= 7 else '6.45.9',
                'free-memory': str(total * 3 // 4), 'total-memory': str(total), 'cpu': info['cpu'],
                'cpu-count': str(info['cpu-count']), 'cpu-frequency': str(info['cpu-frequency']), 'cpu-load': '1',
                'free-hdd-space': str(disk * 3 // 4), 'total-hdd-space': str(disk),
                'write-sect-since-reboot': '512', 'write-sect-total': '4096',
                'architecture-name': info['arch'], 'board-name': info['board'], 'platform': 'MikroTik',
            }
        if menu.path == '/system routerboard':
            if self.model == 'CHR':
                return {'routerboard': 'no'}
            return {
                'routerboard': 'yes', 'board-name': info['board'], 'model': self.model, 'serial-number': self.serial,
                'firmware-type': info['firmware'], 'factory-firmware': '7.1' if self.major >= 7 else '6.45.9',
                'current-firmware': self.version, 'upgrade-firmware': self.version,
            }
        return {}


def _software_id(serial):
    digest = _digest('software', serial)
    alphabet = 'ABCDEFGHIJKLMNPQRSTUVWXYZ0123456789'
    chars = [alphabet[int(digest[i:i + 2], 16) % len(alphabet)] for i in range(0, 16, 2)]
    return ''.join(chars[:4]) + '-' + ''.join(chars[4:])


_TEMPLATES = {}
