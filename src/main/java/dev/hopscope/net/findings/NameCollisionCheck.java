package dev.hopscope.net.findings;

import dev.hopscope.model.Container;
import dev.hopscope.model.Node;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Service;
import dev.hopscope.net.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Names that must be unique in their scope: Docker refuses a second container of one name on a
 * host ("Conflict. The container name is already in use"), and Kubernetes a second Service or pod
 * of one name in a namespace. Either way, a lookup by that name finds only one of them.
 */
final class NameCollisionCheck implements DesignCheck {

    @Override public void check(Context ctx, Consumer<Finding> out) {
        Map<String, List<Node>> scopes = new LinkedHashMap<>();
        for (Container c : ctx.doc().all(Container.class))
            scopes.computeIfAbsent("container\u0000" + c.host() + "\u0000" + c.name(), k -> new ArrayList<>()).add(c);
        for (Service s : ctx.doc().all(Service.class))
            scopes.computeIfAbsent("service\u0000" + s.namespace() + "\u0000" + s.name(), k -> new ArrayList<>()).add(s);
        for (Pod p : ctx.doc().all(Pod.class))
            scopes.computeIfAbsent("pod\u0000" + p.namespace() + "\u0000" + p.name(), k -> new ArrayList<>()).add(p);
        for (List<Node> same : scopes.values()) {
            if (same.size() < 2) continue;
            Node first = same.get(0);
            List<String> ids = same.stream().map(Node::id).toList();
            String where = first instanceof Container c ? "host " + ctx.name(c.host())
                    : "namespace " + (first instanceof Service s ? s.namespace() : ((Pod) first).namespace());
            String kind = first.kind().label();
            String refusal = first instanceof Container
                    ? "Docker refuses the second one (\"the container name is already in use\") and DNS or links by that name find only one"
                    : "Kubernetes refuses the second one (\"already exists\") and DNS by that name finds only one";
            out.accept(new Finding(Finding.Severity.WARNING, Codes.NAME_COLLISION, ids,
                    same.size() + " " + kind + "s on " + where + " are named " + first.name() + " (ids " + String.join(", ", ids)
                            + "): " + refusal + ".",
                    "Rename all but one of the " + kind + "s named " + first.name() + "."));
        }
    }
}
