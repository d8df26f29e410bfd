package com.dispatchconsole.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.testing.UnitTest;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The one rule for stored weights: 0.01 kg steps, below a million, never rounded behind the caller's back. */
@UnitTest
class KilogramsTest {

    private static void refused(BigDecimal kg, boolean positive, String sentence) {
        assertThatThrownBy(() -> Kilograms.require(kg, "weightKg", positive))
                .isInstanceOfSatisfying(DispatchException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.sentence()).isEqualTo(sentence);
                });
    }

    @Test
    void aWeightInTenGramStepsIsReturnedAsGiven() {
        BigDecimal kg = new BigDecimal("12.50");

        assertThat(Kilograms.require(kg, "weightKg", true)).isSameAs(kg);
        assertThat(Kilograms.require(new BigDecimal("1.2300"), "weightKg", true))
                .as("trailing zeros are not decimals").isEqualByComparingTo("1.23");
        assertThat(Kilograms.require(Kilograms.MAX, "weightKg", true)).isEqualByComparingTo("999999.99");
    }

    @Test
    void zeroIsAnOrdersWeightButNotARidersLimit() {
        assertThat(Kilograms.require(BigDecimal.ZERO, "weightKg", false)).isEqualByComparingTo("0");
        refused(BigDecimal.ZERO, true, "weightKg must be more than 0 kg; got 0.");
    }

    @Test
    void negativeMissingTooLargeAndTooPreciseWeightsAreRefusedByName() {
        refused(new BigDecimal("-0.01"), false, "weightKg must be 0 or more kg; got -0.01.");
        refused(null, false, "weightKg is missing (kg).");
        refused(new BigDecimal("1000000"), false, "weightKg must be at most 999999.99 kg; got 1000000.");
        refused(new BigDecimal("1.005"), false,
                "weightKg has more than two decimals (1.005 kg); weights are kept to 0.01 kg.");
    }
}
