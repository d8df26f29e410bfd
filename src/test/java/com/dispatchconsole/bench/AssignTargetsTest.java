package com.dispatchconsole.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.testing.UnitTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bench assign's verdict on issue 15's targets is taken on the measured rates, never on the rounded ratios. */
@UnitTest
class AssignTargetsTest {

    private static AssignBenchmark.Result cell(String pattern, double raw, double service, Double pgbench) {
        return new AssignBenchmark.Result(8, pattern, raw, service, pgbench, Math.round(service / raw * 100) / 100.0,
                pgbench == null ? null : Math.round(service / pgbench * 100) / 100.0, 0, 0, 0, 0, List.of(), null,
                List.of(), 0, 0, null, null, raw, service / raw);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRatioThatOnlyRoundsUpToTheTargetMissesIt() {
        // 1,288.62 / 1,620.25 = 0.795: printed as 0.8, short of 0.8 all the same.
        Map<String, Object> targets = AssignBenchmark.targets(List.of(cell("spread", 1620.25, 1288.62, 1508.2),
                cell("hot", 625.76, 563.69, 645.08)));
        assertThat((Map<String, Object>) targets.get("spread")).containsEntry("serviceVsRaw", false)
                .containsEntry("serviceVsPgbench", true);
        assertThat((Map<String, Object>) targets.get("hot")).containsEntry("serviceVsRaw", true);
        assertThat(targets.get("met")).isEqualTo(false);
    }

    @Test
    void withoutPgbenchItsHalfIsUnknownNotPassed() {
        Map<String, Object> targets = AssignBenchmark.targets(List.of(cell("spread", 1000, 900, null),
                cell("hot", 1000, 900, null)));
        assertThat(targets.get("met")).isNull();
    }
}
