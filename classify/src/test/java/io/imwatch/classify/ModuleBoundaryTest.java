package io.imwatch.classify;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The classification core is shared by the CLI and the topology; Kafka and metrics stay in stream-app. */
class ModuleBoundaryTest {

    @Test
    void classifyShouldNotDependOnKafkaOrMicrometer() {
        noClasses()
                .that()
                .resideInAPackage("io.imwatch.classify..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "io.micrometer..", "io.prometheus..", "io.imwatch.app..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.imwatch.classify"));
    }
}
