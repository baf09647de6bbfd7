# Nightly backup to e-mail: a dated binary backup and a text export, mailed and then removed.
/tool e-mail
set server=smtp.example.com port=587 tls=starttls from="router@example.com" user=router password=secret

:local sysname [/system identity get name]
:local date [/system clock get date]
:local time [/system clock get time]
# RouterOS 7.10+ writes 2024-06-01; older releases jun/01/2024
:if ([:find $date "/"] > 0) do={
    :local months {"jan"="01";"feb"="02";"mar"="03";"apr"="04";"may"="05";"jun"="06";"jul"="07";"aug"="08";"sep"="09";"oct"="10";"nov"="11";"dec"="12"}
    :set date ([:pick $date 7 11] . "-" . ($months->[:pick $date 0 3]) . "-" . [:pick $date 4 6])
}
:local stamp ($date . "_" . [:pick $time 0 2] . [:pick $time 3 5])
:local name ($sysname . "-" . $stamp)

/system backup save name=$name dont-encrypt=yes
/export show-sensitive file=$name
:delay 2s
/tool e-mail send to="noc@example.com" subject=("Backup " . $sysname . " " . $stamp) \
    body=("Backup and export of " . $sysname . " taken " . $date . " " . $time) \
    file=($name . ".backup," . $name . ".rsc")
:delay 10s
:foreach f in=[/file find where name~"^$sysname-.*\\.(backup|rsc)\$"] do={
    :log info ("removing " . [/file get $f name])
    /file remove $f
}
:log info "backup mailed"
