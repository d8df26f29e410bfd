package com.dispatchconsole.ui.reports;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/**
 * A table's rows exactly as it shows them: its items in their current order (filtered and sorted), its visible
 * columns in their current order, each cell's text as the column's own cell draws it (the same "12 min", "—" or
 * "Picked up" the dispatcher sees). Runs on the FX thread; the text is then written off it.
 */
public final class TableExport {

    /** The header and rows of one table. */
    public record Shown(List<String> header, List<List<String>> rows) {
    }

    private TableExport() {
    }

    public static <S> Shown shown(TableView<S> table) {
        List<TableColumn<S, ?>> columns = new ArrayList<>(table.getVisibleLeafColumns());
        List<String> header = columns.stream().map(TableColumn::getText).toList();
        List<TableCell<S, ?>> cells = new ArrayList<>();
        TableRow<S> row = new TableRow<>();
        row.updateTableView(table);
        for (TableColumn<S, ?> column : columns) {
            cells.add(cell(table, row, column));
        }
        List<List<String>> rows = new ArrayList<>(table.getItems().size());
        for (int i = 0; i < table.getItems().size(); i++) {
            row.updateIndex(i);
            List<String> texts = new ArrayList<>(columns.size());
            for (int c = 0; c < columns.size(); c++) {
                TableCell<S, ?> cell = cells.get(c);
                cell.updateIndex(-1);
                cell.updateIndex(i);
                texts.add(text(cell, columns.get(c).getCellData(i)));
            }
            rows.add(texts);
        }
        return new Shown(header, rows);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <S> TableCell<S, ?> cell(TableView<S> table, TableRow<S> row, TableColumn<S, ?> column) {
        TableCell<S, ?> cell = (TableCell<S, ?>) ((TableColumn) column).getCellFactory().call(column);
        cell.updateTableView(table);
        cell.updateTableColumn((TableColumn) column);
        cell.updateTableRow(row);
        return cell;
    }

    /**
     * What the cell shows: its own text, else the text drawn in its graphic (a status badge's label, a load bar's
     * "4/10 · 6.5 kg"), else nothing: a cell blank on screen is blank in the file (never the row's internals).
     */
    private static String text(TableCell<?, ?> cell, Object value) {
        if (cell.getText() != null && !cell.getText().isEmpty()) {
            return cell.getText();
        }
        if (cell.getGraphic() != null) {
            return shownText(cell.getGraphic());
        }
        return "";
    }

    /** The visible texts in a graphic, in order, joined by a space. */
    private static String shownText(javafx.scene.Node node) {
        if (!node.isVisible()) {
            return "";
        }
        if (node instanceof Labeled labeled) {
            return labeled.getText() == null ? "" : labeled.getText();
        }
        if (node instanceof javafx.scene.text.Text text) {
            return text.getText() == null ? "" : text.getText();
        }
        if (node instanceof javafx.scene.Parent parent) {
            return String.join(" ", parent.getChildrenUnmodifiable().stream().map(TableExport::shownText)
                    .filter(t -> !t.isEmpty()).toList());
        }
        return "";
    }
}
