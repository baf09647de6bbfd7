# A notification function kept in a global, called with named arguments from other scripts.
:global tgSend do={
    :local bot "123456:ABC-DEF"
    :local chat "-100200300"
    :if ([:typeof $text] = "nothing") do={ :error "tgSend: text= is required" }
    :local msg ("[" . [/system identity get name] . "] " . $text)
    :local url ("https://api.telegram.org/bot" . $bot . "/sendMessage?chat_id=" . $chat . "&text=" . [:convert $msg to=url])
    :onerror e in={
        /tool fetch url=$url keep-result=no
    } do={
        :log warning ("telegram: " . $e)
        :return false
    }
    :return true
}
:global tgSend
:local up [/system resource get uptime]
:local ok [$tgSend text=("up " . $up . ", cpu " . [/system resource get cpu-load] . "%")]
:if ($ok != true) do={ :log warning "telegram notify failed" }
:local cpu [/system resource get cpu-load]
:if ($cpu > 90) do={ $tgSend text="CPU high" }
