# SPDX-License-Identifier: GPL-3.0-or-later
"""How much of RouterOS the engine covers, measured: run as
`.venv/bin/python -m tests.unit.simulator.routeros.measure` (or imported by the tests).

- corpus: files that run whole, exports whose /export comes back the same;
- catalogue (per version): menu paths that answer print, list menus that take add and single menus
  that take set (with sample values for what is required), defaults that print shows as the catalogue says;
- documented defaults: the engine against the defaults MikroTik's manual states (reference.py)."""

import pathlib
import re

from tests.simulator.routeros import Router
from tests.simulator.routeros.datatypes import parse_time
from tests.simulator.routeros.schema import all_menus

from .reference import DOCUMENTED

CORPUS = pathlib.Path(__file__).parent / 'corpus'
SAMPLE = {'int': '7', 'bool': 'yes', 'time': '5s', 'ip': '10.0.0.9', 'mac': '02:00:00:00:00:09', 'kib': '64',
          'prefix': '10.0.0.9/24', 'net': '10.0.0.0/24', 'addr': '10.0.0.9', 'ips': '10.0.0.9', 'host': '10.0.0.9',
          'ports': '80', 'ranges': '10.0.0.10-10.0.0.20'}
# menus whose items are hardware or need a peer the measurement cannot make up
HARDWARE = ('/interface', '/interface ethernet', '/system package', '/interface lte', '/interface wireless',
            '/interface wifi', '/caps-man interface', '/interface ethernet switch', '/interface ethernet switch port',
            '/interface ethernet poe', '/port', '/disk', '/system console', '/interface wireless nstreme',
            '/interface wireless nstreme-dual', '/interface wireless manual-tx-power-table')


def commands(text):
    """(section, command line) for every command of an export: continuations joined, comments left out."""
    out, section = [], None
    for line in re.sub(r'\\\r?\n\s*', '', text).splitlines():
        if not line.strip() or line.startswith('#'):
            continue
        if line.startswith('/'):
            section = line
        else:
            out.append((section, line))
    return out


def corpus():
    """{'files', 'whole', 'exports', 'round_trips', 'failed': [(name, error)]}"""
    out = {'files': 0, 'whole': 0, 'exports': 0, 'round_trips': 0, 'failed': []}
    for path in sorted(CORPUS.glob('*.rsc')):
        text = path.read_text(encoding='utf-8')
        out['files'] += 1
        if path.name.startswith('script-'):
            router = Router.default(model='RB5009UG+S+', version='7.16.2', identity='branch', serial='MEASURE1')
            result = router.run_script(text)
        else:
            router, result = Router.from_export(text)
        if not result.ok:
            out['failed'].append((path.name, result.error))
            continue
        out['whole'] += 1
        if not path.name.startswith('script-'):
            out['exports'] += 1
            if commands(router.export(hide_sensitive=False)) == commands(text):
                out['round_trips'] += 1
            else:
                out['failed'].append((path.name, 'export differs'))
    return out


def sample(menu, prop):
    if prop.choices:
        return prop.choices[0]
    if prop.kind == 'ref':
        return {'interface': 'ether2', 'interface-list': 'all', 'bridge': 'brm', 'user-group': 'full'}.get(prop.ref, 'x')
    if prop.range:
        return str(prop.range[0])
    return SAMPLE.get(prop.kind, 'v%d' % len(menu.path))


def catalogue(version):
    """Per version: paths, print answers, testable add/set and how many work, defaults shown as catalogued."""
    major = int(version.split('.')[0])
    router = Router.blank(model='RB5009UG+S+' if major >= 7 else 'CCR2004-16G-2S+', version=version, serial='MEASURE2')
    router.run_script('/interface bridge add name=brm')
    menus = all_menus(router.store.version)
    out = {'paths': len(menus), 'print': 0, 'testable': 0, 'writes': 0, 'defaults': 0, 'defaults_shown': 0,
           'failed': []}
    for path, menu in sorted(menus.items()):
        if router.run_script('%s print' % path).ok:
            out['print'] += 1
        else:
            out['failed'].append((path, 'print'))
        if menu.readonly or path in HARDWARE or (menu.kind == 'list' and 'add' not in menu.commands):
            continue
        out['testable'] += 1
        required = {n: sample(menu, p) for n, p in menu.props.items() if p.required and not p.readonly}
        verb = 'set' if menu.kind == 'single' else 'add'
        words = ' '.join('%s="%s"' % kv for kv in required.items())
        result = router.run_script(':put [%s %s %s]' % (path, verb, words))
        if not result.ok:
            out['failed'].append((path, result.error))
            continue
        out['writes'] += 1
        shown, total = _defaults_shown(router, menu, result.output.strip())
        out['defaults'] += total
        out['defaults_shown'] += shown
    return out


