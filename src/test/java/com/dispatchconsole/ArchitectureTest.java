package com.dispatchconsole;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.dispatchconsole.testing.UnitTest;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Optional;
import java.util.Set;
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
                // The simulator's players: outside callers of the public API, so they use nothing but it.
                .layer("Sim").definedBy("com.dispatchconsole.sim..")
                .layer("App").definedBy("com.dispatchconsole.app..")
                .layer("Demo").definedBy("com.dispatchconsole.demo..")
                .layer("Embedded").definedBy("com.dispatchconsole.embedded..")
                .layer("UI").definedBy("com.dispatchconsole.ui..")
                .optionalLayer("Gateway").definedBy("com.dispatchconsole.gateway..")
                .optionalLayer("Realtime").definedBy("com.dispatchconsole.realtime..")
                .layer("Service").definedBy("com.dispatchconsole.service..")
                .layer("Persistence").definedBy("com.dispatchconsole.persistence..")
                .layer("Domain").definedBy("com.dispatchconsole.domain..")
                .whereLayer("CLI").mayNotBeAccessedByAnyLayer()
                .whereLayer("Tools").mayOnlyBeAccessedByLayers("CLI")
                .whereLayer("App").mayOnlyBeAccessedByLayers("CLI", "Tools")
                .whereLayer("Sim").mayOnlyBeAccessedByLayers("CLI", "App")
                .whereLayer("Demo").mayOnlyBeAccessedByLayers("CLI", "Tools", "App", "Sim")
                .whereLayer("Embedded").mayOnlyBeAccessedByLayers("CLI", "Tools", "App")
                .whereLayer("UI").mayOnlyBeAccessedByLayers("App", "Tools")
                // The gateway is an edge beside the UI: it calls services and listens to the feed, nothing else.
                .whereLayer("Gateway").mayOnlyBeAccessedByLayers("App", "Tools")
                .whereLayer("Realtime").mayOnlyBeAccessedByLayers("CLI", "App", "UI", "Gateway", "Tools")
                .whereLayer("Service").mayOnlyBeAccessedByLayers("CLI", "App", "Tools", "UI", "Gateway", "Realtime",
                        "Demo")
                .whereLayer("Persistence").mayOnlyBeAccessedByLayers("CLI", "App", "Tools", "Service", "Realtime",
                        "Demo", "Embedded")
                .check(classes);
    }

    /**
     * The simulator plays outlets, riders and a dispatcher as the outside world does: through the gateway's HTTP API
     * and Socket.IO rooms only. Its setup (enrolling riders, issuing its tokens) is an admin's and lives in app.
     */
    @Test
    void theSimulatorUsesOnlyThePublicApi() {
        noClasses().that().resideInAPackage("com.dispatchconsole.sim..")
                .should().dependOnClassesThat().resideInAnyPackage("com.dispatchconsole.service..",
                        "com.dispatchconsole.persistence..", "com.dispatchconsole.gateway..",
                        "com.dispatchconsole.realtime..", "com.dispatchconsole.ui..", "com.dispatchconsole.app..",
                        "java.sql..", "javax.sql..", "org.hibernate..")
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

    /**
     * The UI's model classes: every view model, the console's models behind {@code ConsoleViewModel}, and the parts of
     * {@code ui.common} they are built from. What a view binds to; what a test drives without a window.
     */
    static final Set<String> UI_MODELS = Set.of(
            "com.dispatchconsole.ui.console.ConsoleViewModel",
            "com.dispatchconsole.ui.console.ConsoleRows",
            "com.dispatchconsole.ui.console.ConsoleSelection",
            "com.dispatchconsole.ui.console.BatchCommands",
            "com.dispatchconsole.ui.console.ConsoleStatus",
            "com.dispatchconsole.ui.console.BatchDetailModel",
            "com.dispatchconsole.ui.console.DatabaseBanner",
            "com.dispatchconsole.ui.common.Notices",
            "com.dispatchconsole.ui.common.BackgroundTasks",
            "com.dispatchconsole.ui.common.RowStore");

    /** A UI model, or a class nested in one (a view model's records, its anonymous listeners). */
    static final DescribedPredicate<JavaClass> A_UI_MODEL = new DescribedPredicate<>("are UI models (*ViewModel, "
            + "the console's models, Notices, BackgroundTasks, RowStore) or nested in one") {
        @Override
        public boolean test(JavaClass type) {
            for (Optional<JavaClass> c = Optional.of(type); c.isPresent(); c = c.get().getEnclosingClass()) {
                if (c.get().getSimpleName().endsWith("ViewModel") || UI_MODELS.contains(c.get().getName())) {
                    return true;
                }
            }
            return false;
        }
    };

    /**
     * Models hold state and decisions in properties and observable lists (javafx.beans, javafx.collections); a
     * control, a node, a scene or a window is the view's. A model that knew one could not be driven by a test
     * without a window, and would start deciding how things look.
     */
    static ArchRule noNodesOrWindowsInUiModels() {
        return noClasses().that(A_UI_MODEL)
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .because("a UI model exposes properties and lists; the nodes that show them are the view's");
    }

    @Test
    void uiModelsKnowNoNodesOrWindows() {
        assertThat(UI_MODELS).as("every named model still exists (a rename must not drop it from the rule)")
                .allMatch(classes::contain);
        noNodesOrWindowsInUiModels().check(classes);
    }

    /** A model that reaches for a control, as the rule must catch it. */
    static final class LeakyViewModel {
        javafx.scene.control.Label status;
    }

    /** A model class that only uses properties, as the rule must let it be. */
    static final class TidyViewModel {
        javafx.beans.property.SimpleStringProperty status;
    }

    @Test
    void theModelRuleCatchesAModelThatUsesAControl() {
        assertThat(noNodesOrWindowsInUiModels()
                .evaluate(new ClassFileImporter().importClasses(LeakyViewModel.class)).hasViolation()).isTrue();
        assertThat(noNodesOrWindowsInUiModels()
                .evaluate(new ClassFileImporter().importClasses(TidyViewModel.class)).hasViolation()).isFalse();
    }

    /** The class named, or one nested in it. */
    static DescribedPredicate<JavaClass> partOf(String className) {
        return new DescribedPredicate<>("part of " + className) {
            @Override
            public boolean test(JavaClass type) {
                for (Optional<JavaClass> c = Optional.of(type); c.isPresent(); c = c.get().getEnclosingClass()) {
                    if (c.get().getName().equals(className)) {
                        return true;
                    }
                }
                return false;
            }
        };
    }

    /**
     * Every background call of the UI goes through {@code BackgroundTasks}, the one place that counts the calls under
     * way (the busy indicator) and drops superseded answers; the executors themselves sit below it.
     */
    static ArchRule onlyBackgroundTasksSubmits() {
        return noClasses().that(DescribedPredicate.not(partOf("com.dispatchconsole.ui.common.BackgroundTasks")))
                .should().callMethodWhere(new DescribedPredicate<JavaMethodCall>("submit work to a UiExecutor") {
                    @Override
                    public boolean test(JavaMethodCall call) {
                        return call.getTargetOwner().isAssignableTo(com.dispatchconsole.ui.common.UiExecutor.class)
                                && call.getName().equals("submit");
                    }
                });
    }

    @Test
    void backgroundCallsGoThroughBackgroundTasks() {
        onlyBackgroundTasksSubmits().check(classes);
    }

    /** A model that hands its work to the executor itself, as the rule must catch it. */
    static final class ImpatientViewModel {
        void probe(com.dispatchconsole.ui.common.UiExecutor ui) {
            ui.submit(() -> 1, ok -> { }, error -> { });
        }
    }

    @Test
    void theBackgroundRuleCatchesADirectSubmit() {
        assertThat(onlyBackgroundTasksSubmits()
                .evaluate(new ClassFileImporter().importClasses(ImpatientViewModel.class)).hasViolation()).isTrue();
    }

    @Test
    void viewModelsDoNotKnowTheirViews() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("View")
                .allowEmptyShould(true)
                .check(classes);
    }
}
