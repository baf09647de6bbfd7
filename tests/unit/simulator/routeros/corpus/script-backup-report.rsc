# A maintenance script as people write them: arrays, functions in globals,
# :do on-error, -> access, concatenation and the usual helpers.
:global notify do={
    :local msg ("[" . [/system identity get name] . "] " . $1)
    :log info $msg
    :return $msg
}
:local wanted {"bridge-lan"="10.1.0.1/24";"bridge-mgmt"="10.9.0.1/24"}
:foreach name,address in=$wanted do={
    :if ([:len [/interface bridge find name=$name]] = 0) do={
        /interface bridge add name=$name comment=("made by script for " . $address)
    }
    :do {
        /ip address add address=$address interface=$name
    } on-error={
        :log warning ("address " . $address . " already there")
    }
}
:local total 0
:foreach i in=[/ip address find] do={ :set total ($total + 1) }
:local counts {"addresses"=$total}
:set ($counts->"bridges") [:len [/interface bridge find]]
:if(($counts->"bridges") >= 2) do={
    $notify ("bridges: " . ($counts->"bridges") . ", addresses: " . ($counts->"addresses"))
}
:local first [:pick [/ip address get [:pick [/ip address find] 0] address] 0 4]
:if ([:typeof $first] = "str" && [:find $first "10."] = 0) do={
    /system identity set name=("site-" . [:tostr ((2 * 3) + 1)])
}
/system script
add dont-require-permissions=no name=daily-report owner=admin policy=\
    read,write,test source=":local n [/ip address print count-only]\r\
    \n:log info (\"addresses: \" . \$n)"
/system scheduler
add interval=1d name=daily-report on-event="/system script run daily-report" \
    policy=read,write,test start-time=06:00:00