def _defaults_shown(router, menu, item_id):
    """How many of the menu's defaults print shows (as-value) for the item just made, and of how many."""
    if menu.kind == 'single':
        view = router.store.view(menu, router.store.single(menu))
    else:
        row = router.store.by_id(menu, item_id)
        if row is None:
            return 0, 0
        view = router.store.view(menu, row)
    shown = total = 0
    for name, prop in menu.props.items():
        if prop.default is None or callable(prop.default) or prop.required:
            continue
        total += 1
        if view.get(name) == prop.default:
            shown += 1
    return shown, total


def documented():
    """The engine's defaults against the manual's: (matching, total, [mismatches])."""
    matching, misses = 0, []
    routers = {}
    for path, prop, value, version, _source in DOCUMENTED:
        if version not in routers:
            routers[version] = Router.blank(model='RB5009UG+S+' if version[0] == '7' else 'CCR2004-16G-2S+',
                                            version=version, serial='MEASURE3')
            routers[version].run_script('/interface bridge add name=brm')
        router = routers[version]
        shown = _shown(router, path, prop)
        if same_value(shown, value):
            matching += 1
        else:
            misses.append((version, path, prop, value, shown))
    return matching, len(DOCUMENTED), misses


def same_value(shown, documented):
    """The manual writes 00:05:00 and 2048 where print shows 5m and 2048KiB: compare by value."""
    if shown is None:
        return False
    if shown == documented:
        return True
    a, b = parse_time(shown), parse_time(documented)
    if a is not None and a == b:
        return True
    return re.sub(r'KiB$', '', shown) == re.sub(r'KiB$', '', documented)


def _shown(router, path, prop):
    menu = router.store.menus.get(path)
    if menu is None:
        return None
    if menu.kind == 'single':
        return router.store.view(menu, router.store.single(menu)).get(prop)
    needed = {n: sample(menu, p) for n, p in menu.props.items() if p.required and not p.readonly}
    needed.update({'bridge': 'brm'} if 'bridge' in needed else {})
    try:
        item = router.store.add(menu, needed)
    except Exception:  # pylint: disable=broad-exception-caught
        return None
    view = router.store.view(menu, router.store.by_id(menu, item))
    router.store.remove(menu, router.store.by_id(menu, item))
    return view.get(prop)


def report():
    lines = []
    c = corpus()
    lines.append('corpus: %d of %d files run whole; %d of %d exports come back the same from /export'
                 % (c['whole'], c['files'], c['round_trips'], c['exports']))
    lines.extend('  failed: %s: %s' % f for f in c['failed'])
    for version in ('7.16.2', '6.49.15'):
        k = catalogue(version)
        lines.append('%s: %d menu paths; %d answer print (%.0f%%); add/set works on %d of %d testable (%.0f%%); '
                     '%d of %d defaults shown as catalogued (%.0f%%)'
                     % (version, k['paths'], k['print'], 100.0 * k['print'] / k['paths'], k['writes'], k['testable'],
                        100.0 * k['writes'] / max(k['testable'], 1), k['defaults_shown'], k['defaults'],
                        100.0 * k['defaults_shown'] / max(k['defaults'], 1)))
        lines.extend('  failed: %s: %s' % f for f in k['failed'])
    matching, total, misses = documented()
    lines.append('documented defaults: %d of %d match the manual (%.0f%%)' % (matching, total, 100.0 * matching / max(total, 1)))
    lines.extend('  differs: %s %s %s: manual %r, engine %r' % m for m in misses)
    return '\n'.join(lines)


if __name__ == '__main__':
    print(report())
