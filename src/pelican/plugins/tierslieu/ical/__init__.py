"""RFC 5545: the events as VEVENTs, VTIMEZONEs with yearly rules, and the gate every feed passes."""
