# Unattended upgrade: check the channel, install when a newer version is out, then the RouterBOOT firmware.
/system package update
set channel=stable
check-for-updates once
:delay 3s
:local installed [/system package update get installed-version]
:local latest [/system package update get latest-version]
:local status [/system package update get status]
:log info "update: installed $installed, latest $latest ($status)"
:if ($installed != $latest && [:len $latest] > 0) do={
    /system scheduler add name=after-upgrade start-time=startup \
        on-event="/system routerboard upgrade; /system scheduler remove after-upgrade"
    /system package update install
} else={
    :local rb [/system routerboard get routerboard]
    :if ($rb = true || $rb = "yes") do={
        :if ([/system routerboard get current-firmware] != [/system routerboard get upgrade-firmware]) do={
            /system routerboard upgrade
            :log info "firmware upgrade scheduled for the next reboot"
        }
    }
}
