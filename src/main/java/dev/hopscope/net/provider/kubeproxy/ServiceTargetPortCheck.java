package dev.hopscope.net.provider.kubeproxy;

import dev.hopscope.net.findings.Context;
import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.findings.Codes;

import dev.hopscope.model.Pod;
import dev.hopscope.model.Service;
import dev.hopscope.model.Socket;
import dev.hopscope.net.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Selected pods where nothing listens on a Service's targetPort: kube-proxy DNATs to the pod, and
 * the pod answers with a RST (TCP) or port unreachable (UDP). A listener bound to 127.0.0.1 does
 * not count, since the DNAT'd packet is addressed to the pod's own IP.
 */
public final class ServiceTargetPortCheck implements DesignCheck {

    @Override public void check(Context ctx, Consumer<Finding> out) {
        for (Service s : ctx.doc().all(Service.class)) {
            List<Pod> pods = ctx.selected(s);
            for (Service.ServicePort sp : s.ports()) {
                List<String> subjects = new ArrayList<>(List.of(s.id()));
                List<String> names = new ArrayList<>();
                boolean loopback = false;
                for (Pod p : pods) {
                    if (listens(p, sp, false)) continue;
                    loopback |= listens(p, sp, true);
                    subjects.add(p.id());
                    names.add(p.name());
                }
                if (names.isEmpty()) continue;
                String target = sp.proto().label() + "/" + sp.targetPort();
                out.accept(new Finding(Finding.Severity.WARNING, Codes.SERVICE_TARGET_PORT_CLOSED, subjects,
                        "Service " + s.name() + " forwards port " + sp.port() + " to " + target + ", but nothing listens on "
                                + target + " in " + (names.size() == 1 ? "pod " : "pods ") + String.join(", ", names)
                                + (loopback ? " (a listener there is bound to 127.0.0.1 only)" : "")
                                + ": connections DNAT'd there are refused.",
                        "Set targetPort of " + s.name() + " to the port the pods listen on, or make the pods listen on "
                                + target + " (on 0.0.0.0)."));
            }
        }
    }

    private static boolean listens(Pod p, Service.ServicePort sp, boolean loopbackToo) {
        for (Socket s : p.sockets())
            if (s.port() == sp.targetPort() && s.proto() == sp.proto() && (loopbackToo || !s.loopbackOnly())) return true;
        return false;
    }
}
