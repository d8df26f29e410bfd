package com.dispatchconsole.ui.settings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * A table's columns as the operator left them: order, widths, which are shown (the table's column menu, top right),
 * and the sort. Columns are known by a stable id: their own, or one made here from the header text.
 */
public final class TableLayout {

    /** One column: its id, width and whether it is shown. */
    public record Column(String id, double width, boolean visible) {
    }

    /** One key of the sort: a column and its direction. */
    public record Sort(String id, boolean ascending) {
    }

    /** A table's layout: the columns in their order, and the sort keys in theirs. */
    public record State(List<Column> columns, List<Sort> sort) {

        public State {
            columns = columns == null ? List.of() : List.copyOf(columns);
            sort = sort == null ? List.of() : List.copyOf(sort);
        }
    }

    private TableLayout() {
    }

    /**
     * Gives the table the saved layout (if any), shows its column menu, and saves every change the operator makes
     * to it from now on. Call on the FX thread before the table is first shown.
     */
    public static <S> void bind(TableView<S> table, OperatorSettings settings, OperatorSettings.Section<State> section) {
        table.setTableMenuButtonVisible(true);
        table.getColumns().forEach(TableLayout::ensureId);
        settings.get(section).ifPresent(state -> apply(table, state));
        Runnable save = () -> settings.put(section, capture(table));
        table.getColumns().addListener((ListChangeListener<TableColumn<S, ?>>) c -> save.run());
        table.getSortOrder().addListener((ListChangeListener<TableColumn<S, ?>>) c -> save.run());
        for (TableColumn<S, ?> column : table.getColumns()) {
            column.widthProperty().addListener((o, a, b) -> save.run());
            column.visibleProperty().addListener((o, a, b) -> save.run());
            column.sortTypeProperty().addListener((o, a, b) -> save.run());
        }
    }

    /** A column's id: its own, or "column-" and its header text ("In status" → "column-in-status"). */
    static void ensureId(TableColumn<?, ?> column) {
        if (column.getId() == null || column.getId().isBlank()) {
            String text = column.getText() == null ? "" : column.getText();
            column.setId("column-" + text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                    .replaceAll("^-|-$", ""));
        }
    }

    static <S> State capture(TableView<S> table) {
        List<Column> columns = new ArrayList<>();
        for (TableColumn<S, ?> column : table.getColumns()) {
            columns.add(new Column(column.getId(), Math.round(column.getWidth() * 10) / 10.0, column.isVisible()));
        }
        List<Sort> sort = new ArrayList<>();
        for (TableColumn<S, ?> column : table.getSortOrder()) {
            sort.add(new Sort(column.getId(), column.getSortType() == TableColumn.SortType.ASCENDING));
        }
        return new State(columns, sort);
    }

    static <S> void apply(TableView<S> table, State state) {
        Map<String, TableColumn<S, ?>> byId = new HashMap<>();
        table.getColumns().forEach(column -> byId.put(column.getId(), column));
        // The saved order first; columns this version added (not saved) keep their place relative to the end.
        List<TableColumn<S, ?>> ordered = new ArrayList<>();
        for (Column saved : state.columns()) {
            TableColumn<S, ?> column = byId.remove(saved.id());
            if (column != null) {
                ordered.add(column);
                if (saved.width() > 0) {
                    column.setPrefWidth(saved.width());
                }
                column.setVisible(saved.visible());
            }
        }
        for (TableColumn<S, ?> column : table.getColumns()) {
            if (byId.containsKey(column.getId())) {
                ordered.add(Math.min(table.getColumns().indexOf(column), ordered.size()), column);
            }
        }
        table.getColumns().setAll(ordered);
        List<TableColumn<S, ?>> sortOrder = new ArrayList<>();
        for (Sort key : state.sort()) {
            for (TableColumn<S, ?> column : table.getColumns()) {
                if (column.getId().equals(key.id()) && column.isSortable()) {
                    column.setSortType(key.ascending() ? TableColumn.SortType.ASCENDING : TableColumn.SortType.DESCENDING);
                    sortOrder.add(column);
                }
            }
        }
        table.getSortOrder().setAll(sortOrder);
    }
}
