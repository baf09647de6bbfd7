# SPDX-License-Identifier: GPL-3.0-or-later
"""/export: the configuration as a script, in RouterOS's layout (sections, 80-column continuation lines)."""

import time

from .errors import RouterOSError
from .quoting import escape, quote
from .catalogue import export_order

WIDTH = 79      # a command's last line ends by this column
KEY_WIDTH = 77  # "key=\\" may end a line only if the key ends by this column
MORE_WIDTH = 78  # a parameter followed by others must leave room for " \\" within 80 columns
MONTHS = ('jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec')


def header(router, now):
    """The comment block RouterOS writes first; its date format changed in 7.10."""
    stamp = time.gmtime(now)
    if version_tuple(router.version) >= (7, 10):
        date = time.strftime('%Y-%m-%d %H:%M:%S', stamp)
    else:
        date = '%s/%02d/%04d %s' % (MONTHS[stamp.tm_mon - 1], stamp.tm_mday, stamp.tm_year, time.strftime('%H:%M:%S', stamp))
    lines = ['# %s by RouterOS %s' % (date, router.version)]
    if router.model == 'CHR':
        if router.major >= 7:
            lines.append('# system id = %s' % router.state.get('system-id', ''))
    else:
        lines += ['# software id = %s' % router.state.get('software-id', ''), '#',
                  '# model = %s' % router.model, '# serial number = %s' % router.serial]
    return lines


def version_tuple(version):
    return tuple(int(p) for p in version.split('.') if p.isdigit())


def export(router, path=None, terse=False, hide_sensitive=False, compact=True, now=None):
    store = router.store
    menus = store.menus
    if path is not None:
        path = '/' + ' '.join(p for p in path.replace('/', ' ').split() if p)
        if path not in menus and not any(m.startswith(path + ' ') for m in menus):
            raise RouterOSError('bad command name %s' % path.split()[-1].lstrip('/'))
        paths = [p for p in section_order(menus) if p == path or p.startswith(path + ' ') or path == '/']
    else:
        paths = section_order(menus)
    lines = header(router, time.time() if now is None else now)
    for menu_path in paths:
        menu = menus.get(menu_path)
        if menu is None or not menu.export:
            continue
        commands = menu_commands(store, menu, hide_sensitive, compact)
        if not commands:
            continue
        if not terse:
            lines.append(menu_path)
        for verb, params in commands:
            if router.major >= 7:
                params = shorten_dotted(params)
            if terse:
                lines.append(' '.join([menu_path, verb] + [k if v is None else '%s=%s' % (k, quote(v)) for k, v in params]))
            else:
                lines += wrap(verb, params)
    return '\n'.join(lines) + '\n'


def shorten_dotted(params):
    """RouterOS 7 writes configuration.mode=ap .ssid=x: a dotted name after one with the same prefix keeps
    only its dot and last part."""
    out = []
    prefix = None
    for key, value in params:
        head = key.rsplit('.', 1)[0] if '.' in key else None
        out.append(('.' + key.rsplit('.', 1)[1] if head and head == prefix else key, value))
        prefix = head
    return out


def section_order(menus):
    """The exported menus of this version in RouterOS's order; any the order does not name go last."""
    known = export_order()
    exported = {p for p, m in menus.items() if m.export and not m.readonly}
    listed = [p for p in known if p in exported]
    rest = sorted(exported - set(known))
    return listed + rest


def menu_commands(store, menu, hide_sensitive, compact):
    """(verb, [(key, value)...]) for each line of a menu's section."""
    out = []
    if menu.kind == 'single':
        if menu.readonly:
            return out
        params = changed(store, menu, store.single(menu), hide_sensitive, compact)
        if params:
            out.append(('set', params))
        return out
    for item in store.items(menu):
        if item.get('.dynamic'):
            continue
        params = changed(store, menu, item, hide_sensitive, compact)
        if item.get('.builtin'):
            params = [p for p in params if p[0] != 'name' or menu.builtin_key is None or menu.builtin_key[0] != 'name']
            if not params or not menu.builtin_key:
                continue
            out.append(('set ' + builtin_ref(store, menu, item), params))
        else:
            out.append(('add', params))
    return out


def builtin_ref(store, menu, item):
    key = menu.builtin_key
    if key[0] == 'number':
        builtins = [r for r in store.items(menu) if r.get('.builtin')]
        return str(builtins.index(item))
    if key[0] == 'id':
        return item['.id']
    if key[0] == 'find':
        return '[ find %s=%s ]' % (key[1], quote(item.get(key[1], '')))
    if key[0] == 'default':
        return '[ find default=yes ]'
    return quote(item.get(key[1], ''))


def changed(store, menu, item, hide_sensitive, compact):
    params = []
    for name in sorted(menu.props):
        prop = menu.props[name]
        if prop.readonly or (hide_sensitive and prop.sensitive):
            continue
        if name in item:
            value = item[name]
        elif compact or menu.keep:
            # a menu that keeps what was set has nothing more to show, even verbose
            continue
        else:
            value = store.value(menu, item, name)
            if value is None:
                continue
        kept = name in item and (prop.always or menu.keep)
        if compact and value == store.default(menu, item, name) and not kept:
            continue
        if prop.kind == 'bare':
            if value == 'yes':
                params.append((name, None))
            continue
        params.append((name, value))
    return params


def wrap(verb, params):
    """One command over as many lines as RouterOS would use: 'key=\\' or ' \\' ends a broken line;
    strings with newlines, or too long for a line, continue inside their quotes."""
    lines = []
    current = verb
    for index, (key, value) in enumerate(params):
        width = WIDTH if index == len(params) - 1 else MORE_WIDTH
        if value is None:
            # a bare-word property (fib, passive): no value to break
            if len(current) + len(key) + 1 > width:
                lines.append(current + ' \\')
                current = '   '
            current += ' ' + key
            continue
        written = quote(value)
        piece = ' %s=%s' % (key, written)
        multiline = written.startswith('"') and ('\n' in value or len(written) > WIDTH - 4)
        if not multiline and len(current) + len(piece) <= width:
            current += piece
            continue
        if len(current) + len(key) + 2 + (1 if multiline else 0) > KEY_WIDTH:
            lines.append(current + ' \\')
            current = '    %s=' % key
            if not multiline and len(current) + len(written) <= width:
                current += written
                continue
        else:
            current += ' %s=' % key
        if not multiline:
            lines.append(current + '\\')
            current = '    ' + written
            continue
        current += '"'
        for number, chunk in enumerate(split_string(escape(value), WIDTH - 1 - len(current), WIDTH - 5)):
            if number:
                lines.append(current + '\\')
                current = '    '
            current += chunk
        current += '"'
    lines.append(current)
    return lines


def split_string(body, first_width, width):
    """Escaped string text in chunks: never inside an escape, a new chunk before each \\n."""
    tokens = []
    index = 0
    while index < len(body):
        if body[index] == '\\':
            length = 3 if index + 1 < len(body) and body[index + 1] in '0123456789ABCDEF' else 2
            tokens.append(body[index:index + length])
            index += length
        else:
            tokens.append(body[index])
            index += 1
    chunks = ['']
    limit = first_width
    for token in tokens:
        full = len(chunks[-1]) + len(token) > limit and token not in (' ', '\t')
        if full or (token == '\\n' and (chunks[-1] or len(chunks) == 1)):
            chunks.append('')
            limit = width
        chunks[-1] += token
    return chunks
