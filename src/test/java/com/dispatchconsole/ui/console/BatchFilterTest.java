package com.dispatchconsole.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.testing.UnitTest;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The filter starts on the unassigned queue; views are status sets; the status filter's title says what is ticked. */
@UnitTest
class BatchFilterTest {

    @Test
    void startsOnTheUnassignedQueueAndSwitchesViews() {
        BatchFilter filter = new BatchFilter();
        assertThat(filter.viewProperty().get()).isEqualTo(BatchView.UNASSIGNED_QUEUE);
        assertThat(filter.statuses()).containsExactly(BatchStatus.CREATED);

        filter.show(BatchView.ALL_ACTIVE);
        assertThat(filter.statuses()).containsExactlyInAnyOrder(BatchStatus.CREATED, BatchStatus.ASSIGNED,
                BatchStatus.PICKED, BatchStatus.OUT_FOR_DELIVERY);
        assertThat(filter.viewProperty().get()).isEqualTo(BatchView.ALL_ACTIVE);

        filter.show(BatchView.EVERYTHING);
        assertThat(filter.statuses()).isEqualTo(EnumSet.allOf(BatchStatus.class));

        filter.statuses().remove(BatchStatus.FAILED);
        assertThat(filter.viewProperty().get()).as("a set of one's own is no view").isNull();
        filter.statuses().clear();
        assertThat(filter.viewProperty().get()).as("nothing ticked shows everything").isEqualTo(BatchView.EVERYTHING);
    }

    @Test
    void theStatusFilterNamesOneOrTwoAndCountsMore() {
        BatchFilter filter = new BatchFilter();
        assertThat(filter.statusesTitle()).isEqualTo("Created");
        filter.statuses().add(BatchStatus.PICKED);
        filter.statuses().add(BatchStatus.ASSIGNED);
        assertThat(filter.statusesTitle()).isEqualTo("3 statuses");
        filter.statuses().remove(BatchStatus.CREATED);
        assertThat(filter.statusesTitle()).as("in the map's order, in words").isEqualTo("Assigned, Picked up");
        filter.statuses().clear();
        assertThat(filter.statusesTitle()).isEqualTo("All statuses");
        filter.show(BatchView.EVERYTHING);
        assertThat(filter.statusesTitle()).isEqualTo("All statuses");
    }

    @Test
    void aSwitchOfViewIsOneChangeForTheRows() {
        BatchFilter filter = new BatchFilter();
        int[] filtered = {0};
        filter.statuses().addListener((javafx.collections.SetChangeListener<BatchStatus>) c -> {
            if (!filter.switching()) {
                filtered[0]++;
            }
        });
        filter.switchesProperty().addListener((o, a, b) -> filtered[0]++);

        filter.show(BatchView.EVERYTHING);

        assertThat(filtered[0]).as("six statuses ticked, one filtering").isEqualTo(1);
        filter.statuses().remove(BatchStatus.FAILED);
        assertThat(filtered[0]).as("a tick of one's own filters at once").isEqualTo(2);
    }
}
