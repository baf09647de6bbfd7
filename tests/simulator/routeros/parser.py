# SPDX-License-Identifier: GPL-3.0-or-later
"""Console script parser: text to commands, words, values and expressions, with line/column positions."""

import re

from .errors import RouterOSError
from .quoting import ESCAPES, HEX_DIGITS, decode_bytes

WORD_STOP = ' \t\r\n;[]{}()"$'
SPACE = ' \t\r'
COMPARE = ('!=', '<=', '>=', '=', '<', '>', '~', 'in')
CODE_ARGS = ('do=', 'else=', 'on-error=')
CODE_COMMANDS = (':do', 'do', ':time', ':execute')
# arguments that hold code for one command only (:foreach's in= is an array)
CODE_HEADS = {'onerror': ('in=',), 'retry': ('command=',), 'execute': ('script=',)}


class Command:
    """One console command: its words as parsed, its position, and (later) how it resolved."""

    def __init__(self, words, pos, line):
        self.words = words
        self.pos = pos
        self.line = line
        self.resolved = None


class Word:
    """kind: 'bare' (text), 'arg' (name, value), 'val' (value), 'where' (expr)."""

    def __init__(self, kind, pos, text=None, name=None, value=None, op='='):
        self.kind = kind
        self.op = op  # '=' for name=value; '~' for name~regex (find's shorthand)
        self.pos = pos
        self.text = text
        self.name = name
        self.value = value

    def __repr__(self):
        return 'Word(%s, %r, %r, %r)' % (self.kind, self.text, self.name, self.value)


