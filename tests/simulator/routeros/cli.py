# SPDX-License-Identifier: GPL-3.0-or-later
"""The console interpreter: resolves menu paths and commands, evaluates values, runs commands."""

import copy
import re

from . import actions, ice, system_config
from .datatypes import (NIL, Id, Time, array_items, atom_value, element, equal_value, is_plain, make_array, normal,
                        parse_time, to_address, to_number, to_text, truth)
from .dynamic import DynamicCommands
from .errors import RouterOSError
from .operators import compare_prop, invert, negate, operate
from .parser import Parser, Word
from .schema import menu_tree
from .scope import Scope, Stop

GLOBALS = ('put', 'log', 'delay', 'local', 'global', 'set', 'if', 'foreach', 'for', 'while', 'do', 'error', 'return',
           'nothing', 'onerror', 'retry', 'parse', 'execute', 'resolve', 'rndnum', 'rndstr', 'time', 'timestamp', 'jobname',
           'environment', 'beep') + ice.PURE
UNSUPPORTED = ('terminal', 'grep')
FLOW = ('if', 'foreach', 'for', 'while', 'do', 'onerror', 'retry')
LOG_LEVELS = ('info', 'warning', 'error', 'debug')
GLOBAL_ARITY = {'execute': 2, 'log': 2, 'local': 2, 'global': 2, 'set': 2, 'pick': 3, 'find': 3, 'nothing': 0, 'beep': 2, 'environment': 2,
                'jobname': 0, 'timestamp': 0, 'rndnum': 0, 'rndstr': 0}
PRINT_FLAGS = ('detail', 'terse', 'brief', 'count-only', 'without-paging', 'as-value', 'value-list', 'show-ids')
EXPORT_FLAGS = ('terse', 'verbose', 'compact', 'hide-sensitive', 'show-sensitive')
COMMAND_ARGS = {
    'add': ('place-before', 'copy-from'),
    'set': ('numbers',), 'remove': ('numbers',), 'enable': ('numbers',), 'disable': ('numbers',),
    'move': ('numbers', 'destination'), 'get': ('number', 'value-name'), 'unset': ('numbers', 'value-name'),
    'comment': ('numbers', 'comment'), 'print': ('proplist', 'file', 'interval', 'from'), 'export': ('file',),
    'find': (), 'run': ('number',), 'reset-mac-address': ('numbers',), 'make-static': ('numbers',),
    'info': ('message',), 'warning': ('message',), 'error': ('message',), 'debug': ('message',),
}
FLAG_LETTERS = (('disabled', 'X'), ('invalid', 'I'), ('dynamic', 'D'), ('active', 'A'), ('connect', 'C'),
                ('static', 'S'), ('dhcp', 'd'), ('running', 'R'), ('slave', 'S'), ('builtin', 'B'), ('inactive', 'I'),
                ('default', '*'))


