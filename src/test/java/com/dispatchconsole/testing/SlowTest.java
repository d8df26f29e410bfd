package com.dispatchconsole.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Tier "slow": seconds per test, because it starts PostgreSQL servers of its own, runs stress or a burst of
 * thousands of changes, kills or freezes connections, or waits out a network timeout. Still part of
 * {@code mvn verify}.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("slow")
public @interface SlowTest {
}
