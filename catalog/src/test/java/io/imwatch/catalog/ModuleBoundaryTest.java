package io.imwatch.catalog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The catalogue is a plain library: anything Kafka- or metrics-specific belongs in stream-app. */
class ModuleBoundaryTest {

    @Test
    void catalogShouldNotDependOnKafkaOrMicrometer() {
        noClasses()
                .that()
                .resideInAPackage("io.imwatch.catalog..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "io.micrometer..", "io.prometheus..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.imwatch.catalog"));
    }
}