class Parser:
    """Recursive descent over the raw text. Values are small tuples:
    ('lit', text) ('cat', [values]) ('var', name) ('sub', [commands]) ('expr', node) ('block', [commands])."""

    def __init__(self, text):
        self.text = text
        self.pos = 0
        self.length = len(text)

    # ---- positions ----------------------------------------------------------------------------
    def where(self, pos):
        line = self.text.count('\n', 0, pos) + 1
        column = pos - (self.text.rfind('\n', 0, pos) + 1) + 1
        return line, column

    def error(self, message, pos=None):
        line, column = self.where(self.pos if pos is None else pos)
        return RouterOSError(message).at(line, column)

    def peek(self, offset=0):
        at = self.pos + offset
        return self.text[at] if at < self.length else ''

    def continuation(self):
        """A backslash at the end of a line joins the next line (its indentation is dropped)."""
        if self.peek() == '\\' and self.peek(1) in ('\n', '\r'):
            at = self.pos + 1
            if self.text[at] == '\r':
                at += 1
            if at < self.length and self.text[at] == '\n':
                at += 1
            while at < self.length and self.text[at] in ' \t':
                at += 1
            self.pos = at
            return True
        return False

    def skip_space(self, newlines=False):
        while self.pos < self.length:
            char = self.text[self.pos]
            if char in SPACE or (newlines and char == '\n'):
                self.pos += 1
            elif not self.continuation():
                break

    # ---- script structure ---------------------------------------------------------------------
    def parse_script(self, closer=''):
        commands = []
        while True:
            self.skip_space(newlines=True)
            if self.pos >= self.length:
                if closer:
                    raise self.error('syntax error')
                return commands
            char = self.text[self.pos]
            if char == ';':
                self.pos += 1
                continue
            if closer and char == closer:
                self.pos += 1
                return commands
            if char == '#':
                while self.pos < self.length and self.text[self.pos] != '\n':
                    self.pos += 1
                continue
            if char == '{':
                # a bare block groups commands; treat as a command holding a block
                start = self.pos
                self.pos += 1
                body = self.parse_script('}')
                block = ('block', body, self.text[start + 1:self.pos - 1])
                commands.append(Command([Word('val', start, value=block)], start, self.where(start)[0]))
                continue
            if char in ']})':
                raise self.error('syntax error')
            commands.append(self.parse_command(closer))

    def parse_command(self, closer):
        start = self.pos
        words = []
        while True:
            self.skip_space()
            char = self.peek()
            if char in ('', '\n', ';') or (closer and char == closer):
                break
            if char in ']})':
                raise self.error('syntax error')
            word_pos = self.pos
            word = self.parse_word(first=not words, command=words[0].text if words and words[0].kind == 'bare' else None)
            if word.kind == 'bare' and word.text == 'where' and words:
                expr = self.parse_expr_until(closer, where_mode=True)
                words.append(Word('where', word_pos, value=expr))
                break
            words.append(word)
        _expand_dotted(words)
        return Command(words, start, self.where(start)[0])

    # ---- words --------------------------------------------------------------------------------
    def parse_word(self, first=False, command=None):
        """One word; first tells the command's own name apart, command is that name (for ':do {')."""
        start = self.pos
        pieces = []
        self.word_command = command
        while True:
            if self.continuation():
                continue
            char = self.peek()
            if char == '' or char in ' \t\r\n;]})':
                break
            if char == '"':
                pieces.append(self.parse_quoted())
            elif char == '[':
                self.pos += 1
                pieces.append(('sub', self.parse_script(']')))
            elif char == '$':
                pieces.append(self.parse_variable())
            elif char == '(':
                self.pos += 1
                node = self.parse_expr_until(')', where_mode=False)
                if self.peek() != ')':
                    raise self.error('syntax error')
                self.pos += 1
                pieces.append(('expr', node))
            elif char == '{':
                pieces.append(self.parse_braces(pieces, first))
            else:
                if pieces == [] and first and self.peek() == ':':
                    # ':if(' and ':put[' : a global command name ends where its argument begins
                    pieces.append(('lit', self.parse_bare()))
                    if self.peek() in '([{"$':
                        break
                    continue
                pieces.append(('lit', self.parse_bare()))
        # name=value when the word begins with bare text holding '='
        if pieces and pieces[0][0] == 'lit':
            match = re.match(r'([A-Za-z0-9.][A-Za-z0-9_.\-]*)([=~])', pieces[0][1])
            if match:
                rest = pieces[0][1][match.end():]
                value_pieces = ([('lit', rest)] if rest else []) + pieces[1:]
                return Word('arg', start, name=match.group(1), value=_join(value_pieces), op=match.group(2))
        if len(pieces) == 1 and pieces[0][0] == 'lit':
            return Word('bare', start, text=pieces[0][1])
        return Word('val', start, value=_join(pieces))

    def parse_braces(self, pieces, first):
        """{...}: code after do=, else=, on-error= (and for ':do'), otherwise an array literal when it reads as one."""
        start = self.pos
        head = pieces[0][1] if pieces and pieces[0][0] == 'lit' else ''
        code = head.endswith(CODE_ARGS) or (not pieces and self.word_command in CODE_COMMANDS) or first \
            or head in CODE_HEADS.get((self.word_command or '').lstrip(':'), ())
        if not code:
            try:
                return self.parse_array()
            except RouterOSError:
                self.pos = start
        self.pos = start + 1
        body = self.parse_script('}')
        return ('block', body, self.text[start + 1:self.pos - 1])

    def parse_array(self):
        """{a;b} or {k=v;k2=v2}: a list of (key or None, value) pairs."""
        self.pos += 1
        elements = []
        while True:
            self.skip_space(newlines=True)
            char = self.peek()
            if char == '}':
                self.pos += 1
                return ('array', elements)
            if char == '':
                raise self.error('syntax error')
            key = None
            match = re.match(r'([A-Za-z0-9_][A-Za-z0-9_.\-]*)=', self.text[self.pos:])
            if match:
                key = match.group(1)
                self.pos += match.end()
            elif char == '"':
                save = self.pos
                quoted = self.parse_quoted()
                if self.peek() == '=' and quoted[0] == 'str':
                    key = quoted[1]
                    self.pos += 1
                else:
                    self.pos = save
            elements.append((key, self.parse_element()))
            self.skip_space(newlines=True)
            if self.peek() == ';':
                self.pos += 1
            elif self.peek() != '}':
                raise self.error('syntax error')

    def parse_element(self):
        char = self.peek()
        if char == '{':
            return self.parse_array()
        if char in '"$[':
            return self.parse_value_piece()
        if char == '(':
            self.pos += 1
            node = self.parse_expr_until(')', where_mode=False)
            self.pos += 1
            return ('expr', node)
        start = self.pos
        while self.pos < self.length and self.text[self.pos] not in ' \t\r\n;}{[]()"$':
            self.pos += 1
        if self.pos == start and self.peek() not in ';}':
            raise self.error('syntax error')
        return ('lit', self.text[start:self.pos])

    def parse_bare(self):
        buf = bytearray()
        while self.pos < self.length:
            if self.continuation():
                continue
            char = self.text[self.pos]
            if char in WORD_STOP:
                break
            if char == '\\':
                buf.extend(self.parse_escape(bytes_out=buf).encode('utf-8'))
                continue
            buf.extend(char.encode('utf-8', 'surrogateescape'))
            self.pos += 1
        return decode_bytes(buf)

    def parse_escape(self, bytes_out):
        """One escape after a backslash; \\XX hex bytes go to bytes_out when given."""
        start = self.pos
        self.pos += 1
        char = self.peek()
        if char in HEX_DIGITS and char and self.peek(1) and self.peek(1) in HEX_DIGITS:
            value = int(self.text[self.pos:self.pos + 2], 16)
            self.pos += 2
            if bytes_out is not None:
                bytes_out.append(value)
                return ''
            return chr(value)
        if char in ESCAPES and char:
            self.pos += 1
            return ESCAPES[char]
        raise self.error('syntax error', start)

    def parse_quoted(self):
        start = self.pos
        self.pos += 1
        parts = []
        buf = bytearray()

        def flush_text():
            if buf:
                parts.append(('lit', decode_bytes(buf)))
                buf.clear()

        while True:
            if self.pos >= self.length:
                raise self.error('syntax error', start)
            char = self.text[self.pos]
            if char == '"':
                self.pos += 1
                break
            if char == '\\':
                if self.continuation():
                    continue
                text = self.parse_escape(bytes_out=buf)
                buf.extend(text.encode('utf-8'))
                continue
            if char == '$':
                flush_text()
                parts.append(self.parse_variable())
                continue
            buf.extend(char.encode('utf-8', 'surrogateescape'))
            self.pos += 1
        flush_text()
        if not parts:
            return ('str', '')
        if len(parts) == 1 and parts[0][0] == 'lit':
            return ('str', parts[0][1])  # quoted text stays a string, never a bare word
        return _join(parts)

    def parse_variable(self):
        start = self.pos
        self.pos += 1
        char = self.peek()
        if char == '[':
            self.pos += 1
            return ('sub', self.parse_script(']'))
        if char == '(':
            self.pos += 1
            node = self.parse_expr_until(')', where_mode=False)
            self.pos += 1
            return ('expr', node)
        if char == '"':
            name = self.parse_quoted()
            if name[0] != 'str':
                raise self.error('syntax error', start)
            return ('var', name[1])
        name_start = self.pos
        while self.pos < self.length and (self.text[self.pos].isalnum() or self.text[self.pos] in '_'):
            self.pos += 1
        if self.pos == name_start:
            raise self.error('syntax error', start)
        return ('var', self.text[name_start:self.pos])

    # ---- expressions --------------------------------------------------------------------------
    def parse_expr_until(self, closer, where_mode):
        """Tokens up to the closer (and, in a where clause, the end of the command), then a tree."""
        tokens = []
        expect_value = False
        while True:
            self.skip_space(newlines=not where_mode)
            char = self.peek()
            if char == '' or char in ';]}' or (where_mode and char == '\n'):
                break
            if char == ')' and _depth(tokens) == 0:
                break
            tok_pos = self.pos
            if char in '()':
                self.pos += 1
                tokens.append(('op', char, tok_pos))
                expect_value = False
                continue
            two = self.text[self.pos:self.pos + 2]
            if two == '->':
                self.pos += 2
                tokens.append(('op', '->', tok_pos))
                expect_value = False
                if self.peek() not in '"$[(':
                    tokens.append(('val', ('lit', self.parse_atom_run()), self.pos))
                continue
            if two in ('!=', '<=', '>=', '&&', '||', '<<', '>>'):
                self.pos += 2
                tokens.append(('op', two, tok_pos))
                expect_value = two in ('!=', '<=', '>=')
                continue
            if char in '&|^%' or (char == '~' and _wants_operand(tokens)):
                # bit operations, modulo, and ~ before an operand (every bit flipped)
                self.pos += 1
                tokens.append(('op', 'inv' if char == '~' else char, tok_pos))
                continue
            if char in '=<>~':
                self.pos += 1
                tokens.append(('op', char, tok_pos))
                expect_value = True
                continue
            if char == '!' and not expect_value:
                self.pos += 1
                tokens.append(('op', '!', tok_pos))
                continue
            if char in '"$[':
                tokens.append(('val', self.parse_value_piece(), tok_pos))
                expect_value = False
                continue
            if char == '{':
                tokens.append(('val', self.parse_array(), tok_pos))  # ($a, {k=v}): an array literal
                expect_value = False
                continue
            if expect_value:
                # an unquoted operand is typed as any literal is (10 a number, 1h a time)
                tokens.append(('atom', self.parse_value_run(), tok_pos))
                expect_value = False
                continue
            if char in '+*/.,-' and not (char == '-' and self.peek(1).isdigit() and _wants_operand(tokens)):
                self.pos += 1
                tokens.append(('op', char, tok_pos))
                continue
            text = self.parse_atom_run()
            if re.fullmatch(r'\d+(/\d+)+', text) and not where_mode:
                # 12/4 is a division (an address/length is written with dots)
                for index, number in enumerate(text.split('/')):
                    if index:
                        tokens.append(('op', '/', tok_pos))
                    tokens.append(('atom', number, tok_pos))
                continue
            if text in ('and', 'or', 'not', 'in'):
                tokens.append(('op', {'and': '&&', 'or': '||', 'not': '!'}.get(text, text), tok_pos))
                expect_value = text == 'in'
            else:
                tokens.append(('atom', text, tok_pos))
        return ExprParser(tokens, self, where_mode).parse()

    def parse_value_piece(self):
        char = self.peek()
        if char == '"':
            return self.parse_quoted()
        if char == '$':
            return self.parse_variable()
        self.pos += 1
        return ('sub', self.parse_script(']'))

    def parse_value_run(self):
        out = []
        depth = 0
        while self.pos < self.length:
            char = self.text[self.pos]
            if char in ' \t\r\n;]}' or (char == ')' and depth == 0):
                break
            if char == '"':
                quoted = self.parse_quoted()
                return ''.join(out) + (quoted[1] if quoted[0] == 'str' else '')
            depth += {'(': 1, ')': -1}.get(char, 0)
            if char == '\\':
                out.append(self.parse_escape(None))
                continue
            out.append(char)
            self.pos += 1
        return ''.join(out)

    def parse_atom_run(self):
        start = self.pos
        while self.pos < self.length:
            char = self.text[self.pos]
            if char in ' \t\r\n;[](){}"$=<>~!&|,+*^%':
                break
            if char == '-' and self.pos > start and self.text[self.pos - 1] == ' ':
                break
            self.pos += 1
        if self.pos == start:
            raise self.error('syntax error')
        return self.text[start:self.pos]


