package com.dispatchconsole.testing;

import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The one JavaFX set-up for tests. Before anything starts the toolkit it asks for Monocle's headless glass
 * platform with software rendering (no display, no GPU, same pixels on every machine), then starts the toolkit
 * once per JVM, before the test class is even instantiated (so fields may hold controls). Per test, TestFX runs
 * the class's {@code @Start} methods, hands it an {@code FxRobot} and closes its windows afterwards. Use it through
 * {@link UiTest}.
 *
 * <p>To watch a UI test on a desktop instead, run it with {@code -Dtestfx.headless=false}: nothing is set then.
 */
public final class FxTestExtension extends ApplicationExtension implements BeforeAllCallback {

    /** Read by JavaFX, Monocle and TestFX when the toolkit starts; a value given on the command line wins. */
    private static final Map<String, String> HEADLESS = Map.of(
            "testfx.headless", "true",
            "testfx.robot", "glass",
            "glass.platform", "Monocle",
            "monocle.platform", "Headless",
            "prism.order", "sw",
            "prism.text", "t2k",
            "headless.geometry", "1920x1200-32",
            "java.awt.headless", "true");

    static {
        // A static initializer: it runs when JUnit loads the extension, before TestFX's robot or toolkit exists.
        if (!"false".equals(System.getProperty("testfx.headless"))) {
            HEADLESS.forEach((key, value) -> {
                if (System.getProperty(key) == null) {
                    System.setProperty(key, value);
                }
            });
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        FxToolkit.registerPrimaryStage();
    }
}
