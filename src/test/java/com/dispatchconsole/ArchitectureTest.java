package com.dispatchconsole;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.dispatchconsole.testing.UnitTest;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
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

    /**
     * Every SQL and HQL statement of the product lives in persistence, one query class per aggregate; services only
     * call those inside a unit of work. Left out are the packages whose SQL is their job: the live feed's LISTEN
     * connection (realtime), and the tools around the product (benchmarks, stress runs, demo and embedded server
     * set-up, the command line's scratch-database check), which talk to PostgreSQL directly on purpose.
     */
    @Test
    void onlyPersistenceWritesQueries() {
        noClasses().that().resideOutsideOfPackages("com.dispatchconsole.persistence..",
                        "com.dispatchconsole.realtime..", "com.dispatchconsole.bench..", "com.dispatchconsole.stress..",
                        "com.dispatchconsole.demo..", "com.dispatchconsole.embedded..", "com.dispatchconsole.cli..")
                .should().callMethodWhere(createsAStatementOrQuery())
                .check(classes);
    }

    /** JDBC statements ({@code Connection.prepareStatement} and friends) and Hibernate/JPA queries (create*Query). */
    static DescribedPredicate<JavaMethodCall> createsAStatementOrQuery() {
        return new DescribedPredicate<>("create a JDBC statement or a Hibernate query") {
            @Override
            public boolean test(JavaMethodCall call) {
                JavaClass owner = call.getTarget().getOwner();
                String name = call.getTarget().getName();
                boolean jdbc = owner.isAssignableTo(java.sql.Connection.class)
                        && (name.equals("prepareStatement") || name.equals("prepareCall") || name.equals("createStatement"));
                boolean orm = (owner.getPackageName().startsWith("org.hibernate")
                        || owner.getPackageName().startsWith("jakarta.persistence"))
                        && name.startsWith("create") && name.endsWith("Query");
                return jdbc || orm;
            }
        };
    }

    @Test
    void viewModelsDoNotKnowTheirViews() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("View")
                .allowEmptyShould(true)
                .check(classes);
    }
}
