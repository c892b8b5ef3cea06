package dev.hopscope.net.findings;

import dev.hopscope.model.Container;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Socket;
import dev.hopscope.net.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Port clashes inside one shared network namespace that is not a host's: the containers of a pod
 * (all in the pause container's namespace), and containers joined with {@code container:NAME}.
 * They share one port space, so a second listener on a port fails with "Address already in use".
 */
final class NamespacePortClashCheck implements DesignCheck {

    @Override public void check(Context ctx, Consumer<Finding> out) {
        for (Pod p : ctx.doc().all(Pod.class)) {
            if (p.hostNetwork()) continue; // its sockets are in the node's namespace: HostPortClashCheck
            List<Binding> bindings = new ArrayList<>();
            for (Pod.PodContainer pc : p.containers())
                for (Socket s : pc.sockets())
                    bindings.add(new Binding(p.id(), s.proto(), s.port(), s.bind(), "container " + pc.name() + " listening on " + s));
            for (List<Binding> clash : Binding.clashes(bindings))
                report("pod " + p.name() + "'s network namespace", List.of(p.id()), clash, out);
        }
        // keyed by the owner's id: hashing whole container records would cost more than the check
        Map<String, List<Binding>> byNamespace = new LinkedHashMap<>();
        Map<String, Container> owners = new LinkedHashMap<>();
        for (Container c : ctx.doc().all(Container.class)) {
            Container owner = ctx.namespaceOwner(c);
            if (owner.mode() == Container.Mode.HOST) continue; // the host's namespace: HostPortClashCheck
            owners.putIfAbsent(owner.id(), owner);
            List<Binding> list = byNamespace.computeIfAbsent(owner.id(), k -> new ArrayList<>());
            for (Socket s : c.sockets())
                list.add(new Binding(c.id(), s.proto(), s.port(), s.bind(), "container " + c.name() + " listening on " + s));
        }
        byNamespace.forEach((ownerId, bindings) -> {
            if (bindings.size() < 2) return;
            for (List<Binding> clash : Binding.clashes(bindings))
                report("the network namespace of container " + owners.get(ownerId).name(), Binding.owners(clash), clash, out);
        });
    }

    private static void report(String where, List<String> subjects, List<Binding> clash, Consumer<Finding> out) {
        Binding first = clash.get(0);
        String port = first.proto().label() + "/" + first.port();
        out.accept(new Finding(Finding.Severity.ERROR, Codes.PORT_CLASH, subjects,
                "In " + where + ", " + port + " is bound " + Binding.times(clash.size()) + ": " + Binding.describe(clash)
                        + ". These containers share one namespace, so the second bind fails with \"Address already in use\".",
                "Move all but one of these listeners to another port (they share localhost, so each port can be used once)."));
    }
}
