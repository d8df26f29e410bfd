package com.dispatchconsole.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.testing.UnitTest;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

@UnitTest
class RiderLimitsTest {

    private final RiderLimits limits = new RiderLimits(10, new BigDecimal("20.00"), 2);

    @Test
    void loadExactlyAtEveryLimitFits() {
        assertThat(limits.refusal("Ana", new Load(10, new BigDecimal("20"), 2))).isNull();
    }

    @Test
    void oneOrderTooManyIsCapacityExceeded() {
        assertThat(limits.refusal("Ana", new Load(11, new BigDecimal("5"), 1)).code())
                .isEqualTo(ErrorCode.CAPACITY_EXCEEDED);
    }

    @Test
    void aGramTooMuchIsWeightExceeded() {
        DispatchException refusal = limits.refusal("Ana", new Load(3, new BigDecimal("20.01"), 1));
        assertThat(refusal.code()).isEqualTo(ErrorCode.WEIGHT_EXCEEDED);
        assertThat(refusal.sentence()).contains("20.01 kg").contains("limit is 20 kg");
    }

    @Test
    void aThirdBatchIsOverTheActiveBatchLimit() {
        assertThat(limits.refusal("Ana", new Load(3, BigDecimal.ONE, 3)).code())
                .isEqualTo(ErrorCode.ACTIVE_BATCH_LIMIT);
    }
}
