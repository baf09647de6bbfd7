# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""Task arguments checked the way a user can act on, before any request.

ansible-core's ArgumentSpecValidator applies the spec (types, choices, required_if...); this adds what a
spec cannot say, and says unsupported names the way a user can fix them.
"""

from __future__ import annotations

import difflib

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import MutuallyExclusiveError, RequiredError, RequiredIfError, UnsupportedError

from ansible_collections.altostrat.sdx.plugins.module_utils.framework.options import WAIT_NUMBERS
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import SdxError


def validate(module_def, args):
    """(parameters, errors, secrets): the task's arguments under the module's spec and rules.

    `secrets` are the values of no_log options, to mask in anything shown; the module's specs use no
    aliases and no deprecations, so the validator has no warnings to relay.
    """
    validated = ArgumentSpecValidator(module_def.argument_spec, **module_def.constraints()).validate(args)
    reworded = (UnsupportedError, RequiredIfError, MutuallyExclusiveError)
    items = required_item_messages(module_def.argument_spec, args)
    errors = [e.msg for e in validated.errors if not isinstance(e, reworded)
              and not (items and isinstance(e, RequiredError) and " found in " in e.msg)] + items
    if any(isinstance(e, RequiredIfError) for e in validated.errors):
        errors.extend(required_if_messages(module_def.required_if, validated.validated_parameters))
    if any(isinstance(e, MutuallyExclusiveError) for e in validated.errors):
        errors.extend(mutually_exclusive_messages(module_def.mutually_exclusive, args)
                      or [e.msg for e in validated.errors if isinstance(e, MutuallyExclusiveError)])
    if validated.unsupported_parameters:
        errors.insert(0, unsupported_message(validated.unsupported_parameters, module_def.argument_spec))
    if not errors:
        try:
            check_argument_shapes(module_def.argument_spec, args)
            check_wait_numbers(validated.validated_parameters)
        except SdxError as exc:
            errors.append(exc.msg)
    params = validated.validated_parameters
    return params, errors, no_log_values(module_def.argument_spec, args) | no_log_values(module_def.argument_spec, params)


def required_item_messages(argument_spec, args):
    """`menus[1] needs path`: a list item that lacks a required sub-option, named by its place in the list."""
    messages = []
    for name, spec in argument_spec.items():
        value = args.get(name)
        if spec.get("type") != "list" or not spec.get("options") or not isinstance(value, list):
            continue
        required = [option for option, sub in spec["options"].items() if sub.get("required")]
        for index, item in enumerate(value):
            missing = [option for option in required if isinstance(item, dict) and item.get(option) is None]
            if missing:
                messages.append("%s[%d] needs %s" % (name, index, " and ".join(missing)))
    return messages


def required_if_messages(rules, params):
    """`operation=fetch needs dest`: a required_if rule that does not hold, said as the fix."""
    messages = []
    for rule in rules:
        option, value, needed = rule[:3]
        any_of = len(rule) > 3 and rule[3]
        if params.get(option) != value:
            continue
        missing = [name for name in needed if params.get(name) is None]
        if missing and (not any_of or len(missing) == len(needed)):
            when = option if value is True else "%s=%s" % (option, value)
            messages.append("%s needs %s" % (when, (" or " if any_of else " and ").join(missing)))
    return messages


def mutually_exclusive_messages(rules, args):
    """`site_id and site_ids are mutually exclusive: give one of site_id, site_ids, fleet`."""
    messages = []
    for rule in rules:
        given = [name for name in rule if args.get(name) is not None]
        if len(given) > 1:
            messages.append("%s are mutually exclusive: give one of %s"
                            % (" and ".join(given), ", ".join(rule)))
    return messages


def no_log_values(argument_spec, params):
    """The values of no_log options (the API token, a notify_url), as text, wherever they came from."""
    return set(str(params[name]) for name, spec in argument_spec.items()
               if spec.get("no_log") and params.get(name) not in (None, ""))


def plain(value):
    """Task arguments as plain Python values (ansible-core tags its strings; messages should not name those types)."""
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dict):
        return dict((plain(k), plain(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def check_argument_shapes(argument_spec, args):
    """Refuse what ansible-core would quietly turn into text: a list or dict given for a text option.

    Its str type makes `description: [a, b]` the text "['a', 'b']", which would be queued as it is.
    """
    for name, value in args.items():
        spec = argument_spec.get(name) or {}
        kind, elements = spec.get("type", "str"), spec.get("elements")
        if kind == "str" and isinstance(value, (dict, list)):
            raise SdxError("%s must be text, not a %s (got %r)" % (name, _shape_name(value), value))
        if kind == "list" and elements == "str" and isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, (dict, list)):
                    raise SdxError("%s[%d] must be text, not a %s (got %r)" % (name, index, _shape_name(item), item))


def _shape_name(value):
    return "list" if isinstance(value, list) else "dict"


def unsupported_message(names, argument_spec):
    """`unsupported parameter make_bakup (did you mean make_backup?)`, the way a user can act on."""
    shown, scopes = [], {}
    for name in sorted(tuple(n) if isinstance(n, (tuple, list)) else (n,) for n in names):
        spec = argument_spec
        for parent in name[:-1]:  # a sub-option (menus.bogus): its siblings are the candidates
            spec = (spec.get(parent) or {}).get("options") or {}
        scopes[".".join(name[:-1])] = spec
        close = difflib.get_close_matches(name[-1], list(spec), n=1)
        shown.append("%s (did you mean %s?)" % (".".join(name), close[0]) if close else ".".join(name))
    supported = "; ".join("supported parameters%s are %s" % (" of %s" % scope if scope else "", ", ".join(sorted(spec)))
                          for scope, spec in sorted(scopes.items()))
    return "unsupported parameter%s %s; %s" % ("s" if len(shown) > 1 else "", ", ".join(shown), supported)


def check_wait_numbers(params):
    """wait_timeout and poll_interval, wherever a module waits: positive numbers of seconds."""
    for name in WAIT_NUMBERS:
        if params.get(name) is not None and params[name] <= 0:
            raise SdxError("%s must be a positive number of seconds (got %s)" % (name, params[name]))
