package dev.hopscope;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The onion of STYLE.md, enforced: model in the middle, net around it, io around that, ui and
 * cli outside and blind to each other; only {@code dev.hopscope.Main} knows both.
 *
 * <p>The rules are written for a root package so that the second test can aim them at small
 * fixture classes under {@code fixture.hopscope} that break each rule on purpose: a rule that
 * never fires would pass on production code for the wrong reason.
 */
class ArchitectureTest {

    private static final String[] FRAMEWORKS_OUTSIDE_THE_CORE = {
        "javafx..", "tools.jackson..", "com.fasterxml..", "picocli.."
    };

    /** Rule name to rule, for the project whose packages live under {@code root}. */
    static Map<String, ArchRule> rules(String root) {
        String model = root + ".model..";
        String net = root + ".net..";
        String io = root + ".io..";
        String ui = root + ".ui..";
        String cli = root + ".cli..";
        // The root package itself holds only Main, the one class allowed to know ui and cli.
        String main = root;

        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put("model depends on nothing else of ours", noClasses().that().resideInAPackage(model)
                .should().dependOnClassesThat().resideInAnyPackage(net, io, ui, cli, main)
                .because("the document knows nothing of packets, files or screens"));
        rules.put("model uses no UI, JSON or CLI framework", noClasses().that().resideInAPackage(model)
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS_OUTSIDE_THE_CORE)
                .because("the document must load in a plain JVM test without JavaFX or Jackson"));
        rules.put("net depends only on model", noClasses().that().resideInAPackage(net)
                .should().dependOnClassesThat().resideInAnyPackage(io, ui, cli, main)
                .because("the dataplane is computed from the document alone"));
        rules.put("net uses no UI, JSON or CLI framework", noClasses().that().resideInAPackage(net)
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS_OUTSIDE_THE_CORE)
                .because("verdicts come from the engine, never from how they are shown or serialised"));
        rules.put("io does not know ui or cli", noClasses().that().resideInAPackage(io)
                .should().dependOnClassesThat().resideInAnyPackage(ui, cli, main)
                .because("files are read and written the same way for the designer and the command line"));
        rules.put("io does not use JavaFX", noClasses().that().resideInAPackage(io)
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .because("the command line must run without a display: an exporter that renders with"
                        + " JavaFX (a canvas snapshot to PNG) belongs in ui, not io"));
        rules.put("ui does not know cli", noClasses().that().resideInAPackage(ui)
                .should().dependOnClassesThat().resideInAnyPackage(cli)
                .because("the designer and the command line are peers; Main chooses between them"));
        rules.put("cli does not know ui", noClasses().that().resideInAPackage(cli)
                .should().dependOnClassesThat().resideInAnyPackage(ui)
                .because("the command line must not load JavaFX; only Main reaches the designer"));
        // A layer with no classes yet (io, before its first importer) passes rather than fails.
        rules.replaceAll((name, rule) -> rule.allowEmptyShould(true));
        return rules;
    }

    @Test
    void productionCodeKeepsTheLayers() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.hopscope");
        // Guards against a silent pass: an import that found nothing would satisfy every rule.
        assertThat(production.contain(Main.class)).isTrue();
        assertThat(production.stream().filter(c -> c.getPackageName().startsWith("dev.hopscope.model")))
                .isNotEmpty();

        // Evaluate every rule before failing, so one run reports every broken layer at once.
        List<String> broken = new ArrayList<>();
        rules("dev.hopscope").values().forEach(rule -> {
            EvaluationResult result = rule.evaluate(production);
            if (result.hasViolation()) {
                broken.add(result.getFailureReport().toString());
            }
        });
        assertThat(broken).as("architecture violations").isEmpty();
    }

    @Test
    void everyRuleCatchesABreakingClass() {
        JavaClasses fixtures = new ClassFileImporter().importPackages("fixture.hopscope");

        rules("fixture.hopscope").forEach((name, rule) -> {
            EvaluationResult result = rule.evaluate(fixtures);
            assertThat(result.hasViolation()).as("rule '%s' fires on its fixture", name).isTrue();
        });
        // The fixtures' Main knows both ui and cli, which is allowed: no rule may name it.
        rules("fixture.hopscope").forEach((name, rule) -> assertThat(
                        rule.evaluate(fixtures).getFailureReport().getDetails())
                .as("rule '%s' leaves Main alone", name)
                .noneMatch(line -> line.startsWith("Method <fixture.hopscope.Main.")
                        || line.startsWith("Class <fixture.hopscope.Main>")));
    }
}
