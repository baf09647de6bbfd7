# SPDX-License-Identifier: GPL-3.0-or-later
"""The RouterOS API command layer (what SDX's synchronous endpoint forwards), answering in SDX's item shape."""

import ipaddress
import re

from .errors import RouterOSError

VERBS = ('print', 'add', 'set', 'remove', 'enable', 'disable', 'move', 'get', 'unset', 'comment', 'find', 'getall')
_WORD_START = re.compile(r'\s+(?=(=[^=\s]+=|=\.[^=\s]+|\?[#\-<>]?[^\s]*|\.(proplist|tag|query)=))')


def split_words(parameters):
    """API words from a list or from one string: a new word starts at whitespace before '=name=' or '?'."""
    if parameters is None:
        return []
    if isinstance(parameters, (list, tuple)):
        words = []
        for word in parameters:
            if not isinstance(word, str):
                raise RouterOSError('invalid parameter word')
            words.append(word)
        return words
    text = parameters.strip()
    if not text:
        return []
    return _split(text)


def _split(text):
    out = []
    start = 0
    for match in _WORD_START.finditer(text):
        out.append(text[start:match.start()])
        start = match.end()
    out.append(text[start:])
    return [w for w in out if w]


def sdx_key(name):
    return 'id' if name == '.id' else name.replace('-', '_')


def api_value(prop, value):
    if prop is not None and prop.kind == 'bool' and value in ('yes', 'no'):
        return 'true' if value == 'yes' else 'false'
    return value


def prop_name(menu, name):
    """API callers may write SDX's underscores; RouterOS's own name wins when both exist."""
    if name in menu.props or name.startswith('.'):
        return name
    dashed = name.replace('_', '-')
    return dashed if dashed in menu.props else name


def call(router, command, parameters=None):
    words = split_words(parameters)
    if not command.startswith('/'):
        raise RouterOSError('no such command prefix')
    segments = [s for s in command.strip('/').split('/') if s]
    if segments == ['execute']:
        return execute(router, words)
    if segments == ['export']:
        return [{'ret': router.export()}]
    if len(segments) < 2:
        raise RouterOSError('no such command prefix')
    path, verb = '/' + ' '.join(segments[:-1]), segments[-1]
    menu = router.store.menus.get(path)
    if menu is None:
        raise RouterOSError('no such command prefix')
    if verb == 'getall':
        verb = 'print'
    if verb == 'export' and 'export' in menu.commands:
        # /ip/address/export: that menu's part of /export, as text
        attrs = parse_words(menu, words)[0]
        return [{'ret': router.export(path=path, terse='terse' in attrs, hide_sensitive='hide-sensitive' in attrs)}]
    if verb not in menu.commands or verb not in VERBS:
        raise RouterOSError('no such command')
    attrs, queries, proplist = parse_words(menu, words)
    return run(router, menu, verb, attrs, queries, proplist)


def parse_words(menu, words):
    attrs, queries, proplist = {}, [], None
    for word in words:
        if word.startswith('=.proplist=') or word.startswith('.proplist='):
            proplist = [prop_name(menu, p) for p in word.split('=', 2)[-1].split(',') if p]
        elif word.startswith('.tag=') or word.startswith('=.tag='):
            continue
        elif word.startswith('='):
            name, sep, value = word[1:].partition('=')
            if not sep or not name:
                raise RouterOSError('invalid parameter word')
            attrs[prop_name(menu, name)] = value
        elif word.startswith('?'):
            queries.append(word[1:])
        else:
            raise RouterOSError('unknown parameter %s' % word)
    return attrs, queries, proplist


def execute(router, words):
    script = None
    for word in words:
        if word.startswith('=script='):
            script = word[len('=script='):]
    if script is None:
        raise RouterOSError('missing value(s) of argument(s) script')
    result = router.run_script(script)
    if not result.ok:
        raise RouterOSError(result.error)
    return [{'ret': result.output}]


def run(router, menu, verb, attrs, queries, proplist):
    store = router.store
    if verb == 'print':
        for flag in ('detail', 'stats', 'without-paging', 'terse', 'follow-only', 'brief'):
            attrs.pop(flag, None)
        count_only = attrs.pop('count-only', None) is not None
        if attrs:
            raise store.unknown(next(iter(attrs)))
        rows = items_view(router, menu)
        rows = [r for r in rows if query_match(menu, r, queries)]
        if count_only:
            return [{'ret': str(len(rows))}]
        return [shape(menu, r, proplist) for r in rows]
    ident = attrs.pop('.id', None)
    if ident is None:
        ident = attrs.pop('numbers', None)
    if verb == 'add':
        place = attrs.pop('place-before', None)
        before = targets(store, menu, place)[0] if place is not None else None
        check_names(store, menu, attrs)
        return [{'ret': store.add(menu, attrs, place_before=before)}]
    if verb == 'get':
        name = attrs.pop('value-name', None)
        if menu.kind == 'single':
            view = router.readonly_item(menu) if menu.readonly else store.view(menu, store.single(menu))
        else:
            found = targets(store, menu, ident or attrs.pop('number', None))
            view = dict(store.view(menu, found[0]), **{'.id': found[0]['.id']})
        if name is None:
            raise RouterOSError('missing value(s) of argument(s) value-name')
        if name not in view and name not in menu.props:
            raise RouterOSError('input does not match any value of value-name')
        return [{'ret': api_value(menu.props.get(name), view.get(name, ''))}]
    if menu.kind == 'single':
        if verb == 'set':
            check_names(store, menu, attrs)
            store.set(menu, None, attrs)
        elif verb == 'unset':
            store.unset(menu, None, [attrs.get('value-name', '')])
        return []
    if ident is None:
        raise RouterOSError('missing value(s) of argument(s) numbers' if verb != 'set' else 'no such item')
    items = targets(store, menu, ident)
    if verb == 'set':
        check_names(store, menu, attrs)
        for item in items:
            store.set(menu, item, attrs)
    elif verb == 'remove':
        for item in items:
            store.remove(menu, item)
    elif verb in ('enable', 'disable'):
        for item in items:
            store.set(menu, item, {'disabled': 'yes' if verb == 'disable' else 'no'})
    elif verb == 'comment':
        for item in items:
            store.set(menu, item, {'comment': attrs.get('comment', '')})
    elif verb == 'unset':
        for item in items:
            store.unset(menu, item, [attrs.get('value-name', '')])
    elif verb == 'move':
        dest = attrs.get('destination')
        destination = targets(store, menu, dest)[0] if dest else None
        store.move(menu, [i for i in items if i is not destination], destination)
    return []


