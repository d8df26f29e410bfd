package com.dispatchconsole.persistence;

import com.dispatchconsole.testing.UnitTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.BatchStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SQL status lists are built from the domain's sets, in a fixed order, and never empty. */
@UnitTest
class StatusesTest {

    @Test
    void theActiveListIsTheDomainsActiveSetAsSqlLiterals() {
        assertThat(Statuses.ACTIVE).isEqualTo("('ASSIGNED', 'PICKED', 'OUT_FOR_DELIVERY')");
        assertThat(Arrays.stream(BatchStatus.values()).filter(BatchStatus::isActive).toList())
                .containsExactlyElementsOf(BatchStatus.ACTIVE);
    }

    @Test
    void aListFollowsTheLifecycleOrderWhateverOrderItIsGivenIn() {
        assertThat(Statuses.inList(List.of(BatchStatus.CANCELLED, BatchStatus.CREATED)))
                .isEqualTo("('CREATED', 'CANCELLED')");
        assertThat(Statuses.inList(Set.of(BatchStatus.PICKED))).isEqualTo("('PICKED')");
    }

    @Test
    void anArrayHasTheSameLiteralsInTheSameOrder() {
        assertThat(Statuses.array(BatchStatus.ACTIVE)).isEqualTo("ARRAY['ASSIGNED', 'PICKED', 'OUT_FOR_DELIVERY']");
    }

    @Test
    void anEmptyListIsRefusedBecauseInWithNothingIsNotSql() {
        assertThatThrownBy(() -> Statuses.inList(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Statuses.array(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
