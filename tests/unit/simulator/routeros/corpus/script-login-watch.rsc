# Brute-force watch: count login failures per address in the log and block repeat offenders.
:log warning "login failure for user admin from 203.0.113.9 via ssh"
:log warning "login failure for user root from 203.0.113.9 via ssh"
:log warning "login failure for user admin from 203.0.113.9 via winbox"
:log warning "login failure for user test from 198.51.100.4 via ssh"
:local counts [:toarray ""]
:foreach l in=[/log find where message~"login failure"] do={
    :local m [/log get $l message]
    :local from [:find $m " from "]
    :local via [:find $m " via "]
    :if ([:typeof $from] = "num" && [:typeof $via] = "num") do={
        :local ip [:pick $m ($from + 6) $via]
        :if ([:typeof ($counts->$ip)] = "nothing") do={ :set ($counts->$ip) 0 }
        :set ($counts->$ip) (($counts->$ip) + 1)
    }
}
:foreach ip,n in=$counts do={
    :if ($n >= 3 && [:len [/ip firewall address-list find list=blocked address=$ip]] = 0) do={
        /ip firewall address-list add list=blocked address=$ip timeout=1d comment="$n login failures"
        :log info "blocked $ip after $n failures"
    }
}
:if ([:len [/ip firewall filter find comment="drop blocked"]] = 0) do={
    /ip firewall filter add chain=input src-address-list=blocked action=drop comment="drop blocked" place-before=0
}
:put [:len [/ip firewall address-list find list=blocked]]
