# Nightly housekeeping: refresh the block list, keep a backup and an export, mail them.
# Runs from /system scheduler (policy read,write,policy,test,ftp,sensitive).
:local id [/system identity get name]
:local day [/system clock get date]

/ip firewall address-list
:foreach a in={"198.51.100.7";"203.0.113.99";"192.0.2.200"} do={
    :do { add list=blocklist address=$a comment="auto $day" timeout=1d } on-error={
        :log warning "blocklist: $a already listed"
    }
}
# this one stays until someone removes it by hand
add list=blocklist address=192.0.2.66 comment=manual
remove [find where list=blocklist and comment~"^auto" and dynamic]

/system backup
save name=("nightly-" . $id) dont-encrypt=yes
/export file=nightly
/ip firewall filter print file=filter-rules

:if ([:len [/file find name="nightly.rsc"]] > 0) do={
    /tool e-mail send to="noc@example.org" subject=("$id backup " . $day) \
        file=("nightly-" . $id . ".backup"),nightly.rsc body="Nightly backup attached."
} else={
    :log error "export missing on $id"
}
/log info message="housekeeping done"
