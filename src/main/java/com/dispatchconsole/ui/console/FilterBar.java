package com.dispatchconsole.ui.console;

import com.dispatchconsole.ui.common.Labels;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.rows.OutletRow;
import javafx.collections.ListChangeListener;
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

    private FilterBar() {
    }

    static HBox create(ConsoleRows model) {
        ComboBox<OutletRow> outlet = new ComboBox<>();
        outlet.setId("outlet-filter");
        outlet.setPromptText("All outlets");
        model.outlets().addListener((ListChangeListener<OutletRow>) c -> {
            outlet.getItems().setAll((OutletRow) null);
            outlet.getItems().addAll(model.outlets());
        });
        outlet.setButtonCell(outletCell());
        outlet.setCellFactory(l -> outletCell());
        outlet.valueProperty().bindBidirectional(model.filter().outletProperty());

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

    private static ListCell<OutletRow> outletCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(OutletRow outlet, boolean empty) {
                super.updateItem(outlet, empty);
                setText(empty ? null : outlet == null ? "All outlets" : outlet.name());
            }
        };
    }
}
