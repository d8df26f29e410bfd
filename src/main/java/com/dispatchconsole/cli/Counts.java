package com.dispatchconsole.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks of numeric options before any work starts. A negative or zero count would otherwise fail deep inside a
 * run (or quietly do nothing); thrown as picocli's ParameterException, it becomes one INVALID_ARGUMENT line.
 */
final class Counts {

    private Counts() {
    }

    static void atLeast(CommandSpec spec, String option, long value, long min) {
        if (value < min) {
            throw new ParameterException(spec.commandLine(), option + " must be at least " + min + " (got " + value
                    + ").");
        }
    }

    static void eachAtLeast(CommandSpec spec, String option, int[] values, int min) {
        if (values == null || values.length == 0) {
            throw new ParameterException(spec.commandLine(), option + " needs at least one value.");
        }
        for (int value : values) {
            if (value < min) {
                throw new ParameterException(spec.commandLine(), "Every value of " + option + " must be at least "
                        + min + " (got " + value + ").");
            }
        }
    }

    static void positive(CommandSpec spec, String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new ParameterException(spec.commandLine(), option + " must be a number greater than 0 (got "
                    + value + ").");
        }
    }

    static void notNegative(CommandSpec spec, String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new ParameterException(spec.commandLine(), option + " must be a number of 0 or more (got "
                    + value + ").");
        }
    }
}
