# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright: Contributors to the altostrat.sdx collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    # Options of every module: how to reach and authenticate to the SDX API.
    DOCUMENTATION = r"""
options:
  api_url:
    description:
      - Base URL of the Altostrat SDX API.
      - If not set, the host variable C(altostrat_api_url) is used, then the E(ALTOSTRAT_API_URL) environment variable.
    type: str
    default: https://v1.api.altostrat.io
  api_token:
    description:
      - Bearer token for the SDX API, usually an API key starting C(alto_sk_).
      - If not set, the host variable C(altostrat_api_token) is used (keep it in a vault),
        then the E(ALTOSTRAT_API_TOKEN) environment variable.
      - Never shown in output, errors or logs.
    type: str
  validate_certs:
    description:
      - Verify the API's TLS certificate. Turn off only for testing.
      - If not set, the host variable C(altostrat_validate_certs) is used, then the E(ALTOSTRAT_VALIDATE_CERTS)
        environment variable.
    type: bool
    default: true
  ca_path:
    description:
      - A CA bundle (PEM file) to verify the API's certificate with, for private CAs and proxies.
      - If not set, the host variable C(altostrat_ca_path) is used (the P(altostrat.sdx.sites#inventory) inventory sets it
        from the inventory source's C(ca_path)), then the E(ALTOSTRAT_CA_PATH) environment variable.
    type: path
  timeout:
    description:
      - Seconds to wait for each API answer before giving up on that attempt.
    type: float
    default: 30
  retries:
    description:
      - How many times to repeat a request after a connection error, HTTP 502, 503 or 504
        (and HTTP 500 for reads), with capped exponential backoff and jitter, honouring C(Retry-After).
      - A write is repeated only when it carries an idempotency key, so it can never be applied twice.
      - HTTP 429 (rate limited) is not counted here; see O(rate_limit).
    type: int
    default: 5
  rate_limit:
    description:
      - The most requests sent with one API key in any O(rate_window) seconds. SDX documents 60 a minute.
      - Shared by every task, thread and forked worker on this controller that uses the same key and API URL,
        through a state file in the temporary directory (named by a digest; the token is never written).
      - The API's own C(X-RateLimit-Limit) and C(X-RateLimit-Remaining) headers win, so runs on other machines
        with the same key (AWX job slices) slow this one down too; an HTTP 429 is waited out as its
        C(Retry-After) says, for up to 15 minutes in all, for any request (the API refused it unprocessed).
      - V(0) turns pacing off (for a local simulator, or a key with no limit).
      - Falls back to the E(ALTOSTRAT_RATE_LIMIT) environment variable.
    type: int
    default: 60
  rate_window:
    description:
      - The length of the window O(rate_limit) counts in, in seconds.
      - Falls back to the E(ALTOSTRAT_RATE_WINDOW) environment variable.
    type: float
    default: 60
"""

    # The same options for plugins, which can read environment variables themselves.
    PLUGIN = r"""
options:
  api_url:
    description:
      - Base URL of the Altostrat SDX API.
    type: str
    default: https://v1.api.altostrat.io
    env:
      - name: ALTOSTRAT_API_URL
  api_token:
    description:
      - Bearer token for the SDX API, usually an API key starting C(alto_sk_).
      - Never shown in output, errors, logs or the inventory cache.
    type: str
    required: true
    env:
      - name: ALTOSTRAT_API_TOKEN
  validate_certs:
    description:
      - Verify the API's TLS certificate. Turn off only for testing.
    type: bool
    default: true
    env:
      - name: ALTOSTRAT_VALIDATE_CERTS
  ca_path:
    description:
      - A CA bundle (PEM file) to verify the API's certificate with.
    type: path
    env:
      - name: ALTOSTRAT_CA_PATH
  timeout:
    description:
      - Seconds to wait for each API answer before giving up on that attempt.
    type: float
    default: 30
  retries:
    description:
      - How many times to repeat a read after a connection error, HTTP 500, 502, 503 or 504 (HTTP 429 is waited out).
    type: int
    default: 5
  rate_limit:
    description:
      - The most requests sent with one API key in any O(rate_window) seconds, shared with the modules on this
        controller that use the same key (see the modules' O(rate_limit)). V(0) turns pacing off.
    type: int
    default: 60
    env:
      - name: ALTOSTRAT_RATE_LIMIT
  rate_window:
    description:
      - The length of the window O(rate_limit) counts in, in seconds.
    type: float
    default: 60
    env:
      - name: ALTOSTRAT_RATE_WINDOW
"""

    # Modules take site_id, the auth options and these defaults from host variables through their action plugin.
    ACTIONGROUP = r"""
attributes:
  action_group:
    description: Use C(group/altostrat.sdx.all) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - altostrat.sdx.all
"""
