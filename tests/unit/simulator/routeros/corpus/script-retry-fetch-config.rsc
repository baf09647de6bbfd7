# Pull a configuration snippet with retries, check it parses, then import it (RouterOS 7.x commands).
:local url "https://config.example.com/site/branch-7.rsc"
:local body ""
:retry command={
    :set body ([/tool fetch url=$url output=user as-value]->"data")
} delay=5 max=3 on-error={
    :log error "config fetch failed"
}
:if ([:len $body] = 0) do={ :set body "/system identity set name=branch-7" }
:local code
:onerror e in={ :set code [:parse $body] } do={ :error ("config does not parse: " . $e) }
$code
:local job [:execute script="/log info \"applied config\"" ]
:put ([:typeof $job] . " " . [/system identity get name])
