package com.dispatchconsole.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.testing.UnitTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Text stays readable on the buttons that carry their own colour, in both themes: the danger buttons (Fail…,
 * Cancel…), a dialog's default button and the view switch's lit button. Read from the stylesheets as they are
 * (the rule's variables, each theme's palette), measured with the WCAG contrast ratio against 4.5:1.
 */
@UnitTest
class ThemeContrastTest {

    private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^}]*)}");
    private static final Pattern DECLARATION = Pattern.compile("(-[\\w-]+)\\s*:\\s*([^;]+);");
    private static final double READABLE = 4.5;

    @Test
    void everyColouredButtonIsReadableInBothThemes() throws IOException {
        String dark = css(Theme.DARK);
        String light = css(Theme.LIGHT);
        Map<String, String> darkPalette = declarations(dark, ".root");
        Map<String, String> lightPalette = new HashMap<>(darkPalette);
        lightPalette.putAll(declarations(light, ".root"));

        String text = declarations(dark, ".button").get("-fx-text-fill");
        String danger = declarations(dark, ".button.danger").get("-fx-base");
        String dangerText = declarations(dark, ".button.danger").getOrDefault("-fx-text-fill", text);
        Map<String, String> lit = declarations(dark, "#batch-view .toggle-button:selected");
        Map<String, String> bestFit = declarations(dark, "#rider-best-fit:selected");
        Map<String, String> byDefault = declarations(dark, ".button:default");
        for (Map<String, String> palette : java.util.List.of(darkPalette, lightPalette)) {
            String theme = palette == darkPalette ? "dark" : "light";
            assertThat(contrast(palette, dangerText, danger)).as("%s: a danger button's text", theme)
                    .isGreaterThanOrEqualTo(READABLE);
            assertThat(contrast(palette, byDefault.get("-fx-text-fill"), byDefault.get("-fx-base")))
                    .as("%s: a dialog's default button", theme).isGreaterThanOrEqualTo(READABLE);
            assertThat(contrast(palette, lit.get("-fx-text-fill"), lit.get("-fx-base")))
                    .as("%s: the lit view button", theme).isGreaterThanOrEqualTo(READABLE);
            assertThat(contrast(palette, bestFit.get("-fx-text-fill"), bestFit.get("-fx-base")))
                    .as("%s: Best fit while on", theme).isGreaterThanOrEqualTo(READABLE);
        }
    }

    @Test
    void theMeasureTellsDarkRedOnDarkRedFromReadableText() {
        Map<String, String> palette = Map.of("-a", "#8b1e1e", "-b", "#6b2222", "-c", "#1f2328", "-d", "#f5c2c0");
        assertThat(contrast(palette, "-a", "-b")).isLessThan(READABLE);
        assertThat(contrast(palette, "-c", "-d")).isGreaterThanOrEqualTo(READABLE);
    }

    private static String css(String resource) throws IOException {
        return Files.readString(Path.of("src/main/resources" + resource)).replaceAll("(?s)/\\*.*?\\*/", "");
    }

    private static Map<String, String> declarations(String css, String selector) {
        Map<String, String> found = new HashMap<>();
        Matcher rule = RULE.matcher(css);
        while (rule.find()) {
            if (rule.group(1).strip().equals(selector)) {
                Matcher d = DECLARATION.matcher(rule.group(2));
                while (d.find()) {
                    found.put(d.group(1), d.group(2).strip());
                }
            }
        }
        assertThat(found).as("rule %s", selector).isNotEmpty();
        return found;
    }

    private static double contrast(Map<String, String> palette, String a, String b) {
        double la = luminance(resolve(palette, a));
        double lb = luminance(resolve(palette, b));
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static String resolve(Map<String, String> palette, String value) {
        String v = value;
        for (int i = 0; i < 10 && palette.containsKey(v); i++) {
            v = palette.get(v);
        }
        return v.equals("white") ? "#ffffff" : v;
    }

    private static double luminance(String hex) {
        assertThat(hex).matches("#[0-9a-fA-F]{6}");
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double s = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
