# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: not a public API, it may change in any release.
"""The collection's version, sent in the User-Agent (kept equal to galaxy.yml by a unit test)."""

from __future__ import annotations

COLLECTION_VERSION = "0.1.0"
