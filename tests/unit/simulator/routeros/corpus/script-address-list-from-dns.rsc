# Keep an address list in step with DNS names (services whose addresses move), and drop stale entries.
:local list "cloud-backup"
:local names {"backup1.example.com";"backup2.example.com";"10.20.30.40"}
:local seen [:toarray ""]
:foreach n in=$names do={
    :local ip
    :do { :set ip [:resolve $n] } on-error={ :log warning "cannot resolve $n" }
    :if ([:typeof $ip] = "ip") do={
        :set seen ($seen, [:tostr $ip])
        :if ([:len [/ip firewall address-list find where list=$list address=$ip]] = 0) do={
            /ip firewall address-list add list=$list address=$ip comment=$n timeout=1d
        }
    }
}
:foreach e in=[/ip firewall address-list find where list=$list] do={
    :local a [/ip firewall address-list get $e address]
    :if ([:typeof [:find $seen $a]] = "nil" || [:typeof [:find $seen $a]] = "nothing") do={
        /ip firewall address-list remove $e
    }
}
:put ("entries: " . [:len [/ip firewall address-list find where list=$list]])
