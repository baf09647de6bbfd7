# Dynamic DNS: compare the WAN address with what DNS says and update the record through an HTTPS API.
:local token "0123456789abcdef"
:local zone "example.net"
:local record "home"
:local wan "ether1"

:local addr [/ip address get [find interface=$wan] address]
:if ([:len $addr] = 0) do={ :error "no address on $wan" }
:local ip [:pick $addr 0 [:find $addr "/"]]
:local fqdn ($record . "." . $zone)
:local resolved ""
:do { :set resolved [:resolve $fqdn] } on-error={ :set resolved "0.0.0.0" }

:if ($ip != $resolved) do={
    :local payload ("{\"type\":\"A\",\"name\":\"" . $fqdn . "\",\"content\":\"" . $ip . "\",\"ttl\":120}")
    :local result [/tool fetch mode=https http-method=put output=user as-value \
        url="https://api.example.com/client/v4/zones/$zone/dns_records/$record" \
        http-header-field="Authorization: Bearer $token,Content-Type: application/json" \
        http-data=$payload]
    :if ($result->"status" = "finished") do={
        :log info "DDNS: $fqdn now $ip (was $resolved)"
    } else={
        :log error "DDNS: update failed"
    }
} else={
    :log debug "DDNS: $fqdn already $ip"
}
