# Let's Encrypt: open port 80 for the challenge, ask for the certificate, put it on www-ssl and api-ssl.
:local dns "router.example.net"
:local rule [/ip firewall filter find where comment="acme-http"]
:if ([:len $rule] = 0) do={
    /ip firewall filter add chain=input protocol=tcp dst-port=80 action=accept comment="acme-http" place-before=0
    :set rule [/ip firewall filter find where comment="acme-http"]
}
/ip service set www disabled=no
:onerror err in={
    /certificate enable-ssl-certificate dns-name=$dns
} do={
    :log error ("ACME failed: " . $err)
}
:delay 5s
:local cert [/certificate find where common-name=$dns]
:if ([:len $cert] > 0) do={
    :local name [/certificate get ($cert->0) name]
    /ip service set www-ssl certificate=$name disabled=no
    /ip service set api-ssl certificate=$name
    :log info "certificate $name installed"
} else={
    :log warning "no certificate for $dns yet"
}
/ip service set www disabled=yes
/ip firewall filter remove $rule
