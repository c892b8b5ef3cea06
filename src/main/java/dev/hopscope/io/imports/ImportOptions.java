package dev.hopscope.io.imports;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to read compose files, as {@code docker compose} reads them: the profiles to enable
 * ({@code --profile}; none means Compose's {@code COMPOSE_PROFILES}), the env files that replace
 * the project's {@code .env} ({@code --env-file}, later ones win), and the shell environment,
 * which wins over every env file; and whether the files are a swarm stack ({@code --swarm}: the
 * number of nodes). Kubernetes manifests and inspect JSON ignore all of them.
 */
public record ImportOptions(List<String> profiles, List<Path> envFiles, Map<String, String> environment, int swarmNodes) {

    /** The most nodes a swarm stack is imported onto. */
    public static final int MAX_SWARM_NODES = 80;

    public ImportOptions {
        profiles = List.copyOf(profiles);
        envFiles = List.copyOf(envFiles);
        environment = Map.copyOf(environment);
        if (swarmNodes < 0 || swarmNodes > MAX_SWARM_NODES) throw new IllegalArgumentException("a swarm of 1 to " + MAX_SWARM_NODES + " nodes");
    }

    public ImportOptions(List<String> profiles, List<Path> envFiles, Map<String, String> environment) {
        this(profiles, envFiles, environment, 0);
    }

    /** No profile, the project's own {@code .env}, and no shell environment: the same file imports the same way everywhere. */
    public static ImportOptions none() { return new ImportOptions(List.of(), List.of(), Map.of()); }

    /** As {@code docker compose} run from this process: its environment variables are the shell's. */
    public static ImportOptions fromProcess() { return new ImportOptions(List.of(), List.of(), System.getenv()); }

    public ImportOptions withProfiles(List<String> v) { return new ImportOptions(v, envFiles, environment, swarmNodes); }
    public ImportOptions withEnvFiles(List<Path> v) { return new ImportOptions(profiles, v, environment, swarmNodes); }
    public ImportOptions withEnvironment(Map<String, String> v) { return new ImportOptions(profiles, envFiles, v, swarmNodes); }

    /** Read compose files as {@code docker stack deploy} deploys them, onto a swarm of {@code nodes} nodes (one manager); 0: {@code docker compose up} on one host. */
    public ImportOptions withSwarm(int nodes) { return new ImportOptions(profiles, envFiles, environment, nodes); }
}
