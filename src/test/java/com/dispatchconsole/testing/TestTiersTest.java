package com.dispatchconsole.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.embedded.EmbeddedServer;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.ui.console.ConsoleHarness;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Every test class sits in exactly one tier, and the fast tier really runs without PostgreSQL: a unit test that
 * reached a database would make {@code mvn test -Pfast} start one (or fail where there is none). JavaFX starts
 * one way only, headless.
 */
@UnitTest
class TestTiersTest {

    private static final List<Class<? extends Annotation>> TIERS =
            List.of(UnitTest.class, DatabaseTest.class, UiTest.class, SlowTest.class);

    private static JavaClasses testClasses;

    @BeforeAll
    static void importTests() {
        testClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("com.dispatchconsole");
    }

    @Test
    void everyTestClassCarriesExactlyOneTier() {
        Set<String> tierTags = TIERS.stream().map(tier -> tier.getAnnotation(Tag.class).value())
                .collect(Collectors.toSet());
        assertThat(tierTags).containsExactlyInAnyOrder("unit", "db", "ui", "slow");

        Map<String, List<String>> tagsByClass = new TreeMap<>();
        for (JavaClass javaClass : testClasses) {
            Class<?> type = javaClass.reflect();
            if (Arrays.stream(type.getDeclaredMethods()).anyMatch(TestTiersTest::isTest)) {
                tagsByClass.put(type.getName(), AnnotationSupport.findRepeatableAnnotations(type, Tag.class).stream()
                        .map(Tag::value).filter(tierTags::contains).toList());
            }
        }

        assertThat(tagsByClass).as("test classes found").containsKey(TestTiersTest.class.getName())
                .hasSizeGreaterThan(40);
        assertThat(tagsByClass.entrySet().stream().filter(entry -> entry.getValue().size() != 1)
                .map(entry -> entry.getKey() + " " + entry.getValue()))
                .as("test classes without exactly one of @UnitTest, @DatabaseTest, @UiTest, @SlowTest").isEmpty();
    }

    @Test
    void unitTestsNeverReachADatabase() {
        // This check names them as class literals only, so it leaves itself out.
        noClasses().that(inTheUnitTier()).and().doNotBelongToAnyOf(TestTiersTest.class)
                .should().dependOnClassesThat().belongToAnyOf(TestDatabases.class, Database.class,
                        EmbeddedServer.class, DispatchServices.class, Fixtures.class, Sql.class, Logins.class,
                        ConsoleHarness.class)
                .because("the fast tier (mvn test -Pfast) runs without PostgreSQL")
                .check(testClasses);
    }

    @Test
    void javaFxTestsGetTheToolkitOnlyThroughTheOneExtension() {
        noClasses().that().doNotBelongToAnyOf(FxTestExtension.class, TestTiersTest.class)
                .should().dependOnClassesThat().belongToAnyOf(ApplicationExtension.class)
                .orShould().callMethod(Platform.class, "startup", Runnable.class)
                .because("FxTestExtension sets the headless platform before the toolkit starts; use @UiTest")
                .check(testClasses);
    }

    /** @Test, @ParameterizedTest, @RepeatedTest, @TestFactory: everything JUnit runs is meta-annotated @Testable. */
    private static boolean isTest(Method method) {
        return AnnotationSupport.isAnnotated(method, Testable.class);
    }

    /** A class annotated @UnitTest, or nested in one (its records, helpers and lambdas count too). */
    private static DescribedPredicate<JavaClass> inTheUnitTier() {
        return DescribedPredicate.describe("are in the unit tier", javaClass -> {
            for (JavaClass c = javaClass; c != null; c = c.getEnclosingClass().orElse(null)) {
                if (c.isAnnotatedWith(UnitTest.class)) {
                    return true;
                }
            }
            return false;
        });
    }
}
