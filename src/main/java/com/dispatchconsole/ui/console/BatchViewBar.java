package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.BatchStatus;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import com.dispatchconsole.domain.rows.BatchRow;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import org.controlsfx.control.CheckComboBox;
import org.controlsfx.control.SegmentedButton;

/**
 * The filter bar's view switch ("Unassigned queue | All active | Everything", ids {@code view-unassigned},
 * {@code view-active}, {@code view-everything} in {@code batch-view}) and the status filter kept in step with it:
 * the ticks are the filter's statuses both ways, and the filter reads what is ticked ("Created", "Created,
 * Assigned", "3 statuses", "All statuses").
 */
final class BatchViewBar {

    /** The batches table's column of how long ago a batch was created. */
    static final String AGE = "Age";

    private BatchViewBar() {
    }

    static SegmentedButton create(BatchFilter filter) {
        SegmentedButton views = new SegmentedButton();
        views.setId("batch-view");
        for (BatchView view : BatchView.values()) {
            ToggleButton button = new ToggleButton(view.label());
            button.setId(view.nodeId());
            button.setUserData(view);
            button.setTooltip(new Tooltip(switch (view) {
                case UNASSIGNED_QUEUE -> "Created batches waiting for a rider, oldest first";
                case ALL_ACTIVE -> "Every batch that is not finished";
                case EVERYTHING -> "Every batch, finished ones (completed, failed, cancelled) too";
            }));
            button.setOnAction(e -> {
                filter.show(view);
                select(views, filter.viewProperty().get());
            });
            views.getButtons().add(button);
        }
        select(views, filter.viewProperty().get());
        filter.viewProperty().addListener((o, was, view) -> select(views, view));
        return views;
    }

    private static void select(SegmentedButton views, BatchView view) {
        for (ToggleButton button : views.getButtons()) {
            button.setSelected(button.getUserData() == view);
        }
    }

    /** The ticks of {@code box} and the filter's statuses, each following the other, and the box's title. */
    static void bindStatuses(CheckComboBox<BatchStatus> box, BatchFilter filter) {
        boolean[] syncing = {false};
        Runnable toBox = () -> {
            syncing[0] = true;
            try {
                for (BatchStatus status : BatchStatus.values()) {
                    boolean want = filter.statuses().contains(status);
                    if (box.getCheckModel().isChecked(status) != want) {
                        if (want) {
                            box.getCheckModel().check(status);
                        } else {
                            box.getCheckModel().clearCheck(status);
                        }
                    }
                }
            } finally {
                syncing[0] = false;
            }
            box.setTitle(filter.statusesTitle());
        };
        box.getCheckModel().getCheckedItems().addListener((ListChangeListener<BatchStatus>) c -> {
            if (!syncing[0]) {
                syncing[0] = true;
                try {
                    filter.statuses().retainAll(box.getCheckModel().getCheckedItems());
                    filter.statuses().addAll(box.getCheckModel().getCheckedItems());
                } finally {
                    syncing[0] = false;
                }
            }
            box.setTitle(filter.statusesTitle());
        });
        filter.statuses().addListener((SetChangeListener<BatchStatus>) c -> {
            if (!syncing[0]) {
                toBox.run();
            }
        });
        toBox.run();
    }

    /**
     * The batches table starts sorted oldest first, as the unassigned queue is read: by the Age column (largest age
     * first), which the dispatcher may change like any sort.
     */
    static void oldestFirst(TableView<BatchRow> table) {
        table.getColumns().stream().filter(c -> AGE.equals(c.getText())).findFirst().ifPresent(age -> {
            age.setSortType(TableColumn.SortType.DESCENDING);
            table.getSortOrder().setAll(java.util.List.of(age));
        });
    }
}
