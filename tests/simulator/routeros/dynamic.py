# SPDX-License-Identifier: GPL-3.0-or-later
"""The ':' commands that depend on the router or run code: :onerror :retry :parse :execute :time :timestamp
:resolve :rndnum :rndstr :jobname :environment :beep. Everything answers deterministically: random numbers
follow the router's serial and seed, names resolve from /ip dns static or to a fixed address of the name."""

import hashlib
import random

from .datatypes import IP, IP6, Id, Time, to_address, to_number, to_text, typeof
from .errors import RouterOSError
from .parser import Parser
from .scope import Scope, Stop

RNDSTR_DEFAULT = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'


class DynamicCommands:
    """Mixed into the interpreter (uses self.router, self.run, self.value, self.output, Scope, Stop)."""

    def run_dynamic(self, name, positional, args, scope):
        del scope
        if name == 'nothing':
            return None
        if name == 'beep':
            return None
        if name == 'rndnum':
            low, high = to_number(args.get('from', 0)), to_number(args.get('to', 4294967295))
            if low > high:
                raise RouterOSError('invalid value for argument to')
            return self.random().randint(low, high)
        if name == 'rndstr':
            length = to_number(args.get('length', 16))
            alphabet = to_text(args.get('from', RNDSTR_DEFAULT)) or RNDSTR_DEFAULT
            rng = self.random()
            return ''.join(rng.choice(alphabet) for _index in range(max(length, 0)))
        if name == 'timestamp':
            return Time(int(self.router.now()) * 10 ** 9)
        if name == 'jobname':
            jobs = self.router.__dict__.get('_jobs') or []
            return jobs[-1] if jobs else ''
        if name == 'environment':
            return self.environment(positional)
        if name == 'resolve':
            return self.resolve(positional[0] if positional else args.get('domain-name'), to_text(args.get('type', 'ipv4')))
        if name == 'parse':
            return self.parse_code(to_text(positional[0] if positional else args.get('value', '')))
        if name in ('execute', 'time'):
            if 'as-string' in positional:
                positional = [p for p in positional if p != 'as-string']
                args = dict(args, **{'as-string': 'yes'})
            code = positional[0] if positional else args.get('script')
            return self.execute(code, args, name)
        raise AssertionError(name)

    def random(self):
        """A generator that moves on with every call and stays the same for the same router and history."""
        counter = self.router.state.get('rnd', 0) + 1
        self.router.state['rnd'] = counter
        return random.Random('%s:%s:%d' % (self.router.serial, self.router.state.get('seed', 0), counter))

    def environment(self, positional):
        if positional and to_text(positional[0]) != 'print':
            raise RouterOSError('bad command name %s' % to_text(positional[0]))
        names = dict(self.router.state.get('g', {}))
        names.update(self.router.code_globals)
        for number, (key, value) in enumerate(sorted(names.items())):
            self.output.append('%2d %s=%s (%s)' % (number, key, to_text(value), typeof(value)))
        return None

    def resolve(self, name, kind):
        """/ip dns static answers first; an address resolves to itself; *.invalid does not exist; any other
        name resolves to a fixed address made from it (198.18.0.0/15, the benchmarking range)."""
        text = to_text(name).strip().rstrip('.')
        if not text:
            raise RouterOSError('missing value(s) of argument(s) domain-name')
        if kind not in ('ipv4', 'ipv6'):
            raise RouterOSError('input does not match any value of type')
        statics = self.store.menus.get('/ip dns static')
        if statics is not None:
            for row in self.store.items(statics):
                if row.get('disabled') != 'yes' and row.get('name', '').lower() == text.lower() and row.get('address'):
                    address = row['address']
                    if (':' in address) == (kind == 'ipv6'):
                        return IP6(address) if kind == 'ipv6' else IP(address)
        literal = to_address(text)
        if isinstance(literal, (IP, IP6)):
            return literal
        if text.endswith('.invalid') or text == 'invalid':
            raise RouterOSError('failure: dns name does not exist')
        digest = int(hashlib.sha256(text.lower().encode()).hexdigest(), 16)
        if kind == 'ipv6':
            return IP6('2001:db8::%x:%x' % ((digest >> 16) & 0xFFFF, digest & 0xFFFF))
        return IP.of((198 << 24) + (18 << 16) + (digest & 0x1FFFF))

    def parse_code(self, text):
        """:parse: code from text, checked now (a mistake fails here, placed in that text)."""
        parser = Parser(text)
        commands = parser.parse_script()
        saved = self.parser
        self.parser = parser
        try:
            self.compile(commands, ())
        finally:
            self.parser = saved
        return ('block', commands, text)

    def execute(self, code, args, name):
        """:execute runs the script as a job would (its failure stays in the job, only as-string gives its
        output back); :time runs it and answers how long it took, which here is no time at all."""
        if not isinstance(code, tuple):
            code = self.parse_code(to_text(code))
        mark = len(self.output)
        try:
            self.run(code[1], Scope())
        except Stop:
            pass
        except RouterOSError:
            if name == 'time':
                raise
        if name == 'time':
            return Time(0)
        produced = self.output[mark:]
        del self.output[mark:]  # a job's output is its own, not the console's
        if 'as-string' in args:
            return '\n'.join(produced)
        counter = self.router.state.get('jobn', 0) + 1
        self.router.state['jobn'] = counter
        return Id('*%X' % counter)

    def run_code_command(self, name, words, scope):
        """:time {code} and :execute {code}: code given as a block rather than text."""
        args = {w.name: self.value(w.value, scope) for w in words if w.kind == 'arg'}
        args.update({w.text: 'yes' for w in words if w.kind == 'bare'})
        return self.execute(words[0].value, args, name)

    def run_onerror(self, words, scope):
        """:onerror e in={..} do={..}: do runs when in fails, with the error's text in e; true when it failed."""
        var = next((w.text for w in words if w.kind == 'bare'), None)
        body = next((w.value for w in words if w.kind == 'arg' and w.name == 'in'), None)
        handler = next((w.value for w in words if w.kind == 'arg' and w.name == 'do'), None)
        if body is None or body[0] != 'block':
            raise RouterOSError('missing value(s) of argument(s) in')
        try:
            self.run(body[1], Scope(scope))
        except RouterOSError as err:
            inner = Scope(scope)
            if var:
                inner.vars[var] = err.message
            if handler is not None and handler[0] == 'block':
                self.run(handler[1], inner)
            return True
        return False

    def run_retry(self, words, scope):
        """:retry command={..} delay=1 max=3 on-error={..}: the command again until it succeeds or max runs."""
        blocks = {w.name: w.value for w in words if w.kind == 'arg' and w.value[0] == 'block'}
        other = {w.name: self.value(w.value, scope) for w in words if w.kind == 'arg' and w.value[0] != 'block'}
        if 'command' not in blocks:
            raise RouterOSError('missing value(s) of argument(s) command')
        attempts = to_number(other.get('max', 1))
        if not 1 <= attempts <= 255:
            raise RouterOSError('value of max out of range (1..255)')
        failure = None
        for _attempt in range(attempts):
            try:
                return self.run(blocks['command'][1], Scope(scope))
            except RouterOSError as err:
                failure = err
        if 'on-error' in blocks:
            return self.run(blocks['on-error'][1], Scope(scope))
        raise failure
