package com.dispatchconsole.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.testing.UnitTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The theme owns its colours: console.css writes each one once, as a named variable of {@code .root}, and its rules
 * use the names, so console-light.css (which changes the palette only) reaches every colour.
 */
@UnitTest
class ThemePaletteTest {

    /** A colour written out: #3d8bfd, or rgb(…)/rgba(…)/hsb(…)/hsba(…). */
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{3,8}\\b|\\b(rgba?|hsba?)\\s*\\(");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    /** A rule: its selectors and its declarations. */
    private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^}]*)}");

    @Test
    void everyColourOfEitherThemeIsAPaletteVariable() throws IOException {
        for (String theme : new String[] {Theme.DARK, Theme.LIGHT}) {
            String css = Files.readString(Path.of("src/main/resources" + theme));
            assertThat(coloursOutsideThePalette(css)).as("%s: colours written into a rule instead of the palette", theme)
                    .isEmpty();
        }
    }

    @Test
    void theCheckFindsAColourWrittenIntoARule() {
        // The toast's shadow as it used to be written: the check above would have failed on it.
        assertThat(coloursOutsideThePalette(".root { -dc-bad: #f85149; }\n"
                + ".notice { -fx-effect: dropshadow(gaussian, rgba(0,0,0,0.5), 10, 0, 0, 2); }"))
                .containsExactly(".notice: rgba(");
        assertThat(coloursOutsideThePalette(".root { -dc-shadow: rgba(0,0,0,0.5); }\n"
                + ".notice { -fx-effect: dropshadow(gaussian, -dc-shadow, 10, 0, 0, 2); }")).isEmpty();
    }

    /** "selector: literal" for each colour written in a rule other than {@code .root}. */
    private static List<String> coloursOutsideThePalette(String css) {
        List<String> found = new ArrayList<>();
        Matcher rule = RULE.matcher(COMMENT.matcher(css).replaceAll(""));
        while (rule.find()) {
            String selector = rule.group(1).strip();
            if (selector.equals(".root")) {
                continue;
            }
            Matcher colour = COLOUR.matcher(rule.group(2));
            while (colour.find()) {
                found.add(selector + ": " + colour.group());
            }
        }
        return found;
    }
}
