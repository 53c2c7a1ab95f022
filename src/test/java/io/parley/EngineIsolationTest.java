package io.parley;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The chat engine and its ports will also run inside AWS Lambda, so they stay free of Spring web, servlet, WebSocket
 * and persistence types; those belong to the adapters in sub-packages (web, jdbc).
 */
class EngineIsolationTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.parley");

    @Test
    void chatEngineAndModelPortUseNoWebOrPersistenceTypes() {
        noClasses()
                .that()
                .resideInAnyPackage("io.parley.conversation", "io.parley.llm")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.web..",
                        "org.springframework.http..",
                        "jakarta.servlet..",
                        "jakarta.websocket..",
                        "org.springframework.jdbc..",
                        "org.springframework.dao..",
                        "org.springframework.transaction..",
                        "java.sql..",
                        "javax.sql..",
                        "jakarta.persistence..")
                .check(classes);
    }
}
