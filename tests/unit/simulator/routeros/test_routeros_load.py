# SPDX-License-Identifier: GPL-3.0-or-later
"""A router loaded from an export: header facts, hardware from the text, and the simulator's ways in
(the control API and `python -m tests.simulator --export`)."""

import pathlib

from tests.simulator.harness import Simulator
from tests.simulator.routeros import Router
from tests.simulator.routeros.load import describe, hardware_ports

CORPUS = pathlib.Path(__file__).parent / 'corpus'
HAP = (CORPUS / 'v6-hap-ac2-wireless.rsc').read_text(encoding='utf-8')


def test_header_gives_version_model_serial():
    facts = describe(HAP)
    assert facts['version'] == '6.49.10'
    assert facts['model'] == 'RBD52G-5HacD2HnD'
    assert facts['serial'] == 'C8F10A2B3C4D'
    assert facts['software-id'] == '7K2M-QX4P'
    assert facts['ports'] == ['ether1', 'ether2', 'ether3', 'ether4', 'ether5', 'wlan1', 'wlan2']


def test_ports_created_by_the_export_are_not_hardware():
    text = '/interface wireless\nadd master-interface=wlan1 name=wlan2 ssid=guest\n/interface bridge port\nadd bridge=b interface=wlan2'
    assert hardware_ports(text) == ['wlan1']


def test_unknown_model_gets_the_ports_it_names():
    router, result = Router.from_export(HAP)
    assert result.ok, (result.error, result.failed_line)
    assert router.model == 'RBD52G-5HacD2HnD' and router.version == '6.49.10'
    names = router.run_script(':foreach i in=[/interface find] do={ :put [/interface get $i name] }').output.split()
    assert names[:7] == ['ether1', 'ether2', 'ether3', 'ether4', 'ether5', 'wlan1', 'wlan2']
    text = router.export()
    assert text.splitlines()[1:5] == ['# software id = 7K2M-QX4P', '#', '# model = RBD52G-5HacD2HnD',
                                      '# serial number = C8F10A2B3C4D']
    # a loaded router keeps working like any other, and survives a save and a reset
    again = Router.from_state(router.to_state())
    assert again.export().splitlines()[1:] == text.splitlines()[1:]  # the first line is the clock
    again.reset(no_defaults=True)
    assert again.run_script('/interface wireless set wlan2 ssid=x').ok


def test_known_model_and_a_failing_line():
    text = ('# 2026-12-01 10:00:00 by RouterOS 7.16.1\n# model = RB5009UG+S+\n/ip address\n'
            'add address=10.0.0.1/24 interface=ether2\nadd address=10.0.1.1/24 interface=nope\n')
    router, result = Router.from_export(text)
    assert router.model == 'RB5009UG+S+' and router.version == '7.16.1'
    assert not result.ok and result.failed_line == 5
    assert result.error == 'input does not match any value of interface'
    assert 'add address=10.0.0.1/24 interface=ether2' in router.export()


def test_simulator_loads_exports(tmp_path):
    path = tmp_path / 'site.rsc'
    path.write_text(HAP, encoding='utf-8')
    with Simulator(sites=2, extra_args=['--export', str(path)]) as sim:
        first, second = sim.site_ids()[:2]
        assert 'ssid=Wohnung-5G' in sim.export(first)
        site = sim.api('GET', '/sites/%s' % first).json()
        assert site['software_version'] == '6.49.10' and site['model'] == 'RBD52G-5HacD2HnD'
        answer = sim.load_export(second, '# 2026-12-01 10:00:00 by RouterOS 7.16.1\n/system identity\nset name=loaded\n')
        assert answer['ok'] is True
        assert sim.api('GET', '/sites/%s' % second).json()['identity'] == 'loaded'
        assert 'set name=loaded' in sim.export(second)
