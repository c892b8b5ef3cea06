package dev.hopscope.cli;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.io.docker.EngineAddress;
import dev.hopscope.io.docker.EngineException;
import dev.hopscope.io.docker.LiveImporter;
import dev.hopscope.io.imports.ImportException;
import dev.hopscope.io.imports.ImportOptions;
import dev.hopscope.io.imports.ImportResult;
import dev.hopscope.io.imports.Importer;
import dev.hopscope.io.DocumentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", description = "docker-compose files (merged as docker compose -f A -f B merges them), Kubernetes manifests,"
        + " docker network inspect JSON or a running Docker engine (--docker), to a laid-out Hopscope document.")
final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0..*", arity = "0..*", paramLabel = "FILE") List<Path> files = new ArrayList<>();
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "where to write the document") Path out;
    @Option(names = "--docker", description = "read a running Docker engine instead of a file (only reads: nothing on the engine changes)") boolean docker;
    @Option(names = "--host", paramLabel = "URL", description = "with --docker: the engine, unix:///PATH or tcp://HOST:PORT (default: DOCKER_HOST, else unix:///var/run/docker.sock; TLS from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH)") String host;
    @Option(names = "--profile", paramLabel = "P", description = "enable a compose profile (repeatable; '*' enables all)") List<String> profiles = new ArrayList<>();
    @Option(names = "--env-file", paramLabel = "F", description = "read compose variables from F instead of the project's .env (repeatable)") List<Path> envFiles = new ArrayList<>();
    @Option(names = "--swarm", description = "read the compose files as docker stack deploy deploys them: tasks spread over a swarm, ports on the routing mesh") boolean swarm;
    @Option(names = "--nodes", paramLabel = "N", description = "with --swarm: the swarm's nodes, one manager and N-1 workers (default 3)") Integer nodes;
    @Spec CommandSpec spec;

    @Override public Integer call() {
        if (docker && !files.isEmpty()) throw new UsageException("give either FILE or --docker, not both");
        if (!docker && host != null) throw new UsageException("--host needs --docker");
        if (!docker && files.isEmpty()) throw new UsageException("missing FILE (or --docker to read a running engine)");
        String source;
        ImportResult result;
        if (docker) {
            try {
                EngineAddress address = EngineAddress.resolve(host, System.getenv());
                source = address.uri().toString();
                result = LiveImporter.importEngine(address, step -> {});
            } catch (EngineException e) {
                throw new UsageException(e.getMessage());
            }
        } else {
            for (Path f : files) if (!Files.exists(f)) throw new UsageException(f + ": no such file");
            for (Path f : envFiles) if (!Files.exists(f)) throw new UsageException(f + ": no such env file");
            if (nodes != null && !swarm) throw new UsageException("--nodes needs --swarm");
            if (nodes != null && (nodes < 1 || nodes > ImportOptions.MAX_SWARM_NODES))
                throw new UsageException("--nodes must be from 1 to " + ImportOptions.MAX_SWARM_NODES + ", not " + nodes);
            source = files.size() == 1 ? files.get(0).toString() : files.get(0) + " (+" + (files.size() - 1) + ")";
            try {
                result = Importer.importFiles(files, ImportOptions.fromProcess().withProfiles(profiles).withEnvFiles(envFiles)
                        .withSwarm(swarm ? (nodes == null ? 3 : nodes) : 0));
            } catch (ImportException e) {
                throw new UsageException(e.getMessage());
            }
        }
        // warnings go to stderr so that scripts can keep stdout for the summary
        for (String w : result.warnings()) spec.commandLine().getErr().println("warning: " + w);
        try {
            DocumentCodec.save(result.document(), out);
        } catch (DocumentException e) {
            throw new UsageException(out + ": " + e.problem());
        }
        spec.commandLine().getOut().println(source + " -> " + out + ": " + result.document().nodes().size() + " nodes, "
                + result.warnings().size() + " warning" + (result.warnings().size() == 1 ? "" : "s"));
        return Cli.OK;
    }
}