class Interpreter(DynamicCommands):
    """Runs parsed console commands against a router. One instance per script run."""

    def __init__(self, router, parser):
        self.router = router
        self.store = router.store
        self.menus = self.store.menus
        self.tree = _tree(self.store.version)
        self.parser = parser
        self.output = []
        self.numbers = {}
        self.current_line = None
        self.menu_bools = set()
        self.sub_depth = 0  # inside [ ]: a value is wanted, not console output

    # ---- compile: resolve paths and check names before anything runs -------------------------
    def compile(self, commands, cwd):
        for cmd in commands:
            cwd = self.compile_one(cmd, cwd)
        return cwd

    def error_at(self, message, pos):
        return self.parser.error(message, pos)

    def node(self, path):
        node = self.tree
        for seg in path:
            node = node.get(seg, {})
        return node

    def compile_one(self, cmd, cwd):
        words = cmd.words
        if not words:
            cmd.resolved = ('noop',)
            return cwd
        first = words[0]
        if first.kind == 'arg':
            raise self.error_at('bad command name %s' % first.name, first.pos)
        if first.kind != 'bare':
            for word in words:
                if word.kind == 'where' or (word.kind == 'arg' and first.value[0] != 'var'):
                    raise self.error_at('syntax error', word.pos)
            cmd.resolved = ('eval', words)
            self.compile_values(words, cwd)
            return cwd
        text = first.text
        if text.startswith(':'):
            self.compile_global(cmd, text[1:], first.pos, words[1:], cwd)
            return cwd
        path = [] if text.startswith('/') else list(cwd)
        parts = [p for p in text.split('/') if p]
        command = None
        command_pos = first.pos
        rest = list(words[1:])
        for index, part in enumerate(parts):
            if part == '..':
                if path:
                    path.pop()
            elif part in self.node(path):
                path.append(part)
            elif index == len(parts) - 1:
                command = part
            else:
                raise self.error_at('bad command name %s' % part, first.pos)
        while command is None and rest and rest[0].kind == 'bare':
            word = rest[0]
            if word.text == '..':
                if path:
                    path.pop()
            elif word.text in self.node(path):
                path.append(word.text)
            else:
                command = word.text
                command_pos = word.pos
            rest.pop(0)
        if command is None:
            if rest:
                raise self.error_at('syntax error', rest[0].pos)
            cmd.resolved = ('cd', tuple(path))
            return tuple(path)
        command, rest = self.action_word(path, command, command_pos, rest)
        menu_path = '/' + ' '.join(path)
        extra = system_config.COMMANDS.get((menu_path, command))
        if extra is not None:
            self.check_extra(extra, rest)
            self.compile_values(rest, cwd)
            cmd.resolved = ('extra', (menu_path, command), extra, rest)
            return cwd
        if not path and command == 'export':
            for word in rest:
                if word.kind == 'arg' and word.name != 'file' or word.kind not in ('arg', 'bare') or \
                        word.kind == 'bare' and word.text not in EXPORT_FLAGS:
                    raise self.error_at('expected end of command', word.pos)
            cmd.resolved = ('export', rest)
            return cwd
        if tuple(path) == ('system',) and command == 'reset-configuration':
            for word in rest:
                if word.kind != 'arg' or word.name not in ('no-defaults', 'skip-backup', 'keep-users', 'run-after-reset'):
                    raise self.error_at('expected end of command', word.pos)
            self.compile_values(rest, cwd)
            cmd.resolved = ('reset', rest)
            return cwd
        if not path and command in GLOBALS + UNSUPPORTED:
            self.compile_global(cmd, command, command_pos, rest, cwd)
            return cwd
        menu = self.menus.get(menu_path)
        action = actions.lookup(menu_path, command)
        if action is not None and (menu is None or command not in menu.commands):
            self.check_action(action, rest)
            self.compile_values(rest, tuple(path))
            cmd.resolved = ('action', action, rest)
            return cwd
        if menu is None or command not in menu.commands:
            raise self.error_at('bad command name %s' % command, command_pos)
        self.check_args(menu, command, rest)
        # commands nested in the arguments ([find ...]) run in the command's own menu
        self.compile_values(rest, tuple(path))
        cmd.resolved = ('menu', menu, command, rest)
        return cwd

    def check_extra(self, extra, words):
        """Arguments of a command system_config runs (backup, import, reboot)."""
        positional = 0
        for word in words:
            if word.kind == 'arg' and word.name in extra.args or word.kind == 'bare' and word.text in extra.flags:
                continue
            positional += 1
            if word.kind in ('arg', 'where') or positional > extra.positional:
                raise self.error_at('expected end of command', word.pos)

    def check_args(self, menu, command, words):
        allowed = set(COMMAND_ARGS.get(command, ()))
        if command in ('add', 'set'):
            allowed |= {n for n, p in menu.props.items() if not p.readonly}
        elif command == 'find':
            allowed |= set(menu.props) | {'disabled', 'dynamic', 'comment'}
        elif command == 'comment':
            allowed |= {'comment'}
        positional = 0
        for word in words:
            if word.kind == 'arg':
                if word.name not in allowed or (word.op == '~' and command not in ('find', 'print')):
                    raise self.error_at('expected end of command', word.pos)
            elif word.kind == 'where':
                if command not in ('print', 'find', 'export'):
                    raise self.error_at('expected end of command', word.pos)
            elif word.kind == 'bare' and command == 'print' and word.text in PRINT_FLAGS:
                continue
            elif word.kind == 'bare' and command == 'export' and word.text in EXPORT_FLAGS:
                continue
            elif word.kind == 'bare' and command in ('find', 'print') and word.text in menu.props and menu.props[word.text].kind == 'bool':
                continue
            elif word.kind == 'bare' and command in ('add', 'set', 'find', 'print') and word.text in menu.props \
                    and menu.props[word.text].kind == 'bare':
                continue
            else:
                positional += 1
                limit = {'add': 0, 'print': 0, 'export': 0, 'find': 0, 'move': 2, 'get': 2}.get(command, 1)
                if command in ('set', 'unset') and menu.kind == 'single':
                    limit = 0 if command == 'set' else 9
                if command in LOG_LEVELS or command == 'unset':
                    limit = 9
                if positional > limit:
                    raise self.error_at('expected end of command', word.pos)

    def action_word(self, path, command, command_pos, rest):
        """/interface monitor-traffic ether1: a command, though a menu of that name can also be printed."""
        if not path or actions.lookup('/' + ' '.join(path[:-1]), path[-1]) is None:
            return command, rest
        menu = self.menus.get('/' + ' '.join(path))
        if menu is not None and command in menu.commands:
            return command, rest
        return path.pop(), [Word('bare', command_pos, text=command)] + rest

    def check_action(self, action, words):
        positional = 0
        for word in words:
            if word.kind == 'arg' and word.name not in action.args or word.kind == 'where':
                raise self.error_at('expected end of command', word.pos)
            if word.kind in ('bare', 'val') and not (word.kind == 'bare' and word.text in action.flags):
                positional += 1
                if positional > action.positional:
                    raise self.error_at('expected end of command', word.pos)

    def run_action(self, action, words, scope):
        args, positional, flags = self.words_values(words, scope)[:3]
        for word in list(positional):
            if isinstance(word, str) and word in action.flags:
                positional.remove(word)
                flags.add(word)
        args.update({flag: 'yes' for flag in flags})
        body = args.pop('do', None)
        reply = action.handler(self, args, positional)
        if isinstance(body, tuple) and isinstance(reply, dict):
            # monitor ... once do={..}: the reply's fields are the block's variables
            inner = Scope(scope)
            inner.vars.update(reply)
            self.run(body[1], inner)
            return None
        return reply

    def compile_global(self, cmd, name, pos, rest, cwd):
        if name in UNSUPPORTED:
            cmd.resolved = ('unsupported', name)
            return
        if name not in GLOBALS:
            raise self.error_at('bad command name %s' % name, pos)
        if name == 'log':
            if not rest or rest[0].kind != 'bare' or rest[0].text not in LOG_LEVELS:
                raise self.error_at('bad command name %s' % (rest[0].text if rest and rest[0].kind == 'bare' else 'log'), rest[0].pos if rest else pos)
        limit = GLOBAL_ARITY.get(name, 1)
        positional = [w for w in rest if w.kind in ('bare', 'val')]
        if len(positional) > limit:
            raise self.error_at('expected end of command', positional[limit].pos)
        self.compile_values(rest, cwd)
        cmd.resolved = ('global', name, rest)

    def compile_values(self, words, cwd):
        for word in words:
            value = word.value if word.kind in ('arg', 'val') else None
            self.compile_value(value, cwd)
            if word.kind == 'where':
                self.compile_expr(word.value, cwd)

    def compile_value(self, value, cwd):
        if not value:
            return
        kind = value[0]
        if kind in ('sub', 'block'):
            self.compile(value[1], cwd)
        elif kind == 'cat':
            for part in value[1]:
                self.compile_value(part, cwd)
        elif kind == 'expr':
            self.compile_expr(value[1], cwd)
        elif kind == 'array':
            for _key, element in value[1]:
                self.compile_value(element, cwd)

    def compile_expr(self, node, cwd):
        kind = node[0]
        if kind == 'val':
            self.compile_value(node[1], cwd)
        elif kind == 'bin':
            self.compile_expr(node[2], cwd)
            self.compile_expr(node[3], cwd)
        elif kind in ('not', 'neg', 'inv'):
            self.compile_expr(node[1], cwd)
        elif kind == 'array':
            for item in node[1]:
                self.compile_expr(item, cwd)
        elif kind == 'index':
            self.compile_expr(node[1], cwd)
            self.compile_expr(node[2], cwd)

    # ---- run ----------------------------------------------------------------------------------
    def run(self, commands, scope):
        result = None
        for cmd in commands:
            self.current_line = cmd.line
            result = self.run_one(cmd, scope)
        return result

    def run_one(self, cmd, scope):
        resolved = cmd.resolved
        kind = resolved[0]
        if kind in ('noop', 'cd'):
            return None
        if kind == 'eval':
            words = resolved[1]
            if len(words) == 1 and words[0].value[0] == 'block':
                return self.run(words[0].value[1], Scope(scope))
            first = self.value(words[0].value, scope)
            if isinstance(first, tuple) and first and first[0] == 'block':
                # a function kept in a variable: $name arg=value runs it with those locals
                inner = Scope(scope)
                for number, word in enumerate(words[1:], start=1):
                    if word.kind == 'arg':
                        inner.vars[word.name] = self.value(word.value, scope)
                    else:
                        inner.vars[str(number)] = word.text if word.kind == 'bare' else self.value(word.value, scope)
                try:
                    return self.run(first[1], inner)
                except Stop as stop:
                    return stop.value
            result = first  # the first word is evaluated once: a [sub-command] runs once
            for word in words[1:]:
                result = self.value(word.value, scope) if word.kind != 'bare' else word.text
            return result
        if kind == 'unsupported':
            raise RouterOSError('simulator does not support :%s' % resolved[1])
        if kind == 'global':
            return self.run_global(resolved[1], resolved[2], scope)
        if kind == 'export':
            flags = {w.text for w in resolved[1] if w.kind == 'bare'}
            names = [to_text(self.value(w.value, scope)) for w in resolved[1] if w.kind == 'arg' and w.name == 'file']
            self.emit_export(None, flags, names[0] if names else None)
            return None
        if kind == 'action':
            return self.run_action(resolved[1], resolved[2], scope)
        if kind == 'reset':
            args = {w.name: to_text(self.value(w.value, scope)) for w in resolved[1]}
            system_config.reset_configuration(self.router, {k: 'yes' if truth(normal(v)) else v for k, v in args.items()})
            raise Stop()
        if kind == 'extra':
            return self.run_extra(resolved[1], resolved[2], resolved[3], scope)
        return self.run_menu(resolved[1], resolved[2], resolved[3], scope)

    # ---- values -------------------------------------------------------------------------------
    def value(self, node, scope):
        kind = node[0]
        if kind in ('lit', 'str'):
            return node[1]
        if kind == 'cat':
            return ''.join(to_text(self.value(p, scope)) for p in node[1])
        if kind == 'var':
            found = scope.lookup(node[1])
            if found is not None:
                return found.vars[node[1]]
            return self.router.state.setdefault('g', {}).get(node[1], self.router.code_globals.get(node[1]))
        if kind == 'sub':
            self.sub_depth += 1
            try:
                return self.run(node[1], Scope(scope))
            finally:
                self.sub_depth -= 1
        if kind == 'expr':
            return self.expr(node[1], scope, None)
        if kind == 'block':
            return node
        if kind == 'array':
            # an unquoted element is typed as any literal is ({1;2} holds numbers)
            return make_array([(key, atom_value(value[1]) if value[0] == 'lit' else self.value(value, scope))
                               for key, value in node[1]])
        raise AssertionError(kind)

    def expr(self, node, scope, item):
        kind = node[0]
        if kind == 'atom':
            if item is not None:
                return item_truth(item, node[1])
            return atom_value(node[1])
        if kind == 'val':
            return self.value(node[1], scope)
        if kind == 'array':
            # (a, b): a new array; arrays among the parts are spread into it
            out = []
            for part in (self.expr(n, scope, item) for n in node[1]):
                out.extend(part if isinstance(part, list) else list(part.values()) if isinstance(part, dict) else [part])
            return out
        if kind == 'index':
            return element(self.expr(node[1], scope, item), self.expr(node[2], scope, item))
        if kind == 'not':
            return not truth(self.expr(node[1], scope, item))
        if kind == 'neg':
            return negate(self.expr(node[1], scope, item))
        if kind == 'inv':
            return invert(self.expr(node[1], scope, item))
        op, left, right = node[1], node[2], node[3]
        if op == '&&':
            return truth(self.expr(left, scope, item)) and truth(self.expr(right, scope, item))
        if op == '||':
            return truth(self.expr(left, scope, item)) or truth(self.expr(right, scope, item))
        if item is not None and left[0] == 'atom':
            prop = left[1]
            lvalue = item[1].get(prop)
            rvalue = self.expr(right, scope, None) if right[0] != 'atom' else right[1]
            return compare_prop(op, lvalue, rvalue)
        lvalue = self.expr(left, scope, None)
        rvalue = self.expr(right, scope, None)
        return operate(op, lvalue, rvalue)

    def words_values(self, words, scope, typed_bare=False):
        """Named args as text, positional values, bare flags and the where clause of a command."""
        args, positional, flags, where = {}, [], set(), None
        for word in words:
            if word.kind == 'arg' and word.op == '~':
                args[word.name + '~'] = self.value(word.value, scope)
            elif word.kind == 'arg':
                args[word.name] = self.value(word.value, scope)
            elif word.kind == 'where':
                where = word.value
            elif word.kind == 'bare' and word.text in PRINT_FLAGS + EXPORT_FLAGS:
                flags.add(word.text)
            elif word.kind == 'bare' and word.text in self.menu_bools:
                args[word.text] = 'yes'
            elif word.kind == 'bare':
                positional.append(atom_value(word.text) if typed_bare else word.text)
            else:
                positional.append(self.value(word.value, scope))
        return args, positional, flags, where

    # ---- global commands ----------------------------------------------------------------------
    def run_global(self, name, words, scope):
        if name in FLOW:
            return self.run_flow(name, words, scope)
        if name in ('time', 'execute', 'parse') and words and words[0].kind == 'val' and words[0].value[0] == 'block':
            return self.run_code_command(name, words, scope)
        args, positional = self.words_values(words, scope, typed_bare=True)[:2]
        if name in ('local', 'global', 'set'):
            return self.run_variable(name, words, args, positional, scope)
        if name == 'put':
            self.output.append(to_text(positional[0]) if positional else to_text(args.get('message', '')))
            return None
        if name == 'log':
            message = to_text(positional[1]) if len(positional) > 1 else to_text(args.get('message', ''))
            self.router.log('script,' + positional[0], message)
            return None
        if name == 'delay':
            if positional and not isinstance(positional[0], (Time, int)) and ice.totime(positional[0]) is NIL:
                raise RouterOSError('invalid value for argument delay-time')
            return None
        if name == 'error':
            raise RouterOSError(to_text(positional[0]) if positional else to_text(args.get('message', '')))
        if name == 'return':
            raise Stop(positional[0] if positional else None)
        if name in ice.PURE:
            return ice.call(name, positional, args)
        return self.run_dynamic(name, positional, args, scope)

    def run_variable(self, name, words, args, positional, scope):
        """:local :global :set, and :set ($a->k) v on one element."""
        if name == 'set' and words and words[0].kind == 'val' and words[0].value[0] == 'expr' \
                and words[0].value[1][0] == 'index':
            self.assign(words[0].value[1], positional[1] if len(positional) > 1 else args.get('value'), scope)
            return None
        if not positional:
            raise RouterOSError('missing value(s) of argument(s) name')
        var = to_text(positional[0])
        if name == 'set' and words and words[0].kind == 'val' and words[0].value[0] == 'var':
            var = words[0].value[1]  # :set $name value names the variable, as :set name value does
        value = positional[1] if len(positional) > 1 else args.get('value', args.get('do'))
        known = var in self.router.state.setdefault('g', {}) or var in self.router.code_globals
        if name == 'local':
            scope.vars[var] = value
        elif name == 'global':
            if len(positional) > 1 or 'value' in args or 'do' in args or not known:
                self.set_global(var, value)
        else:
            found = scope.lookup(var)
            if found is not None:
                found.vars[var] = value
            elif known:
                self.set_global(var, value)
            else:
                scope.vars[var] = value
        return None

    def assign(self, node, value, scope):
        """:set ($a->"k"->0) v: change one element, making the arrays on the way as needed."""
        base, key = node[1], self.expr(node[2], scope, None)
        if base[0] == 'index':
            container = self.expr(base, scope, None)
        else:
            container = self.expr(base, scope, None)
        container = container if isinstance(container, (list, dict)) else {}
        if isinstance(container, list):
            if isinstance(key, int) and 0 <= key < len(container):
                container = list(container)
                container[key] = value
            elif isinstance(key, int) and key == len(container):
                container = container + [value]
            else:
                container = dict(enumerate(container))
                container[key] = value
        else:
            container = dict(container)
            container[key] = value
        if base[0] == 'index':
            self.assign(base, container, scope)
            return
        name = base[1][1] if base[0] == 'val' and base[1][0] == 'var' else None
        if name is None:
            raise RouterOSError('syntax error')
        found = scope.lookup(name)
        if found is not None:
            found.vars[name] = container
        elif name in self.router.state.setdefault('g', {}) or name in self.router.code_globals:
            self.set_global(name, container)
        else:
            scope.vars[name] = container

    def set_global(self, name, value):
        """Globals outlive the script (they are kept in the router's state); code blocks cannot be
        serialised, so those stay in memory only, as if the router had rebooted since."""
        store = self.router.state.setdefault('g', {})
        if is_plain(value):
            store[name] = value
            self.router.code_globals.pop(name, None)
        else:
            store.pop(name, None)
            self.router.code_globals[name] = value

    def run_do(self, words, scope):
        """:do {..} on-error={..} catches a failure; :do {..} while=(..) loops at least once."""
        body = next((w.value for w in words if w.kind == 'val' and w.value[0] == 'block'), None)
        if body is None:
            body = next((w.value for w in words if w.kind == 'arg' and w.name == 'do'), ('block', []))
        handler = next((w.value for w in words if w.kind == 'arg' and w.name == 'on-error'), None)
        until = next((w.value for w in words if w.kind == 'arg' and w.name == 'while'), None)
        rounds = 0
        while True:
            try:
                self.run(body[1], Scope(scope))
            except RouterOSError:
                if handler is None:
                    raise
                return self.run(handler[1], Scope(scope)) if handler[0] == 'block' else None
            rounds += 1
            if until is None or not truth(self.value(until, scope)):
                return None
            if rounds >= 10000:
                raise RouterOSError('simulator stopped a loop after 10000 rounds')

    def run_flow(self, name, words, scope):
        if name == 'do':
            return self.run_do(words, scope)
        if name == 'onerror':
            return self.run_onerror(words, scope)
        if name == 'retry':
            return self.run_retry(words, scope)
        blocks = {w.name: w.value for w in words if w.kind == 'arg' and w.value[0] == 'block'}
        other = {w.name: w for w in words if w.kind == 'arg' and w.value[0] != 'block'}
        positional = [w for w in words if w.kind in ('val', 'bare')]
        if 'do' not in blocks:
            raise RouterOSError('missing value(s) of argument(s) do')
        body = blocks['do'][1]
        if name == 'if':
            cond = self.value(positional[0].value, scope) if positional and positional[0].kind == 'val' else None
            if truth(cond):
                return self.run(body, Scope(scope))
            if 'else' in blocks:
                return self.run(blocks['else'][1], Scope(scope))
            return None
        if name == 'while':
            cond = positional[0].value if positional else ('lit', '')
            count = 0
            while truth(self.value(cond, scope)):
                count += 1
                if count > 10000:
                    raise RouterOSError('simulator stopped a loop after 10000 rounds')
                self.run(body, Scope(scope))
            return None
        var = positional[0].text if positional and positional[0].kind == 'bare' else 'i'
        if name == 'foreach':
            values = self.value(other['in'].value, scope) if 'in' in other else []
            if isinstance(values, dict):
                pairs = list(array_items(values))
            else:
                if not isinstance(values, list):
                    values = [] if values in (None, '') else [values]
                pairs = list(enumerate(values))
            key_var, value_var = (var.split(',', 1) + [''])[:2]
            for key, value in pairs:
                inner = Scope(scope)
                if value_var:
                    inner.vars[key_var] = key
                    inner.vars[value_var] = value
                else:
                    inner.vars[key_var] = value
                self.run(body, inner)
            return None
        start = to_number(self.value(other['from'].value, scope)) if 'from' in other else 0
        stop = to_number(self.value(other['to'].value, scope)) if 'to' in other else 0
        step = to_number(self.value(other['step'].value, scope)) if 'step' in other else (1 if stop >= start else -1)
        if step == 0:
            raise RouterOSError('invalid value for argument step')
        number = start
        rounds = 0
        while (step > 0 and number <= stop) or (step < 0 and number >= stop):
            rounds += 1
            if rounds > 10000:
                raise RouterOSError('simulator stopped a loop after 10000 rounds')
            inner = Scope(scope)
            inner.vars[var] = number
            self.run(body, inner)
            number += step
        return None

    # ---- menu commands ------------------------------------------------------------------------
    def run_menu(self, menu, command, words, scope):
        store = self.store
        self.menu_bools = {n for n, p in menu.props.items() if p.kind == 'bare' or p.kind == 'bool' and command in ('find', 'print')}
        args, positional, flags, where = self.words_values(words, scope)
        if command in LOG_LEVELS and menu.path == '/log':
            message = to_text(positional[0]) if positional else to_text(args.get('message', ''))
            self.router.log('script,' + command, message)
            return None
        if command == 'add':
            place = args.pop('place-before', None)
            copy = args.pop('copy-from', None)
            values = {}
            if copy is not None:
                source = self.items_of(menu, copy)
                if source:
                    values = {k: v for k, v in source[0].items() if not k.startswith('.') and not menu.props[k].readonly}
            values.update({k: to_text(v) for k, v in args.items()})
            before = None
            if place is not None:
                targets = self.items_of(menu, place)
                before = targets[0] if targets else None
            return store.add(menu, values, place_before=before)
        if command == 'find':
            return [Id(item['.id']) for item in self.select(menu, args, where, scope)]
        if command == 'print':
            return self.print_items(menu, args, flags, where, scope)
        if command == 'export':
            self.emit_export(menu.path, flags, to_text(args['file']) if 'file' in args else None)
            return None
        if command == 'get':
            return self.get(menu, args, positional)
        if menu.kind == 'single':
            if command == 'set':
                store.set(menu, None, {k: to_text(v) for k, v in args.items()})
            elif command in ('unset', 'reset'):
                store.unset(menu, None, [to_text(p) for p in positional] + ([args['value-name']] if 'value-name' in args else []))
            return None
        targets = self.items_of(menu, positional[0] if positional else args.get('numbers'), required=command != 'run')
        if command == 'set':
            for item in targets:
                store.set(menu, item, {k: to_text(v) for k, v in args.items() if k != 'numbers'})
        elif command == 'remove':
            for item in targets:
                store.remove(menu, item)
        elif command in ('enable', 'disable'):
            for item in targets:
                store.set(menu, item, {'disabled': 'yes' if command == 'disable' else 'no'})
        elif command == 'comment':
            for item in targets:
                store.set(menu, item, {'comment': to_text(args.get('comment', ''))})
        elif command == 'unset':
            names = [to_text(p) for p in positional[1:]] + ([args['value-name']] if 'value-name' in args else [])
            for item in targets:
                store.unset(menu, item, names)
        elif command == 'move':
            dest_value = positional[1] if len(positional) > 1 else args.get('destination')
            dest = self.items_of(menu, dest_value)[0] if dest_value not in (None, '') else None
            store.move(menu, [t for t in targets if t is not dest], dest)
        elif command == 'reset-mac-address':
            for item in targets:
                item.pop('mac-address', None)
        elif command == 'make-static':
            for item in targets:
                item.pop('.dynamic', None)
        elif command == 'run':
            jobs = self.router.__dict__.setdefault('_jobs', [])
            for item in targets:
                jobs.append(item.get('name', ''))  # what :jobname answers inside the script
                try:
                    self.output.extend(self.router.run_nested(item.get('source', '')))
                finally:
                    jobs.pop()
        return None

    def run_extra(self, key, extra, words, scope):
        args = {w.name: to_text(self.value(w.value, scope)) for w in words if w.kind == 'arg'}
        bare = [w.text for w in words if w.kind == 'bare']
        flags = {text for text in bare if text in extra.flags}
        positional = [text for text in bare if text not in flags]
        positional += [to_text(self.value(w.value, scope)) for w in words if w.kind == 'val']
        self.output.extend(extra.run(self.router, args, flags, positional) or [])
        if key in system_config.STOPS:
            raise Stop()
        return None

    def emit_export(self, path, flags, file_name):
        """Print the export, or with file= write it to a script file."""
        text = self.export_text(path, flags)
        if file_name:
            system_config.export_to_file(self.router, file_name, text)
        else:
            self.output.append(text)

    def export_text(self, path, flags):
        """7.x hides sensitive values unless asked (show-sensitive); 6.x shows them unless asked."""
        if self.store.major >= 7:
            hide = 'show-sensitive' not in flags
        else:
            hide = 'hide-sensitive' in flags
        return self.router.export(path, terse='terse' in flags, hide_sensitive=hide, compact='verbose' not in flags).rstrip('\n')

    def items_of(self, menu, ref, required=True):
        """Items named by a reference: ids, print numbers, names, comma lists or [find] arrays."""
        if ref is None:
            if required:
                raise RouterOSError('missing value(s) of argument(s) numbers')
            return []
        parts = ref if isinstance(ref, list) else [p for p in to_text(ref).split(',') if p != '']
        if not isinstance(ref, list) and to_text(ref) == '':
            raise RouterOSError('no such item')
        rows = self.store.items(menu)
        out = []
        for part in parts:
            part = to_text(part)
            found = None
            if part.startswith('*'):
                found = self.store.by_id(menu, part)
            elif part.isdigit():
                numbers = self.numbers.get(menu.path) or [r['.id'] for r in rows]
                index = int(part)
                if index < len(numbers):
                    found = self.store.by_id(menu, numbers[index])
            elif menu.key:
                found = next((r for r in rows if r.get(menu.key) == part), None)
            if found is None:
                raise RouterOSError('no such item')
            if found not in out:
                out.append(found)
        return out

    def select(self, menu, args, where, scope):
        rows = self.store.items(menu)
        out = []
        for row in rows:
            view = self.store.view(menu, row)
            view['.id'] = row['.id']
            ok = True
            for key, wanted in args.items():
                if key in ('proplist', 'file', 'interval', 'from'):
                    continue
                if key.endswith('~'):
                    matched = compare_prop('~', view.get(key[:-1]), wanted)
                else:
                    matched = equal_value(view.get(key), to_text(wanted))
                if not matched:
                    ok = False
                    break
            if ok and where is not None:
                ok = truth(self.expr(where, scope, (row, view)))
            if ok:
                out.append(row)
        return out

    def get(self, menu, args, positional):
        if menu.kind == 'single':
            name = to_text(positional[0]) if positional else args.get('value-name')
            item = self.store.single(menu) if not menu.readonly else self.router.readonly_item(menu)
            if name is None:
                return self.store.view(menu, item) if not menu.readonly else dict(item)
            view = self.store.view(menu, item) if not menu.readonly else item
            if name not in view and name not in menu.props:
                raise RouterOSError('input does not match any value of value-name')
            return typed(menu.props.get(name), view.get(name), name)
        ref = positional[0] if positional else args.get('number')
        name = to_text(positional[1]) if len(positional) > 1 else args.get('value-name')
        items = self.items_of(menu, ref)
        if len(items) != 1:
            raise RouterOSError('no such item' if not items else 'invalid internal item number')
        view = self.store.view(menu, items[0])
        view['.id'] = items[0]['.id']
        if name is None:
            return view
        if name not in view and name not in menu.props:
            raise RouterOSError('input does not match any value of value-name')
        return typed(menu.props.get(name), view.get(name), name)

    def print_items(self, menu, args, flags, where, scope):
        if menu.kind == 'single':
            item = self.router.readonly_item(menu) if menu.readonly else self.store.view(menu, self.store.single(menu))
            if 'as-value' in flags:
                return dict(item)
            width = max((len(k) for k in item), default=0)
            for key, value in item.items():
                self.output.append('%s: %s' % (key.rjust(width + 2), value))
            return None
        rows = self.select(menu, args, where, scope)
        self.numbers[menu.path] = [r['.id'] for r in rows]
        if 'count-only' in flags:
            if not self.sub_depth:
                self.output.append(str(len(rows)))
            return len(rows)
        proplist = [p for p in to_text(args.get('proplist', '')).split(',') if p]
        views = []
        for row in rows:
            view = self.store.view(menu, row)
            views.append({k: v for k, v in view.items() if not proplist or k in proplist})
        if 'as-value' in flags:
            return [dict({'.id': r['.id']}, **v) for r, v in zip(rows, views)]
        letters = [(n, letter) for n, letter in FLAG_LETTERS if n in menu.props and menu.props[n].flag or n == 'disabled' and n in menu.props]
        if letters and self.store.major >= 7:
            self.output.append('Flags: ' + '; '.join('%s - %s' % (letter, n.upper()) for n, letter in letters))
        elif letters:
            self.output.append('Flags: ' + ', '.join('%s - %s' % (letter, n) for n, letter in letters))
        for number, (row, view) in enumerate(zip(rows, views)):
            marks = ''.join(letter for n, letter in letters if self.store.value(menu, row, n) == 'yes')
            head = '%2d %-*s ' % (number, len(letters), marks)
            comment = view.pop('comment', None)
            if comment:
                self.output.append('%s;;; %s' % (head, comment))
                head = ' ' * len(head)
            body = ' '.join('%s=%s' % (k, quote_print(v)) for k, v in view.items()
                            if k not in dict(letters) and not (menu.props.get(k) and menu.props[k].flag))
            self.output.append(head + body)
        return None


