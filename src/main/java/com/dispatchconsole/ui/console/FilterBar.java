package com.dispatchconsole.ui.console;

import com.dispatchconsole.ui.common.Labels;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.rows.OutletRow;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.layout.Region;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.controlsfx.control.CheckComboBox;

/** The view (unassigned queue, all active, everything), outlet, statuses (multi-select) and free text over id, rider and customer. */
final class FilterBar {

    /** The "All outlets" item: no outlet is chosen. */
    private static final OutletRow ALL_OUTLETS = new OutletRow(new UUID(0, 0), "All outlets", "");

    private FilterBar() {
    }

    static HBox create(ConsoleRows model) {
        ComboBox<OutletRow> outlet = outletChoice(model);

        CheckComboBox<BatchStatus> statuses = new CheckComboBox<>();
        statuses.setId("status-filter");
        statuses.getItems().setAll(BatchStatus.values());
        statuses.setShowCheckedCount(false);
        statuses.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(BatchStatus status) {
                return status == null ? "" : Labels.of(status);
            }

            @Override
            public BatchStatus fromString(String text) {
                return null;
            }
        });
        BatchViewBar.bindStatuses(statuses, model.filter());

        TextField search = new TextField();
        search.setId("search-field");
        search.setPromptText("Search id, rider or customer  (Ctrl+F)");
        search.textProperty().bindBidirectional(model.filter().textProperty());
        HBox.setHgrow(search, Priority.ALWAYS);

        Label count = new Label();
        count.setId("visible-count");
        count.getStyleClass().add("muted");
        count.textProperty().bind(model.visibleCountProperty());

        HBox bar = new HBox(8, BatchViewBar.create(model.filter()), new Label("Outlet"), outlet, new Label("Status"),
                statuses, search, count);
        bar.getStyleClass().add("filter-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /**
     * The outlet choice. "All outlets" is an item of its own, never null: a ComboBox whose items hold null loses its
     * shown value when the items are refilled, which left the box blank (and the bar squeezed) after a restart with a
     * saved outlet. Outlets are refilled in one step, and the chosen one is found again by id.
     */
    private static ComboBox<OutletRow> outletChoice(ConsoleRows model) {
        ComboBox<OutletRow> outlet = new ComboBox<>();
        outlet.setId("outlet-filter");
        outlet.setPrefWidth(190);
        outlet.setMaxWidth(Region.USE_PREF_SIZE);
        outlet.getItems().setAll(ALL_OUTLETS);
        outlet.setValue(ALL_OUTLETS);
        ObjectProperty<OutletRow> chosen = model.filter().outletProperty();
        boolean[] syncing = {false};
        Runnable show = () -> {
            syncing[0] = true;
            try {
                OutletRow wanted = chosen.get();
                outlet.setValue(wanted == null ? ALL_OUTLETS : outlet.getItems().stream()
                        .filter(o -> o.id().equals(wanted.id())).findFirst().orElse(ALL_OUTLETS));
            } finally {
                syncing[0] = false;
            }
        };
        model.outlets().addListener((ListChangeListener<OutletRow>) c -> {
            List<OutletRow> items = new ArrayList<>();
            items.add(ALL_OUTLETS);
            items.addAll(model.outlets());
            syncing[0] = true;
            try {
                outlet.getItems().setAll(items);
            } finally {
                syncing[0] = false;
            }
            show.run();
        });
        chosen.addListener((o, was, now) -> show.run());
        outlet.valueProperty().addListener((o, was, now) -> {
            if (!syncing[0] && now != null) {
                chosen.set(now == ALL_OUTLETS ? null : now);
            }
        });
        outlet.setButtonCell(outletCell());
        outlet.setCellFactory(l -> outletCell());
        return outlet;
    }

    private static ListCell<OutletRow> outletCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(OutletRow outlet, boolean empty) {
                super.updateItem(outlet, empty);
                setText(empty || outlet == null ? null : outlet.name());
            }
        };
    }
}
