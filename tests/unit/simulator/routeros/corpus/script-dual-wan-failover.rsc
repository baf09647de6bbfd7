# Dual-WAN failover: recursive routes checked by ping, a scheduler that flips
# distances when the primary stops answering, and netwatch as a second opinion.
/ip route
add dst-address=1.1.1.1/32 gateway=192.168.1.254 scope=10 comment="ISP1 check"
add dst-address=9.9.9.9/32 gateway=192.168.2.254 scope=10 comment="ISP2 check"
add distance=1 gateway=1.1.1.1 target-scope=11 check-gateway=ping comment="ISP1"
add distance=2 gateway=9.9.9.9 target-scope=11 check-gateway=ping comment="ISP2"

/system script
add name=wan-check policy=read,write,test source={
    :local primary [/ip route find where comment="ISP1"]
    :local backup [/ip route find where comment="ISP2"]
    :local lost 0
    :for i from=1 to=3 do={
        :if ([/ping 1.1.1.1 count=1] = 0) do={ :set lost ($lost + 1) }
    }
    :if ($lost >= 2) do={
        :if ([/ip route get $primary distance] = 1) do={
            /ip route set $primary distance=3
            :log warning "WAN: ISP1 lost $lost of 3 pings, failing over"
        }
    } else={
        :if ([/ip route get $primary distance] != 1) do={
            /ip route set $primary distance=1
            :log info "WAN: ISP1 back"
        }
    }
}
/system scheduler
add name=wan-check interval=30s on-event="/system script run wan-check" start-time=startup

/tool netwatch
add host=1.1.1.1 interval=10s timeout=2s comment="ISP1" \
    down-script=":log warning \"netwatch: ISP1 down\"" \
    up-script=":log info \"netwatch: ISP1 up\""

/system script run wan-check
:if ([/ip route get [find comment="ISP1"] distance] != 1) do={ :error "failover flipped a healthy line" }
