# Address arithmetic as provisioning scripts do it: a site number becomes a LAN, its gateway, pool and DNS.
:local site 12
:local base 10.0.0.0
:local lan (($base | ($site << 8)) & 255.255.255.0)
:local gw ($lan + 1)
:local mask 24
:local first ($lan + 100)
:local last ($lan + 199)
:local bcast ($lan | ~255.255.255.0)
:if (!($gw in ([:tostr $lan] . "/" . $mask))) do={ :error "gateway outside the LAN" }
/interface bridge add name=("br-site" . $site)
/ip address add address=("$gw/$mask") interface=("br-site" . $site)
/ip pool add name=("site" . $site) ranges=("$first-$last")
/ip dhcp-server add name=("site" . $site) interface=("br-site" . $site) address-pool=("site" . $site)
/ip dhcp-server network add address=("$lan/$mask") gateway=$gw dns-server=$gw comment=("site $site, broadcast $bcast")
:put ("site " . $site . ": " . $lan . "/" . $mask . " gw " . $gw . " hosts " . ($last - $first + 1))
