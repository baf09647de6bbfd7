# SPDX-License-Identifier: GPL-3.0-or-later
"""The Altostrat SDX simulator: a local twin of the SDX API backed by a RouterOS engine per site."""
