package com.dispatchconsole.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tier "ui": a window driven by TestFX, headless, usually on a real database. Brings the one JavaFX set-up,
 * {@link FxTestExtension}: {@code @Start} methods, an {@code FxRobot} parameter, windows closed after each test.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("ui")
@ExtendWith(FxTestExtension.class)
public @interface UiTest {
}
