package com.dispatchconsole.ui.common;

import com.dispatchconsole.testing.UnitTest;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

/**
 * Colours live in the theme (console.css and its palette), so the light theme reaches every one: no UI class makes a
 * {@link Color} of its own or writes a colour into a style string.
 */
@UnitTest
class NoColoursInJavaTest {

    private static final Set<String> COLOUR_FACTORIES = Set.of("web", "rgb", "hsb", "color", "gray", "grayRgb",
            "valueOf", "deriveColor", "brighter", "darker", "interpolate", "saturate", "desaturate", "invert");

    /** A colour in a Java string: #3d8bfd, rgb(…)/rgba(…)/hsb(…), or any "-fx-…color/fill/stroke:" declaration. */
    private static final Pattern COLOUR_IN_TEXT = Pattern.compile(
            "#[0-9a-fA-F]{3,8}\\b|\\b(rgba?|hsba?)\\s*\\(|-fx-[a-z-]*(color|fill|stroke)\\s*:");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:\\\\.|[^\"\\\\\\n])*\"");

    @Test
    void noUiClassMakesAColourOrUsesANamedOneButTransparent() {
        JavaClasses ui = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.dispatchconsole.ui");
        noClasses().should().callMethodWhere(new DescribedPredicate<JavaMethodCall>("makes a Color") {
                    @Override
                    public boolean test(JavaMethodCall call) {
                        return call.getTargetOwner().isEquivalentTo(Color.class)
                                && COLOUR_FACTORIES.contains(call.getName());
                    }
                })
                .orShould().callConstructor(Color.class, double.class, double.class, double.class, double.class)
                .orShould().getFieldWhere(new DescribedPredicate<JavaFieldAccess>("reads a named Color but TRANSPARENT") {
                    @Override
                    public boolean test(JavaFieldAccess access) {
                        // A snapshot's see-through background is no colour a theme could choose.
                        return access.getTargetOwner().isEquivalentTo(Color.class)
                                && !access.getName().equals("TRANSPARENT");
                    }
                })
                .because("colours belong in console.css, where console-light.css can change them")
                .check(ui);
    }

    @Test
    void noUiSourceWritesAColourIntoAString() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java/com/dispatchconsole/ui"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(source);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher literal = STRING_LITERAL.matcher(lines.get(i));
                    while (literal.find()) {
                        if (COLOUR_IN_TEXT.matcher(literal.group()).find()) {
                            found.add(source.getFileName() + ":" + (i + 1) + " " + literal.group());
                        }
                    }
                }
            }
        }
        assertThat(found).as("colours written in Java (setStyle, Color.web) instead of the theme").isEmpty();
    }

    @Test
    void theCheckFindsTheColoursThatUsedToBeHere() {
        // The two that were moved to the theme, as they were written: the check above would have failed on them.
        assertThat(COLOUR_IN_TEXT.matcher("\"-fx-background-color: #3d8bfd; -fx-text-fill: white;\"").find()).isTrue();
        assertThat(COLOUR_IN_TEXT.matcher("\"#f4f6f8\"").find()).isTrue();
        assertThat(COLOUR_IN_TEXT.matcher("\"-fx-padding: 4 10; -fx-font-weight: bold;\"").find()).isFalse();
    }
}