def check_names(store, menu, attrs):
    for name in attrs:
        if name not in menu.props or menu.props[name].readonly:
            raise store.unknown(name)


def targets(store, menu, ident):
    if ident is None:
        raise RouterOSError('missing value(s) of argument(s) numbers')
    out = []
    for part in [p for p in ident.split(',') if p]:
        found = store.by_id(menu, part) if part.startswith('*') else None
        if found is None and menu.key and not part.startswith('*'):
            found = next((r for r in store.items(menu) if r.get(menu.key) == part), None)
        if found is None:
            raise RouterOSError('no such item')
        out.append(found)
    if not out:
        raise RouterOSError('no such item')
    return out


def items_view(router, menu):
    """Rows as (prop -> RouterOS value) with .id first, in print order."""
    store = router.store
    if menu.kind == 'single':
        if menu.readonly:
            return [dict(router.readonly_item(menu))]
        return [store.view(menu, store.single(menu))]
    rows = []
    for item in store.items(menu):
        row = {'.id': item['.id']}
        row.update(store.view(menu, item))
        rows.append(row)
    return rows


def shape(menu, row, proplist):
    out = {}
    for name, value in row.items():
        if proplist is not None and name not in proplist:
            continue
        out[sdx_key(name)] = api_value(menu.props.get(name), value)
    return out


# ---- query words ------------------------------------------------------------------------------
def query_match(menu, row, queries):
    """The manual's stack machine: each word pushes a result, ?#ops combine them, the rest are ANDed."""
    stack = []
    for word in queries:
        if word.startswith('#'):
            apply_ops(stack, word[1:])
            continue
        if word.startswith('-'):
            stack.append(row.get(prop_name(menu, word[1:])) is None)
            continue
        if word in ('', '-', '<', '>'):
            raise RouterOSError('invalid query word')
        op = '='
        if word[0] in '<>':
            op, word = word[0], word[1:]
        name, sep, wanted = word.partition('=')
        name = prop_name(menu, name)
        have = row.get(name)
        if not sep:
            if op != '=':
                raise RouterOSError('invalid query word')
            stack.append(have is not None)
            continue
        if have is None:
            stack.append(False)
        elif op == '=':
            stack.append(same(menu.props.get(name), have, wanted))
        else:
            stack.append(less(have, wanted) if op == '<' else less(wanted, have))
    return all(stack)


def apply_ops(stack, ops):
    """?#: digits index the stack from the top (0 is the top) and push a copy; '!' negates the top;
    '&' and '|' pop two and push the result; '.' duplicates the top, except right after an index."""
    index = 0
    after_index = False
    while index < len(ops):
        char = ops[index]
        if char.isdigit():
            end = index
            while end < len(ops) and ops[end].isdigit():
                end += 1
            depth = int(ops[index:end])
            if depth >= len(stack):
                raise RouterOSError('invalid query word')
            stack.append(stack[-1 - depth])
            index = end
            after_index = True
            continue
        if char == '!':
            if not stack:
                raise RouterOSError('invalid query word')
            stack.append(not stack.pop())
        elif char == '.':
            if not after_index:
                if not stack:
                    raise RouterOSError('invalid query word')
                stack.append(stack[-1])
        elif char in '|&':
            if len(stack) < 2:
                raise RouterOSError('invalid query word')
            right, left = stack.pop(), stack.pop()
            stack.append((left or right) if char == '|' else (left and right))
        else:
            raise RouterOSError('invalid query word')
        after_index = False
        index += 1


def same(prop, have, wanted):
    if prop is not None and prop.kind == 'bool':
        table = {'yes': 'yes', 'true': 'yes', 'no': 'no', 'false': 'no'}
        return table.get(have, have) == table.get(wanted.lower(), wanted)
    return have == wanted


def _key(text):
    if re.fullmatch(r'-?\d+', text):
        return (0, int(text), '')
    try:
        return (1, int(ipaddress.IPv4Address(text.split('/')[0])), text)
    except ValueError:
        return (2, 0, text)


def less(left, right):
    a, b = _key(left), _key(right)
    if a[0] != b[0]:
        return left < right
    return a[1:] < b[1:]
