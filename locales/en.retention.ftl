# Retention: what happens once a tip's tipster data is erased (src/core/retention.ts).
action-fail-unreachable = The tipster can no longer be reached: their contact details were erased after the retention period.
event-erased = tipster's details erased (retention period over)
inbox-relay-erased = ⚠️ The question about #{ $code } could not be sent: the tipster's contact details were erased after the retention period.
