# SPDX-License-Identifier: GPL-3.0-or-later
"""RouterOS 6 menus as they were before 6.41, when an interface list did not yet say where MAC access is
allowed: /tool mac-server and mac-winbox were lists of interfaces with a built-in `all` entry (documented in
the 6.x wiki; the built-in entry's export form, `set [ find default=yes ]`, is read from exports of that time).
These replace the later single-item menus on the versions they apply to."""

MENUS = [
    ('/tool mac-server', 'v6 until=6.41 replace bkey=default nocomment', 'interface:if=all default:flag'),
    ('/tool mac-server mac-winbox', 'v6 until=6.41 replace bkey=default nocomment', 'interface:if=all default:flag'),
]

BUILTINS = {
    '/tool mac-server': ['id=*0 interface=all default=yes'],
    '/tool mac-server mac-winbox': ['id=*0 interface=all default=yes'],
}
