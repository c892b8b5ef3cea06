package dev.hopscope.ui.flags;

import dev.hopscope.model.Intent;
import dev.hopscope.net.trace.Disposition;

/**
 * The fix line of a violated intent: what a user can change in the drawing, given how the flow
 * ended. It reads only the verdict the engine gave (the disposition) and the intent's own words,
 * so it never second-guesses the analysis.
 */
public final class IntentAdvice {
    private IntentAdvice() {}

    /** One sentence: how to make the intent hold. */
    public static String fix(Intent i, Disposition d) {
        String from = i.from();
        String to = i.to() == null ? "the destination" : i.to();
        if (i.expect() == Intent.Expect.ISOLATED) {
            return "Keep them apart: put " + from + " and " + to + " on different user-defined networks (Docker isolates them), "
                    + "turn off icc on a shared bridge, or deny the flow with a NetworkPolicy.";
        }
        String port = i.probe() == null || i.probe().port() == 0 ? "" : " " + i.probe().port() + "/" + i.probe().proto().label();
        switch (d) {
            case NO_ROUTE:
                return "Give " + from + " a way to " + to + ": attach both to one network, join their hosts with an overlay, "
                        + "add a static route, or aim at a port the destination's host publishes.";
            case NEIGHBOR_UNREACHABLE:
                return to + " looks local to " + from + " but nothing answers ARP there: give each host's bridge a subnet of its own "
                        + "(they overlap), or join the hosts with an overlay.";
            case DENIED:
                return "A filter drops the flow: attach " + from + " and " + to + " to one network, turn icc on for their bridge, "
                        + "or allow the flow in the NetworkPolicy that selects " + to + ".";
            case NO_LISTENER:
                return "Nothing listens on" + (port.isEmpty() ? " that port" : port) + " at " + to + ": add the listening socket"
                        + port + " to " + to + " in the inspector, or change the intent's probe.";
            case NAME_NOT_RESOLVED:
                return "The name does not resolve from " + from + ": attach both to a user-defined network (Docker's embedded DNS), "
                        + "link " + from + " to " + to + ", or aim at an address.";
            case NO_RETURN_PATH:
                return "The reply cannot come back: turn masquerade on for " + from + "'s bridge, or give " + to
                        + " a route back to " + from + "'s subnet.";
            case MTU_EXCEEDED:
                return "The packet is larger than a link on the way: lower the overlay's MTU (the underlay's minus 50 for VXLAN) "
                        + "or send smaller packets.";
            case LOOP:
                return "The routes send the packet round in a circle: check the static routes of the hosts on its way.";
            default:
                return "Play its trace to see where the flow goes.";
        }
    }
}
