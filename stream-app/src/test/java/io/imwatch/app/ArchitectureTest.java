package io.imwatch.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package layout of stream-app, and the boundaries of the libraries it is built on, as rules
 * the build checks (CONTRIBUTING.md explains the layers).
 *
 * <p>Packages point one way, top to bottom: {@code cli} (with {@code cli.simulate}) → {@code run} →
 * {@code topology} → the stages ({@code counts}, {@code alerts.detection}, {@code alerts.delivery})
 * → the model ({@code window}, {@code alerts}, {@code alerts.rules}, {@code livecatalog}) → the base ({@code config},
 * {@code metrics}); {@code demo} and {@code embedded} are used by {@code run} only. A new package
 * has to be placed in a layer here before the build passes.
 */
@AnalyzeClasses(
        packages = {"io.imwatch.app", "io.imwatch.catalog", "io.imwatch.classify"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String APP = "io.imwatch.app";

    /** Every package of stream-app is its own slice, so alerts.detection and alerts.rules count apart. */
    @ArchTest
    static final ArchRule appPackagesAreFreeOfCycles =
            slices().matching(APP + ".(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule appLayersPointDown = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Cli")
            .definedBy(APP, APP + ".cli..")
            .layer("Run")
            .definedBy(APP + ".run..")
            .layer("Topology")
            .definedBy(APP + ".topology..")
            .layer("Stages")
            .definedBy(APP + ".counts..", APP + ".alerts.detection..", APP + ".alerts.delivery..")
            .layer("Model")
            .definedBy(APP + ".window..", APP + ".alerts", APP + ".alerts.rules..", APP + ".livecatalog..")
            .layer("Base")
            .definedBy(APP + ".config..", APP + ".metrics..")
            .layer("Support")
            .definedBy(APP + ".demo..", APP + ".embedded..")
            .whereLayer("Cli")
            .mayOnlyAccessLayers("Run", "Stages", "Model", "Base")
            .whereLayer("Run")
            .mayOnlyAccessLayers("Topology", "Stages", "Model", "Base", "Support")
            .whereLayer("Topology")
            .mayOnlyAccessLayers("Stages", "Model", "Base")
            .whereLayer("Stages")
            .mayOnlyAccessLayers("Model", "Base")
            .whereLayer("Model")
            .mayOnlyAccessLayers("Base")
            .whereLayer("Base")
            .mayNotAccessAnyLayer()
            .whereLayer("Support")
            .mayNotAccessAnyLayer()
            .ensureAllClassesAreContainedInArchitectureIgnoring("io.imwatch.catalog..", "io.imwatch.classify..");

    /** The stages of one layer do not know each other: counts and alerts only meet in the topology. */
    @ArchTest
    static final ArchRule countsDoNotKnowAlerts = noClasses()
            .that()
            .resideInAPackage(APP + ".counts..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(APP + ".alerts..");

    @ArchTest
    static final ArchRule alertDetectionDoesNotKnowCountsOrDelivery = noClasses()
            .that()
            .resideInAPackage(APP + ".alerts.detection..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(APP + ".counts..", APP + ".alerts.delivery..");

    @ArchTest
    static final ArchRule alertDeliveryDoesNotKnowDetectionOrRules = noClasses()
            .that()
            .resideInAPackage(APP + ".alerts.delivery..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(APP + ".alerts.detection..", APP + ".alerts.rules..");

    /** The catalogue is a plain library: anything Kafka- or metrics-specific belongs in stream-app. */
    @ArchTest
    static final ArchRule catalogKnowsNoKafkaOrMetrics = noClasses()
            .that()
            .resideInAPackage("io.imwatch.catalog..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.kafka..", "io.micrometer..", "io.prometheus..");

    /** The classification core is shared by the CLI and the topology; Kafka and metrics stay in stream-app. */
    @ArchTest
    static final ArchRule classifyKnowsNoKafkaOrMetrics = noClasses()
            .that()
            .resideInAPackage("io.imwatch.classify..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.kafka..", "io.micrometer..", "io.prometheus..", "io.imwatch.app..");

    /**
     * Kafka Streams' internals change without notice: one class, {@code window.SumsStore}, uses one
     * of them (the pre-commit {@code flushCache} hook, see its Javadoc); nothing else may.
     */
    @ArchTest
    static final ArchRule onlySumsStoreUsesKafkaStreamsInternals = noClasses()
            .that()
            .doNotHaveFullyQualifiedName(APP + ".window.SumsStore")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.kafka.streams..internals..");
}
