package com.dispatchconsole.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Tier "unit": no PostgreSQL, no server, no socket, no window. The fast tier ({@code mvn test -Pfast}) runs only
 * these, so a class here must never reach {@link TestDatabases}, {@code persistence.Database} or an embedded
 * server ({@code TestTiersTest} checks). JavaFX controls without a window are fine with
 * {@code @ExtendWith(FxTestExtension.class)}.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("unit")
public @interface UnitTest {
}
