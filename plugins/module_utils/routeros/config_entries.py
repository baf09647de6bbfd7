# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""altostrat_config's desired state as the task gives it: entries, keys and restrict, checked and put in
RouterOS's terms before any request, and what identifies an entry.
"""

from __future__ import annotations

import re

from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.catalogue import KEY_DEFAULTS, SINGLE_VALUE_MENUS
from ansible_collections.altostrat.sdx.plugins.module_utils.routeros.values import canonical, same_value, to_routeros

PROPERTY_NAME = re.compile(r"\A[a-z][a-z0-9-]*\Z")


def equal(prop, wanted, current, menu=None):
    return same_value(wanted, current, prop, menu)


def check_entries(menu, entries, keys, restrict):
    """Entries as dicts of RouterOS strings; every rule about them is checked before any request."""
    if isinstance(entries, dict):
        entries = [entries]
    if not isinstance(entries, list):
        raise SdxError("entries must be a list of dicts (or one dict for a single-item menu), got %s" % type(entries).__name__)
    single = menu in SINGLE_VALUE_MENUS
    if single and len(entries) > 1:
        raise SdxError("%s holds one item: give one entry, not %d" % (menu, len(entries)))
    checked = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not entry:
            raise SdxError("entries[%d] must be a non-empty dict of RouterOS properties (got %r)" % (index, entry))
        clean = {}
        for prop, value in entry.items():
            if not isinstance(prop, str) or not PROPERTY_NAME.match(prop):
                raise SdxError("entries[%d]: %r is not a RouterOS property name (lower-case letters, digits and dashes)"
                               % (index, prop))
            if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value)):
                raise SdxError("entries[%d].%s: a value must be text, a number, a boolean or a list of those (got %r)"
                               % (index, prop, value))
            clean[prop] = to_routeros(value)
        within_restrict(index, clean, restrict or {})
        if not single and keys:
            missing = [k for k in keys if k not in clean and (menu, k) not in KEY_DEFAULTS]
            if missing:
                raise SdxError("entries[%d] lacks the key propert%s %s that identif%s entries of %s: add %s, or set keys"
                               % (index, "ies" if len(missing) > 1 else "y", ", ".join(missing),
                                  "y" if len(missing) > 1 else "ies", menu, "them" if len(missing) > 1 else "it"))
        checked.append(clean)
    if not single:
        seen = {}
        for index, entry in enumerate(checked):
            identity = entry_key(menu, entry, keys)
            if identity in seen:
                raise SdxError("entries[%d] and entries[%d] have the same keys (%s): each entry must be unique"
                               % (seen[identity], index, ", ".join("%s=%s" % kv for kv in identity)))
            seen[identity] = index
    return checked


def entry_key(menu, entry, keys):
    """What identifies an entry: its key properties, or all its properties when the menu has no keys."""
    names = keys or sorted(entry)
    return tuple((k, canonical(entry.get(k, KEY_DEFAULTS.get((menu, k), "")), k, menu)) for k in names)


def normalise_restrict(restrict):
    """restrict as {property: [RouterOS values]}; names and values checked before any request."""
    checked = {}
    for prop, values in (restrict or {}).items():
        if not isinstance(prop, str) or not PROPERTY_NAME.match(prop):
            raise SdxError("restrict: %r is not a RouterOS property name (lower-case letters, digits and dashes)" % (prop,))
        values = values if isinstance(values, list) else [values]
        if not values or any(isinstance(v, (dict, list)) or v is None for v in values):
            raise SdxError("restrict.%s must be a value or a list of values (text, numbers, booleans), got %r" % (prop, values))
        checked[prop] = [to_routeros(v) for v in values]
    return checked


def within_restrict(index, entry, restrict):
    """The entry inside the restrict scope: a property it leaves out takes the only value restrict allows.

    Without that, the entry would be added outside the scope, never be found by the restricted read, and be
    added again on every run.
    """
    for prop, values in restrict.items():
        if prop in entry:
            if not any(equal(prop, v, entry[prop]) for v in values):
                raise SdxError("entries[%d].%s=%s is outside restrict (%s in %s): it would never be managed"
                               % (index, prop, entry[prop], prop, ", ".join(values)))
        elif len(values) == 1:
            entry[prop] = values[0]
        else:
            raise SdxError("entries[%d] sets no %s, and restrict allows several (%s): give the entry one of them, so "
                           "that it falls inside the managed scope" % (index, prop, ", ".join(values)))
    return entry
