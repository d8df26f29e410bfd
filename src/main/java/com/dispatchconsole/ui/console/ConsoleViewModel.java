package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.service.QueryService;
import com.dispatchconsole.ui.common.UiExecutor;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The console's state: the rider and batch rows, what is loading, and what the dispatcher should read. */
public final class ConsoleViewModel {

    private final QueryService queries;
    private final UiExecutor ui;
    private final String operator;
    private final String databaseLabel;
    private final ObservableList<RiderRow> riders = FXCollections.observableArrayList();
    private final ObservableList<BatchRow> batches = FXCollections.observableArrayList();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty statusCounts = new SimpleStringProperty("");

    public ConsoleViewModel(QueryService queries, UiExecutor ui, String operator, String databaseLabel) {
        this.queries = queries;
        this.ui = ui;
        this.operator = operator;
        this.databaseLabel = databaseLabel;
    }

    private record Snapshot(List<RiderRow> riders, List<BatchRow> batches) {
    }

    /** Reads both tables off the UI thread and shows them; a failure leaves the old rows and says why. */
    public void load() {
        loading.set(true);
        message.set("Loading riders and batches…");
        ui.submit(() -> new Snapshot(queries.riders(), queries.batches()), snapshot -> {
            riders.setAll(snapshot.riders());
            batches.setAll(snapshot.batches());
            statusCounts.set(countByStatus(snapshot.batches()));
            message.set("Loaded " + snapshot.riders().size() + " riders and " + snapshot.batches().size()
                    + " batches.");
            loading.set(false);
        }, refusal -> {
            message.set(refusal.sentence());
            loading.set(false);
        });
    }

    static String countByStatus(List<BatchRow> rows) {
        Map<BatchStatus, Long> counts = new EnumMap<>(BatchStatus.class);
        Stream.of(BatchStatus.values()).forEach(s -> counts.put(s, 0L));
        rows.forEach(r -> counts.merge(r.status(), 1L, Long::sum));
        return counts.entrySet().stream().map(e -> e.getKey().label() + " " + e.getValue())
                .collect(Collectors.joining("   "));
    }

    public ObservableList<RiderRow> riders() {
        return riders;
    }

    public ObservableList<BatchRow> batches() {
        return batches;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyStringProperty statusCountsProperty() {
        return statusCounts;
    }

    public String operator() {
        return operator;
    }

    public String databaseLabel() {
        return databaseLabel;
    }
}