def _expand_dotted(words):
    """remote.address=X .as=Y: a name starting with '.' continues the previous dotted name's prefix."""
    prefix = None
    for word in words:
        if word.kind != 'arg':
            continue
        if word.name.startswith('.') and prefix:
            word.name = prefix + word.name
        elif '.' in word.name[1:]:
            prefix = word.name.rsplit('.', 1)[0]


def _depth(tokens):
    depth = 0
    for tok in tokens:
        if tok[0] == 'op' and tok[1] == '(':
            depth += 1
        elif tok[0] == 'op' and tok[1] == ')':
            depth -= 1
    return depth


def _wants_operand(tokens):
    return not tokens or tokens[-1][0] == 'op' and tokens[-1][1] != ')'


def _join(pieces):
    if not pieces:
        return ('lit', '')
    if len(pieces) == 1:
        return pieces[0]
    return ('cat', pieces)


class ExprParser:
    """Precedence climbing over expression tokens. Nodes: ('bin', op, a, b) ('not', a) ('neg', a) ('atom', text)
    ('val', value) ('array', [nodes])."""

    def __init__(self, tokens, parser, where_mode):
        self.tokens = tokens
        self.index = 0
        self.parser = parser
        self.where_mode = where_mode

    def peek(self):
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take_op(self, *ops):
        tok = self.peek()
        if tok and tok[0] == 'op' and tok[1] in ops:
            self.index += 1
            return tok[1]
        return None

    def fail(self):
        tok = self.peek()
        return self.parser.error('syntax error', tok[2] if tok else None)

    def parse(self):
        if not self.tokens:
            return ('val', ('lit', ''))
        node = self.parse_or()
        if self.peek() is not None:
            raise self.fail()
        return node

    def parse_or(self):
        node = self.parse_and()
        while self.take_op('||'):
            node = ('bin', '||', node, self.parse_and())
        return node

    def parse_and(self):
        node = self.parse_not()
        while True:
            if self.take_op('&&'):
                node = ('bin', '&&', node, self.parse_not())
            elif self.where_mode and self.peek() and self.peek()[0] == 'atom':
                # conditions side by side in a where clause mean "and"
                node = ('bin', '&&', node, self.parse_not())
            else:
                return node

    def parse_not(self):
        if self.take_op('!'):
            return ('not', self.parse_not())
        return self.parse_compare()

    def parse_compare(self):
        node = self.parse_list()
        op = self.take_op(*COMPARE)
        if op:
            node = ('bin', op, node, self.parse_list())
        return node

    def parse_list(self):
        node = self.parse_bits()
        if self.peek() and self.peek()[0] == 'op' and self.peek()[1] == ',':
            items = [node]
            while self.take_op(','):
                items.append(self.parse_bits())
            return ('array', items)
        return node

    def parse_bits(self, level=0):
        """| then ^ then & then << >>: each binds tighter than the one before."""
        levels = (('|',), ('^',), ('&',), ('<<', '>>'))
        if level == len(levels):
            return self.parse_sum()
        node = self.parse_bits(level + 1)
        while True:
            op = self.take_op(*levels[level])
            if not op:
                return node
            node = ('bin', op, node, self.parse_bits(level + 1))

    def parse_sum(self):
        node = self.parse_product()
        while True:
            op = self.take_op('+', '-', '.')
            if not op:
                return node
            node = ('bin', op, node, self.parse_product())

    def parse_product(self):
        node = self.parse_unary()
        while True:
            op = self.take_op('*', '/', '%')
            if not op:
                return node
            node = ('bin', op, node, self.parse_unary())

    def parse_unary(self):
        if self.take_op('-'):
            return ('neg', self.parse_unary())
        if self.take_op('!'):
            return ('not', self.parse_unary())
        if self.take_op('inv'):
            return ('inv', self.parse_unary())
        tok = self.peek()
        if tok is None:
            raise self.fail()
        if tok[0] == 'op' and tok[1] == '(':
            self.index += 1
            node = self.parse_or()
            if not self.take_op(')'):
                raise self.fail()
            return self.parse_index(node)
        if tok[0] in ('atom', 'val'):
            self.index += 1
            return self.parse_index((tok[0], tok[1]))
        raise self.fail()

    def parse_index(self, node):
        """$a->"k"->0: element access binds tighter than any operator."""
        while self.take_op('->'):
            tok = self.peek()
            if tok is None:
                raise self.fail()
            if tok[0] == 'op' and tok[1] == '(':
                self.index += 1
                key = self.parse_or()
                if not self.take_op(')'):
                    raise self.fail()
            elif tok[0] in ('atom', 'val'):
                self.index += 1
                key = (tok[0], tok[1])
            else:
                raise self.fail()
            node = ('index', node, key)
        return node


def parse(text):
    return Parser(text).parse_script()
