package io.parley.handoff;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The chat engine calls the handoff rules on every message, in the server and later inside AWS Lambda, so the
 * feature's top-level package stays free of web and persistence types; those live in its web and jdbc packages.
 */
class HandoffIsolationTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.parley.handoff");

    @Test
    void rulesAndSettingsUseNoWebOrPersistenceTypes() {
        noClasses()
                .that()
                .resideInAPackage("io.parley.handoff")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.web..",
                        "org.springframework.http..",
                        "jakarta.servlet..",
                        "org.springframework.jdbc..",
                        "org.springframework.transaction..",
                        "java.sql..",
                        "javax.sql..",
                        "tools.jackson..")
                .check(classes);
    }
}
