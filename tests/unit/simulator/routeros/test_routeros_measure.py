# SPDX-License-Identifier: GPL-3.0-or-later
"""The measurements of measure.py hold: the whole corpus runs and comes back from /export, every catalogued
menu answers print, add/set works on the menus that need no hardware, and the defaults the manual states are
the ones the engine shows."""

import pytest

from tests.unit.simulator.routeros import measure


def test_corpus_runs_whole_and_round_trips():
    result = measure.corpus()
    assert result['files'] >= 30 and result['exports'] >= 18
    assert result['failed'] == []
    assert (result['whole'], result['round_trips']) == (result['files'], result['exports'])


@pytest.mark.parametrize('version', ['7.16.2', '6.49.15'])
def test_catalogue(version):
    result = measure.catalogue(version)
    assert result['print'] == result['paths']
    assert result['writes'] == result['testable'], result['failed']
    assert result['defaults_shown'] >= 0.99 * result['defaults']


def test_documented_defaults_match_the_manual():
    matching, total, misses = measure.documented()
    assert total >= 60
    assert matching == total, misses


def test_values_compare_as_the_manual_writes_them():
    assert measure.same_value('5m', '00:05:00') and measure.same_value('2048KiB', '2048')
    assert not measure.same_value('10m', '00:05:00') and not measure.same_value(None, '')


def test_report_prints_the_numbers():
    text = measure.report()
    assert 'files run whole' in text and 'answer print' in text and 'documented defaults' in text