# ---- value helpers --------------------------------------------------------------------------
TIME_VALUES = ('uptime', 'time', 'interval', 'last-started', 'last-link-up-time', 'last-link-down-time')


def typed(prop, text, name=None):
    """What get hands to a script: RouterOS types (bool, num, time, ip, id, array) rather than display text."""
    if text is None:
        return text
    if name == '.id':
        return Id(text)
    if (prop is None or prop.kind in ('time', 'str')) and name in TIME_VALUES or prop is not None and prop.kind == 'time':
        ns = parse_time(text)
        return text if ns is None else Time(ns)
    if prop is None:
        return text
    if prop.kind == 'str' and name in ('mtu', 'l2mtu', 'actual-mtu') and text.isdigit():
        return int(text)  # a number, though 'auto' is also allowed
    if prop.kind == 'ip':
        return to_address(text) or text
    if prop.kind == 'bool' and text in ('yes', 'no'):
        return text == 'yes'
    if prop.kind == 'int' and re.fullmatch(r'-?\d+', text):
        return int(text)
    if prop.kind in ('ips', 'enums') or prop.multi:
        return [p for p in text.split(',') if p]
    return text


def quote_print(value):
    return '"%s"' % value if value == '' or ' ' in value else value


def item_truth(item, name):
    return truth(item[1].get(name))


def run_script(router, text, nested=False):
    """Parse all, check all, then run; returns (output lines) or raises RouterOSError with .line."""
    parser = Parser(text)
    commands = parser.parse_script()
    interp = Interpreter(router, parser)
    interp.compile(commands, ())
    del nested
    try:
        interp.run(commands, Scope())
    except Stop:
        pass
    except RouterOSError as err:
        err.output = interp.output
        if err.line is None:
            err.line = interp.current_line
        raise
    return interp.output


_TREES = {}


def _tree(version):
    """The menu tree, with the levels that only hold actions (/system backup, /tool fetch)."""
    if version not in _TREES:
        _TREES[version] = actions.extend_tree(copy.deepcopy(menu_tree(version)))
    return _TREES[version]
