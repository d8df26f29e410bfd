package com.dispatchconsole;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.dispatchconsole.testing.UnitTest;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the layers honest: the UI never reaches the database, the domain knows nothing of JavaFX or JDBC. */
@UnitTest
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.dispatchconsole");
    }

    @Test
    void layersOnlyCallDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("CLI").definedBy("com.dispatchconsole.cli..")
                .layer("Tools").definedBy("com.dispatchconsole.stress..", "com.dispatchconsole.bench..")
                .layer("App").definedBy("com.dispatchconsole.app..")
                .layer("Demo").definedBy("com.dispatchconsole.demo..")
                .layer("Embedded").definedBy("com.dispatchconsole.embedded..")
                .layer("UI").definedBy("com.dispatchconsole.ui..")
                .optionalLayer("Realtime").definedBy("com.dispatchconsole.realtime..")
                .layer("Service").definedBy("com.dispatchconsole.service..")
                .layer("Persistence").definedBy("com.dispatchconsole.persistence..")
                .layer("Domain").definedBy("com.dispatchconsole.domain..")
                .whereLayer("CLI").mayNotBeAccessedByAnyLayer()
                .whereLayer("Tools").mayOnlyBeAccessedByLayers("CLI")
                .whereLayer("App").mayOnlyBeAccessedByLayers("CLI", "Tools")
                .whereLayer("Demo").mayOnlyBeAccessedByLayers("CLI", "Tools", "App")
                .whereLayer("Embedded").mayOnlyBeAccessedByLayers("CLI", "Tools", "App")
                .whereLayer("UI").mayOnlyBeAccessedByLayers("App", "Tools")
                .whereLayer("Realtime").mayOnlyBeAccessedByLayers("CLI", "App", "UI", "Tools")
                .whereLayer("Service").mayOnlyBeAccessedByLayers("CLI", "App", "Tools", "UI", "Realtime", "Demo")
                .whereLayer("Persistence").mayOnlyBeAccessedByLayers("CLI", "App", "Tools", "Service", "Realtime",
                        "Demo", "Embedded")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("com.dispatchconsole.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void onlyTheCommandLineWritesToTheStandardStreams() {
        // Everything else hands its words to a PrintStream, a notice or a typed error, so tests and the console
        // decide where they go.
        noClasses().that().resideOutsideOfPackage("com.dispatchconsole.cli..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().accessField(System.class, "in")
                .orShould().callMethod(Throwable.class, "printStackTrace")
                .check(classes);
    }

    @Test
    void domainKnowsNothingOfJavaFxJdbcOrHibernateSessions() {
        noClasses().that().resideInAPackage("com.dispatchconsole.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.sql..", "javax.sql..",
                        "org.hibernate", "org.hibernate.engine..", "com.zaxxer..", "org.flywaydb..")
                .check(classes);
    }

    @Test
    void theUiNeverTouchesJdbcHibernateOrThePersistenceLayer() {
        noClasses().that().resideInAPackage("com.dispatchconsole.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.hibernate..",
                        "org.postgresql..", "com.dispatchconsole.persistence..")
                .check(classes);
    }

    @Test
    void onlyTheServiceLayerOpensTransactions() {
        noClasses().that().resideOutsideOfPackage("com.dispatchconsole.service..")
                .should().callMethod(org.hibernate.SessionFactory.class, "fromTransaction", java.util.function.Function.class)
                .orShould().callMethod(org.hibernate.SessionFactory.class, "inTransaction", java.util.function.Consumer.class)
                .orShould().callMethod(org.hibernate.SessionFactory.class, "openSession")
                .check(classes);
    }

    @Test
    void viewModelsDoNotKnowTheirViews() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("View")
                .allowEmptyShould(true)
                .check(classes);
    }
}
